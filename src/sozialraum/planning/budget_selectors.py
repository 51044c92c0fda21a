"""Reads of the budgets with constant query counts: the dashboard's figures per social space
and month, a budget's page, a measure's budget part, the measures with their costs."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from django.core.cache import cache
from django.db import connection
from django.db.models import (
    DecimalField,
    IntegerField,
    Model,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.dates import MONTHS

from sozialraum.lib.prepared import Prepared, attach
from sozialraum.planning.budget_models import (
    Allocation,
    AllocationShare,
    Budget,
    BudgetOverride,
    BudgetTransfer,
    Expense,
)
from sozialraum.planning.measure_models import CostEstimate, Measure
from sozialraum.planning.models import ZERO
from sozialraum.regions.models import YouthOffice

MONEY: DecimalField = DecimalField(max_digits=12, decimal_places=2)
MONTHS_CACHE_SECONDS = 600


@dataclass
class BudgetFigures:
    """The figures of one budget (or the sum of several) for the dashboard."""

    label: str
    planned: Decimal = ZERO
    transferred: Decimal = ZERO
    committed: Decimal = ZERO
    spent: Decimal = ZERO
    overridden: Decimal = ZERO
    earmarked: Decimal = ZERO
    budget: Budget | None = None
    url: str = ""

    @property
    def total(self) -> Decimal:
        return self.planned + self.transferred

    @property
    def available(self) -> Decimal:
        return self.total - self.committed

    @property
    def utilisation(self) -> int:
        """Committed as a percentage of the budget (rounded; 0 without a budget)."""
        return round(self.committed * 100 / self.total) if self.total > 0 else 0

    def add(self, budget: Budget) -> None:
        self.planned += budget.planned
        self.transferred += budget.transferred
        self.committed += budget.committed
        self.spent += budget.spent
        self.overridden += budget.overridden
        self.earmarked += budget.earmarked_case_unspecific


@dataclass
class Month:
    number: int
    committed: Decimal = ZERO  # committed in this month
    spent: Decimal = ZERO
    committed_sum: Decimal = ZERO  # cumulative up to the end of the month
    spent_sum: Decimal = ZERO

    @property
    def name(self) -> str:
        return str(MONTHS[self.number])


@dataclass
class Dashboard:
    year: int
    years: list[int]
    rows: list[BudgetFigures]
    totals: BudgetFigures
    months: list[Month] = field(default_factory=list)
    space_id: int | None = None  # the space the months are for (None: all)
    month_budget: Decimal = ZERO  # the budget the months are compared with


def budget_years(office: YouthOffice) -> list[int]:
    years = Budget.objects.in_office(office).order_by().values_list("year", flat=True)
    return sorted(set(years.distinct()), reverse=True)


def dashboard(office: YouthOffice, year: int, years: list[int], space_id: int | None) -> Dashboard:
    """Three queries whatever the data: budgets of the year, commitments and expenses by month
    (plus the years, read by the caller)."""
    budgets = list(
        Budget.objects.in_office(office)
        .filter(year=year)
        .select_related("social_space")
        .order_by("social_space__sort_key", "id")
    )
    totals = BudgetFigures(label="")
    rows = []
    for budget in budgets:
        row = BudgetFigures(label=budget.social_space.name, budget=budget)
        row.add(budget)
        totals.add(budget)
        rows.append(row)
    chosen = [b for b in budgets if space_id is None or b.social_space_id == space_id]
    board = Dashboard(year=year, years=years, rows=rows, totals=totals, space_id=space_id)
    board.month_budget = sum((b.planned + b.transferred for b in chosen), ZERO)
    # The months cost two grouped queries over every commitment and expense of the year; they
    # change only with an audited write (allocating, recording an expense), which raises the
    # office's data version, part of the key. The figures are the same for everyone who may
    # see the dashboard.
    key = f"planning:dashboard-months:{office.pk}:{office.data_version}:{year}:{space_id}"
    months = cache.get(key)
    if months is None:
        months = months_of(office, year, space_id)
        cache.set(key, months, MONTHS_CACHE_SECONDS)
    board.months = months
    return board


def _month_number(model: type[Model], column: str, ends: list[Any]) -> RawSQL:
    """The month (1-12) of the row's `column` as a CASE over the ends of January to November
    (adapted for the database): plain comparisons. On SQLite every extraction of a year or a
    month (with the time zone) is a Python call per row, which made the dashboard's cost grow
    with the commitments (issue 8), and a filtered sum per month costs more ORM than it saves.
    Rows before the budget year count in January, later ones in December."""
    name = connection.ops.quote_name
    field = f"{name(model._meta.db_table)}.{name(column)}"
    whens = " ".join(f"WHEN {field} < %s THEN {n}" for n in range(1, len(ends) + 1))
    sql = f"CASE {whens} ELSE {len(ends) + 1} END"  # the values are parameters
    return RawSQL(sql, ends, output_field=IntegerField())  # noqa: S611


def months_of(office: YouthOffice, year: int, space_id: int | None) -> list[Month]:
    """Commitments (by the local date of their allocation) and expenses (by their date) per
    month, and their sums up to each month's end."""
    months = [Month(number=n) for n in range(1, 13)]
    tz = timezone.get_current_timezone()
    starts = [date(year, n, 1) for n in range(2, 13)]  # the ends of January to November
    ops = connection.ops
    of_budgets = {"year": year} if space_id is None else {"year": year, "social_space_id": space_id}
    budgets = Budget.objects.in_office(office).filter(**of_budgets).values("pk")
    moments = [ops.adapt_datetimefield_value(datetime.combine(d, time.min, tz)) for d in starts]
    committed = (
        Allocation.objects.in_office(office)
        .filter(shares__budget_id__in=budgets)
        .annotate(month=_month_number(Allocation, "created_at", moments))
        .values("month")
        .annotate(amount=Sum("shares__amount"))
        .order_by()
    )
    for entry in committed:
        months[entry["month"] - 1].committed += entry["amount"]
    days = [ops.adapt_datefield_value(day) for day in starts]
    spent = (
        Expense.objects.in_office(office)
        .filter(share__budget_id__in=budgets)
        .annotate(month=_month_number(Expense, "date", days))
        .values("month")
        .annotate(amount=Sum("amount"))
        .order_by()
    )
    for entry in spent:
        months[entry["month"] - 1].spent += entry["amount"]
    committed_sum = spent_sum = ZERO
    for month in months:
        committed_sum += month.committed
        spent_sum += month.spent
        month.committed_sum, month.spent_sum = committed_sum, spent_sum
    return months


