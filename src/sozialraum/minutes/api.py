"""Read API of teams, meetings and decisions under /api/v1/youth-offices/{slug}/ (django-ninja,
session login). The office is resolved as on the pages (`office_for`: 404 without a role there);
decisions are the ones the user may see in the register. Lists are paginated:
`{"count": N, "page": P, "pages": M, "results": [...]}`, 50 per page, `?page=2`."""

import math
from datetime import date, time
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import PaginationBase, paginate

from sozialraum.meetings.models import Meeting
from sozialraum.minutes import selectors
from sozialraum.minutes.models import Decision
from sozialraum.teams.models import Team

router = Router(tags=["Teams, Treffen und Beschlüsse"])

PER_PAGE = 50
MAX_PAGE = 100_000


class PageOf(PaginationBase):
    """Page numbers, with the count of all rows and of pages."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE, description="Seite, ab 1")

    class Output(Schema):
        count: int
        page: int
        pages: int
        results: list[Any]

    items_attribute = "results"

    def paginate_queryset(
        self, queryset: QuerySet, pagination: Any, request: HttpRequest, **params
    ):
        offset = (pagination.page - 1) * PER_PAGE
        count = self._items_count(queryset)
        return {
            "count": count,
            "page": pagination.page,
            "pages": max(1, math.ceil(count / PER_PAGE)),
            "results": list(queryset[offset : offset + PER_PAGE]),
        }


class SocialSpaceRef(Schema):
    id: int
    name: str


class TeamOut(Schema):
    id: int
    name: str
    kind: str
    kind_label: str
    is_active: bool
    social_spaces: list[SocialSpaceRef]

    @staticmethod
    def resolve_kind_label(team: Team) -> str:
        return str(team.get_kind_display())

    @staticmethod
    def resolve_social_spaces(team: Team) -> list[dict]:
        return [{"id": space.pk, "name": space.name} for space in team.social_spaces.all()]


class MeetingOut(Schema):
    id: int
    team_id: int
    team: str
    date: date
    starts_at: time
    ends_at: time
    time_slot: str
    place: str
    status: str
    attendance_count: int
    guest_count: int

    @staticmethod
    def resolve_team(meeting: Meeting) -> str:
        return meeting.team.name


class DecisionOut(Schema):
    id: int
    number: str
    year: int
    date: date
    team_id: int
    team: str
    text: str
    status: str
    status_label: str
    meeting_id: int | None

    @staticmethod
    def resolve_number(decision: Decision) -> str:
        return decision.label

    @staticmethod
    def resolve_team(decision: Decision) -> str:
        return decision.team.name

    @staticmethod
    def resolve_status_label(decision: Decision) -> str:
        return str(decision.get_status_display())

    @staticmethod
    def resolve_meeting_id(decision: Decision) -> int | None:
        return decision.minutes.meeting_id if decision.minutes else None


class DecisionFilter(Schema):
    q: str = Field("", max_length=200, description="Suche im Beschlusstext oder Nummer „3/2026“")
    team: int | None = Field(None, ge=1, le=2**62, description="nur dieses Team")
    year: int | None = Field(None, ge=1900, le=2100, description="nur dieses Jahr")


def _office(request: HttpRequest, slug: str):
    from sozialraum.api import office_for

    return office_for(request, slug)


@router.get("/youth-offices/{slug}/teams", response=list[TeamOut], summary="Teams eines Jugendamts")
@paginate(PageOf)
def list_teams(request: HttpRequest, slug: str) -> QuerySet[Team]:
    office = _office(request, slug)
    return (
        Team.objects.in_office(office).prefetch_related("social_spaces").order_by("sort_key", "id")
    )


@router.get(
    "/youth-offices/{slug}/meetings",
    response=list[MeetingOut],
    summary="Treffen eines Jugendamts mit der Zahl der Anwesenden",
)
@paginate(PageOf)
def list_meetings(
    request: HttpRequest,
    slug: str,
    team: int | None = Query(None, ge=1, le=2**62, description="nur dieses Team"),
) -> QuerySet[Meeting]:
    office = _office(request, slug)
    meetings = Meeting.objects.in_office(office).select_related("team")
    if team is not None:
        meetings = meetings.filter(team_id=team)
    return meetings.annotate(
        attendance_count=Count("attendances"),
        guest_count=Count("attendances", filter=Q(attendances__is_guest=True)),
    ).order_by("-date", "-starts_at", "-id")


@router.get(
    "/youth-offices/{slug}/decisions",
    response=list[DecisionOut],
    summary="Beschlüsse eines Jugendamts (das Beschlussregister)",
)
@paginate(PageOf)
def list_decisions(
    request: HttpRequest, slug: str, filters: Query[DecisionFilter]
) -> QuerySet[Decision]:
    office = _office(request, slug)
    return selectors.decision_register(
        office, user=request.user, q=filters.q.strip(), team=filters.team, year=filters.year
    )
