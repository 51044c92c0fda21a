"""The budget pages: dashboard (charts with their tables, constant queries), budget page,
creating and editing budgets, transfers; bad input stays in the form with a German message."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from sozialraum.planning import budget_services as services
from sozialraum.planning.budget_models import Budget, BudgetTransfer
from tests.helpers import assert_queries_constant, count_queries
from tests.planning.budget_world import D, allocate, fresh, make_budget, make_measure

pytestmark = pytest.mark.django_db


def url(name: str, **kwargs) -> str:
    return reverse(f"planning:{name}", kwargs={"office_slug": "heidekreis", **kwargs})


def test_it_the_dashboard_shows_each_space_with_chart_and_table(
    office_a, coordinator_client, space_a, space_a2
):
    a, b = make_budget(space_a, "10000"), make_budget(space_a2, "4000")
    allocation = allocate(make_measure(office_a), (a, "2500"), (b, "1000"))
    share = allocation.shares.get(budget=a)
    services.record_expense(
        share=share, date=date(2026, 3, 4), amount=D("400"), receipt="R1", by=None
    )
    response = coordinator_client.get(url("dashboard") + "?jahr=2026")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Budgets 2026" in html
    # The table beside the chart carries the figures.
    assert "Soltau/Wietzendorf" in html and "10.000,00 €" in html and "7.500,00 €" in html
    assert "25 %" in html  # 2.500 of 10.000 committed
    assert html.count('<svg class="sr-chart__svg"') == 2
    assert 'aria-labelledby="verlauf-figcaption"' in html and "<caption" in html
    # Month by month: committed in the month of the allocation, spent in March.
    assert "400,00 €" in html


def test_it_the_dashboard_filters_the_year_chart_by_space_and_survives_bad_parameters(
    office_a, coordinator_client, space_a, space_a2
):
    make_budget(space_a2, "4000")
    allocate(make_measure(office_a), (make_budget(space_a, "10000"), "2500"))
    html = coordinator_client.get(url("dashboard") + f"?jahr=2026&raum={space_a2.pk}").content
    assert "Verlauf 2026: Walsrode" in html.decode()
    for query in ("?jahr=abc", "?jahr=99999999999999999999", "?raum=-1", "?raum=99999999999"):
        assert coordinator_client.get(url("dashboard") + query).status_code == 200


def test_it_the_dashboard_runs_a_constant_number_of_queries(office_a, coordinator_client, space_a):
    budget = make_budget(space_a, "100000")
    spaces = [space_a]

    def grow():
        from sozialraum.regions.models import SocialSpace

        for n in range(5):
            space = SocialSpace.objects.create(youth_office=office_a, name=f"Raum {n}")
            spaces.append(space)
            extra = make_budget(space, "5000")
            allocate(make_measure(office_a, f"M{n}"), (budget, "100"), (extra, "100"))

    assert_queries_constant(coordinator_client, url("dashboard") + "?jahr=2026", grow, expected=8)


def test_it_the_budget_page_lists_allocations_transfers_overrides_and_expenses(
    office_a, coordinator, coordinator_client, space_a, space_a2
):
    a, b = make_budget(space_a, "1000"), make_budget(space_a2, "1000")
    services.transfer(source=b, target=a, amount=D("200"), reason="Für das Ferienlager", by=None)
    share = allocate(
        make_measure(office_a, "Ferienlager"),
        (a, "1500"),
        by=coordinator,
        override_reason="Beschluss: Ferienlager geht vor",
    ).shares.get()
    services.record_expense(
        share=share, date=date(2026, 7, 1), amount=D("99.90"), receipt="B-7", by=None
    )
    html = coordinator_client.get(url("budget", pk=a.pk)).content.decode()
    for text in ("Ferienlager", "Für das Ferienlager", "Beschluss: Ferienlager geht vor", "B-7"):
        assert text in html
    assert "1.500,00 €" in html and "−300,00 €" in html  # committed, available (overdrawn)

    def grow():
        for n in range(4):
            allocate(make_measure(office_a, f"X{n}"), (a, "1"), by=coordinator, override_reason="x")

    assert_queries_constant(coordinator_client, url("budget", pk=a.pk), grow, expected=8)


def test_it_coordination_creates_and_edits_a_budget(office_a, coordinator_client, space_a):
    response = coordinator_client.post(
        url("budget_add"),
        {
            "social_space": space_a.pk,
            "year": "2026",
            "planned": "45.000,00 €",
            "earmarked_case_unspecific": "5000",
        },
    )
    budget = Budget.objects.get()
    assert response.status_code == 302 and budget.planned == D("45000.00")
    response = coordinator_client.post(
        url("budget_edit", pk=budget.pk),
        {"planned": "40000", "earmarked_case_unspecific": "", "note": "gekürzt", "version": "1"},
    )
    assert response.status_code == 302 and fresh(budget).planned == D("40000.00")
    # A second tab with the old version sees the conflict; nothing is lost.
    response = coordinator_client.post(
        url("budget_edit", pk=budget.pk),
        {"planned": "1", "earmarked_case_unspecific": "", "note": "", "version": "1"},
    )
    assert response.status_code == 200 and fresh(budget).planned == D("40000.00")
    assert 'value="1"' in response.content.decode()


@pytest.mark.parametrize(
    ("data", "field_text"),
    [
        ({"planned": "-5"}, "Der Betrag darf nicht negativ sein."),
        ({"planned": "zwölf"}, "Bitte geben Sie einen Betrag ein"),
        ({"planned": "100", "earmarked_case_unspecific": "200"}, "fallunspezifische"),
        ({"planned": "100", "year": "1999"}, "zwischen 2000 und 2100"),
        ({"planned": "1" * 40}, "Der Betrag ist zu lang."),
    ],
)
def test_it_bad_budget_input_stays_in_the_form(coordinator_client, space_a, data, field_text):
    posted = {"social_space": space_a.pk, "year": "2026", **data}
    response = coordinator_client.post(url("budget_add"), posted)
    assert response.status_code == 200
    assert field_text in response.content.decode()
    assert not Budget.objects.exists()


def test_it_a_second_budget_for_the_same_year_is_refused_at_the_field(coordinator_client, space_a):
    make_budget(space_a)
    response = coordinator_client.post(
        url("budget_add"), {"social_space": space_a.pk, "year": "2026", "planned": "1"}
    )
    assert "gibt es schon ein Budget 2026" in response.content.decode()


def test_it_a_transfer_needs_a_reason_and_stays_within_the_available(
    office_a, coordinator_client, space_a, space_a2
):
    a, b = make_budget(space_a, "1000"), make_budget(space_a2, "1000")
    allocate(make_measure(office_a), (a, "900"))
    response = coordinator_client.post(
        url("transfer_add"), {"source": a.pk, "target": b.pk, "amount": "200", "reason": "x"}
    )
    assert "höchstens 100,00 €" in response.content.decode()
    response = coordinator_client.post(
        url("transfer_add"), {"source": a.pk, "target": b.pk, "amount": "50", "reason": ""}
    )
    assert "Bitte begründen Sie die Umbuchung." in response.content.decode()
    response = coordinator_client.post(
        url("transfer_add"), {"source": a.pk, "target": b.pk, "amount": "50", "reason": "Bedarf"}
    )
    assert response.status_code == 302 and fresh(b).transferred == D(50)
    assert BudgetTransfer.objects.count() == 1


def test_it_a_budget_of_another_office_is_not_found(client_for, coordinator_b, space_a):
    budget = make_budget(space_a)
    client = client_for(coordinator_b)
    assert client.get(url("budget", pk=budget.pk)).status_code == 404
    verden = reverse("planning:budget", kwargs={"office_slug": "verden", "pk": budget.pk})
    assert client.get(verden).status_code == 404


def test_it_a_budget_number_no_row_can_have_is_not_found(coordinator_client, space_a):
    make_budget(space_a)
    for pk in (0, 2**63, 10**30):
        assert coordinator_client.get(url("budget", pk=pk)).status_code == 404


def test_it_readers_see_but_do_not_manage(client_for, reader, space_a):
    budget = make_budget(space_a)
    client = client_for(reader)
    html = client.get(url("budget", pk=budget.pk)).content.decode()
    assert "Budget bearbeiten" not in html
    assert client.get(url("budget_edit", pk=budget.pk)).status_code == 403
    assert count_queries(client, url("dashboard"))


def test_it_a_social_space_with_a_budget_is_not_deleted_but_explained(coordinator_client, space_a):
    make_budget(space_a)
    path = reverse(
        "regions:social_space_delete", kwargs={"office_slug": "heidekreis", "pk": space_a.pk}
    )
    response = coordinator_client.post(path)
    assert response.status_code == 409
    assert "Sozialraumbudgets: 1" in response.content.decode()
    assert Budget.objects.filter(social_space=space_a).exists()
