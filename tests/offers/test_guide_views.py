"""The public Familienwegweiser as an anonymous visitor: only what is published, filters,
bad input, the offer page with JSON-LD and map, cache headers, constant query counts."""

from __future__ import annotations

import json
import re
from datetime import timedelta

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from sozialraum.offers import proposals
from sozialraum.offers.models import OfferStatus
from tests.conftest import municipality
from tests.helpers import assert_queries_constant
from tests.offers.conftest import make_offer, make_provider, make_public_space, topic

pytestmark = pytest.mark.django_db


def guide_url(office, **query) -> str:
    url = reverse("offers:guide", kwargs={"office_slug": office.slug})
    if query:
        from urllib.parse import urlencode

        url += "?" + urlencode(query)
    return url


def titles(response) -> list[str]:
    return re.findall(
        r'class="kern-title sr-card-title"[^>]*><a [^>]*>([^<]+)</a>', response.content.decode()
    )


@pytest.fixture
def guide_world(
    office_a, office_b, coordinator, coordinator_b, provider_a, provider_b, org_a, carrier_editor
):
    """Office A with public, draft, hidden, expired and proposed offers; office B with one."""
    today = timezone.localdate()
    beratung, fruehe = topic(office_a, "Beratung"), topic(office_a, "Frühe Hilfen")
    offers = {
        "krabbel": make_offer(
            office_a,
            coordinator,
            "Krabbelgruppe Lindenhof",
            provider_a,
            topics=[fruehe],
            target_groups=["eltern", "kinder"],
            age_from=0,
            age_until=3,
            is_free=True,
            municipality=municipality("03358002"),
            languages=["de", "tr"],
        ),
        "beratung": make_offer(
            office_a,
            coordinator,
            "Erziehungsberatung Wegweiser",
            provider_a,
            topics=[beratung],
            target_groups=["eltern"],
            age_until=21,
            step_free=True,
            costs="nach Einkommen",
        ),
        "schwimm": make_offer(
            office_a,
            coordinator,
            "Schwimmkurs Seepferdchen",
            provider_a,
            age_from=5,
            age_until=8,
            costs="45 €",
        ),
    }
    make_offer(office_a, coordinator, "Geheimer Entwurf", provider_a, status=OfferStatus.DRAFT)
    make_offer(office_a, coordinator, "Verborgenes Angebot", provider_a, status=OfferStatus.HIDDEN)
    make_offer(
        office_a,
        coordinator,
        "Abgelaufenes Angebot",
        provider_a,
        valid_from=today - timedelta(days=60),
        valid_until=today - timedelta(days=1),
    )
    own = make_offer(office_a, coordinator, "Elterncafé Heideblick", org_a)
    proposals.propose_offer_change(
        offer=own, actor=carrier_editor, data={"title": "Vorgeschlagener Titel"}
    )
    make_offer(office_b, coordinator_b, "Schwimmkurs Weserbogen", provider_b)
    return offers  # fmt: skip


NEVER = (
    "Geheimer Entwurf",
    "Verborgenes Angebot",
    "Abgelaufenes Angebot",
    "Vorgeschlagener Titel",
    "Schwimmkurs Weserbogen",
)


def test_it_shows_the_published_offers_of_the_office_only(client, office_a, guide_world):
    response = client.get(guide_url(office_a))
    assert response.status_code == 200
    assert sorted(titles(response)) == [
        "Elterncafé Heideblick",
        "Erziehungsberatung Wegweiser",
        "Krabbelgruppe Lindenhof",
        "Schwimmkurs Seepferdchen",
    ]
    body = response.content.decode()
    for title in NEVER:
        assert title not in body


