"""Access helpers of the meetings app: one per object, scoped to the request's youth office
(404 for another office's rows), checking the permission on the object (403)."""

from __future__ import annotations

from sozialraum.lib.tenancy import OfficeRequest, get_for_user
from sozialraum.meetings.models import Meeting, SchoolHoliday
from sozialraum.teams.models import Team


def get_team_for_user(request: OfficeRequest, pk: int, *, perm: str | None = None) -> Team:
    return get_for_user(request, Team.objects.select_related("youth_office"), pk=pk, perm=perm)


def get_meeting_for_user(request: OfficeRequest, pk: int, *, perm: str | None = None) -> Meeting:
    queryset = Meeting.objects.select_related("team", "series", "youth_office")
    return get_for_user(request, queryset, pk=pk, perm=perm)


def get_holiday_for_user(request: OfficeRequest, pk: int) -> SchoolHoliday:
    return get_for_user(request, SchoolHoliday, pk=pk, perm="meetings.manage_holidays")
