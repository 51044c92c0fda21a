"""Meetings in a real browser: a series planned with its preview (a holiday moved) and created,
the check-in list on a 320 px phone, the participation review; axe-core at 1280 and 320 px."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from django.utils import timezone

from sozialraum.meetings.models import Attendance, Meeting, MeetingSeries, TimeSlot
from sozialraum.network import services as network_services
from sozialraum.network.models import OrganisationKind
from sozialraum.teams.models import Membership
from tests.browser.conftest import NARROW, WIDE, assert_page_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

COORDINATOR = "koordination@heidekreis.example"
MEMBER = "schule@heidekreis.example"  # the team_member persona
H = "/heidekreis"


def meeting_on(team, day: date, **extra) -> Meeting:
    return Meeting.objects.create(
        youth_office_id=team.youth_office_id,
        team=team,
        date=day,
        starts_at=time(9),
        ends_at=time(11),
        time_slot=TimeSlot.MORNING,
        place="Rathaus Soltau, Sitzungssaal",
        **extra,
    )


@pytest.fixture
def team(world, team_a, team_member, coordinator):
    """team_a with the team member (school), a colleague of hers as a possible substitute, and
    a second member with a long name (the 320 px layout)."""
    office = world.office_a
    membership = Membership.objects.get(person__user=team_member)
    colleague = network_services.create_person(
        office=office, actor=coordinator, data={"first_name": "Carla", "last_name": "Kollegin"}
    )
    network_services.add_affiliation(
        person=colleague, organisation=membership.organisation, actor=coordinator
    )
    carrier = network_services.create_organisation(
        office=office,
        actor=coordinator,
        data={
            "name": "Ev.-luth. Kirchengemeinde St. Johannis Wietzendorf",
            "kind": OrganisationKind.CHURCH,
        },
        social_spaces=[world.space_a],
    )
    person = network_services.create_person(
        office=office,
        actor=coordinator,
        data={"first_name": "Maximiliane", "last_name": "Müller-Lüdenscheidt"},
    )
    Membership.objects.create(
        youth_office=office,
        team=team_a,
        person=person,
        organisation=carrier,
        joined=date(2024, 1, 1),
    )
    network_services.set_expected_kinds(
        office=office, actor=coordinator, kinds=[OrganisationKind.SCHOOL, OrganisationKind.KITA]
    )
    return team_a


def next_weekday(day: date, weekday: int) -> date:
    return day + timedelta(days=(weekday - day.weekday()) % 7 or 7)


def test_it_plans_a_series_with_a_preview(team, new_page):
    page = new_page()
    log_in(page, COORDINATOR)
    page.goto(f"{H}/teams/{team.pk}/treffen/")
    assert_page_accessible(page, "meetings team list empty")
    page.get_by_text("Eine Terminserie").click()
    first = next_weekday(timezone.localdate(), 3)  # a Thursday
    page.get_by_label("Erstes Treffen am").fill(first.strftime("%d.%m.%Y"))
    page.get_by_label("Serie endet am").fill("31.05.2027")
    page.get_by_label("Abstand in Wochen").fill("1")
    page.get_by_role("button", name="Vorschau der Termine").click()
    page.wait_for_load_state()
    preview = page.locator("#vorschau")
    assert (
        "06.05.2027 fällt auf Christi Himmelfahrt – verschoben auf 07.05.2027."
        in preview.inner_text()
    )
    assert not Meeting.objects.exists()
    for width in (WIDE, NARROW):
        page.set_viewport_size({"width": width, "height": 900})
        assert_page_accessible(page, "meetings series preview")
    page.get_by_role("button", name="anlegen").first.click()
    page.wait_for_load_state()
    assert MeetingSeries.objects.count() == 1
    assert Meeting.objects.filter(date=date(2027, 5, 7)).exists()
    assert "wurde angelegt" in page.locator("main").inner_text()
    assert_page_accessible(page, "meetings team list")


def test_it_takes_attendance_on_a_phone(team, new_page):
    meeting = meeting_on(team, timezone.localdate())
    page = new_page(NARROW)
    log_in(page, MEMBER)
    page.goto(f"{H}/treffen/{meeting.pk}/anwesenheit/")
    assert_page_accessible(page, "meetings attendance")
    box = page.get_by_label("Maximiliane Müller-Lüdenscheidt")
    assert box.bounding_box()["width"] >= 20
    row = page.locator(".sr-checkin__item").filter(has_text="Maximiliane")
    assert row.bounding_box()["height"] >= 44  # a finger, not a mouse pointer
    box.check()
    page.get_by_label("Vertreten durch: Sabine Hartmann").select_option(label="Carla Kollegin")
    page.locator("#id_gast_name_1").fill("Frau Bürgermeisterin Peters")
    page.locator("#id_gast_org_1").fill("Gemeinde Wietzendorf")
    page.get_by_role("button", name="Anwesenheit speichern").click()
    page.wait_for_load_state()
    assert "3 Personen anwesend" in page.locator("main").inner_text()
    names = {str(a) for a in Attendance.objects.filter(meeting=meeting)}
    assert names == {
        "Maximiliane Müller-Lüdenscheidt",
        "Carla Kollegin",
        "Frau Bürgermeisterin Peters",
    }
    assert_page_accessible(page, "meetings attendance saved")


def test_it_shows_the_participation_review(team, new_page):
    today = timezone.localdate()
    school = Membership.objects.get(person__email=MEMBER)
    for n in range(4):
        meeting = meeting_on(team, today - timedelta(days=30 * (n + 1)))
        Attendance.objects.create(
            youth_office_id=team.youth_office_id,
            meeting=meeting,
            person=school.person,
            organisation=school.organisation,
            membership=school,
        )
    for width in (WIDE, NARROW):
        page = new_page(width)
        log_in(page, COORDINATOR)
        page.goto(f"{H}/teams/{team.pk}/teilnahme/")
        text = page.locator("main").inner_text()
        assert "Grundschule am Heidering" in text and "100 %" in text
        assert "Maximiliane Müller-Lüdenscheidt" in text  # missed the last three
        assert page.locator(".sr-chart [role=img] svg").count() == 2
        assert_page_accessible(page, "meetings participation")
        page.goto(f"{H}/treffen/{meeting.pk}/")
        assert_page_accessible(page, "meetings meeting")


def test_it_keeps_the_other_meeting_pages_accessible(team, new_page):
    from sozialraum.meetings.models import SchoolHoliday

    meeting = meeting_on(team, timezone.localdate() + timedelta(days=14))
    SchoolHoliday.objects.create(
        youth_office_id=team.youth_office_id,
        name="Osterferien",
        first_day=date(2027, 3, 22),
        last_day=date(2027, 4, 2),
    )
    pages = {
        "meetings holidays": f"{H}/schulferien/",
        "meetings move": f"{H}/treffen/{meeting.pk}/bearbeiten/",
        "meetings cancel": f"{H}/treffen/{meeting.pk}/absagen/",
    }
    for width in (WIDE, NARROW):
        page = new_page(width)
        log_in(page, COORDINATOR)
        for name, path in pages.items():
            page.goto(path)
            assert_page_accessible(page, name)
    # A reversed period is refused at the field, in German.
    page.goto(f"{H}/schulferien/")
    page.get_by_label("Bezeichnung").fill("Sommerferien")
    page.get_by_label("Erster Ferientag").fill("12.08.2027")
    page.get_by_label("Letzter Ferientag").fill("01.07.2027")
    page.get_by_role("button", name="Eintragen").click()
    page.wait_for_load_state()
    assert "Der letzte Ferientag liegt vor dem ersten." in page.locator("main").inner_text()
    assert_page_accessible(page, "meetings holidays with an error")
