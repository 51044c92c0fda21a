"""The network of actors in a real browser: every page through axe-core at 1280 and 320 px, and
the main journeys: search and filter, the gaps of a social space and the county overview, an
import with errors and then a corrected one, a carrier editor's proposal and its approval, the
DSGVO export and erasure."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from sozialraum.accounts.models import OfficeRole, Role, User
from sozialraum.network import proposals, services
from sozialraum.network.models import (
    ChangeStatus,
    Organisation,
    OrganisationChange,
    OrganisationKind,
    PendingImport,
    Person,
)
from tests.browser.conftest import NARROW, WIDE, describe, log_in, run_axe, serious
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

COORDINATOR = "koordination@heidekreis.example"
EDITOR = "traeger@heidekreis.example"


@dataclass
class Network:
    world: object
    school: Organisation
    kita: Organisation
    carrier: Organisation
    person: Person
    change: OrganisationChange
    pending: PendingImport


@pytest.fixture
def network(world) -> Network:
    office, coordinator = world.office_a, world.coordinator
    services.set_expected_kinds(
        office=office,
        actor=coordinator,
        kinds=[OrganisationKind.SCHOOL, OrganisationKind.KITA, OrganisationKind.HEALTH],
    )

    def org(name, kind, spaces, **data):
        return services.create_organisation(
            office=office,
            actor=coordinator,
            data={"name": name, "kind": kind, **data},
            social_spaces=spaces,
        )

    school = org("Grundschule Am Markt", OrganisationKind.SCHOOL, [world.space_a], postcode="29614")
    kita = org("Kita Sonnenschein", OrganisationKind.KITA, [world.space_a, world.space_a2])
    carrier = org(
        "Jugendhilfe Heideblick e. V.",
        OrganisationKind.FREE_CARRIER,
        [world.space_a],
        city="Soltau",
        email="info@heideblick.example",
    )
    org("Ev. Kita St. Marien", OrganisationKind.KITA, [world.space_a2], postcode="29664")
    org("Evangelische Kita St. Marien", OrganisationKind.KITA, [], postcode="29664")
    person = services.create_person(
        office=office,
        actor=coordinator,
        data={"first_name": "Anna", "last_name": "Müller", "email": "anna@heideblick.example"},
    )
    services.add_affiliation(
        person=person, organisation=carrier, actor=coordinator, function="Teamleitung"
    )
    editor = User.objects.create_user(EDITOR, PASSWORD, name="Tom Träger")
    OfficeRole.objects.create(
        youth_office=office, user=editor, role=Role.CARRIER_EDITOR, organisation=carrier
    )
    change = proposals.propose_organisation_change(
        organisation=school, actor=editor, data={"phone": "05191 1"}, social_spaces=None
    )
    pending = PendingImport.objects.create(
        youth_office=office,
        created_by=coordinator,
        filename="fehler.csv",
        data=b"Name;Art;Farbe\n;Schule;rot\nHort;Hort;blau\n",
    )
    return Network(world, school, kita, carrier, person, change, pending)


def submit_main_form(page) -> None:
    """Submit the page's main form as it is (bypassing browser validation) to show errors."""
    with page.expect_navigation():
        page.evaluate("document.querySelector('main form.sr-form').submit()")


@dataclass(frozen=True)
class Page:
    name: str
    path: Callable[[Network], str]
    as_user: str = COORDINATOR
    prepare: Callable | None = None

    def __str__(self) -> str:
        return self.name


H = "/heidekreis"
PAGES = [
    Page("directory", lambda n: f"{H}/akteure/"),
    Page("directory search", lambda n: f"{H}/akteure/?q=kita&art=kita"),
    Page("directory, nothing found", lambda n: f"{H}/akteure/?q=zzzz"),
    Page("people", lambda n: f"{H}/personen/"),
    Page("organisation", lambda n: f"{H}/akteure/{n.carrier.pk}/"),
    Page("organisation (carrier editor)", lambda n: f"{H}/akteure/{n.carrier.pk}/", EDITOR),
    Page("organisation form", lambda n: f"{H}/akteure/{n.carrier.pk}/bearbeiten/"),
    Page("organisation form with errors", lambda n: f"{H}/akteure/neu/", prepare=submit_main_form),
    Page("proposal form", lambda n: f"{H}/akteure/{n.carrier.pk}/vorschlagen/", EDITOR),
    Page("organisation delete", lambda n: f"{H}/akteure/{n.kita.pk}/loeschen/"),
    Page("invite carrier editor", lambda n: f"{H}/akteure/{n.carrier.pk}/redaktion-einladen/"),
    Page("person", lambda n: f"{H}/personen/{n.person.pk}/"),
    Page("person form with errors", lambda n: f"{H}/personen/neu/", prepare=submit_main_form),
    Page("affiliation form", lambda n: f"{H}/personen/{n.person.pk}/taetigkeiten/neu/"),
    Page("person export", lambda n: f"{H}/personen/{n.person.pk}/auskunft/"),
    Page("person erasure", lambda n: f"{H}/personen/{n.person.pk}/loeschen/"),
    Page("social space with gaps", lambda n: f"{H}/raeume/{n.world.space_a2.pk}/"),
    Page("county overview", lambda n: f"{H}/akteure/uebersicht/"),
    Page("checklist", lambda n: f"{H}/akteure/checkliste/"),
    Page("proposals", lambda n: f"{H}/akteure/vorschlaege/"),
    Page("proposal review", lambda n: f"{H}/akteure/vorschlaege/{n.change.pk}/"),
    Page("due for a check", lambda n: f"{H}/akteure/zu-pruefen/"),
    Page("duplicates", lambda n: f"{H}/akteure/dubletten/"),
    Page("import", lambda n: f"{H}/akteure/import/"),
    Page("import preview with errors", lambda n: f"{H}/akteure/import/{n.pending.pk}/"),
]


