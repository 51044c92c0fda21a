"""planning.budget_services: budgets, transfers, allocations with pooling and the override,
expenses. Money stays Decimal; every refusal is a German message at its field and changes
nothing."""

from __future__ import annotations

from datetime import date

import pytest

from sozialraum.audit.models import AuditEntry
from sozialraum.lib.errors import ConcurrentEditError, InvalidData
from sozialraum.planning import budget_services as services
from sozialraum.planning.budget_models import (
    Allocation,
    AllocationShare,
    BudgetOverride,
    BudgetTransfer,
    Expense,
)
from sozialraum.planning.measure_models import MeasureStatus
from tests.planning.budget_world import D, allocate, fresh, make_budget, make_measure

pytestmark = pytest.mark.django_db


# Budgets -----------------------------------------------------------------------------------


def test_it_creates_a_budget_with_an_earmark_and_audits_it(office_a, coordinator, space_a):
    budget = services.create_budget(
        office=office_a,
        by=coordinator,
        social_space=space_a,
        year=2026,
        planned=D("50000.00"),
        earmarked_case_unspecific=D("10000.00"),
    )
    assert budget.available == D("50000.00")
    entry = AuditEntry.objects.get(object_type="planning.budget")
    assert entry.changes["planned"]["new"] == "50000.00"


def test_it_refuses_an_earmark_above_the_budget(office_a, coordinator, space_a):
    with pytest.raises(InvalidData) as error:
        services.create_budget(
            office=office_a,
            by=coordinator,
            social_space=space_a,
            year=2026,
            planned=D("1000.00"),
            earmarked_case_unspecific=D("1000.01"),
        )
    assert "fallunspezifische" in error.value.errors["earmarked_case_unspecific"][0]


def test_it_refuses_a_negative_budget_and_a_second_one_for_the_year(office_a, coordinator, space_a):
    with pytest.raises(InvalidData) as error:
        services.create_budget(
            office=office_a, by=coordinator, social_space=space_a, year=2026, planned=D("-1")
        )
    assert error.value.errors["planned"] == ["Der Betrag darf nicht negativ sein."]
    make_budget(space_a)
    with pytest.raises(InvalidData) as error:
        services.create_budget(
            office=office_a, by=coordinator, social_space=space_a, year=2026, planned=D("1")
        )
    assert error.value.errors["year"] == ["Für Soltau/Wietzendorf gibt es schon ein Budget 2026."]


def test_it_refuses_a_social_space_of_another_office(office_a, coordinator, space_b):
    with pytest.raises(InvalidData) as error:
        services.create_budget(
            office=office_a, by=coordinator, social_space=space_b, year=2026, planned=D("1")
        )
    assert "social_space" in error.value.errors


def test_it_updates_with_optimistic_locking_and_not_below_the_committed(
    office_a, coordinator, space_a
):
    budget = make_budget(space_a, "10000.00")
    allocate(make_measure(office_a), (budget, "6000.00"))
    with pytest.raises(InvalidData) as error:
        services.update_budget(
            budget=budget,
            by=coordinator,
            version=1,
            planned=D("5999.99"),
            earmarked_case_unspecific=D("0"),
        )
    assert "mindestens 6.000,00 €" in error.value.errors["planned"][0]
    saved = services.update_budget(
        budget=budget, by=coordinator, version=1, planned=D("8000"), earmarked_case_unspecific=D(0)
    )
    assert (saved.planned, saved.version) == (D("8000.00"), 2)
    with pytest.raises(ConcurrentEditError):
        services.update_budget(
            budget=budget,
            by=coordinator,
            version=1,
            planned=D("9000"),
            earmarked_case_unspecific=D(0),
        )


# Transfers ---------------------------------------------------------------------------------


def test_it_transfers_with_a_reason(office_a, coordinator, space_a, space_a2):
    source, target = make_budget(space_a, "10000"), make_budget(space_a2, "2000")
    services.transfer(
        source=source, target=target, amount=D("2500.50"), reason="Ferienprogramm", by=coordinator
    )
    assert fresh(source).transferred == D("-2500.50")
    assert fresh(target).transferred == D("2500.50")
    assert fresh(target).available == D("4500.50")
    assert BudgetTransfer.objects.get().reason == "Ferienprogramm"


