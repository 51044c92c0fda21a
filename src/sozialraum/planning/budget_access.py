"""Access helpers of the budgets: one per object, scoped to the request's youth office (404
for a row of another office), with `perm` checked against the row (403)."""

from __future__ import annotations

from sozialraum.lib.prepared import Prepared
from sozialraum.lib.tenancy import OfficeRequest, get_for_user, get_prepared_for_user
from sozialraum.planning.budget_models import Budget
from sozialraum.planning.measure_models import Measure

# The budget by office and pk with its social space, compiled once per connection.
_BUDGET = Prepared(
    lambda office, pk: Budget.objects.select_related("social_space", "youth_office").filter(
        youth_office_id=office, pk=pk
    ),
    int,
    int,
)


def get_budget_for_user(request: OfficeRequest, pk: int, *, perm: str | None = None) -> Budget:
    return get_prepared_for_user(request, _BUDGET, pk, perm=perm)


def get_measure_for_budgets(request: OfficeRequest, pk: int, *, perm: str | None = None) -> Measure:
    """A measure for its budget part (allocations, expenses)."""
    queryset = Measure.objects.select_related("carrier", "team", "youth_office")
    return get_for_user(request, queryset, pk=pk, perm=perm)
