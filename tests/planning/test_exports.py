"""Exports of the budget overview and the measures with costs: CSV for German Excel (formula
injection neutralised), XLSX with amounts as number cells."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.helpers import count_queries
from tests.planning.budget_world import allocate, make_budget, make_carrier, make_measure

pytestmark = pytest.mark.django_db


def url(name: str, fmt: str) -> str:
    return reverse(f"planning:{name}", kwargs={"office_slug": "heidekreis", "fmt": fmt})


def test_it_the_budget_overview_as_xlsx_has_numbers(office_a, coordinator_client, space_a, space_b):
    budget = make_budget(space_a, "10000")
    make_budget(space_b, "1")  # another office
    allocate(make_measure(office_a), (budget, "2500.50"))
    response = coordinator_client.get(url("budgets_export", "xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Jahr", "Sozialraumbezirk", "geplant (€)")
    assert len(rows) == 2
    assert rows[1][1] == "Soltau/Wietzendorf"
    assert (rows[1][2], rows[1][6]) == (10000, 2500.5)
    assert isinstance(rows[1][8], int | float)  # a number cell a spreadsheet can sum


def test_it_the_measures_with_costs_as_csv_neutralise_formulas(
    office_a, coordinator_client, space_a
):
    carrier = make_carrier(office_a, '=HYPERLINK("http://x")')
    measure = make_measure(office_a, "+Ferienfreizeit", carrier=carrier, requested="3000")
    allocate(measure, (make_budget(space_a), "1000"))
    response = coordinator_client.get(url("measures_export", "csv"))
    text = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    assert "'+Ferienfreizeit;\"'=HYPERLINK" in text
    assert ";3000,00;" in text and ";1000,00;0,00" in text


def test_it_the_exports_run_constant_queries(office_a, coordinator_client, space_a, space_a2):
    budget = make_budget(space_a)
    make_budget(space_a2)
    for n in range(3):
        allocate(make_measure(office_a, f"M{n}", spaces=(space_a, space_a2)), (budget, "1"))
    assert len(count_queries(coordinator_client, url("measures_export", "xlsx"))) == 5
    assert len(count_queries(coordinator_client, url("budgets_export", "csv"))) == 4


def test_it_unknown_formats_and_carrier_editors(client_for, carrier_editor, coordinator_client):
    assert coordinator_client.get(url("budgets_export", "pdf")).status_code == 404
    assert client_for(carrier_editor).get(url("budgets_export", "csv")).status_code == 403
