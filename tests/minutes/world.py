"""Rows the topic, agenda and minutes tests build: meetings of a team, attendance, a Leitung.

Plain functions (usable from fixtures of any scope and from the URL walk's build)."""

from __future__ import annotations

import datetime

from django.utils import timezone

from sozialraum.accounts.models import User
from sozialraum.meetings.models import Attendance, Meeting, TimeSlot
from sozialraum.network.models import Person
from sozialraum.teams.models import MembershipRole, Team
from tests.conftest import build_team_persona


def make_meeting(
    team: Team,
    *,
    days: int = 7,
    date: datetime.date | None = None,
    starts: str = "09:00",
    ends: str = "11:00",
) -> Meeting:
    day = date or timezone.localdate() + datetime.timedelta(days=days)
    return Meeting.objects.create(
        youth_office_id=team.youth_office_id,
        team=team,
        date=day,
        starts_at=datetime.time.fromisoformat(starts),
        ends_at=datetime.time.fromisoformat(ends),
        time_slot=TimeSlot.MORNING,
        place="Rathaus Soltau",
    )


def build_lead(team: Team) -> User:
    """The team's Leitung/Organisation: a Fachkraft of the office."""
    return build_team_persona(
        team.youth_office,
        team,
        email="leitung@heidekreis.example",
        first_name="Lea",
        last_name="Leitner",
        role=MembershipRole.LEAD,
    )


def person_of(user: User) -> Person:
    return Person.objects.get(user=user)


def attend(meeting: Meeting, *people: Person) -> None:
    for person in people:
        Attendance.objects.create(
            youth_office_id=meeting.youth_office_id, meeting=meeting, person=person
        )


def add_member(team: Team, first_name: str, last_name: str) -> Person:
    """A member without an account (a person of the network only)."""
    from sozialraum.teams.models import Membership

    person = Person.objects.create(
        youth_office_id=team.youth_office_id, first_name=first_name, last_name=last_name
    )
    Membership.objects.create(
        youth_office_id=team.youth_office_id,
        team=team,
        person=person,
        joined=datetime.date(2020, 1, 1),
    )
    return person
