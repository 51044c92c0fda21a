"""The list of the office's teams, a page at a time, with constant query counts.

Each team comes with `member_count` (current members) and `next_meeting` (the date of the next
planned meeting), its social spaces' names read for the page in a second query. The queries
are compiled once per database connection (lib/prepared.py): building the list's queryset with
its two subqueries cost the ORM more than SQLite needs to answer it (issue 8). The day they
count from is a parameter (ISO text cast to a date), so one compiled query serves every day.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Any

from django.db.models import DateField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Cast
from django.utils import timezone

from sozialraum.lib.http import PAGE_SIZE
from sozialraum.lib.prepared import Prepared, counting
from sozialraum.lib.row_templates import names_by_id
from sozialraum.regions.models import YouthOffice
from sozialraum.teams.models import Membership, Team

# What a row of the list shows of a team (a plain row per team).
TEAM_LIST_COLUMNS = ("id", "name", "kind", "is_active", "member_count", "next_meeting")


def day_of(text: str) -> Cast:
    """A date given as ISO text ("2026-12-02"), as an SQL date: a query parameter that stays
    text until the database reads it, so a compiled query takes any day."""
    return Cast(Value(text), output_field=DateField())


def teams_counted(office_pk: int, joined_by: str, left_from: str, meeting_from: str) -> QuerySet:
    """The office's teams in name order, each with `member_count` (members who joined by
    `joined_by` and did not leave before `left_from`) and `next_meeting` (the date of the first
    planned meeting from `meeting_from`); the three days are ISO text, normally today."""
    from sozialraum.meetings.models import Meeting, MeetingStatus

    current = (Q(joined__isnull=True) | Q(joined__lte=day_of(joined_by))) & (
        Q(left__isnull=True) | Q(left__gte=day_of(left_from))
    )
    return (
        Team.objects.filter(youth_office_id=office_pk)
        .annotate(
            member_count=Subquery(
                counting(Membership.objects.filter(team=OuterRef("pk")).filter(current))
            ),
            next_meeting=Subquery(
                Meeting.objects.filter(
                    team=OuterRef("pk"),
                    date__gte=day_of(meeting_from),
                    status=MeetingStatus.PLANNED,
                )
                .order_by("date", "starts_at")
                .values("date")[:1]
            ),
        )
        .order_by("sort_key", "pk")
    )


def team_list(office: YouthOffice) -> QuerySet[Team]:
    """The office's teams in name order with `member_count` and `next_meeting` of today (the
    ORM's queryset of the rows that `TeamListRows` reads compiled)."""
    today = timezone.localdate().isoformat()
    return teams_counted(office.pk, today, today, today)


_COUNT = Prepared(
    lambda office: counting(Team.objects.filter(youth_office_id=office)), int, rows=True
)


@cache
def _page_query(low: int, high: int) -> Prepared:
    """One compiled query per slice of the list (LIMIT and OFFSET are part of the SQL, not
    parameters); the paginator only asks for its pages, so there are at most as many as pages."""
    return Prepared(
        lambda office, joined_by, left_from, meeting_from: teams_counted(
            office, joined_by, left_from, meeting_from
        ).values_list(*TEAM_LIST_COLUMNS)[low:high],
        int,
        str,
        str,
        str,
        rows=True,
    )


class TeamListRows:
    """The rows of `team_list(office)` as `values(*TEAM_LIST_COLUMNS)` dicts, for a Paginator:
    `count()` and slices run the compiled queries."""

    def __init__(self, office: YouthOffice, day: date | None = None) -> None:
        self.office_pk = office.pk
        self.day = (day or timezone.localdate()).isoformat()

    def count(self) -> int:
        return _COUNT.all(self.office_pk)[0][0]

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, window: slice) -> list[dict[str, Any]]:
        low, high = window.start or 0, window.stop
        if high is not None and high <= low:
            return []  # as an empty slice of a queryset: no query
        day = self.day
        rows = _page_query(low, high).all(self.office_pk, day, day, day)
        return [dict(zip(TEAM_LIST_COLUMNS, row, strict=True)) for row in rows]


def space_names(team_ids: list[int]) -> dict[int, list[str]]:
    """The social spaces' names of each of these teams (at most PAGE_SIZE), in the spaces'
    order (sort key, id): one query, none without teams."""
    if len(team_ids) > PAGE_SIZE:
        raise ValueError(f"at most {PAGE_SIZE} teams at once")
    return names_by_id(Team.social_spaces, team_ids)
