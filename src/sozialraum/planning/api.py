"""Read API of the planning under /api/v1/youth-offices/{slug}/ (django-ninja, session login).
The office is resolved as on the pages (`office_for`: 404 without a role there). Lists are
paginated like the minutes' API: `{"count": N, "page": P, "pages": M, "results": [...]}`, 50 per
page, `?page=2`. Amounts are decimal strings in euros ("1234.50"), never floats.

Needs and measures (planning-needs); carrier editors see their own organisation's measures."""

from datetime import date
from decimal import Decimal

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from sozialraum.minutes.api import PageOf, SocialSpaceRef
from sozialraum.planning import selectors
from sozialraum.planning.measure_models import Measure, MeasureStatus
from sozialraum.planning.models import Need, NeedStatus

router = Router(tags=["Planung: Bedarfe und Maßnahmen"])


def _office(request: HttpRequest, slug: str):
    from sozialraum.api import office_for

    return office_for(request, slug, "planning.view_planning")


class NeedOut(Schema):
    id: int
    title: str
    definition: str
    evidence: str
    target_group: str
    age_from: int | None
    age_to: int | None
    status: str
    status_label: str
    priority: int | None
    raised_by: str
    team_id: int | None
    meeting_id: int | None
    social_spaces: list[SocialSpaceRef]
    created_at: date

    @staticmethod
    def resolve_status_label(need: Need) -> str:
        return str(need.get_status_display())

    @staticmethod
    def resolve_social_spaces(need: Need) -> list[dict]:
        return [{"id": space.pk, "name": space.name} for space in need.social_spaces.all()]

    @staticmethod
    def resolve_created_at(need: Need) -> date:
        return need.created_at.date()


class GoalOut(Schema):
    description: str
    indicator: str
    target_value: Decimal
    unit: str


class MeasureOut(Schema):
    id: int
    title: str
    status: str
    status_label: str
    carrier_id: int
    carrier: str
    team_id: int | None
    period_start: date
    period_end: date
    place: str
    target_group: str
    need_ids: list[int]
    social_spaces: list[SocialSpaceRef]
    goals: list[GoalOut]
    estimate_number: int | None
    total: Decimal | None
    own_contribution: Decimal | None
    third_party_funding: Decimal | None
    requested: Decimal | None

    @staticmethod
    def resolve_status_label(measure: Measure) -> str:
        return str(measure.get_status_display())

    @staticmethod
    def resolve_carrier(measure: Measure) -> str:
        return measure.carrier.name

    @staticmethod
    def resolve_need_ids(measure: Measure) -> list[int]:
        return [need.pk for need in measure.needs.all()]

    @staticmethod
    def resolve_social_spaces(measure: Measure) -> list[dict]:
        return [{"id": space.pk, "name": space.name} for space in measure.social_spaces.all()]

    @staticmethod
    def resolve_goals(measure: Measure) -> list[dict]:
        return [
            {
                "description": g.description,
                "indicator": g.indicator,
                "target_value": g.target_value,
                "unit": g.unit,
            }
            for g in measure.goals.all()
        ]

    @staticmethod
    def _current(measure: Measure):
        estimates = list(measure.estimates.all())
        return estimates[0] if estimates else None

    @staticmethod
    def resolve_estimate_number(measure: Measure) -> int | None:
        current = MeasureOut._current(measure)
        return current.number if current else None

    @staticmethod
    def resolve_total(measure: Measure) -> Decimal | None:
        current = MeasureOut._current(measure)
        return current.total if current else None

    @staticmethod
    def resolve_own_contribution(measure: Measure) -> Decimal | None:
        current = MeasureOut._current(measure)
        return current.own_contribution if current else None

    @staticmethod
    def resolve_third_party_funding(measure: Measure) -> Decimal | None:
        current = MeasureOut._current(measure)
        return current.third_party_funding if current else None

    @staticmethod
    def resolve_requested(measure: Measure) -> Decimal | None:
        current = MeasureOut._current(measure)
        return current.requested if current else None


class NeedFilter(Schema):
    status: str = Field("", max_length=30, description="nur dieser Stand, z. B. „anerkannt“")
    social_space: int | None = Field(None, ge=1, le=2**62, description="nur dieser Sozialraum")
    team: int | None = Field(None, ge=1, le=2**62, description="nur dieses Team")


@router.get(
    "/youth-offices/{slug}/needs", response=list[NeedOut], summary="Bedarfe eines Jugendamts"
)
@paginate(PageOf)
def list_needs(request: HttpRequest, slug: str, filters: Query[NeedFilter]) -> QuerySet[Need]:
    office = _office(request, slug)
    status = filters.status if filters.status in NeedStatus.values else ""
    return selectors.need_list(office, status=status, space=filters.social_space, team=filters.team)


@router.get(
    "/youth-offices/{slug}/measures",
    response=list[MeasureOut],
    summary="Maßnahmen eines Jugendamts mit der aktuellen Kostenkalkulation",
)
@paginate(PageOf)
def list_measures(
    request: HttpRequest,
    slug: str,
    status: str = Query("", max_length=30, description="nur dieser Stand, z. B. „bewilligt“"),
) -> QuerySet[Measure]:
    office = _office(request, slug)
    status = status if status in MeasureStatus.values else ""
    return (
        selectors.measure_list(office, status=status)
        .filter(selectors.visible_measures(office, request.user))
        .prefetch_related("needs", "social_spaces", "goals")
    )