def test_it_refuses_a_transfer_without_reason_or_below_what_is_committed(
    office_a, coordinator, space_a, space_a2
):
    source, target = make_budget(space_a, "10000"), make_budget(space_a2, "2000")
    allocate(make_measure(office_a), (source, "9000"))
    with pytest.raises(InvalidData) as error:
        services.transfer(source=source, target=target, amount=D("100"), reason=" ", by=None)
    assert error.value.errors["reason"] == ["Bitte begründen Sie die Umbuchung."]
    with pytest.raises(InvalidData) as error:
        services.transfer(source=source, target=target, amount=D("1000.01"), reason="x", by=None)
    assert "höchstens 1.000,00 €" in error.value.errors["amount"][0]
    with pytest.raises(InvalidData):
        services.transfer(source=source, target=source, amount=D("1"), reason="x", by=None)
    with pytest.raises(InvalidData):
        services.transfer(source=source, target=target, amount=D("-5"), reason="x", by=None)
    assert fresh(source).transferred == 0 and not BudgetTransfer.objects.exists()


def test_it_refuses_a_transfer_to_another_office(office_a, space_a, space_b):
    with pytest.raises(InvalidData) as error:
        services.transfer(
            source=make_budget(space_a),
            target=make_budget(space_b),
            amount=D("1"),
            reason="x",
            by=None,
        )
    assert "anderen Jugendamt" in error.value.errors["target"][0]


# Allocations -------------------------------------------------------------------------------


def test_it_commits_a_pooled_allocation_over_two_budgets(office_a, coordinator, space_a, space_a2):
    a, b = make_budget(space_a, "10000"), make_budget(space_a2, "5000")
    measure = make_measure(office_a, spaces=(space_a, space_a2))
    allocation = services.allocate(
        measure=measure,
        shares=[(a, D("2000.00")), (b, D("1000.00"))],
        by=coordinator,
        total=D("3000.00"),
    )
    assert allocation.total == D("3000.00")
    assert sorted(s.amount for s in allocation.shares.all()) == [D("1000.00"), D("2000.00")]
    assert (fresh(a).committed, fresh(b).committed) == (D("2000.00"), D("1000.00"))
    entry = AuditEntry.objects.get(object_type="planning.allocation")
    assert "Walsrode 2026: 1.000,00 €" in entry.changes["shares"]["new"]


def test_it_refuses_shares_that_do_not_add_up(office_a, space_a, space_a2):
    a, b = make_budget(space_a), make_budget(space_a2)
    with pytest.raises(InvalidData) as error:
        services.allocate(
            measure=make_measure(office_a),
            shares=[(a, D("2000")), (b, D("999.99"))],
            by=None,
            total=D("3000"),
        )
    assert "2.999,99 €" in error.value.errors["total"][0]
    assert fresh(a).committed == 0 and not Allocation.objects.exists()


def test_it_refuses_an_allocation_above_the_available_naming_the_budget(
    office_a, space_a, space_a2
):
    a, b = make_budget(space_a, "10000"), make_budget(space_a2, "500")
    with pytest.raises(InvalidData) as error:
        allocate(make_measure(office_a), (a, "1000"), (b, "600"))
    message = error.value.errors[services.share_field(b)][0]
    assert message.startswith("Im Budget Walsrode 2026 sind nur noch 500,00 € verfügbar")
    # The first share's commitment was rolled back with the whole allocation.
    assert (fresh(a).committed, fresh(b).committed) == (0, 0)
    assert not AllocationShare.objects.exists()