def test_it_answers_404_for_a_draft_or_another_offices_offer(
    client, office_a, office_b, guide_world
):
    from sozialraum.offers.models import Offer

    for offer in Offer.objects.exclude(pk__in=[o.pk for o in Offer.objects.public(office_a)]):
        url = reverse("offers:public_offer", kwargs={"office_slug": office_a.slug, "pk": offer.pk})
        assert client.get(url).status_code == 404, offer.title
    krabbel = guide_world["krabbel"]
    url = reverse("offers:public_offer", kwargs={"office_slug": office_b.slug, "pk": krabbel.pk})
    assert client.get(url).status_code == 404
    assert client.get("/kein-amt/wegweiser/").status_code == 404


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"q": "schwimm"}, ["Schwimmkurs Seepferdchen"]),
        (
            {"alter": "2"},
            ["Elterncafé Heideblick", "Erziehungsberatung Wegweiser", "Krabbelgruppe Lindenhof"],
        ),
        (
            {"alter": "6"},
            ["Elterncafé Heideblick", "Erziehungsberatung Wegweiser", "Schwimmkurs Seepferdchen"],
        ),
        ({"fuer": "kinder"}, ["Krabbelgruppe Lindenhof"]),
        ({"kostenlos": "on"}, ["Krabbelgruppe Lindenhof"]),
        ({"barrierefrei": "on"}, ["Erziehungsberatung Wegweiser"]),
        ({"sprache": "tr"}, ["Krabbelgruppe Lindenhof"]),
    ],
)
def test_it_filters(client, office_a, guide_world, query, expected):
    response = client.get(guide_url(office_a, **query))
    assert sorted(titles(response)) == expected


def test_it_filters_by_topic_and_municipality(client, office_a, guide_world):
    beratung = topic(office_a, "Beratung")
    assert titles(client.get(guide_url(office_a, thema=beratung.pk))) == [
        "Erziehungsberatung Wegweiser"
    ]
    bispingen = municipality("03358002")
    response = client.get(guide_url(office_a, gemeinde=bispingen.pk))
    assert titles(response) == ["Krabbelgruppe Lindenhof"]
    assert "Bispingen" in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        {"alter": "zwei"},
        {"alter": "200"},
        {"thema": "999999999999999999999999"},
        {"fuer": "rentner"},
        {"sprache": "xx"},
        {"raum": "-1"},
        {"gemeinde": "abc"},
        {"seite": "9999"},
        {"seite": "x"},
    ],
)
def test_it_ignores_unknown_filter_values_with_a_note(client, office_a, guide_world, query):
    response = client.get(guide_url(office_a, **query))
    assert response.status_code == 200
    body = response.content.decode()
    if "seite" not in query:
        assert "nicht verstanden und deshalb nicht beachtet" in body
        assert len(titles(response)) == 4


@pytest.mark.parametrize(
    "q",
    [
        "x" * 5000,
        '"AND" OR *',
        "'; DROP TABLE offers_offer; --",
        "😀👶",
        "der die das",
        "%_",
        "\u200b",
    ],
)
def test_it_answers_any_query_with_a_normal_page(client, office_a, guide_world, q):
    response = client.get(guide_url(office_a, q=q))
    assert response.status_code == 200
    assert "Angebote suchen" in response.content.decode()


def test_it_says_what_to_try_when_nothing_is_found(client, office_a, guide_world):
    body = client.get(guide_url(office_a, q="Segelflug")).content.decode()
    assert "Wir haben leider nichts gefunden." in body
    assert "Alle Angebote zeigen" in body


def test_it_lets_browsers_and_proxies_keep_the_public_pages_briefly(client, office_a, guide_world):
    client.get(guide_url(office_a))  # the first answer sets the CSRF cookie: private
    response = client.get(guide_url(office_a))
    assert response["Cache-Control"] == "public, max-age=300"
    offer = guide_world["krabbel"]
    assert client.get(offer.get_public_url())["Cache-Control"] == "public, max-age=300"


def test_it_never_caches_the_guide_for_a_logged_in_person(
    client_for, coordinator, office_a, guide_world
):
    response = client_for(coordinator).get(guide_url(office_a))
    assert response["Cache-Control"] == "no-store, private"


def test_it_refuses_a_post(client, office_a):
    assert client.post(guide_url(office_a)).status_code == 405


