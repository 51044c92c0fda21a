"""GET /api/v1/offers/: public, published offers only, relevance order, pages, 429."""

import pytest
from django.core.cache import cache
from django.test import override_settings

from sozialraum.network.models import Organisation, OrganisationKind
from sozialraum.offers.models import Offer, OfferStatus, OfferTopic, PublicSpacePage
from tests.helpers import assert_queries_constant

URL = "/api/v1/offers/"


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()


@pytest.fixture
def provider(office_a):
    return Organisation.objects.create(
        youth_office=office_a, name="Beratungsstelle Heide", kind=OrganisationKind.FREE_CARRIER
    )


def make(office, provider, title, status=OfferStatus.PUBLISHED, **fields):
    fields.setdefault("description", "")
    return Offer.objects.create(
        youth_office=office, organisation=provider, title=title, status=status, **fields
    )


def test_it_lists_published_offers_without_login(client, office_a, provider, space_a):
    PublicSpacePage.objects.create(youth_office=office_a, social_space=space_a, is_public=True)
    topic = OfferTopic.objects.create(youth_office=office_a, name="Beratung")
    offer = make(office_a, provider, "Erziehungsberatung", age_from=0, age_until=18)
    offer.topics.add(topic)
    offer.social_spaces.add(space_a)
    make(office_a, provider, "Entwurf: Beratung", status=OfferStatus.DRAFT)
    response = client.get(URL, {"youth_office": "heidekreis", "q": "beratung"})
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 1
    [result] = data["results"]
    assert result == {
        "id": offer.pk,
        "title": "Erziehungsberatung",
        "organisation": "Beratungsstelle Heide",
        "topics": ["Beratung"],
        "target_groups": [],
        "social_spaces": [space_a.name],
        "age_from": 0,
        "age_until": 18,
        "city": "",
        "is_free": False,
        "url": f"http://testserver/heidekreis/wegweiser/{offer.pk}/",
    }


def test_it_names_only_public_social_spaces(client, office_a, provider, space_a):
    offer = make(office_a, provider, "Babytreff")
    offer.social_spaces.add(space_a)
    [result] = client.get(URL, {"youth_office": "heidekreis"}).json()["results"]
    assert result["social_spaces"] == []


def test_it_answers_in_relevance_order_with_pages(client, office_a, provider):
    make(office_a, provider, "Elterncafé", description="Mit Erziehungsberatung")
    make(office_a, provider, "Erziehungsberatung")
    for number in range(25):
        make(office_a, provider, f"Kurs {number:02}", description="Erziehung")
    data = client.get(URL, {"youth_office": "heidekreis", "q": "Erziehung"}).json()
    assert data["count"] == 27
    assert data["pages"] == 2
    assert data["results"][0]["title"] == "Erziehungsberatung"
    second = client.get(URL, {"youth_office": "heidekreis", "q": "Erziehung", "page": 2}).json()
    assert second["page"] == 2
    assert len(second["results"]) == 7


def test_it_filters_and_names_what_it_ignored(client, office_a, provider):
    topic = OfferTopic.objects.create(youth_office=office_a, name="Freizeit")
    young = make(office_a, provider, "Krabbelgruppe", age_from=0, age_until=3)
    young.topics.add(topic)
    make(office_a, provider, "Jugendtreff", age_from=12, age_until=18)
    query = {"youth_office": "heidekreis"}
    assert [r["title"] for r in client.get(URL, {**query, "age": 2}).json()["results"]] == [
        "Krabbelgruppe"
    ]
    by_name = client.get(URL, {**query, "topic": "freizeit"}).json()
    assert [r["title"] for r in by_name["results"]] == ["Krabbelgruppe"]
    unknown = client.get(URL, {**query, "topic": "Gibt es nicht", "age": "abc"}).json()
    assert unknown["count"] == 2
    assert len(unknown["ignored"]) == 2


def test_it_never_shows_another_office(client, office_a, office_b, provider):
    make(office_a, provider, "Erziehungsberatung")
    assert client.get(URL, {"youth_office": "verden", "q": "beratung"}).json()["count"] == 0
    assert client.get(URL, {"youth_office": "gibt-es-nicht"}).status_code == 404
    assert client.get(URL).status_code == 422


@pytest.mark.parametrize(
    "q", ['"', "a AND b", "*", "'; DROP TABLE offers_offer; --", "🙂", "x" * 5000, "der die das"]
)
def test_it_answers_bad_queries(client, office_a, provider, q):
    make(office_a, provider, "Beratung")
    response = client.get(URL, {"youth_office": "heidekreis", "q": q, "page": "-1"})
    assert response.status_code == 200


@override_settings(OFFERS_API_RATE=3)
def test_it_limits_requests_per_client_address(client, office_a):
    for _ in range(3):
        assert client.get(URL, {"youth_office": "heidekreis"}).status_code == 200
    response = client.get(URL, {"youth_office": "heidekreis"})
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert "Zu viele Anfragen" in response.json()["detail"]
    other = client.get(URL, {"youth_office": "heidekreis"}, REMOTE_ADDR="10.0.0.2")
    assert other.status_code == 200


def test_it_is_in_the_openapi_document(client):
    document = client.get("/api/v1/openapi.json").json()
    operation = document["paths"]["/api/v1/offers/"]["get"]
    assert {p["name"] for p in operation["parameters"]} >= {
        "youth_office",
        "q",
        "topic",
        "target_group",
        "social_space",
        "age",
        "page",
    }
    assert not operation.get("security")


def test_it_runs_constant_queries(client, office_a, provider):
    make(office_a, provider, "Erziehungsberatung")

    def grow():
        for number in range(10):
            make(office_a, provider, f"Beratung {number}")

    url = f"{URL}?youth_office=heidekreis&q=beratung"
    assert_queries_constant(client, url, grow, expected=10)
