"""Access helpers of the meetings app: one per object, scoped to the request's youth office
(404 for another office's rows), checking the permission on the object (403).

The team and the meeting are looked up by office and pk with queries compiled once per
connection (lib/prepared.py, issue 8); a number no primary key can be is simply not found."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404

from sozialraum.lib.choice_fields import out_of_range
from sozialraum.lib.prepared import Prepared
from sozialraum.lib.tenancy import OfficeRequest, get_for_user
from sozialraum.meetings.models import Attendance, Meeting, SchoolHoliday
from sozialraum.teams.models import Team

_TEAM = Prepared(
    lambda office, pk: Team.objects.select_related("youth_office").filter(
        youth_office_id=office, pk=pk
    ),
    int,
    int,
)


def _meetings():
    return Meeting.objects.select_related("team", "series", "youth_office")


_MEETING = Prepared(lambda office, pk: _meetings().filter(youth_office_id=office, pk=pk), int, int)

# The meeting page's meeting, with the number of people who were there (`present`).
_PRESENT = (
    Attendance.objects.filter(meeting_id=OuterRef("pk"))
    .order_by()
    .values("meeting_id")
    .annotate(count=Count("id"))
    .values("count")
)
_MEETING_WITH_PRESENT = Prepared(
    lambda office, pk: (
        _meetings()
        .annotate(present=Coalesce(Subquery(_PRESENT), Value(0), output_field=IntegerField()))
        .filter(youth_office_id=office, pk=pk)
    ),
    int,
    int,
)


def _permitted(request: OfficeRequest, found: Any, perm: str | None) -> Any:
    """`found` (404 if None), after the check of `perm` on it (403), as `get_for_user` does."""
    if found is None:
        raise Http404
    if perm is not None and not request.user.has_perm(perm, found):
        raise PermissionDenied
    return found


def _lookup(request: OfficeRequest, query: Prepared, pk: int, perm: str | None) -> Any:
    if out_of_range(query.model._meta.pk, pk):  # type: ignore[arg-type]
        raise Http404
    return _permitted(request, query.first(request.youth_office.pk, pk), perm)


def get_team_for_user(request: OfficeRequest, pk: int, *, perm: str | None = None) -> Team:
    return _lookup(request, _TEAM, pk, perm)


def get_meeting_for_user(
    request: OfficeRequest, pk: int, *, perm: str | None = None, with_present: bool = False
) -> Meeting:
    """The meeting with its team, series and office; `with_present` adds `meeting.present`,
    the number of attendance entries (the meeting page)."""
    return _lookup(request, _MEETING_WITH_PRESENT if with_present else _MEETING, pk, perm)


def get_holiday_for_user(request: OfficeRequest, pk: int) -> SchoolHoliday:
    return get_for_user(request, SchoolHoliday, pk=pk, perm="meetings.manage_holidays")
