"""offers.guide_search: the guide's ranked ids, capped and kept per office data version, and
the hints the results page gives (relaxed, "Meinten Sie …?", synonyms, nothing searchable)."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sozialraum.offers import guide_search, selectors, services
from sozialraum.offers.models import Offer, OfferStatus
from sozialraum.offers.search import apply, search
from sozialraum.offers.search_models import OfferSynonym
from tests.offers.conftest import make_offer, topic

pytestmark = pytest.mark.django_db


def guide_url(office, **query) -> str:
    from urllib.parse import urlencode

    return reverse("offers:guide", kwargs={"office_slug": office.slug}) + "?" + urlencode(query)


def ranked(office, q: str, **filters):
    offers = selectors.guide_offers(office, **filters)
    return guide_search.ranked(office, offers, q, {"q": q, **filters})


@pytest.fixture
def courses(office_a, coordinator, provider_a):
    return [
        make_offer(office_a, coordinator, "Schwimmkurs für Kinder", provider_a),
        make_offer(office_a, coordinator, "Erziehungsberatung", provider_a),
        make_offer(
            office_a,
            coordinator,
            "Elterncafé",
            provider_a,
            description="Mit Beratung zur Erziehung",
        ),
    ]


def test_it_ranks_like_the_search_and_reuses_the_list(office_a, courses):
    office_a.refresh_from_db()
    expected = list(
        apply(Offer.objects.public(office_a), search(Offer.objects.none(), "Beratung", office_a)[1])
        .values_list("pk", flat=True)
    )  # fmt: skip
    first = ranked(office_a, "Beratung")
    assert first.ids == expected == [courses[1].pk, courses[2].pk]
    assert first.count == 2 and not first.more
    with CaptureQueriesContext(connection) as queries:
        again = ranked(office_a, "  beratung ")  # the same search as typed differently
    assert again.ids == first.ids
    assert len(queries) == 0


def test_it_a_change_of_the_office_is_a_new_list(office_a, coordinator, provider_a, courses):
    office_a.refresh_from_db()
    assert ranked(office_a, "Beratung").count == 2
    make_offer(office_a, coordinator, "Familienberatung am Markt", provider_a)
    office_a.refresh_from_db()
    assert ranked(office_a, "Beratung").count == 3


def test_it_an_unaudited_change_of_the_index_is_a_new_list_too(office_a, courses):
    office_a.refresh_from_db()
    assert ranked(office_a, "Segelkurs").count == 0
    Offer.objects.filter(pk=courses[0].pk).update(title="Segelkurs")
    from sozialraum.offers.search_index import index_offers

    index_offers([courses[0].pk])
    office_a.refresh_from_db()
    assert ranked(office_a, "Segelkurs").ids == [courses[0].pk]


def test_it_keeps_the_filters_apart(office_a, courses):
    beratung = topic(office_a, "Beratung")
    courses[2].topics.add(beratung)
    office_a.refresh_from_db()
    assert ranked(office_a, "Beratung").count == 2
    assert ranked(office_a, "Beratung", topic=beratung).ids == [courses[2].pk]


def test_it_caps_the_list_and_says_so(client, office_a, courses, monkeypatch):
    monkeypatch.setattr(guide_search, "LIMIT", 1)
    office_a.refresh_from_db()
    result = ranked(office_a, "Beratung")
    assert result.ids == [courses[1].pk] and result.more
    cache.clear()
    body = client.get(guide_url(office_a, q="Beratung")).content.decode()
    assert "Mehr als 1 Angebote gefunden" in body
    assert "Mit einem weiteren Wort oder einem Filter" in body


def test_it_a_kept_list_never_shows_what_is_no_longer_public(
    client, office_a, coordinator, courses
):
    assert "Erziehungsberatung" in client.get(guide_url(office_a, q="Beratung")).content.decode()
    # Hidden without a new data version (as if the list were kept from before the change).
    Offer.objects.filter(pk=courses[1].pk).update(status=OfferStatus.DRAFT)
    body = client.get(guide_url(office_a, q="Beratung")).content.decode()
    assert "Erziehungsberatung" not in body and "Elterncafé" in body


def test_it_says_when_it_relaxed_the_query(client, office_a, courses):
    body = client.get(guide_url(office_a, q="Schwimmkurs Xylophon")).content.decode()
    assert "Keine Angebote mit allen Wörtern gefunden; gezeigt werden Angebote mit einem der " in (
        body
    )
    assert "Schwimmkurs für Kinder" in body


def test_it_asks_meinten_sie_for_a_corrected_typo(client, office_a, courses):
    response = client.get(guide_url(office_a, q="Erziehungsberatnug Soltau"))
    body = response.content.decode()
    assert "Erziehungsberatung" in body
    assert "Meinten Sie „erziehungsberatung Soltau“?" in body
    assert "?q=erziehungsberatung%20Soltau" in body
    hints = response.context["hints"]
    assert [(s.typed, s.word) for s in hints.suggestions] == [
        ("Erziehungsberatnug", "erziehungsberatung")
    ]


def test_it_names_the_synonym_it_searched_for(client, office_a, coordinator, provider_a):
    make_offer(office_a, coordinator, "Seepferdchen im Hallenbad", provider_a)
    OfferSynonym.objects.create(youth_office=office_a, word="Schwimmkurs", synonym="Seepferdchen")
    body = client.get(guide_url(office_a, q="Schwimmkurs")).content.decode()
    assert "Seepferdchen im Hallenbad" in body
    assert (
        "Wir haben auch nach „Seepferdchen“ gesucht, weil es dasselbe bedeutet wie „Schwimmkurs“"
        in (body)
    )


@pytest.mark.parametrize("q", ["der die das", "und oder", '"" * AND', "😀👶", "?!"])
def test_it_explains_a_query_with_nothing_to_search_for(client, office_a, courses, q):
    response = client.get(guide_url(office_a, q=q))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Ihre Suche enthält kein Wort, nach dem wir suchen können" in body
    assert "3 Angebote gefunden" in body  # every offer, as without a query


@pytest.mark.parametrize(
    "q",
    [
        "x" * 5000,
        "Beratung " * 700,
        "'; DROP TABLE offers_offer; --",
        "1 OR 1=1",
        "beratung NEAR(kinder) title_terms:x",
        '"Beratung',
        "Beratung*",
        "Kita 😀",
        "\x01\x02\u200b",  # (NUL is refused with 400 by the middleware, for every page)
        "SELECT * FROM offers_offer WHERE 1=1 UNION SELECT password FROM accounts_user",
    ],
)
def test_it_any_query_gives_a_normal_page(client, office_a, courses, q):
    response = client.get(guide_url(office_a, q=q, seite="2"))
    assert response.status_code == 200
    assert "Angebote suchen" in response.content.decode()


def test_it_an_empty_result_gives_helpful_hints(client, office_a, courses):
    beratung = topic(office_a, "Beratung")
    body = client.get(guide_url(office_a, q="Schwimmkurs", thema=str(beratung.pk))).content.decode()
    assert "Wir haben leider nichts gefunden." in body
    assert "Prüfen Sie die Schreibweise" in body
    assert "Lassen Sie einen Filter weg" in body
    assert 'href="/' + office_a.slug + '/wegweiser/?q=Schwimmkurs">Dieselbe Suche ohne Filter' in (
        body
    )
    assert "Alle Angebote zeigen" in body


def test_it_pages_through_the_kept_list(client, office_a, coordinator, provider_a, monkeypatch):
    from sozialraum.offers import guide_views

    monkeypatch.setattr(guide_views, "PAGE_SIZE", 2)
    for n in range(5):
        make_offer(office_a, coordinator, f"Beratung {n}", provider_a)
    first = client.get(guide_url(office_a, q="Beratung")).context["page"]
    third = client.get(guide_url(office_a, q="Beratung", seite="3")).context["page"]
    assert [o["title"] for o in first.object_list] == ["Beratung 0", "Beratung 1"]
    assert [o["title"] for o in third.object_list] == ["Beratung 4"]
    assert third.paginator.num_pages == 3
    services.set_offer_status(offer=Offer.objects.get(title="Beratung 4"), actor=coordinator,
                              status=OfferStatus.HIDDEN)  # fmt: skip
    assert client.get(guide_url(office_a, q="Beratung")).context["page"].paginator.count == 4
