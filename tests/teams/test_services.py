"""teams.services: teams with unique names, memberships that keep their history, every write
audited, optimistic locking, and refusals of other offices' rows."""

from __future__ import annotations

from datetime import date

import pytest

from sozialraum.audit.models import AuditEntry
from sozialraum.lib.errors import ConcurrentEditError, InvalidData
from sozialraum.teams import services
from sozialraum.teams.models import Membership, MembershipRole, Team, TeamKind
from tests.teams.conftest import member, organisation, person_at

pytestmark = pytest.mark.django_db

DATA = {
    "name": "AG nach § 78 Frühe Hilfen",
    "kind": TeamKind.WORKING_GROUP_78,
    "description": "Netzwerk",
    "default_place": "Kreishaus",
    "default_video_link": "",
}


def test_it_creates_a_team_with_its_spaces_and_audits_it(office_a, coordinator, space_a):
    team = services.create_team(
        office=office_a, actor=coordinator, data=DATA, social_spaces=[space_a]
    )
    assert list(team.social_spaces.all()) == [space_a]
    entry = AuditEntry.objects.get(object_type="teams.team", object_id=str(team.pk))
    assert entry.changes["name"]["new"] == "AG nach § 78 Frühe Hilfen"
    assert entry.changes["social_spaces"]["new"] == "Soltau/Wietzendorf"


def test_it_refuses_a_second_team_of_the_same_name_in_any_case(office_a, coordinator, team_a):
    with pytest.raises(InvalidData, match="gibt es in diesem Jugendamt schon"):
        services.create_team(
            office=office_a,
            actor=coordinator,
            data={**DATA, "name": "sozialraumteam soltau/wietzendorf"},
        )
    assert Team.objects.filter(youth_office=office_a).count() == 1


def test_it_allows_the_same_name_in_another_office(office_b, coordinator_b, team_a):
    team = services.create_team(
        office=office_b, actor=coordinator_b, data={**DATA, "name": team_a.name}
    )
    assert team.youth_office == office_b


def test_it_refuses_a_social_space_of_another_office(office_a, coordinator, space_b):
    with pytest.raises(ValueError, match="gehören nicht zu diesem Jugendamt"):
        services.create_team(office=office_a, actor=coordinator, data=DATA, social_spaces=[space_b])


def test_it_updates_with_optimistic_locking(team_a, coordinator):
    saved = services.update_team(
        team=team_a, actor=coordinator, version=1, data={"description": "Neu"}
    )
    assert saved.version == 2
    with pytest.raises(ConcurrentEditError):
        services.update_team(team=team_a, actor=coordinator, version=1, data={"description": "Alt"})
    assert Team.objects.get(pk=team_a.pk).description == "Neu"


def test_it_adds_a_member_for_one_of_their_organisations(team_a, coordinator, office_a):
    kita = organisation(office_a, "Kita Pusteblume")
    person = person_at(office_a, kita, "Sören", "Janßen")
    colleague = person_at(office_a, kita, "Ina", "Imke")
    membership = services.add_member(
        team=team_a,
        actor=coordinator,
        person=person,
        organisation=kita,
        role=MembershipRole.MEMBER,
        joined=date(2025, 2, 1),
        substitutes=[colleague],
    )
    assert list(membership.substitutes.all()) == [colleague]
    entry = AuditEntry.objects.get(object_type="teams.membership", object_id=str(membership.pk))
    assert entry.object_repr == "Sören Janßen – Sozialraumteam Soltau/Wietzendorf"
    assert entry.changes["substitutes"]["new"] == "Ina Imke"


def test_it_refuses_an_organisation_the_person_does_not_work_for(team_a, coordinator, office_a):
    kita, school = organisation(office_a, "Kita A"), organisation(office_a, "Schule B")
    person = person_at(office_a, kita, "Anna", "Arndt")
    with pytest.raises(InvalidData, match="nicht für „Schule B“ tätig"):
        services.add_member(team=team_a, actor=coordinator, person=person, organisation=school)