@dataclass
class BudgetPage:
    shares: list[AllocationShare]
    expenses: list[Expense]
    transfers: list[BudgetTransfer]
    overrides: list[BudgetOverride]


# The fixed queries of a budget's page, compiled once per connection (lib/prepared.py).
_BUDGET_SHARES = Prepared(
    lambda pk: (
        AllocationShare.objects.filter(budget_id=pk)
        .select_related("allocation__measure", "allocation__created_by")
        .order_by("-allocation__created_at", "-id")
    ),
    int,
)
_BUDGET_EXPENSES = Prepared(
    lambda pk: (
        Expense.objects.filter(share__budget_id=pk)
        .select_related("share__allocation__measure", "created_by")
        .order_by("-date", "-id")
    ),
    int,
)
# Transfers out of and into the budget: its pk twice, as two parameters.
_BUDGET_TRANSFERS = Prepared(
    lambda source, target: (
        BudgetTransfer.objects.filter(Q(source_id=source) | Q(target_id=target))
        .select_related("source__social_space", "target__social_space", "by")
        .order_by("-at", "-id")
    ),
    int,
    int,
)
_BUDGET_OVERRIDES = Prepared(
    lambda pk: (
        BudgetOverride.objects.filter(budget_id=pk)
        .select_related("by", "decision", "share__allocation__measure")
        .order_by("-at", "-id")
    ),
    int,
)


def budget_page(budget: Budget) -> BudgetPage:
    """Four queries: the budget's allocation shares (with measure), its expenses, transfers in
    and out, and overrides."""
    shares = _BUDGET_SHARES.all(budget.pk)
    expenses = _BUDGET_EXPENSES.all(budget.pk)
    transfers = _BUDGET_TRANSFERS.all(budget.pk, budget.pk)
    for moved in transfers:
        moved.incoming = moved.target_id == budget.pk  # type: ignore[attr-defined]
    overrides = _BUDGET_OVERRIDES.all(budget.pk)
    return BudgetPage(shares=shares, expenses=expenses, transfers=transfers, overrides=overrides)