@pytest.mark.parametrize("spec", PAGES, ids=str)
def test_it_has_no_serious_accessibility_violation(spec: Page, network, new_page):
    problems = []
    for width in (WIDE, NARROW):
        page = new_page(width)
        log_in(page, spec.as_user)
        response = page.goto(spec.path(network))
        assert response is not None and response.status == 200, f"{spec}: {response.status}"
        if spec.prepare:
            spec.prepare(page)
        found = serious(run_axe(page))
        if found:
            problems.append(f"{spec} at {width} px ({page.url}):\n{describe(found)}")
        if width == NARROW:
            scroll_width = page.evaluate("document.documentElement.scrollWidth")
            if scroll_width > NARROW + 1:
                problems.append(f"{spec} at 320 px overflows: scrollWidth {scroll_width}")
        if page.csp_violations:
            problems.append(f"{spec} at {width} px breaks the CSP: {page.csp_violations}")
    assert not problems, "\n\n".join(problems)


# Journeys -----------------------------------------------------------------------------------


def test_searching_and_filtering_the_directory(network, new_page):
    page = new_page()
    log_in(page, COORDINATOR)
    page.goto(f"{H}/akteure/")
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role(
        "link", name="Akteure"
    ).wait_for()
    count = page.locator("#trefferzahl")
    assert count.inner_text() == "5 Organisationen im Verzeichnis"
    # Live search (htmx): typing updates results, count and address without a click.
    page.get_by_label("Name, Ort, PLZ oder Straße").fill("sonnenschen")
    page.get_by_label("Name, Ort, PLZ oder Straße").fill("sonnenschein")
    page.wait_for_url("**q=sonnenschein**")
    count.filter(has_text="1 Organisation gefunden").wait_for()
    assert page.locator("#ergebnisse tbody tr").count() == 1
    # Umlauts in another spelling, and a filter by social space.
    page.get_by_label("Name, Ort, PLZ oder Straße").fill("")
    page.get_by_label("Art").select_option(label="Kindertagesstätte")
    count.filter(has_text="3 Organisationen gefunden").wait_for()
    page.get_by_label("Sozialraumbezirk").select_option(label="Walsrode")
    count.filter(has_text="2 Organisationen gefunden").wait_for()
    names = page.locator("#ergebnisse tbody th").all_inner_texts()
    assert names == ["Ev. Kita St. Marien", "Kita Sonnenschein"]


def test_the_search_works_without_javascript(network, chromium, live_server):
    context = chromium.new_context(
        java_script_enabled=False, base_url=live_server.url, locale="de-DE"
    )
    try:
        page = context.new_page()
        log_in(page, COORDINATOR)
        page.goto(f"{H}/personen/")
        page.get_by_label("Name oder Titel").fill("mueller")
        page.get_by_role("button", name="Suchen").click()
        page.wait_for_load_state()
        assert "1 Person gefunden" in page.locator("#trefferzahl").inner_text()
        assert "Müller, Anna" in page.locator("#ergebnisse").inner_text()
    finally:
        context.close()


def test_the_gaps_of_a_social_space_and_the_county_overview(network, new_page):
    page = new_page()
    log_in(page, COORDINATOR)
    page.goto(f"{H}/raeume/{network.world.space_a2.pk}/")
    glance = page.locator(
        "section", has=page.get_by_role("heading", name="Akteure auf einen Blick")
    )
    text = glance.inner_text()
    assert "Laut Checkliste fehlen hier 2 Arten von Organisationen" in text
    assert "Schule – fehlt" in text
    assert "Gesundheitswesen (z. B. Familienhebamme) – fehlt" in text
    assert "Kita Sonnenschein" in text
    glance.get_by_role("link", name="Alle Räume im Vergleich: Kreisübersicht").click()
    table = page.get_by_role("table", name="Organisationen je Sozialraumbezirk und Art")
    walsrode = table.get_by_role("row", name="Walsrode")
    cells = [cell.strip() for cell in walsrode.get_by_role("cell").all_inner_texts()]
    assert cells.count("fehlt") == 2
    assert cells[0] == "Schule, Gesundheitswesen (z. B. Familienhebamme)"  # the gaps in words