def test_it_refuses_a_person_of_another_office(team_a, coordinator, office_b):
    stranger = person_at(office_b, None, "Olga", "Peters")
    with pytest.raises(ValueError, match="nicht zum Netzwerk dieses Jugendamts"):
        services.add_member(team=team_a, actor=coordinator, person=stranger, organisation=None)
    assert not Membership.objects.filter(person=stranger).exists()


def test_it_refuses_a_substitute_of_another_office_or_oneself(
    team_a, coordinator, office_a, office_b
):
    person = person_at(office_a, None, "Anna", "Arndt")
    with pytest.raises(InvalidData, match="anderen Jugendamt"):
        services.add_member(
            team=team_a,
            actor=coordinator,
            person=person,
            organisation=None,
            substitutes=[person_at(office_b, None, "X", "Y")],
        )
    with pytest.raises(InvalidData, match="selbst vertreten"):
        services.add_member(
            team=team_a, actor=coordinator, person=person, organisation=None, substitutes=[person]
        )


def test_it_refuses_a_current_member_twice(team_a, coordinator, team_member):
    person = Membership.objects.get(person__user=team_member).person
    with pytest.raises(InvalidData, match="schon Mitglied"):
        services.add_member(team=team_a, actor=coordinator, person=person, organisation=None)


def test_it_lets_a_member_leave_and_join_again_with_a_new_membership(team_a, coordinator, office_a):
    person = person_at(office_a, None, "Paul", "Hinrichs")
    first = member(team_a, person, joined=date(2023, 1, 1))
    ended = services.end_membership(
        membership=first, actor=coordinator, version=1, left=date(2024, 6, 30)
    )
    assert ended.left == date(2024, 6, 30)
    again = services.add_member(
        team=team_a, actor=coordinator, person=person, organisation=None, joined=date(2025, 1, 1)
    )
    assert again.pk != first.pk
    rows = Membership.objects.filter(team=team_a, person=person).order_by("joined")
    assert [(m.joined, m.left) for m in rows] == [
        (date(2023, 1, 1), date(2024, 6, 30)),
        (date(2025, 1, 1), None),
    ]


def test_it_refuses_leaving_before_joining_and_leaving_twice(team_a, coordinator, office_a):
    person = person_at(office_a, None, "Paul", "Hinrichs")
    membership = member(team_a, person, joined=date(2024, 3, 1))
    with pytest.raises(InvalidData, match="liegt vor dem Eintritt"):
        services.end_membership(
            membership=membership, actor=coordinator, version=1, left=date(2024, 2, 1)
        )
    services.end_membership(
        membership=membership, actor=coordinator, version=1, left=date(2024, 5, 1)
    )
    with pytest.raises(ConcurrentEditError):
        services.end_membership(membership=membership, actor=coordinator, version=1)
    with pytest.raises(InvalidData, match="schon am"):
        services.end_membership(membership=membership, actor=coordinator, version=2)


def test_it_changes_role_and_substitutes_with_optimistic_locking(team_a, coordinator, office_a):
    kita = organisation(office_a, "Kita A")
    person = person_at(office_a, kita, "Anna", "Arndt")
    colleague = person_at(office_a, kita, "Ben", "Bode")
    membership = member(team_a, person, kita)
    saved = services.update_membership(
        membership=membership,
        actor=coordinator,
        version=1,
        role=MembershipRole.LEAD,
        organisation=kita,
        joined=membership.joined,
        substitutes=[colleague],
    )
    assert saved.role == MembershipRole.LEAD and saved.version == 2
    with pytest.raises(ConcurrentEditError):
        services.update_membership(
            membership=membership,
            actor=coordinator,
            version=1,
            role=MembershipRole.GUEST,
            organisation=kita,
            joined=membership.joined,
            substitutes=[],
        )
    entry = AuditEntry.objects.filter(object_type="teams.membership").latest("id")
    assert entry.changes["role"] == {"old": "Mitglied", "new": "Leitung/Organisation"}
