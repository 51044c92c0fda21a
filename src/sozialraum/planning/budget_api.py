"""Read API of the budgets under /api/v1/youth-offices/{slug}/ (django-ninja, session login),
registered in sozialraum/api.py. The office is resolved as on the pages (`office_for`: 404
without a role there, 403 without `planning.view_budgets`, e.g. for carrier editors). Amounts
are decimal strings with two places ("1234.50"), never floats."""

from decimal import Decimal

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Path, Query, Router, Schema
from ninja.pagination import paginate

from sozialraum.minutes.api import PageOf, SocialSpaceRef
from sozialraum.planning.budget_models import AllocationShare, Budget

router = Router(tags=["Budgets"])


class BudgetOut(Schema):
    id: int
    year: int
    social_space: SocialSpaceRef
    planned: Decimal
    transferred: Decimal
    earmarked_case_unspecific: Decimal
    committed: Decimal
    spent: Decimal
    available: Decimal
    overridden: Decimal

    @staticmethod
    def resolve_social_space(budget: Budget) -> dict:
        return {"id": budget.social_space_id, "name": budget.social_space.name}


class ShareOut(Schema):
    allocation_id: int
    measure_id: int
    measure: str
    amount: Decimal
    spent: Decimal
    committed_at: str

    @staticmethod
    def resolve_measure_id(share: AllocationShare) -> int:
        return share.allocation.measure_id

    @staticmethod
    def resolve_measure(share: AllocationShare) -> str:
        return share.allocation.measure.title

    @staticmethod
    def resolve_committed_at(share: AllocationShare) -> str:
        return share.allocation.created_at.isoformat()


class BudgetDetailOut(BudgetOut):
    shares: list[ShareOut]

    @staticmethod
    def resolve_shares(budget: Budget) -> list[AllocationShare]:
        return list(budget.shares.all())


class BudgetFilter(Schema):
    year: int | None = Field(None, ge=2000, le=2100, description="nur dieses Jahr")


def _office(request: HttpRequest, slug: str):
    from sozialraum.api import office_for

    return office_for(request, slug, "planning.view_budgets")


@router.get(
    "/youth-offices/{slug}/budgets",
    response=list[BudgetOut],
    summary="Sozialraumbudgets eines Jugendamts (geplant, gebunden, ausgegeben, verfügbar)",
)
@paginate(PageOf)
def list_budgets(request: HttpRequest, slug: str, filters: Query[BudgetFilter]) -> QuerySet:
    office = _office(request, slug)
    budgets = Budget.objects.in_office(office).select_related("social_space")
    if filters.year is not None:
        budgets = budgets.filter(year=filters.year)
    return budgets.order_by("-year", "social_space__sort_key", "id")


@router.get(
    "/youth-offices/{slug}/budgets/{budget_id}",
    response=BudgetDetailOut,
    summary="Ein Sozialraumbudget mit seinen Mittelbindungen",
)
def get_budget(request: HttpRequest, slug: str, budget_id: int = Path(..., ge=1, le=2**62)):
    office = _office(request, slug)
    shares = AllocationShare.objects.select_related("allocation__measure").order_by(
        "-allocation__created_at", "-id"
    )
    queryset = (
        Budget.objects.in_office(office)
        .select_related("social_space")
        .prefetch_related(Prefetch("shares", queryset=shares))
    )
    return get_object_or_404(queryset, pk=budget_id)
