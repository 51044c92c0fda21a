"""Access helpers of the meetings app: one per object, scoped to the request's youth office
(404 for another office's rows), checking the permission on the object (403).

The meeting is looked up by office and pk with queries compiled once per connection
(lib/prepared.py, issue 8; lib.tenancy.get_prepared_for_user); the team as the teams app
looks it up (`get_team_for_user`, imported from teams.access for the meetings' views)."""

from __future__ import annotations

from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from sozialraum.lib.prepared import Prepared
from sozialraum.lib.tenancy import OfficeRequest, get_for_user, get_prepared_for_user
from sozialraum.meetings.models import Attendance, Meeting, SchoolHoliday
from sozialraum.teams.access import get_team_for_user

__all__ = ["get_holiday_for_user", "get_meeting_for_user", "get_team_for_user"]


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


def get_meeting_for_user(
    request: OfficeRequest, pk: int, *, perm: str | None = None, with_present: bool = False
) -> Meeting:
    """The meeting with its team, series and office; `with_present` adds `meeting.present`,
    the number of attendance entries (the meeting page)."""
    query = _MEETING_WITH_PRESENT if with_present else _MEETING
    return get_prepared_for_user(request, query, pk, perm=perm)


def get_holiday_for_user(request: OfficeRequest, pk: int) -> SchoolHoliday:
    return get_for_user(request, SchoolHoliday, pk=pk, perm="meetings.manage_holidays")
