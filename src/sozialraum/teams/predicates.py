"""Team predicates (django-rules) that the rules of teams, meetings and minutes compose.

They take the user and a `Team`, or any row with a `team_id` (a meeting, a topic, a decision,
a task) or a `meeting` (an invitation, minutes). A user is in a team through their person
record in the network (`Person.user`): as a current member, or as a named substitute of a
current member. The answer is cached on the user object per team for the request.
"""

from __future__ import annotations

from typing import Any

import rules

from sozialraum.accounts.predicates import role_of
from sozialraum.teams.models import Membership, MembershipRole


def team_id_of(obj: Any) -> int | None:
    """The team a row belongs to (a Team, or a row with team_id, or a row with a meeting)."""
    from sozialraum.teams.models import Team

    if isinstance(obj, Team):
        return obj.pk
    team_id = getattr(obj, "team_id", None)
    if team_id is not None:
        return team_id
    meeting = getattr(obj, "meeting", None)
    return getattr(meeting, "team_id", None)


def team_roles(user: Any, team_id: int | None) -> set[str]:
    """The user's roles in the team today: MembershipRole values, "vertretung" for a named
    substitute. One query per user and team per request."""
    if team_id is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    cache: dict[int, set[str]] = user.__dict__.setdefault("_team_roles", {})
    if team_id not in cache:
        current = Membership.objects.current().filter(team_id=team_id)
        roles = set(current.filter(person__user=user).values_list("role", flat=True))
        if current.filter(substitutes__user=user).exists():
            roles.add("vertretung")
        cache[team_id] = roles
    return cache[team_id]


@rules.predicate
def is_team_member(user: Any, obj: Any) -> bool:
    """A current member of the object's team (any role, guests included) or a substitute."""
    return role_of(user, obj)[0] is not None and bool(team_roles(user, team_id_of(obj)))


@rules.predicate
def is_team_lead(user: Any, obj: Any) -> bool:
    """The team's Leitung/Organisation."""
    return role_of(user, obj)[0] is not None and MembershipRole.LEAD in team_roles(
        user, team_id_of(obj)
    )
