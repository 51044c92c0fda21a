"""The URL walk's expectations for sozialraum.planning: budgets (joined in url_expectations.py).

Budgets are read by every member of office A but carrier editors; coordination creates and
edits them, transfers, binds funds (allocation_add); expenses are coordination's and the
carrier editor's of the measure's carrier (the walk's measure is carried by ``org_a``)."""

from __future__ import annotations

from tests.walk import COORDINATION_PAGE, LOGIN, Expect, Walk, row

MEASURE_TITLE = "Lesepaten Wietzendorf"


def build(walk: Walk) -> None:
    """A budget of office A with an allocation of an approved measure of org_a."""
    from tests.planning.budget_world import allocate, make_budget, make_measure

    world = walk.world
    assert world.org_a is not None
    budget = make_budget(world.space_a, "10000", year=2026)
    measure = make_measure(world.office_a, MEASURE_TITLE, carrier=world.org_a)
    allocate(measure, (budget, "1500"))
    walk.rows.update(budget=budget.pk, budget_measure=measure.pk)


def budget(walk: Walk) -> int:
    return walk.rows["budget"]


def measure(walk: Walk) -> int:
    return walk.rows["budget_measure"]


def csv(walk: Walk) -> dict[str, str]:
    return {"fmt": "csv"}


def api_budget(walk: Walk) -> dict[str, str]:
    return {"budget_id": str(walk.rows["budget"])}


# Every member but carrier editors reads the budgets; 404 outside the office.
BUDGET_READER = row(
    anonymous=LOGIN,
    outsider=404,
    coordinator_b=404,
    reader=200,
    professional=200,
    coordinator=200,
    operator=200,
    carrier_editor=403,
)
# An empty POST of a coordination form shows it again with its errors.
COORDINATION_FORM = COORDINATION_PAGE
# Expenses: coordination, and the carrier editor of the measure's carrier.
EXPENSE_PAGE = {**COORDINATION_PAGE, "carrier_editor": 200}
BUDGET_API = {
    **row(
        anonymous=401,
        outsider=404,
        coordinator_b=404,
        reader=200,
        professional=200,
        coordinator=200,
        operator=200,
        carrier_editor=403,
    )
}

EXPECTED: dict[str, Expect] = {
    "planning:dashboard": Expect(get=BUDGET_READER),
    "planning:budget": Expect(get=BUDGET_READER, pk=budget),
    "planning:budget_add": Expect(get=COORDINATION_PAGE, post=COORDINATION_FORM),
    "planning:budget_edit": Expect(get=COORDINATION_PAGE, post=COORDINATION_FORM, pk=budget),
    "planning:transfer_add": Expect(get=COORDINATION_PAGE, post=COORDINATION_FORM),
    "planning:allocation_add": Expect(get=COORDINATION_PAGE, post=COORDINATION_FORM, pk=measure),
    "planning:expense_add": Expect(get=EXPENSE_PAGE, post=EXPENSE_PAGE, pk=measure),
    "planning:budgets_export": Expect(get=BUDGET_READER, params=csv),
    "planning:measures_export": Expect(get=BUDGET_READER, params=csv),
    "api:list_budgets": Expect(get=BUDGET_API),
    "api:get_budget": Expect(get=BUDGET_API, params=api_budget),
}

SECRETS: tuple[str, ...] = (MEASURE_TITLE,)
