"""The DSGVO requests about a person reach their attendance: exported, and erased so that the
organisation's figures stay true; audit registry of the meetings app."""

from __future__ import annotations

from datetime import timedelta

import pytest

from sozialraum.audit import registry
from sozialraum.lib.privacy import person_parts
from sozialraum.meetings.models import Attendance
from sozialraum.meetings.participation import review
from sozialraum.network.privacy import erase_person
from sozialraum.teams.models import Membership
from tests.meetings.conftest import make_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def attended(today, office_a, team_a, team_member):
    membership = Membership.objects.select_related("person", "organisation").get(
        person__user=team_member
    )
    meeting = make_meeting(team_a, today - timedelta(days=7))
    Attendance.objects.create(
        youth_office=office_a,
        meeting=meeting,
        person=membership.person,
        organisation=membership.organisation,
        membership=membership,
    )
    return membership


def test_it_exports_a_persons_attendance(attended):
    part = next(p for p in person_parts() if p.key == "attendance")
    rows = part.export(attended.person)
    assert rows == [
        {
            "date": rows[0]["date"],
            "team": "Sozialraumteam Soltau/Wietzendorf",
            "organisation": "Grundschule am Heidering",
            "as_substitute": False,
        }
    ]


def test_it_erases_the_person_but_keeps_the_organisations_figures(attended, team_a, coordinator):
    before = [(f.organisation.pk, f.attended) for f in review(team_a).organisations]
    erase_person(person=attended.person, actor=coordinator)
    row = Attendance.objects.get()
    assert (row.person_id, row.erased, str(row)) == (None, True, "gelöschte Person")
    assert row.organisation is not None
    after = [(f.organisation.pk, f.attended) for f in review(team_a).organisations]
    assert after == before


def test_it_deletes_an_office_with_attendance(attended, office_a):
    office_a.delete()
    assert not Attendance.objects.exists()


def test_it_registers_its_models_in_the_audit_trail():
    keys = {key for key, _label in registry.known_types()}
    assert {
        "meetings.meeting",
        "meetings.meetingseries",
        "meetings.schoolholiday",
        "meetings.attendance",
    } <= keys


def test_it_drops_names_from_attendance_after_five_years(attended, office_a, team_a, today):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from sozialraum.lib.retention import clean_up, rules

    old = make_meeting(team_a, today - timedelta(days=6 * 365))
    Attendance.objects.create(
        youth_office=office_a, meeting=old, guest_name="Frau Alt", is_guest=True
    )
    rule = [r for r in rules() if r.name == "attendance_names"]
    now = datetime(2026, 3, 10, 12, tzinfo=ZoneInfo("Europe/Berlin"))
    assert clean_up(now, only=rule) == {"attendance_names": 1}
    assert Attendance.objects.get(meeting=old).erased
    assert Attendance.objects.get(meeting__date=today - timedelta(days=7)).person is not None