def budget_part() -> Prefetch:
    """What `planning/_measure_budget.html` shows of a measure (allocations, their shares with
    budget and social space, the shares' expenses): three queries for any number of measures."""
    shares = AllocationShare.objects.select_related("budget__social_space").prefetch_related(
        Prefetch("expenses", queryset=Expense.objects.order_by("-date", "-id"))
    )
    return Prefetch(
        "allocations",
        queryset=Allocation.objects.select_related("created_by").prefetch_related(
            Prefetch("shares", queryset=shares)
        ),
    )


# One measure's budget part (its page), compiled once per connection (lib/prepared.py): the
# querysets of `budget_part`, filtered by the measure instead of by the parents' ids.
_ALLOCATIONS = Prepared(
    lambda pk: Allocation.objects.filter(measure_id=pk).select_related("created_by"), int
)
_SHARES = Prepared(
    lambda pk: AllocationShare.objects.filter(allocation__measure_id=pk).select_related(
        "budget__social_space"
    ),
    int,
)
_EXPENSES = Prepared(
    lambda pk: Expense.objects.filter(share__allocation__measure_id=pk).order_by("-date", "-id"),
    int,
)


def attach_budget_part(measure: Measure) -> None:
    """What `budget_part` prefetches, for one measure: the same three queries and the same
    objects, without compiling their querysets on every request (the measure's page)."""
    allocations = _ALLOCATIONS.all(measure.pk)
    attach([measure], "allocations", allocations)
    if not allocations:
        return
    shares = _SHARES.all(measure.pk)
    attach(allocations, "shares", shares)
    if shares:
        attach(shares, "expenses", _EXPENSES.all(measure.pk))


def with_budget_part(measures: QuerySet[Measure]) -> QuerySet[Measure]:
    """Measures with their budget part (`budget_part`): three more queries for any number."""
    return measures.prefetch_related(budget_part())


def _newest_estimate(column: str) -> Subquery:
    newest = CostEstimate.objects.filter(measure=OuterRef("pk")).order_by("-number")
    return Subquery(newest.values(column)[:1], output_field=MONEY)


def _sum_of(queryset: QuerySet, column: str) -> Coalesce:
    summed = queryset.order_by().values("measure").annotate(total=Sum(column)).values("total")
    return Coalesce(Subquery(summed, output_field=MONEY), Value(ZERO), output_field=MONEY)


def measures_with_costs(office: YouthOffice) -> QuerySet[Measure]:
    """Every measure of the office with its newest cost calculation (total, own contribution,
    third-party funding, requested) and what is committed and spent on it: two queries."""
    allocations = Allocation.objects.filter(measure=OuterRef("pk"))
    spent = (
        AllocationShare.objects.filter(allocation__measure=OuterRef("pk"))
        .order_by()
        .values("allocation__measure")
        .annotate(total=Sum("spent"))
        .values("total")
    )
    return (
        Measure.objects.in_office(office)
        .select_related("carrier", "team")
        .prefetch_related("social_spaces")
        .annotate(
            cost_total=_newest_estimate("total"),
            cost_own=_newest_estimate("own_contribution"),
            cost_third_party=_newest_estimate("third_party_funding"),
            cost_requested=_newest_estimate("requested"),
            committed=_sum_of(allocations, "total"),
            spent=Coalesce(Subquery(spent, output_field=MONEY), Value(ZERO), output_field=MONEY),
        )
        .order_by("-period_start", "-id")
    )


def requested_amount(measure: Measure) -> Decimal | None:
    """The requested amount of the measure's newest cost calculation (None without one)."""
    newest = CostEstimate.objects.filter(measure=measure).order_by("-number").first()
    return newest.requested if newest is not None else None


def committed_on(measure: Measure) -> Decimal:
    summed = Allocation.objects.filter(measure=measure).aggregate(total=Sum("total"))["total"]
    return summed or ZERO
