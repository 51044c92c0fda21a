"""Helpers of the teams tests: people of the network with an affiliation, a team lead."""

from __future__ import annotations

from datetime import date, time

import pytest
from django.urls import reverse

from sozialraum.accounts.models import Role
from sozialraum.meetings.models import Meeting, TimeSlot
from sozialraum.network.models import Affiliation, Organisation, OrganisationKind, Person
from sozialraum.teams.models import Membership, MembershipRole, Team
from tests.conftest import make_user


def team_url(name: str, team: Team, **extra) -> str:
    return reverse(
        f"teams:{name}", kwargs={"office_slug": team.youth_office.slug, "pk": team.pk, **extra}
    )


def membership_url(name: str, membership: Membership) -> str:
    return reverse(
        f"teams:{name}", kwargs={"office_slug": membership.youth_office.slug, "pk": membership.pk}
    )


def meeting(team: Team, day: date, **fields) -> Meeting:
    """A morning meeting of the team on `day`."""
    return Meeting.objects.create(
        youth_office=team.youth_office,
        team=team,
        date=day,
        starts_at=time(9),
        ends_at=time(11),
        time_slot=TimeSlot.MORNING,
        **fields,
    )


def person_at(office, organisation: Organisation | None, first: str, last: str, **fields) -> Person:
    person = Person.objects.create(youth_office=office, first_name=first, last_name=last, **fields)
    if organisation is not None:
        Affiliation.objects.create(
            youth_office=office, person=person, organisation=organisation, function="Fachkraft"
        )
    return person


def organisation(office, name: str, kind: str = OrganisationKind.KITA) -> Organisation:
    return Organisation.objects.create(youth_office=office, name=name, kind=kind)


def member(team: Team, person: Person, org: Organisation | None = None, **fields) -> Membership:
    fields.setdefault("joined", date(2024, 1, 1))
    return Membership.objects.create(
        youth_office=team.youth_office, team=team, person=person, organisation=org, **fields
    )


@pytest.fixture
def team_lead(office_a, team_a, team_org):
    """A Fachkraft of office A who leads team_a (Leitung/Organisation)."""
    user = make_user(
        "leitung@heidekreis.example", "Lea Leitner", office=office_a, role=Role.PROFESSIONAL
    )
    person = person_at(office_a, team_org, "Lea", "Leitner", user=user)
    member(team_a, person, team_org, role=MembershipRole.LEAD)
    return user


@pytest.fixture
def lead_of_other_team(office_a, team_a2):
    user = make_user(
        "leitung2@heidekreis.example", "Bo Berg", office=office_a, role=Role.PROFESSIONAL
    )
    person = person_at(office_a, None, "Bo", "Berg", user=user)
    member(team_a2, person, role=MembershipRole.LEAD)
    return user
