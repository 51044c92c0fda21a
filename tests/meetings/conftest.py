"""Fixtures of the meetings tests: the team's Leitung as a persona, a clock stopped on an
ordinary Tuesday morning (most tests plan from "today"), and a small helper for meetings."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from sozialraum.meetings.models import Meeting, TimeSlot
from sozialraum.teams.models import MembershipRole
from tests.conftest import build_team_persona

TODAY = date(2026, 3, 10)  # a Tuesday


@pytest.fixture
def today(time_machine) -> date:
    time_machine.move_to(datetime(2026, 3, 10, 9, 30, tzinfo=ZoneInfo("Europe/Berlin")), tick=False)
    return TODAY


@pytest.fixture
def team_lead(office_a, team_a, team_org):
    """Leitung of team_a (a Fachkraft of office A)."""
    return build_team_persona(
        office_a,
        team_a,
        email="leitung@heidekreis.example",
        first_name="Lea",
        last_name="Lindemann",
        organisation=team_org,
        role=MembershipRole.LEAD,
    )


def make_meeting(team, day: date, *, start: time = time(9), end: time = time(11), **extra):
    return Meeting.objects.create(
        youth_office_id=team.youth_office_id,
        team=team,
        date=day,
        starts_at=start,
        ends_at=end,
        time_slot=TimeSlot.MORNING if start.hour < 12 else TimeSlot.AFTERNOON,
        **extra,
    )
