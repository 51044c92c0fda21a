"""The dashboard's chart geometry: bars in % of the widest budget, cumulative columns."""

from __future__ import annotations

from decimal import Decimal

from sozialraum.planning.budget_selectors import BudgetFigures, Month
from sozialraum.planning.dashboard_charts import utilisation_bars, year_chart


def figures(label, planned, committed, spent, transferred="0"):
    return BudgetFigures(
        label=label,
        planned=Decimal(planned),
        transferred=Decimal(transferred),
        committed=Decimal(committed),
        spent=Decimal(spent),
    )


def test_it_bars_split_spent_committed_and_available_of_the_widest_budget():
    wide, narrow = utilisation_bars(
        [figures("A", "10000", "5000", "1000"), figures("B", "5000", "0", "0")]
    )
    assert (wide.spent, wide.committed_x, wide.committed) == ("10.0", "10.0", "40.0")
    assert (wide.available_x, wide.available, wide.over) == ("50.0", "50.0", False)
    assert (narrow.spent, narrow.committed, narrow.available) == ("0.0", "0.0", "50.0")


def test_it_an_overdrawn_budget_shows_its_limit_mark():
    [bar] = utilisation_bars([figures("A", "1000", "1200", "0")])
    assert bar.over and bar.limit_x == "83.3" and bar.committed == "100.0"


def test_it_no_budgets_and_zero_budgets_draw_nothing():
    assert utilisation_bars([]) == []
    [bar] = utilisation_bars([figures("A", "0", "0", "0")])
    assert (bar.spent, bar.committed, bar.available) == ("0.0", "0.0", "0.0")
    chart = year_chart([Month(number=n) for n in range(1, 13)], Decimal(0))
    assert chart.budget_y is None and chart.ticks == []
    assert all(column.committed_h == 0 for column in chart.columns)


def test_it_the_year_chart_scales_to_the_budget_line():
    months = [Month(number=n) for n in range(1, 13)]
    months[11].committed_sum = Decimal("5000")
    months[11].spent_sum = Decimal("2500")
    chart = year_chart(months, Decimal("10000"))
    top, base = chart.budget_y, chart.base
    assert top is not None and top < base
    december = chart.columns[11]
    assert december.committed_h * 2 == base - top  # half the budget
    assert abs(december.spent_h * 2 - december.committed_h) <= 1
    assert [label for _y, label in chart.ticks] == ["0 €", "5,0 T€", "10,0 T€"]
    assert [c.label for c in chart.columns][:3] == ["J", "F", "M"]
