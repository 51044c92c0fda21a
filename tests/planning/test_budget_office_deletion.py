"""A youth office with budgets, allocations and expenses can be deleted (by the operator, by
`demo --reset`): the RESTRICT references between them (planning 0002) refuse deleting a part
alone, not the whole office."""

from __future__ import annotations

from datetime import date

import pytest

from sozialraum.planning import budget_services
from sozialraum.planning.budget_models import Budget, Expense
from sozialraum.regions.models import YouthOffice
from tests.planning.budget_world import D, allocate, make_budget, make_measure

pytestmark = pytest.mark.django_db


def test_it_deletes_an_office_with_budgets_allocations_and_expenses(
    office_a, coordinator, space_a, space_a2
):
    a, b = make_budget(space_a, "1000"), make_budget(space_a2, "1000")
    budget_services.transfer(source=a, target=b, amount=D(100), reason="x", by=None)
    share = allocate(
        make_measure(office_a), (a, "950"), by=coordinator, override_reason="Beschluss"
    ).shares.get()
    budget_services.record_expense(
        share=share, date=date(2026, 5, 1), amount=D(5), receipt="1", by=None
    )
    office_a.delete()
    assert not YouthOffice.objects.filter(pk=office_a.pk).exists()
    assert not Budget.objects.exists() and not Expense.objects.exists()