def test_it_describes_the_offer_as_schema_org_json_ld(client, office_a, guide_world):
    offer = guide_world["krabbel"]
    body = client.get(offer.get_public_url()).content.decode()
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', body, re.S)
    assert match is not None
    data = json.loads(match.group(1))
    assert data["@type"] == "Service"
    assert data["name"] == "Krabbelgruppe Lindenhof"
    assert data["provider"]["name"] == "Familienzentrum Lindenhof"
    assert data["areaServed"] == [{"@type": "AdministrativeArea", "name": "Bispingen"}]
    assert data["audience"] == {
        "@type": "PeopleAudience",
        "suggestedMinAge": 0,
        "suggestedMaxAge": 3,
    }


def test_it_describes_an_offer_with_dates_as_event_and_escapes_the_script(
    client, office_a, coordinator, provider_a
):
    offer = make_offer(
        office_a, coordinator, "Kurs </script><b>laut</b>", provider_a,
        dates=[timezone.now() + timedelta(days=3)], city="Soltau", street="Markt 1",
    )  # fmt: skip
    body = client.get(offer.get_public_url()).content.decode()
    assert "</script><b>" not in body
    data = json.loads(re.search(r'ld\+json">(.*?)</script>', body, re.S).group(1))
    assert data["@type"] == "Event" and data["name"] == "Kurs </script><b>laut</b>"
    assert data["location"]["address"]["addressLocality"] == "Soltau"


def test_it_shows_the_map_only_with_coordinates_and_a_tile_server(
    client, office_a, coordinator, provider_a
):
    from decimal import Decimal

    offer = make_offer(
        office_a, coordinator, "Kurs", provider_a,
        latitude=Decimal("52.9866"), longitude=Decimal("9.843"), street="Markt 1", city="Soltau",
    )  # fmt: skip
    body = client.get(offer.get_public_url()).content.decode()
    assert 'id="karte"' not in body and "leaflet.js" not in body
    assert "openstreetmap.org/?mlat=52.986600" in body  # the address and a link instead
    with override_settings(MAP_TILES="https://tile.example.org/{z}/{x}/{y}.png"):
        body = client.get(offer.get_public_url()).content.decode()
    assert 'id="karte"' in body and "leaflet.js" in body
    assert 'data-tiles="https://tile.example.org/{z}/{x}/{y}.png"' in body


def test_it_allows_the_tile_host_in_the_csp_only_when_configured(monkeypatch):
    import importlib

    import sozialraum.settings as project_settings

    assert "tile" not in project_settings.CONTENT_SECURITY_POLICY
    monkeypatch.setenv("SOZIALRAUM_MAP_TILES", "https://{s}.tile.example.org/{z}/{x}/{y}.png")
    try:
        reloaded = importlib.reload(project_settings)
        assert (
            "img-src 'self' data: https://*.tile.example.org;" in reloaded.CONTENT_SECURITY_POLICY
        )
    finally:
        monkeypatch.delenv("SOZIALRAUM_MAP_TILES")
        importlib.reload(project_settings)


def test_it_links_the_easy_language_page(client, office_a):
    body = client.get(guide_url(office_a)).content.decode()
    url = reverse("offers:easy_language", kwargs={"office_slug": office_a.slug})
    assert url in body
    page = client.get(url).content.decode()
    assert "Was ist ein Filter?" in page


def test_it_shows_a_social_space_page_only_when_it_is_public(
    client, office_a, coordinator, provider_a, space_a
):
    url = reverse("offers:public_space", kwargs={"office_slug": office_a.slug, "pk": space_a.pk})
    assert client.get(url).status_code == 404  # nothing is public by default
    space = make_public_space(office_a, coordinator, "Nordheide", "Wir helfen Familien.")
    provider_a.social_spaces.add(space)
    secret = make_provider(office_a, coordinator, "Verein ohne Freigabe", is_public=False)
    secret.social_spaces.add(space)
    make_offer(office_a, coordinator, "Krabbelgruppe", provider_a, social_spaces=[space])
    make_offer(
        office_a,
        coordinator,
        "Entwurf hier",
        provider_a,
        social_spaces=[space],
        status=OfferStatus.DRAFT,
    )
    url = reverse("offers:public_space", kwargs={"office_slug": office_a.slug, "pk": space.pk})
    body = client.get(url).content.decode()
    assert "Wir helfen Familien." in body and "Familienzentrum Lindenhof" in body
    assert "Krabbelgruppe" in body
    assert "Verein ohne Freigabe" not in body and "Entwurf hier" not in body
    assert "Soltau/Wietzendorf" not in client.get(guide_url(office_a)).content.decode()


