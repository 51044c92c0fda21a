"""The Familienwegweiser in a real browser: every public and internal page through axe-core at
1280 and 320 px, a parent on a 320 px phone searching and opening an offer by keyboard alone,
the offer page without JavaScript, the map from a configured tile server."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.test import override_settings

from sozialraum.offers import proposals
from sozialraum.offers.models import Offer, OfferChange, OfferStatus
from sozialraum.regions.models import SocialSpace
from tests.browser.conftest import NARROW, WIDE, assert_page_accessible, log_in
from tests.conftest import municipality
from tests.offers.conftest import make_offer, make_provider, make_public_space, topic

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

COORDINATOR = "koordination@heidekreis.example"
EDITOR = "traeger@heidekreis.example"
H = "/heidekreis"

FOCUSED = """() => {
  const e = document.activeElement;
  return e ? {tag: e.tagName.toLowerCase(), id: e.id, name: e.getAttribute('name'),
              href: e.getAttribute('href'), text: (e.innerText || '').trim()} : null;
}"""


@dataclass
class Guide:
    krabbel: Offer
    beratung: Offer
    draft: Offer
    change: OfferChange
    space: SocialSpace
    private_space: SocialSpace


@pytest.fixture
def guide(world, org_a, carrier_editor) -> Guide:
    office, coordinator = world.office_a, world.coordinator
    provider = make_provider(office, coordinator, "Familienzentrum Lindenhof", city="Bispingen")
    space = make_public_space(
        office, coordinator, "Nordheide", "Wir sind Kitas, Schulen und Beratungsstellen."
    )
    provider.social_spaces.add(space)
    krabbel = make_offer(
        office,
        coordinator,
        "Krabbelgruppe „Kleine Entdecker“",
        provider,
        description="Eltern mit Babys treffen sich zum Spielen, Singen und Austauschen.",
        topics=[topic(office, "Frühe Hilfen")],
        target_groups=["eltern", "kinder"],
        age_from=0,
        age_until=3,
        is_free=True,
        municipality=municipality("03358002"),
        social_spaces=[space],
        street="Lindenstraße 14",
        postcode="29646",
        city="Bispingen",
        latitude=Decimal("53.0834"),
        longitude=Decimal("9.998"),
        phone="05194 123 45",
        email="kontakt@lindenhof.example",
        schedule="dienstags 9:30 bis 11 Uhr",
        languages=["de", "tr"],
        step_free=True,
    )
    beratung = make_offer(
        office,
        coordinator,
        "Erziehungsberatung für Eltern und Jugendliche",
        provider,
        topics=[topic(office, "Beratung")],
        target_groups=["eltern", "jugendliche"],
        age_until=21,
        costs="kostenlos für alle",
    )
    for n in range(25):
        make_offer(office, coordinator, f"Elternkurs Nummer {n + 1}", provider)
    draft = make_offer(
        office, coordinator, "Elterncafé Heideblick", org_a, status=OfferStatus.PUBLISHED
    )
    change = proposals.propose_offer_change(
        offer=draft, actor=carrier_editor, data={"schedule": "mittwochs 15 Uhr"}
    )
    return Guide(krabbel, beratung, draft, change, space, world.space_a)


def submit_main_form(page) -> None:
    with page.expect_navigation():
        page.evaluate("document.querySelector('main form.sr-form').submit()")


@dataclass(frozen=True)
class Page:
    name: str
    path: Callable[[Guide], str]
    as_user: str | None = None
    prepare: Callable | None = None

    def __str__(self) -> str:
        return self.name


PAGES = [
    Page("guide start", lambda g: f"{H}/wegweiser/"),
    Page("guide search", lambda g: f"{H}/wegweiser/?q=eltern&alter=2&fuer=eltern"),
    Page("guide page 2", lambda g: f"{H}/wegweiser/?seite=2"),
    Page("guide nothing found", lambda g: f"{H}/wegweiser/?q=segelflug"),
    Page("guide ignored filter", lambda g: f"{H}/wegweiser/?alter=zwei&thema=x"),
    Page("guide hints", lambda g: f"{H}/wegweiser/?q=Erziehungsberatnug+Xylophon"),
    Page("guide nothing searchable", lambda g: f"{H}/wegweiser/?q=der+die+das"),
    Page("guide nothing found with a filter", lambda g: f"{H}/wegweiser/?q=segelflug&alter=3"),
    Page("guide offer", lambda g: f"{H}/wegweiser/{g.krabbel.pk}/"),
    Page("guide offer without address", lambda g: f"{H}/wegweiser/{g.beratung.pk}/"),
    Page("guide easy language", lambda g: f"{H}/wegweiser/leichte-sprache/"),
    Page("guide social space", lambda g: f"{H}/wegweiser/raeume/{g.space.pk}/"),
    Page("offers list", lambda g: f"{H}/angebote/", COORDINATOR),
    Page("offer", lambda g: f"{H}/angebote/{g.draft.pk}/", COORDINATOR),
    Page("offer (carrier editor)", lambda g: f"{H}/angebote/{g.draft.pk}/", EDITOR),
    Page("offer form", lambda g: f"{H}/angebote/{g.krabbel.pk}/bearbeiten/", COORDINATOR),
    Page("offer form with errors", lambda g: f"{H}/angebote/neu/", COORDINATOR, submit_main_form),
    Page("offer proposal form", lambda g: f"{H}/angebote/{g.draft.pk}/vorschlagen/", EDITOR),
    Page("offer proposals", lambda g: f"{H}/angebote/vorschlaege/", COORDINATOR),
    Page(
        "offer proposal review", lambda g: f"{H}/angebote/vorschlaege/{g.change.pk}/", COORDINATOR
    ),
    Page("space pages", lambda g: f"{H}/angebote/raeume/", COORDINATOR),
    Page("space page form", lambda g: f"{H}/angebote/raeume/{g.private_space.pk}/", COORDINATOR),
]


@pytest.mark.parametrize("spec", PAGES, ids=str)
def test_it_has_no_serious_accessibility_violation(spec: Page, guide, new_page):
    for width in (WIDE, NARROW):
        page = new_page(width)
        if spec.as_user:
            log_in(page, spec.as_user)
        response = page.goto(spec.path(guide))
        assert response is not None and response.status == 200, f"{spec}: {response.status}"
        if spec.prepare:
            spec.prepare(page)
        assert_page_accessible(page, f"wegweiser {spec.name}")


def press_tab_until(page, predicate, limit: int = 60) -> dict:
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if predicate(focused):
            return focused
        seen.append(focused)
    raise AssertionError(f"never reached the element by Tab; focus went through {seen}")


def test_it_lets_a_parent_on_a_phone_search_and_open_an_offer_by_keyboard(guide, new_page):
    page = new_page(NARROW)
    page.goto(f"{H}/wegweiser/")
    press_tab_until(page, lambda f: f and f["name"] == "q")
    page.keyboard.type("Krabbelgruppe")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "q=Krabbelgruppe" in page.url
    assert "1 Angebot gefunden" in page.get_by_role("status").first.inner_text()
    assert_page_accessible(page, "wegweiser parent search")
    press_tab_until(page, lambda f: f and f["tag"] == "a" and "Kleine Entdecker" in f["text"])
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(f"/wegweiser/{guide.krabbel.pk}/")
    heading = page.get_by_role("heading", level=1)
    assert heading.inner_text() == "Krabbelgruppe „Kleine Entdecker“"
    contact = page.locator("section", has=page.get_by_role("heading", name="Kontakt"))
    assert "05194 123 45" in contact.inner_text()
    assert "kontakt@lindenhof.example" in contact.inner_text()
    assert page.locator("#karte").count() == 0  # no tile server configured: no map
    assert page.get_by_role("link", name="Ort auf OpenStreetMap ansehen").count() == 1
    assert_page_accessible(page, "wegweiser parent offer")


def test_it_filters_on_a_phone(guide, new_page):
    page = new_page(NARROW)
    page.goto(f"{H}/wegweiser/")
    page.get_by_text("Filter: Thema, Alter, Ort und mehr").click()
    page.get_by_label("Alter des Kindes (in Jahren)").fill("15")
    page.get_by_label("nur kostenlose Angebote").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Filter anwenden").click()
    assert "0 Angebote gefunden" in page.get_by_role("status").first.inner_text()
    page.get_by_label("nur kostenlose Angebote").uncheck()
    page.get_by_label("Für wen?").select_option(label="Jugendliche")
    with page.expect_navigation():
        page.get_by_role("button", name="Filter anwenden").click()
    cards = page.locator(".sr-offer-card h3").all_inner_texts()
    assert cards == ["Erziehungsberatung für Eltern und Jugendliche"]


def test_it_shows_the_complete_offer_page_without_javascript(guide, chromium, live_server):
    context = chromium.new_context(
        java_script_enabled=False, base_url=live_server.url, locale="de-DE"
    )
    try:
        page = context.new_page()
        page.goto(f"{H}/wegweiser/?q=krabbel")
        page.get_by_role("link", name="Krabbelgruppe „Kleine Entdecker“").click()
        page.wait_for_load_state()
        text = page.locator("main").inner_text()
        for part in (
            "Lindenstraße 14",
            "05194 123 45",
            "dienstags 9:30 bis 11 Uhr",
            "0 bis 3 Jahre",
        ):
            assert part in text
        assert page.get_by_role("button", name="Seite drucken").count() == 0  # needs JS
    finally:
        context.close()


def test_it_never_shows_a_draft_or_a_pending_change_to_the_public(guide, new_page):
    page = new_page(WIDE)
    page.goto(f"{H}/wegweiser/?q=Elterncaf")
    assert "Elterncafé Heideblick" in page.locator("main").inner_text()
    page.get_by_role("link", name="Elterncafé Heideblick").click()
    page.wait_for_load_state()
    assert "mittwochs 15 Uhr" not in page.content()
    Offer.objects.filter(pk=guide.draft.pk).update(status=OfferStatus.DRAFT)
    # A new visitor (the first one keeps the page up to PUBLIC_MAX_AGE in the browser cache).
    response = new_page(WIDE).goto(f"{H}/wegweiser/{guide.draft.pk}/")
    assert response is not None and response.status == 404


def test_it_shows_the_map_from_the_configured_tile_server(guide, new_page, live_server):
    # Tiles from the live server itself ('self' in the CSP); they need not exist for the test.
    with override_settings(MAP_TILES=f"{live_server.url}/static/kacheln/{{z}}/{{x}}/{{y}}.png"):
        for width in (WIDE, NARROW):
            page = new_page(width)
            page.goto(f"{H}/wegweiser/{guide.krabbel.pk}/")
            page.locator("#karte.leaflet-container").wait_for()
            assert page.locator("#karte .leaflet-marker-icon").count() == 1
            assert page.get_by_role("button", name="Seite drucken").is_visible()
            assert_page_accessible(page, "wegweiser offer with map")
