"""Binding funds (allocation_add) and recording expenses (expense_add) through the pages: the
measure's budget part, pooled shares, the refused over-commit with its German message at the
field, coordination's recorded override, expenses by the carrier editor."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from sozialraum.planning import budget_services
from sozialraum.planning.budget_models import Allocation, BudgetOverride, Expense
from sozialraum.planning.measure_models import MeasureStatus
from tests.helpers import assert_queries_constant, count_queries
from tests.planning.budget_world import D, allocate, fresh, make_budget, make_measure

pytestmark = pytest.mark.django_db


def url(name: str, pk: int) -> str:
    return reverse(f"planning:{name}", kwargs={"office_slug": "heidekreis", "pk": pk})


def test_it_the_allocation_page_offers_the_budgets_of_the_measures_years(
    office_a, coordinator_client, space_a, space_a2
):
    make_budget(space_a, "10000")
    make_budget(space_a2, "4000")
    make_budget(space_a, "9999", year=2025)  # not a year of the measure
    measure = make_measure(office_a, requested="3000")
    html = coordinator_client.get(url("allocation_add", measure.pk)).content.decode()
    assert "Soltau/Wietzendorf 2026" in html and "Walsrode 2026" in html
    assert "Soltau/Wietzendorf 2025" not in html
    assert 'value="3.000,00"' in html  # the requested amount is suggested
    assert "Für diese Maßnahme sind noch keine Mittel gebunden." in html
    assert count_queries(coordinator_client, url("allocation_add", measure.pk), expected=9)


def test_it_coordination_pools_two_budgets(office_a, coordinator_client, space_a, space_a2):
    a, b = make_budget(space_a, "10000"), make_budget(space_a2, "4000")
    measure = make_measure(office_a)
    response = coordinator_client.post(
        url("allocation_add", measure.pk),
        {"total": "3.000,00", f"share_{a.pk}": "2.000", f"share_{b.pk}": "1000,00"},
    )
    assert response.status_code == 302
    assert (fresh(a).committed, fresh(b).committed) == (D(2000), D(1000))
    page = coordinator_client.get(url("allocation_add", measure.pk)).content.decode()
    assert "3.000,00 € gebunden am" in page and "Walsrode 2026" in page


@pytest.mark.parametrize(
    ("shares", "message"),
    [
        (("2000", "999,99"), "Die Anteile ergeben zusammen 2.999,99 €"),
        (("-3000", ""), "Der Betrag darf nicht negativ sein."),
        (("", ""), "Bitte geben Sie an, aus welchem Budget wie viel gebunden wird."),
        (("3.000,001", ""), "Bitte geben Sie einen Betrag ein"),
    ],
)
def test_it_bad_shares_stay_in_the_form(
    office_a, coordinator_client, space_a, space_a2, shares, message
):
    a, b = make_budget(space_a), make_budget(space_a2)
    measure = make_measure(office_a)
    response = coordinator_client.post(
        url("allocation_add", measure.pk),
        {"total": "3000", f"share_{a.pk}": shares[0], f"share_{b.pk}": shares[1]},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert f'value="{shares[0]}"' in html if shares[0] else True
    assert not Allocation.objects.exists()


def test_it_an_allocation_above_the_available_is_refused_at_the_budgets_field(
    office_a, coordinator_client, space_a
):
    budget = make_budget(space_a, "1000")
    allocate(make_measure(office_a, "Erste"), (budget, "800"))
    measure = make_measure(office_a, "Zweite")
    response = coordinator_client.post(
        url("allocation_add", measure.pk), {"total": "500", f"share_{budget.pk}": "500"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Im Budget Soltau/Wietzendorf 2026 sind nur noch 200,00 € verfügbar" in html
    assert f'aria-describedby="id_share_{budget.pk}' in html or f"id_share_{budget.pk}" in html
    assert fresh(budget).committed == D(800)
    # With the explicit override and its reason it goes through, recorded.
    response = coordinator_client.post(
        url("allocation_add", measure.pk),
        {
            "total": "500",
            f"share_{budget.pk}": "500",
            "override": "on",
            "override_reason": "Beschluss des Teams vom 3. März",
        },
    )
    assert response.status_code == 302
    assert fresh(budget).overridden == D(300)
    assert BudgetOverride.objects.get().reason == "Beschluss des Teams vom 3. März"


def test_it_the_override_needs_a_reason(office_a, coordinator_client, space_a):
    budget = make_budget(space_a, "100")
    measure = make_measure(office_a)
    response = coordinator_client.post(
        url("allocation_add", measure.pk),
        {"total": "500", f"share_{budget.pk}": "500", "override": "on", "override_reason": " "},
    )
    assert "Bitte begründen Sie die Überschreitung." in response.content.decode()
    assert fresh(budget).committed == 0


def test_it_a_measure_not_approved_gets_no_allocation(office_a, coordinator_client, space_a):
    budget = make_budget(space_a)
    measure = make_measure(office_a, status=MeasureStatus.SUBMITTED)
    html = coordinator_client.get(url("allocation_add", measure.pk)).content.decode()
    assert "nur für eine bewilligte Maßnahme" in html
    response = coordinator_client.post(
        url("allocation_add", measure.pk), {"total": "10", f"share_{budget.pk}": "10"}
    )
    assert response.status_code == 200 and not Allocation.objects.exists()


def test_it_only_coordination_allocates(
    client_for, professional, carrier_editor, office_a, space_a
):
    measure = make_measure(office_a)
    for user in (professional, carrier_editor):
        assert client_for(user).get(url("allocation_add", measure.pk)).status_code == 403


def test_it_a_measure_of_another_office_is_not_found(client_for, coordinator_b, office_a):
    measure = make_measure(office_a)
    client = client_for(coordinator_b)
    assert client.get(url("allocation_add", measure.pk)).status_code == 404
    assert client.get(url("expense_add", measure.pk)).status_code == 404


# Expenses ----------------------------------------------------------------------------------


def test_it_the_carrier_editor_records_an_expense_of_their_measure(
    office_a, org_a, carrier_editor, client_for, space_a
):
    budget = make_budget(space_a, "5000")
    measure = make_measure(office_a, carrier=org_a)
    share = allocate(measure, (budget, "1000")).shares.get()
    client = client_for(carrier_editor)
    response = client.post(
        url("expense_add", measure.pk),
        {
            "share": share.pk,
            "date": "02.03.2026",
            "amount": "120,50 €",
            "receipt": "RE-17",
            "description": "Bastelmaterial",
        },
    )
    assert response.status_code == 302
    expense = Expense.objects.get()
    assert (expense.amount, expense.created_by) == (D("120.50"), carrier_editor)
    assert fresh(budget).spent == D("120.50")


def test_it_the_carrier_editor_of_another_organisation_may_not(
    office_a, carrier_editor, client_for, space_a
):
    measure = make_measure(office_a)  # another carrier
    allocate(measure, (make_budget(space_a), "100"))
    assert client_for(carrier_editor).get(url("expense_add", measure.pk)).status_code == 403


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"amount": "-5"}, "Der Betrag darf nicht negativ sein."),
        ({"amount": "1500"}, "noch 1.000,00 € gebunden"),
        ({"date": "31.02.2026"}, "Den 31. Februar gibt es nicht."),
        ({"receipt": ""}, "Bitte geben Sie die Belegnummer an."),
    ],
)
def test_it_bad_expenses_stay_in_the_form(office_a, coordinator_client, space_a, data, message):
    measure = make_measure(office_a)
    share = allocate(measure, (make_budget(space_a), "1000")).shares.get()
    posted = {"share": share.pk, "date": "02.03.2026", "amount": "10", "receipt": "R", **data}
    response = coordinator_client.post(url("expense_add", measure.pk), posted)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Expense.objects.exists()


def test_it_an_expense_above_the_commitment_with_a_reason(office_a, coordinator_client, space_a):
    measure = make_measure(office_a)
    share = allocate(measure, (make_budget(space_a), "1000")).shares.get()
    response = coordinator_client.post(
        url("expense_add", measure.pk),
        {
            "share": share.pk,
            "date": "02.03.2026",
            "amount": "1.100",
            "receipt": "R",
            "excess_reason": "Mehrkosten laut Beschluss",
        },
    )
    assert response.status_code == 302
    share.refresh_from_db()
    assert (share.spent, share.excess_allowed) == (D(1100), D(100))


def test_it_no_expense_on_a_measure_that_is_not_approved(office_a, coordinator_client, space_a):
    measure = make_measure(office_a)
    share = allocate(measure, (make_budget(space_a), "1000")).shares.get()
    measure.status = MeasureStatus.REJECTED
    measure.save()
    html = coordinator_client.get(url("expense_add", measure.pk)).content.decode()
    assert "nur für eine bewilligte Maßnahme" in html
    response = coordinator_client.post(
        url("expense_add", measure.pk),
        {"share": share.pk, "date": "02.03.2026", "amount": "10", "receipt": "R"},
    )
    assert response.status_code == 200 and not Expense.objects.exists()


def test_it_the_measure_page_runs_a_constant_number_of_queries(
    office_a, coordinator_client, space_a, space_a2
):
    """The measure's page with its budget part: allocations, their shares with budget and
    social space, the shares' expenses in three queries however many there are."""
    a, b = make_budget(space_a, "10000"), make_budget(space_a2, "4000")
    measure = make_measure(office_a)
    allocate(measure, (a, "1000"), (b, "500"))

    def grow() -> None:
        second = allocate(measure, (a, "1000"), (b, "500"))
        for share in second.shares.all():
            for day in range(1, 4):
                budget_services.record_expense(
                    share=share,
                    date=datetime.date(2026, 3, day),
                    amount=D("10"),
                    receipt=f"RE-{day}",
                    by=None,
                )

    page = reverse("planning:measure", kwargs={"office_slug": "heidekreis", "pk": measure.pk})
    assert_queries_constant(coordinator_client, page, grow, expected=13)
