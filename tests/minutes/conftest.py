"""Builders for the minutes' tests: meetings, minutes, decisions, tasks and attendance as plain
ORM rows (the services that create them are tested with the minutes)."""

from __future__ import annotations

from datetime import date, time

import pytest

from sozialraum.meetings.models import Attendance, Meeting, TimeSlot
from sozialraum.minutes.models import (
    Decision,
    DecisionStatus,
    Minutes,
    MinutesItem,
    MinutesStatus,
    Task,
    TaskStatus,
)
from sozialraum.network.models import Organisation, Person
from sozialraum.teams.models import Team


def make_meeting(team: Team, day: date, *, place: str = "Rathaus Soltau", **fields) -> Meeting:
    return Meeting.objects.create(
        youth_office_id=team.youth_office_id,
        team=team,
        date=day,
        starts_at=fields.pop("starts_at", time(9, 0)),
        ends_at=fields.pop("ends_at", time(11, 0)),
        time_slot=fields.pop("time_slot", TimeSlot.MORNING),
        place=place,
        **fields,
    )


def make_minutes(
    meeting: Meeting, *, status: str = MinutesStatus.APPROVED, minute_taker: Person | None = None
) -> Minutes:
    return Minutes.objects.create(
        youth_office_id=meeting.youth_office_id,
        meeting=meeting,
        status=status,
        minute_taker=minute_taker,
        revision=1 if status == MinutesStatus.APPROVED else 0,
    )


def make_item(minutes: Minutes, title: str, discussion: str = "", position: int = 0) -> MinutesItem:
    return MinutesItem.objects.create(
        youth_office_id=minutes.youth_office_id,
        minutes=minutes,
        title=title,
        discussion=discussion,
        position=position,
    )


def make_decision(
    team: Team,
    text: str,
    *,
    number: int | None = None,
    day: date | None = None,
    minutes: Minutes | None = None,
    item: MinutesItem | None = None,
    status: str = DecisionStatus.VALID,
) -> Decision:
    day = day or (minutes.meeting.date if minutes else date(2026, 3, 4))
    if number is None:
        number = Decision.objects.filter(team=team, year=day.year).count() + 1
    return Decision.objects.create(
        youth_office_id=team.youth_office_id,
        team=team,
        minutes=minutes,
        item=item,
        year=day.year,
        number=number,
        date=day,
        text=text,
        status=status,
    )


def make_task(
    team: Team,
    title: str,
    responsible: Person,
    *,
    due: date | None = None,
    minutes: Minutes | None = None,
    item: MinutesItem | None = None,
    status: str = TaskStatus.OPEN,
) -> Task:
    return Task.objects.create(
        youth_office_id=team.youth_office_id,
        team=team,
        title=title,
        responsible=responsible,
        due=due,
        minutes=minutes,
        item=item,
        status=status,
    )


def make_person(office, first: str, last: str, *, user=None) -> Person:
    return Person.objects.create(youth_office=office, first_name=first, last_name=last, user=user)


def attend(
    meeting: Meeting,
    *,
    person: Person | None = None,
    guest_name: str = "",
    organisation: Organisation | None = None,
    organisation_name: str = "",
    is_substitute: bool = False,
    is_guest: bool = False,
    membership=None,
) -> Attendance:
    return Attendance.objects.create(
        youth_office_id=meeting.youth_office_id,
        meeting=meeting,
        person=person,
        guest_name=guest_name,
        organisation=organisation,
        organisation_name=organisation_name,
        is_substitute=is_substitute,
        is_guest=is_guest,
        membership=membership,
    )


def person_of(user) -> Person:
    return Person.objects.get(user=user)


@pytest.fixture
def team_world(world, team_a, team_a2, team_org, team_member, other_team_member):
    """The world with office A's two teams and their personas."""
    world.team_a = team_a
    world.team_a2 = team_a2
    world.team_org = team_org
    world.team_member = team_member
    world.other_team_member = other_team_member
    return world


@pytest.fixture
def lead(team_a):
    """The Leitung of team_a (tests/minutes/world.py)."""
    from tests.minutes.world import build_lead

    return build_lead(team_a)