def test_it_the_override_raises_overridden_by_exactly_the_excess(
    office_a, coordinator, space_a, client
):
    budget = make_budget(space_a, "1000")
    allocate(make_measure(office_a, "Erste"), (budget, "700"))
    allocate(
        make_measure(office_a, "Zweite"),
        (budget, "500"),
        by=coordinator,
        override_reason="Beschluss des Teams: Winterhilfe hat Vorrang",
    )
    saved = fresh(budget)
    assert (saved.committed, saved.overridden, saved.available) == (D(1200), D(200), D(-200))
    override = BudgetOverride.objects.get()
    assert (override.amount, override.by, override.budget) == (D(200), coordinator, budget)
    assert override.share is not None and override.share.amount == D(500)


def test_it_refuses_a_measure_that_is_not_approved_or_of_another_office(
    office_a, office_b, space_a, space_b
):
    draft = make_measure(office_a, status=MeasureStatus.SUBMITTED)
    with pytest.raises(InvalidData) as error:
        allocate(draft, (make_budget(space_a), "10"))
    assert "bewilligte Maßnahme" in error.value.errors["__all__"][0]
    foreign = make_budget(space_b)
    with pytest.raises(InvalidData) as error:
        allocate(make_measure(office_a, "Andere"), (foreign, "10"))
    assert "anderen Jugendamt" in error.value.errors[services.share_field(foreign)][0]
    assert fresh(foreign).committed == 0


def test_it_refuses_negative_and_zero_shares(office_a, space_a):
    budget = make_budget(space_a)
    for amount in ("-1", "0"):
        with pytest.raises(InvalidData) as error:
            allocate(make_measure(office_a, amount), (budget, amount))
        assert "größer als 0" in error.value.errors[services.share_field(budget)][0]


# Expenses ----------------------------------------------------------------------------------


def _share(office_a, space_a, amount="1000"):
    allocation = allocate(make_measure(office_a), (make_budget(space_a, "5000"), amount))
    return allocation.shares.get()


def test_it_records_an_expense_and_keeps_the_sums(office_a, coordinator, space_a):
    share = _share(office_a, space_a)
    expense = services.record_expense(
        share=share,
        date=date(2026, 3, 2),
        amount=D("250.40"),
        receipt="RE-2026-17",
        description="Bastelmaterial",
        by=coordinator,
    )
    assert expense.excess_reason == ""
    share.refresh_from_db()
    assert share.spent == D("250.40") and fresh(share.budget).spent == D("250.40")


def test_it_an_expense_above_the_commitment_needs_a_reason(office_a, coordinator, space_a):
    share = _share(office_a, space_a, "1000")
    services.record_expense(
        share=share, date=date(2026, 3, 2), amount=D("900"), receipt="1", by=coordinator
    )
    with pytest.raises(InvalidData) as error:
        services.record_expense(
            share=share, date=date(2026, 3, 3), amount=D("150"), receipt="2", by=coordinator
        )
    assert "noch 100,00 € gebunden" in error.value.errors["amount"][0]
    services.record_expense(
        share=share,
        date=date(2026, 3, 3),
        amount=D("150"),
        receipt="2",
        excess_reason="Preiserhöhung des Busunternehmens",
        by=coordinator,
    )
    share.refresh_from_db()
    assert (share.spent, share.excess_allowed) == (D(1050), D(50))
    assert Expense.objects.filter(excess_reason__startswith="Preiserhöhung").count() == 1


def test_it_refuses_an_expense_on_a_measure_no_longer_approved(office_a, coordinator, space_a):
    share = _share(office_a, space_a)
    share.allocation.measure.status = MeasureStatus.RETURNED
    share.allocation.measure.save()
    with pytest.raises(InvalidData) as error:
        services.record_expense(
            share=share, date=date(2026, 3, 2), amount=D("1"), receipt="1", by=coordinator
        )
    assert "bewilligte Maßnahme" in error.value.errors["__all__"][0]
    with pytest.raises(InvalidData) as error:
        services.record_expense(
            share=share, date=date(2026, 3, 2), amount=D("-1"), receipt="", by=coordinator
        )
    assert set(error.value.errors) >= {"amount", "receipt"}
    assert not Expense.objects.exists()
