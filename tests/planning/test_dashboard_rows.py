# ruff: noqa: E501  (the old template loops are quoted as they were)
"""planning.dashboard_rows: the dashboard's repeated parts write what the template loops they
replace wrote (German and English); planning.budget_selectors.months_of sums the months as the
extraction of year and month did, also at the edges of months and years."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.db.models import Sum
from django.db.models.functions import ExtractMonth, ExtractYear
from django.template import Context, Template
from django.utils import timezone, translation

from sozialraum.planning import budget_selectors, budget_services
from sozialraum.planning.budget_models import Allocation, AllocationShare, Expense
from sozialraum.planning.budget_selectors import Month
from sozialraum.planning.dashboard_charts import utilisation_bars, year_chart
from sozialraum.planning.dashboard_rows import dashboard_parts
from sozialraum.regions.models import SocialSpace
from tests.planning.budget_world import D, allocate, make_budget, make_measure

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")

# The loops of planning/dashboard.html before issue 8's fourth round.
OLD_PARTS = {
    "bars_html": """{% load i18n kern %}      {% for bar in bars %}
      <div class="sr-chart__item">
        <span class="sr-chart__label" aria-hidden="true">{{ bar.label }}</span>
        <svg class="sr-chart__svg" width="100%" height="18" focusable="false" aria-hidden="true">
          <rect class="sr-bar--available" x="{{ bar.available_x }}%" y="1" width="{{ bar.available }}%" height="16"></rect>
          <rect class="sr-bar--committed" x="{{ bar.committed_x }}%" y="1" width="{{ bar.committed }}%" height="16"></rect>
          <rect class="sr-bar--spent" x="0" y="1" width="{{ bar.spent }}%" height="16"></rect>
          {% if bar.over %}<rect class="sr-bar--limit" x="{{ bar.limit_x }}%" y="0" width="3" height="18"></rect>{% endif %}
        </svg>
      </div>
      {% endfor %}
""",
    "rows_html": """{% load i18n kern %}          {% translate "Budget" as l_total %}{% translate "gebunden" as l_committed %}{% translate "ausgegeben" as l_spent %}{% translate "verfügbar" as l_available %}{% translate "Auslastung" as l_rate %}
          {% for row in board.rows %}
          <tr class="kern-table__row">
            <th scope="row" class="kern-table__header"><a class="kern-link" href="{{ row.url }}">{{ row.label }}</a></th>
            <td class="kern-table__cell sr-number" data-label="{{ l_total }}">{{ row.total|euro }}</td>
            <td class="kern-table__cell sr-number" data-label="{{ l_committed }}">{{ row.committed|euro }}</td>
            <td class="kern-table__cell sr-number" data-label="{{ l_spent }}">{{ row.spent|euro }}</td>
            <td class="kern-table__cell sr-number" data-label="{{ l_available }}">{{ row.available|euro }}</td>
            <td class="kern-table__cell sr-number" data-label="{{ l_rate }}">{{ row.utilisation }} %</td>
          </tr>
          {% endfor %}
""",
    "totals_html": """{% load i18n kern %}          {% translate "Budget" as l_total %}{% translate "gebunden" as l_committed %}{% translate "ausgegeben" as l_spent %}{% translate "verfügbar" as l_available %}{% translate "Auslastung" as l_rate %}
                    <tr class="kern-table__row">
            <th scope="row" class="kern-table__header">{% translate "Zusammen" %}</th>
            <td class="kern-table__cell sr-number" data-label="{{ l_total }}">{{ board.totals.total|euro }}</td>
            <td class="kern-table__cell sr-number" data-label="{{ l_committed }}">{{ board.totals.committed|euro }}</td>
            <td class="kern-table__cell sr-number" data-label="{{ l_spent }}">{{ board.totals.spent|euro }}</td>
            <td class="kern-table__cell sr-number" data-label="{{ l_available }}">{{ board.totals.available|euro }}</td>
            <td class="kern-table__cell sr-number" data-label="{{ l_rate }}">{{ board.totals.utilisation }} %</td>
          </tr>
""",
    "options_html": """{% load i18n kern %}        {% for pk, name in spaces %}<option value="{{ pk }}"{% if pk == board.space_id %} selected{% endif %}>{{ name }}</option>{% endfor %}
