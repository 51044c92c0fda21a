"""The URL walk's expectations for sozialraum.teams: the list of teams, a team's page, creating
and editing teams, managing members (coordination or the team's Leitung)."""

from __future__ import annotations

from sozialraum.teams.models import Membership
from tests.walk import COORDINATION_PAGE, MEMBER_PAGE, Expect, Walk


def build(walk: Walk) -> None:
    """The team member's membership in team_a (tests/conftest.py) for the membership pages."""
    world = walk.world
    assert world.team_a is not None and world.team_member is not None
    membership = Membership.objects.get(team=world.team_a, person__user=world.team_member)
    walk.rows.update(team=world.team_a.pk, membership=membership.pk)


def team(walk: Walk) -> int:
    return walk.rows["team"]


def membership(walk: Walk) -> int:
    return walk.rows["membership"]


# Coordination or the team's Leitung; the team's ordinary member and a member of another team
# get 403 like every other Fachkraft (neither persona leads team_a).
TEAM_MANAGEMENT = {**COORDINATION_PAGE, "team_member": 403, "other_team_member": 403}

EXPECTED: dict[str, Expect] = {
    "teams:list": Expect(get=MEMBER_PAGE),
    # Invalid (empty) forms answer 200 with their errors.
    "teams:create": Expect(get=COORDINATION_PAGE, post=COORDINATION_PAGE),
    "teams:team": Expect(get=MEMBER_PAGE, pk=team),
    "teams:edit": Expect(get=TEAM_MANAGEMENT, post=TEAM_MANAGEMENT, pk=team),
    "teams:members": Expect(get=TEAM_MANAGEMENT, post=TEAM_MANAGEMENT, pk=team),
    "teams:membership_edit": Expect(get=TEAM_MANAGEMENT, post=TEAM_MANAGEMENT, pk=membership),
    "teams:membership_leave": Expect(get=TEAM_MANAGEMENT, post=TEAM_MANAGEMENT, pk=membership),
}

SECRETS: tuple[str, ...] = ("Sozialraumteam Walsrode", "Grundschule am Heidering")