def test_an_import_with_errors_then_a_corrected_import(network, new_page, tmp_path: Path):
    broken = tmp_path / "akteure.csv"
    broken.write_bytes(
        "Name;Art;PLZ;Sozialräume\r\nHort Kunterbunt;Hort;29664;Walsrode\r\n"
        ";Schule;29614;Soltau/Wietzendorf\r\n".encode("cp1252")
    )
    fixed = tmp_path / "akteure-korrigiert.csv"
    fixed.write_bytes(
        "Name;Art;PLZ;Sozialräume\r\nHort Kunterbunt;Sonstige;29664;Walsrode\r\n"
        "Grundschule Süd;Schule;29614;Soltau/Wietzendorf\r\n".encode("cp1252")
    )
    page = new_page()
    log_in(page, COORDINATOR)
    page.goto(f"{H}/akteure/import/")
    page.get_by_label("Datei (CSV oder Excel)").set_input_files(str(broken))
    page.get_by_role("button", name="Datei prüfen").click()
    page.get_by_role("heading", name="Vorschau des Imports").wait_for()
    errors = page.get_by_role("table", name="Fehler in der Datei").inner_text()
    assert "Die Art „Hort“ kennen wir nicht." in errors
    assert "Der Name fehlt." in errors
    assert page.get_by_role("button", name="Import ausführen").count() == 0
    assert not Organisation.objects.filter(name="Hort Kunterbunt").exists()

    page.get_by_role("link", name="Korrigierte Datei hochladen").click()
    page.get_by_label("Datei (CSV oder Excel)").set_input_files(str(fixed))
    page.get_by_role("button", name="Datei prüfen").click()
    assert "2 neu" in page.get_by_role("status").first.inner_text()
    page.get_by_role("button", name="Import ausführen").click()
    page.get_by_text("Import abgeschlossen: 2 neu angelegt, 0 aktualisiert.").wait_for()
    assert Organisation.objects.filter(name__in=["Hort Kunterbunt", "Grundschule Süd"]).count() == 2


def test_a_carrier_editor_proposes_and_coordination_approves(network, new_page):
    editor = new_page()
    log_in(editor, EDITOR)
    editor.goto(f"{H}/akteure/{network.carrier.pk}/")
    editor.get_by_role("link", name="Änderung vorschlagen").click()
    editor.get_by_label("Telefon").fill("05191 4444-0")
    editor.get_by_role("button", name="Vorschlag senden").click()
    editor.get_by_text("wartet auf die Prüfung durch die Koordination").wait_for()
    network.carrier.refresh_from_db()
    assert network.carrier.phone == ""

    coordination = new_page()
    log_in(coordination, COORDINATOR)
    coordination.goto(f"{H}/akteure/vorschlaege/")
    coordination.get_by_role("row", name="Jugendhilfe Heideblick e. V.").get_by_role(
        "link", name="Prüfen"
    ).click()
    row = coordination.get_by_role("row", name="Telefon")
    assert "05191 4444-0" in row.inner_text()
    assert "geändert" in row.inner_text()
    coordination.get_by_role("button", name="Vorschlag übernehmen").click()
    coordination.get_by_text("Der Vorschlag ist übernommen.").wait_for()
    network.carrier.refresh_from_db()
    assert network.carrier.phone == "05191 4444-0"
    change = OrganisationChange.objects.filter(organisation=network.carrier).get()
    assert change.status == ChangeStatus.APPROVED


def test_dsgvo_export_and_erasure(network, new_page):
    page = new_page()
    log_in(page, COORDINATOR)
    page.goto(f"{H}/personen/{network.person.pk}/")
    page.get_by_role("link", name="Auskunft (Art. 15 DSGVO)").click()
    page.get_by_role("button", name="Auskunft als Dokument öffnen").click()
    page.get_by_role("heading", name="Auskunft über Ihre gespeicherten Daten").wait_for()
    assert "Teamleitung" in page.locator("main").inner_text()
    assert not serious(run_axe(page)), describe(serious(run_axe(page)))
    assert not page.csp_violations, page.csp_violations
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Dieselbe Auskunft als JSON-Datei herunterladen").click()
    download = download_info.value
    assert download.suggested_filename.startswith("Auskunft-Müller-")
    data = json.loads(Path(download.path()).read_text(encoding="utf-8"))
    assert data["Person"]["Nachname"] == "Müller"
    assert data["Zugehörigkeiten"][0]["Funktion"] == "Teamleitung"

    page.goto(f"{H}/personen/{network.person.pk}/")
    page.get_by_role("link", name="Person löschen (Art. 17 DSGVO)").click()
    assert "Das bleibt" in page.locator("main").inner_text()
    page.get_by_role("button", name="Person endgültig löschen").click()
    page.get_by_text("Bitte bestätigen Sie mit dem Häkchen").first.wait_for()
    assert Person.objects.filter(pk=network.person.pk).exists()
    page.get_by_label("Ich möchte die Daten von Anna Müller endgültig löschen.").check()
    page.get_by_role("button", name="Person endgültig löschen").click()
    page.get_by_text("Die Daten der Person wurden gelöscht.").wait_for()
    assert not Person.objects.filter(pk=network.person.pk).exists()
    assert "Müller" not in page.locator("main").inner_text()