""",
    "ticks_html": """{% load i18n kern %}        {% for y, label in chart.ticks %}<line class="sr-axis__grid" x1="{{ chart.left }}" x2="{{ chart.width }}" y1="{{ y }}" y2="{{ y }}"></line><text class="sr-axis__label" x="{{ chart.left|add:'-4' }}" y="{{ y|add:'4' }}" text-anchor="end">{{ label }}</text>{% endfor %}
""",
    "columns_html": """{% load i18n kern %}        {% for column in chart.columns %}
        {% if column.committed_h %}<rect class="sr-bar--committed-sum" x="{{ column.x }}" y="{{ column.committed_y }}" width="{{ chart.bar }}" height="{{ column.committed_h }}"></rect>{% endif %}
        {% if column.spent_h %}<rect class="sr-bar--spent" x="{{ column.spent_x }}" y="{{ column.spent_y }}" width="{{ chart.bar }}" height="{{ column.spent_h }}"></rect>{% endif %}
        <text class="sr-axis__label" x="{{ column.label_x }}" y="{{ chart.height|add:'-6' }}" text-anchor="middle">{{ column.label }}</text>
        {% endfor %}
""",
    "months_html": """{% load i18n kern %}          {% translate "gebunden im Monat" as l1 %}{% translate "ausgegeben im Monat" as l2 %}{% translate "gebunden bis dahin" as l3 %}{% translate "ausgegeben bis dahin" as l4 %}
          {% for month in board.months %}
          <tr class="kern-table__row">
            <th scope="row" class="kern-table__header">{{ month.name }}</th>
            <td class="kern-table__cell sr-number" data-label="{{ l1 }}">{{ month.committed|euro }}</td>
            <td class="kern-table__cell sr-number" data-label="{{ l2 }}">{{ month.spent|euro }}</td>
            <td class="kern-table__cell sr-number" data-label="{{ l3 }}">{{ month.committed_sum|euro }}</td>
            <td class="kern-table__cell sr-number" data-label="{{ l4 }}">{{ month.spent_sum|euro }}</td>
          </tr>
          {% endfor %}
