"""What the minutes page reads, compiled once per database connection (lib/prepared.py, issue 8).

The meeting comes with its team, office and minutes (who takes and who approved them) in one
query; the minutes' items, decisions, tasks, comments and revisions, the attendance and the
team's next meeting each in one more, by the minutes' or the meeting's id. Every query gives
the rows the ORM querysets they replace gave (tests/minutes/test_minutes_reads.py).
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import cast

from django.http import Http404

from sozialraum.lib.choice_fields import out_of_range
from sozialraum.lib.prepared import Prepared
from sozialraum.lib.tenancy import OfficeRequest
from sozialraum.meetings.models import Attendance, Meeting, MeetingStatus
from sozialraum.minutes.models import (
    Decision,
    Minutes,
    MinutesComment,
    MinutesItem,
    MinutesRevision,
    Task,
)
from sozialraum.network.models import Person

# The meeting of the office by pk, with its team and office and its minutes (if any) with who
# takes and who approved them.
MEETING = Prepared(
    lambda office, pk: Meeting.objects.select_related(
        "team", "youth_office", "minutes__minute_taker", "minutes__approved_by"
    ).filter(youth_office_id=office, pk=pk),
    int,
    int,
)
# The attendance as the page lists it: only the shown columns (`attendances` makes objects).
_ATTENDANCE_COLUMNS = (
    "person_id",
    "person__title",
    "person__first_name",
    "person__last_name",
    "guest_name",
    "organisation_id",
    "organisation__name",
    "organisation_name",
    "is_substitute",
    "is_guest",
    "person__user_id",
)
_ATTENDANCES = Prepared(
    lambda meeting: (
        Attendance.objects.filter(meeting_id=meeting)
        .order_by("person__sort_key", "guest_name", "pk")
        .values_list(*_ATTENDANCE_COLUMNS)
    ),
    int,
    rows=True,
)
# The team's next planned meeting after this one's date (the meeting's id given twice: once for
# its team, once for its date).
NEXT_MEETING = Prepared(
    lambda team_of, date_of: Meeting.objects.filter(
        team_id=Meeting.objects.filter(pk=team_of).values("team_id")[:1],
        status=MeetingStatus.PLANNED,
        date__gt=Meeting.objects.filter(pk=date_of).values("date")[:1],
    ).order_by("date", "starts_at")[:1],
    int,
    int,
)
ITEMS = Prepared(
    lambda minutes: MinutesItem.objects.filter(minutes_id=minutes).order_by("position", "pk"), int
)
DECISIONS = Prepared(
    lambda minutes: Decision.objects.filter(minutes_id=minutes).order_by("year", "number"), int
)
TASKS = Prepared(
    lambda minutes: (
        Task.objects.filter(minutes_id=minutes).select_related("responsible").order_by("pk")
    ),
    int,
)
COMMENTS = Prepared(
    lambda minutes: (
        MinutesComment.objects.filter(minutes_id=minutes)
        .select_related("author")
        .order_by("created_at", "pk")
    ),
    int,
)
REVISIONS = Prepared(
    lambda minutes: (
        MinutesRevision.objects.filter(minutes_id=minutes)
        .select_related("created_by")
        .order_by("-number")
    ),
    int,
)


def attendances(meeting_id: int) -> list[SimpleNamespace]:
    """The meeting's attendance in the page's order, each with what the page shows of it:
    `person` (its `full_name`, as Person.full_name writes it, and `user_id`) or `guest_name`,
    `organisation` (its `name`) or `organisation_name`, `is_substitute`, `is_guest`."""
    full_name = cast(property, Person.full_name).fget
    assert full_name is not None
    found = []
    for row in _ATTENDANCES.all(meeting_id):
        person_id, title, first, last, guest, organisation_id, organisation, typed = row[:8]
        person = None
        if person_id is not None:
            named = SimpleNamespace(title=title, first_name=first, last_name=last)
            person = SimpleNamespace(pk=person_id, full_name=full_name(named), user_id=row[10])
        found.append(
            SimpleNamespace(
                person=person,
                guest_name=guest,
                organisation=None
                if organisation_id is None
                else SimpleNamespace(pk=organisation_id, name=organisation),
                organisation_name=typed,
                is_substitute=row[8],
                is_guest=row[9],
            )
        )
    return found


def meeting_with_minutes(request: OfficeRequest, pk: int) -> tuple[Meeting, Minutes | None]:
    """The meeting of the request's office (404 for none, as `get_meeting`) and its minutes,
    whose meeting and office are the meeting's (not read again)."""
    if out_of_range(Meeting._meta.pk, pk):  # type: ignore[arg-type]
        raise Http404
    meeting = MEETING.first(request.youth_office.pk, pk)
    if meeting is None:
        raise Http404
    # No minutes: the joined relation is cached as missing (an AttributeError on access).
    minutes = getattr(meeting, "minutes", None)
    if minutes is not None:
        minutes.youth_office = meeting.youth_office
    return meeting, minutes
