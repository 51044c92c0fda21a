"""Access helpers of the teams: one per object, scoped to the request's youth office.

Each answers 404 for a row of another youth office (or none) and, given `perm`, 403 unless the
user has that permission on the row (rules in `teams/rules.py`).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from sozialraum.lib.choice_fields import out_of_range
from sozialraum.lib.prepared import Prepared
from sozialraum.lib.tenancy import OfficeRequest, get_for_user
from sozialraum.teams.models import Membership, Team

# A team by office and pk, compiled once per connection (lib/prepared.py).
_TEAM = Prepared(
    lambda office, pk: Team.objects.select_related("youth_office").filter(
        youth_office_id=office, pk=pk
    ),
    int,
    int,
)


def get_team_for_user(request: OfficeRequest, pk: int, *, perm: str | None = None) -> Team:
    """What `get_for_user` does with the team of the request's office, without compiling the
    query on every request; a number no primary key can be is simply not found."""
    if out_of_range(Team._meta.pk, pk):  # type: ignore[arg-type]
        raise Http404
    team = _TEAM.first(request.youth_office.pk, pk)
    if team is None:
        raise Http404
    if perm is not None and not request.user.has_perm(perm, team):
        raise PermissionDenied
    return team


def get_membership_for_user(
    request: OfficeRequest, pk: int, *, perm: str | None = None
) -> Membership:
    """A membership; `perm` (e.g. "teams.manage_members") is checked against its team."""
    queryset = Membership.objects.select_related(
        "team", "team__youth_office", "person", "organisation", "youth_office"
    )
    membership = get_for_user(request, queryset, pk=pk)
    if perm is not None and not request.user.has_perm(perm, membership.team):
        raise PermissionDenied
    return membership