""",
}


def _months_as_before(office, year: int, space_id: int | None) -> list[Month]:
    """budget_selectors.months_of as it was (year and month extracted per row)."""

    def month_of(at_year: int, at_month: int) -> int:
        return 1 if at_year < year else 12 if at_year > year else at_month

    months = [Month(number=n) for n in range(1, 13)]
    tz = timezone.get_current_timezone()
    of_budgets = {"year": year} if space_id is None else {"year": year, "social_space_id": space_id}
    budgets = budget_selectors.Budget.objects.in_office(office).filter(**of_budgets).values("pk")
    committed = (
        AllocationShare.objects.in_office(office)
        .filter(budget_id__in=budgets)
        .annotate(
            at_year=ExtractYear("allocation__created_at", tzinfo=tz),
            at_month=ExtractMonth("allocation__created_at", tzinfo=tz),
        )
        .values("at_year", "at_month")
        .annotate(amount=Sum("amount"))
        .order_by()
    )
    for entry in committed:
        months[month_of(entry["at_year"], entry["at_month"]) - 1].committed += entry["amount"]
    spent = (
        Expense.objects.in_office(office)
        .filter(share__budget_id__in=budgets)
        .annotate(at_year=ExtractYear("date"), at_month=ExtractMonth("date"))
        .values("at_year", "at_month")
        .annotate(amount=Sum("amount"))
        .order_by()
    )
    for entry in spent:
        months[month_of(entry["at_year"], entry["at_month"]) - 1].spent += entry["amount"]
    committed_sum = spent_sum = D("0")
    for month in months:
        committed_sum += month.committed
        spent_sum += month.spent
        month.committed_sum, month.spent_sum = committed_sum, spent_sum
    return months


def _normalised(html: str) -> list[str]:
    return [line.strip() for line in html.splitlines() if line.strip()]


def _world(office, space_a, space_a2):
    a, b = make_budget(space_a, "10000"), make_budget(space_a2, "4000")
    moments = [
        datetime(2025, 12, 31, 23, 30, tzinfo=BERLIN),  # the year before: January
        datetime(2026, 1, 31, 23, 59, tzinfo=BERLIN),  # still January in Berlin, Feb. in UTC
        datetime(2026, 2, 1, 0, 0, tzinfo=BERLIN),  # February at its first moment
        datetime(2026, 6, 30, 23, 0, tzinfo=BERLIN),  # summer time
        datetime(2026, 12, 31, 23, 59, tzinfo=BERLIN),
        datetime(2027, 1, 1, 0, 30, tzinfo=BERLIN),  # the year after: December
    ]
    for n, moment in enumerate(moments):
        allocation = allocate(
            make_measure(office, f"Maßnahme {n}"),
            (a, "700.50"),
            (b, "4100"),
            override_reason="bewusst überschritten",
        )
        Allocation.objects.filter(pk=allocation.pk).update(created_at=moment)
    share = AllocationShare.objects.filter(budget=a).first()
    for day in [date(2025, 12, 31), date(2026, 1, 31), date(2026, 2, 1), date(2026, 12, 31)]:
        budget_services.record_expense(
            share=share, date=day, amount=D("10.25"), receipt="R", by=None
        )
    return a, b


def test_it_months_sum_as_the_extraction_of_year_and_month_did(office_a, space_a, space_a2):
    _world(office_a, space_a, space_a2)
    for space_id in (None, space_a.pk, space_a2.pk):
        new = budget_selectors.months_of(office_a, 2026, space_id)
        assert new == _months_as_before(office_a, 2026, space_id)
    months = budget_selectors.months_of(office_a, 2026, space_a.pk)
    assert [m.committed for m in months if m.committed] == [
        D("1401.00"),
        D("700.50"),
        D("700.50"),
        D("1401.00"),
    ]
    assert [m.spent for m in months if m.spent] == [D("20.50"), D("10.25"), D("10.25")]


@pytest.mark.parametrize("language", ["de", "en"])
def test_it_dashboard_parts_write_what_the_template_loops_wrote(
    office_a, space_a, space_a2, language
):
    _world(office_a, space_a, space_a2)
    SocialSpace.objects.filter(pk=space_a2.pk).update(name='Raum <b> & "Co"')
    spaces = list(SocialSpace.objects.in_office(office_a).values_list("pk", "name"))
    for space_id in (None, space_a2.pk):
        board = budget_selectors.dashboard(office_a, 2026, [2026], space_id)
        for row in board.rows:
            row.url = f"/budget/{row.budget.pk}/"
        bars = utilisation_bars(board.rows)
        chart = year_chart(board.months, board.month_budget)
        context = Context({"board": board, "bars": bars, "chart": chart, "spaces": spaces})
        with translation.override(language):
            parts = dashboard_parts(board, bars, chart, spaces)
            for name, old in OLD_PARTS.items():
                assert _normalised(str(parts[name])) == _normalised(
                    Template(old).render(context)
                ), name
        assert "sr-bar--limit" in parts["bars_html"]  # 4100 x 6 committed of 4000
        assert "Raum &lt;b&gt; &amp; &quot;Co&quot;" in parts["options_html"]
        assert parts["options_html"].count(" selected") == (0 if space_id is None else 1)
        assert parts["columns_html"].count("sr-bar--committed-sum") == 12


def test_it_cached_months_change_with_the_next_expense(office_a, space_a, space_a2):
    from sozialraum.regions.models import YouthOffice

    _world(office_a, space_a, space_a2)
    office = YouthOffice.objects.get(pk=office_a.pk)
    before = budget_selectors.dashboard(office, 2026, [2026], None).months
    assert budget_selectors.dashboard(office, 2026, [2026], None).months == before  # cached
    share = AllocationShare.objects.filter(budget__social_space=space_a).first()
    budget_services.record_expense(
        share=share, date=date(2026, 5, 5), amount=D("99.00"), receipt="R9", by=None
    )
    office = YouthOffice.objects.get(pk=office_a.pk)
    after = budget_selectors.dashboard(office, 2026, [2026], None).months
    assert after[4].spent == before[4].spent + D("99.00")
    assert after == _months_as_before(office, 2026, None)
