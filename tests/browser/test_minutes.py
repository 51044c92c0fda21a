"""Topics, agenda and minutes in a real browser: the topic form, the agenda and the minutes
editor pass axe-core at 1280 and 320 px, and two people editing the same minutes in two
browser contexts lose nothing (issue 9, points 5 and 6)."""

from __future__ import annotations

import pytest

from sozialraum.meetings import agenda
from sozialraum.minutes import services
from sozialraum.minutes.models import MinutesItem, Task
from tests.browser.conftest import assert_page_accessible, log_in
from tests.conftest import build_team_member
from tests.minutes.world import attend, build_lead, make_meeting, person_of

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

H = "/heidekreis"
MEMBER = "schule@heidekreis.example"
LEAD = "leitung@heidekreis.example"


def check_both_widths(page, name: str) -> None:
    """axe-core, CSP and overflow at 1280 px and on a 320 px phone."""
    assert_page_accessible(page, name)
    page.set_viewport_size({"width": 320, "height": 800})
    assert_page_accessible(page, name)
    page.set_viewport_size({"width": 1280, "height": 900})


@pytest.fixture
def team(office_a, team_a, team_org, coordinator):
    member = build_team_member(office_a, team_a, team_org)
    lead = build_lead(team_a)
    return team_a, member, lead


def test_it_lets_a_member_bring_in_a_topic_and_the_lead_schedule_it(team, new_page):
    team_a, _member, _lead = team
    meeting = make_meeting(team_a, days=10)
    page = new_page()
    log_in(page, MEMBER)
    page.goto(f"{H}/teams/{team_a.pk}/themen/neu/")
    check_both_widths(page, "topic form")
    page.get_by_label("Thema", exact=True).fill("Schulweg an der B 3")
    page.get_by_label("Warum ist das Thema wichtig?").fill("Autos fahren zu schnell.")
    page.get_by_role("button", name="Thema einbringen").click()
    page.get_by_text("Ihr Thema ist eingebracht").wait_for()
    topic_url = page.url

    lead_page = new_page()
    log_in(lead_page, LEAD)
    lead_page.goto(topic_url)
    check_both_widths(lead_page, "topic with decisions")
    lead_page.get_by_role("button", name="In die Tagesordnung aufnehmen").click()
    lead_page.get_by_text("Das Thema ist eingeplant.").wait_for()
    lead_page.goto(f"{H}/treffen/{meeting.pk}/tagesordnung/")
    lead_page.get_by_text("TOP 1: Schulweg an der B 3").wait_for()
    check_both_widths(lead_page, "agenda")

    page.goto(topic_url)
    page.get_by_text("Eingeplant für das Treffen am").wait_for()


def test_it_keeps_both_texts_when_two_people_save_the_same_minutes(team, new_page):
    team_a, member, lead = team
    meeting = make_meeting(team_a, days=-1)
    agenda.add_item(meeting=meeting, actor=lead, data={"title": "Ferienprogramm"})
    agenda.add_item(
        meeting=meeting, actor=lead, data={"title": "Spielplatz", "duration_minutes": 130}
    )
    attend(meeting, person_of(member), person_of(lead))
    services.start_minutes(meeting=meeting, actor=lead, minute_taker=person_of(member))
    item = MinutesItem.objects.filter(minutes__meeting=meeting).order_by("position").first()
    assert item is not None
    editor = f"{H}/treffen/{meeting.pk}/protokoll/bearbeiten/"

    first, second = new_page(), new_page()
    log_in(first, LEAD)
    log_in(second, MEMBER)
    for page in (first, second):
        page.goto(editor)
    check_both_widths(second, "minutes editor")
    label = "TOP 1: Besprechung"
    first.get_by_label(label).fill("Die Leitung schreibt: Ausflug im August.")
    first.get_by_role("button", name="Protokoll speichern").click()
    first.get_by_text("Das Protokoll ist gespeichert.").wait_for()

    second.get_by_label(label).fill("Die Protokollführung schreibt: Ausflug im Juli.")
    second.get_by_label("TOP 1: neue Aufgabe").fill("Bus bestellen")
    second.get_by_label("TOP 1: zuständig für die Aufgabe").select_option(label="Lea Leitner")
    second.get_by_role("button", name="Protokoll speichern").click()
    second.get_by_text("während Sie ihn bearbeitet haben").wait_for()
    table = second.get_by_role("table", name="Ihre Eingabe und was inzwischen gespeichert ist")
    row = table.get_by_role("row", name=label)
    assert "Ausflug im Juli" in row.inner_text() and "Ausflug im August" in row.inner_text()
    assert second.get_by_label(label).input_value() == (
        "Die Protokollführung schreibt: Ausflug im Juli."
    )
    assert second.get_by_label("TOP 1: neue Aufgabe").input_value() == "Bus bestellen"
    check_both_widths(second, "minutes editor with a conflict")
    item.refresh_from_db()
    assert item.discussion == "Die Leitung schreibt: Ausflug im August."

    second.get_by_role("button", name="Protokoll speichern").click()  # knowingly, this time
    second.get_by_text("Das Protokoll ist gespeichert.").wait_for()
    item.refresh_from_db()
    assert item.discussion == "Die Protokollführung schreibt: Ausflug im Juli."
    assert list(Task.objects.values_list("title", flat=True)) == ["Bus bestellen"]
    check_both_widths(second, "minutes page")


def test_it_collects_comments_in_the_review_and_approves(team, coordinator, new_page):
    team_a, member, lead = team
    meeting = make_meeting(team_a, days=-1)
    agenda.add_item(meeting=meeting, actor=lead, data={"title": "Ferienprogramm"})
    attend(meeting, person_of(member), person_of(lead))
    minutes = services.start_minutes(meeting=meeting, actor=lead, minute_taker=person_of(member))
    services.submit_for_review(minutes=minutes, actor=lead, version=minutes.version)
    page = new_page()
    log_in(page, MEMBER)
    page.goto(f"{H}/treffen/{meeting.pk}/protokoll/")
    page.get_by_label("Anmerkung zu TOP 1").fill("Bitte den Termin ergänzen.")
    page.get_by_role("button", name="Anmerkung senden").first.click()
    page.get_by_text("Danke, Ihre Anmerkung ist gespeichert.").wait_for()
    check_both_widths(page, "minutes in review")

    lead_page = new_page()
    log_in(lead_page, LEAD)
    lead_page.goto(f"{H}/treffen/{meeting.pk}/protokoll/")
    lead_page.get_by_role("button", name="Protokoll freigeben").click()
    lead_page.get_by_text("Das Protokoll ist freigegeben.").wait_for()
    check_both_widths(lead_page, "approved minutes")

    coordination = new_page()
    log_in(coordination, "koordination@heidekreis.example")
    coordination.goto(f"{H}/protokollvorlage/")
    check_both_widths(coordination, "minutes sections")
