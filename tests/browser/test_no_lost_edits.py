"""Issue 7, points 1 and 2 in a real browser: two tabs editing the same organisation lose
nothing, and a carrier editor's second proposal amends the first while coordination's later
edit survives the approval."""

from __future__ import annotations

import pytest

from sozialraum.network import services
from sozialraum.network.models import ChangeStatus, OrganisationChange
from tests.browser.conftest import assert_page_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

H = "/heidekreis"
COORDINATOR = "koordination@heidekreis.example"
PROFESSIONAL = "fachkraft@heidekreis.example"
EDITOR = "traeger@heidekreis.example"  # the carrier_editor persona (tests/conftest.py)


def test_it_keeps_the_second_tabs_input_and_shows_both_values(world, org_a, new_page):
    first, second = new_page(), new_page()
    log_in(first, COORDINATOR)
    log_in(second, PROFESSIONAL)
    for page in (first, second):
        page.goto(f"{H}/akteure/{org_a.pk}/bearbeiten/")
    first.get_by_label("Telefon").fill("05191 111")
    first.get_by_role("button", name="Änderungen speichern").click()
    first.get_by_text("Ihre Änderungen wurden gespeichert.").wait_for()

    second.get_by_label("Telefon").fill("05191 222")
    second.get_by_label("Ort").fill("Bispingen")
    second.get_by_role("button", name="Änderungen speichern").click()
    second.get_by_text("während Sie ihn bearbeitet haben").wait_for()
    table = second.get_by_role("table", name="Ihre Eingabe und was inzwischen gespeichert ist")
    row = table.get_by_role("row", name="Telefon")
    assert "05191 222" in row.inner_text() and "05191 111" in row.inner_text()
    assert second.get_by_label("Telefon").input_value() == "05191 222"  # nothing typed is lost
    assert second.get_by_label("Ort").input_value() == "Bispingen"
    assert_page_accessible(second, "conflict of two tabs")
    # On a phone both values are visible, not hidden in a sideways-scrolling table.
    second.set_viewport_size({"width": 320, "height": 800})
    saved = table.get_by_text("05191 111").bounding_box()
    assert saved is not None and saved["x"] + saved["width"] <= 320, saved
    assert_page_accessible(second, "conflict of two tabs at 320 px")
    second.set_viewport_size({"width": 1280, "height": 800})
    org_a.refresh_from_db()
    assert org_a.phone == "05191 111"

    second.get_by_role("button", name="Änderungen speichern").click()  # knowingly, this time
    second.get_by_text("Ihre Änderungen wurden gespeichert.").wait_for()
    org_a.refresh_from_db()
    assert (org_a.phone, org_a.city) == ("05191 222", "Bispingen")


def test_it_amends_a_waiting_proposal_and_never_undoes_coordinations_edit(
    world, org_a, carrier_editor, new_page
):
    editor = new_page()
    log_in(editor, EDITOR)
    editor.goto(f"{H}/akteure/{org_a.pk}/vorschlagen/")
    editor.get_by_label("Telefon").fill("05191 4444")
    editor.get_by_role("button", name="Vorschlag senden").click()
    editor.get_by_text("wartet auf die Prüfung durch die Koordination").wait_for()

    # The second proposal starts from the first and amends it.
    editor.goto(f"{H}/akteure/{org_a.pk}/vorschlagen/")
    editor.get_by_text("wartet noch auf die Prüfung").wait_for()
    assert editor.get_by_label("Telefon").input_value() == "05191 4444"
    editor.get_by_label("Website").fill("www.heideblick.example")
    editor.get_by_role("button", name="Vorschlag senden").click()
    editor.get_by_text("wartet auf die Prüfung durch die Koordination").wait_for()
    change = OrganisationChange.objects.get(organisation=org_a)  # one, not two
    assert change.status == ChangeStatus.PENDING

    # Coordination changes the phone itself before it reviews.
    org_a.refresh_from_db()
    services.update_organisation(
        organisation=org_a, actor=world.coordinator, version=org_a.version, data={"phone": "0 neu"}
    )
    coordination = new_page()
    log_in(coordination, COORDINATOR)
    coordination.goto(f"{H}/akteure/vorschlaege/{change.pk}/")
    phone = coordination.get_by_role("row", name="Telefon")
    assert "inzwischen geändert" in phone.inner_text()
    assert not coordination.get_by_label("übernehmen: Telefon").is_checked()
    assert coordination.get_by_label("übernehmen: Website").is_checked()
    assert_page_accessible(coordination, "review with a field changed since")
    coordination.get_by_role("button", name="Vorschlag übernehmen").click()
    coordination.get_by_text("Der Vorschlag ist übernommen.").wait_for()
    org_a.refresh_from_db()
    assert org_a.phone == "0 neu"  # coordination's own edit stays
    assert org_a.website == "https://www.heideblick.example"