def grow(office, coordinator, provider, count: int):
    def add():
        beratung = topic(office, "Beratung")
        for n in range(count):
            make_offer(
                office, coordinator, f"Angebot {n}", provider, topics=[beratung],
                target_groups=["eltern"], municipality=municipality("03358021"),
            )  # fmt: skip

    return add


def test_it_loads_the_start_page_with_constant_queries(
    client, office_a, coordinator, provider_a, guide_world
):
    # office, municipality ids (cached, counted here as a miss), count, page, topics of the
    # cards; the filters' spaces (also the list of public spaces), topics, municipalities (each
    # cached per data version, counted here as misses)
    assert_queries_constant(
        client, guide_url(office_a), grow(office_a, coordinator, provider_a, 25), expected=8
    )


def test_it_loads_a_filtered_search_with_constant_queries(
    client, office_a, coordinator, provider_a, guide_world
):
    url = guide_url(office_a, q="Angebot", fuer="eltern", alter="4")
    # "Angebot" is no searchable word (every offer is one): office, municipality ids, count,
    # page, topics of the cards; the filters' spaces, topics, municipalities (cache misses here)
    assert_queries_constant(client, url, grow(office_a, coordinator, provider_a, 25), expected=8)


def test_it_loads_an_offer_page_with_constant_queries(
    client, office_a, guide_world, coordinator, provider_a
):
    offer = guide_world["krabbel"]
    # office, offer, topics, spaces, target groups, languages, dates
    assert_queries_constant(
        client, offer.get_public_url(), grow(office_a, coordinator, provider_a, 5), expected=7
    )


def test_it_counts_once_per_data_version_and_caps_the_pages(
    client, office_a, coordinator, provider_a, guide_world
):
    from sozialraum.offers import services
    from sozialraum.offers.guide_views import MAX_PAGES, PAGE_SIZE

    assert "4 Angebote" in client.get(guide_url(office_a)).content.decode()
    services.set_offer_status(
        offer=guide_world["schwimm"], actor=coordinator, status=OfferStatus.HIDDEN
    )  # an audited change: a new data version, a new count
    assert "3 Angebote" in client.get(guide_url(office_a)).content.decode()
    for n in range(PAGE_SIZE * 2):
        make_offer(office_a, coordinator, f"Kurs {n:02d}", provider_a)
    response = client.get(guide_url(office_a, seite=str(MAX_PAGES + 5)))
    assert response.status_code == 200
    assert response.context["page"].number == response.context["page"].paginator.num_pages


def test_it_shows_an_offer_on_its_first_and_last_day_only_while_it_is_confirmed(
    client, office_a, coordinator, provider_a
):
    from sozialraum.offers.models import Offer, hidden_after_deadline

    today = timezone.localdate()
    shown = [
        make_offer(office_a, coordinator, "Ab heute", provider_a, valid_from=today),
        make_offer(office_a, coordinator, "Bis heute", provider_a, valid_until=today),
    ]
    hidden = [
        make_offer(
            office_a, coordinator, "Ab morgen", provider_a, valid_from=today + timedelta(days=1)
        ),
        make_offer(office_a, coordinator, "Lange nicht bestätigt", provider_a),
    ]
    Offer.objects.filter(pk=hidden[1].pk).update(
        confirmed_at=hidden_after_deadline() - timedelta(minutes=1)
    )
    for offer in shown:
        assert client.get(offer.get_public_url()).status_code == 200, offer.title
    for offer in hidden:
        assert client.get(offer.get_public_url()).status_code == 404, offer.title


def test_it_answers_404_to_a_number_no_offer_can_have(client, office_a):
    url = reverse(
        "offers:public_offer", kwargs={"office_slug": office_a.slug, "pk": 99999999999999999999}
    )
    assert client.get(url).status_code == 404
