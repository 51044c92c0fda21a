"""Access helpers of the teams: one per object, scoped to the request's youth office.

Each answers 404 for a row of another youth office (or none) and, given `perm`, 403 unless the
user has that permission on the row (rules in `teams/rules.py`).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from sozialraum.lib.tenancy import OfficeRequest, get_for_user
from sozialraum.teams.models import Membership, Team


def get_team_for_user(request: OfficeRequest, pk: int, *, perm: str | None = None) -> Team:
    return get_for_user(request, Team.objects.select_related("youth_office"), pk=pk, perm=perm)


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
