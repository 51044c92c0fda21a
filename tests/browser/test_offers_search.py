"""The search helper's pages in a real browser: the offer import (upload, preview with errors),
the synonyms page, and a parent's search with a typo and a synonym on a 320 px phone."""

from __future__ import annotations

import pytest

from sozialraum.network.models import Organisation, OrganisationKind
from sozialraum.offers.models import Offer, OfferStatus
from tests.browser.conftest import NARROW, WIDE, assert_page_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

COORDINATOR = "koordination@heidekreis.example"
H = "/heidekreis"


@pytest.fixture
def offers(world):
    provider = Organisation.objects.create(
        youth_office=world.office_a, name="Familienzentrum Lindenhof", kind=OrganisationKind.OTHER
    )
    for title, description in (
        ("Erziehungsberatung", "Beratung für Eltern bei Fragen der Erziehung."),
        ("Kindertagesstätte Regenbogen", "Krippe und Kindergarten."),
        ("Schwimmkurs Seepferdchen", "Zehn Termine im Hallenbad."),
    ):
        Offer.objects.create(
            youth_office=world.office_a,
            organisation=provider,
            title=title,
            description=description,
            status=OfferStatus.PUBLISHED,
        )
    return provider


def test_it_finds_with_typos_and_synonyms_on_a_phone(new_page, offers):
    page = new_page(NARROW)
    page.goto(f"{H}/wegweiser/")
    page.get_by_role("searchbox").fill("Erziehungsbratung")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator(".sr-offer-card h3").all_inner_texts() == ["Erziehungsberatung"]
    page.get_by_role("searchbox").fill("Kita")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    cards = page.locator(".sr-offer-card h3").all_inner_texts()
    assert cards == ["Kindertagesstätte Regenbogen"]
    assert_page_accessible(page, "guide search synonym")


def test_it_imports_with_a_preview(new_page, world, offers, tmp_path):
    path = tmp_path / "angebote.csv"
    path.write_text(
        "Titel;Beschreibung;Anbieter;Alter von;Alter bis\n"
        "Babyschwimmen;Im warmen Wasser;Familienzentrum Lindenhof;0;1\n"
        "Kurs;Text;Gibt es nicht;5;2\n",
        "utf-8",
    )
    for width in (WIDE, NARROW):
        page = new_page(width)
        log_in(page, COORDINATOR)
        page.goto(f"{H}/angebote/import/")
        assert_page_accessible(page, "offer import")
        page.get_by_label("Datei (CSV oder Excel)").set_input_files(str(path))
        page.get_by_role("button", name="Datei prüfen").click()
        page.wait_for_load_state()
        assert "Die Datei enthält 2 Fehler" in page.content()
        assert_page_accessible(page, "offer import preview with errors")


def test_it_shows_the_synonyms_page(new_page, world):
    for width in (WIDE, NARROW):
        page = new_page(width)
        log_in(page, COORDINATOR)
        page.goto(f"{H}/angebote/synonyme/")
        assert "Kita = Kindertagesstätte" in page.content()
        assert_page_accessible(page, "synonyms")
    page.get_by_label("Suchbegriff").fill("Schwimmkurs")
    page.get_by_label("bedeutet dasselbe wie").fill("Seepferdchen")
    page.get_by_role("button", name="Hinzufügen").click()
    page.wait_for_load_state()
    assert "Schwimmkurs = Seepferdchen" in page.content()
