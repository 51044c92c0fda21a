"""The repeated parts of the budget dashboard (planning/dashboard.html) written from row
templates (lib/row_templates.py): the utilisation bars, the budgets' rows with their sum, the
year chart's columns and scale, the months' rows and the options of the social spaces.

Each of them was a template loop with a `|euro` or an attribute lookup per value; together they
were most of the dashboard's CPU (issue 8). The markup is in `templates/planning/rows/
dashboard_*.html`; tests/planning/test_dashboard_rows.py compares it with the template loops it
replaces.
"""

from __future__ import annotations

from typing import Any

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from sozialraum.lib.money import format_amount
from sozialraum.lib.row_templates import render_rows
from sozialraum.planning.budget_selectors import BudgetFigures, Dashboard
from sozialraum.planning.dashboard_charts import UtilisationBar, YearChart


def _figures(row: BudgetFigures, name: Any, labels: dict[str, str]) -> dict[str, Any]:
    return {
        **labels,
        "name": name,
        "total": format_amount(row.total),
        "committed": format_amount(row.committed),
        "spent": format_amount(row.spent),
        "available": format_amount(row.available),
        "utilisation": row.utilisation,
    }


def dashboard_parts(
    board: Dashboard, bars: list[UtilisationBar], chart: YearChart, spaces: list[tuple[int, str]]
) -> dict[str, SafeString]:
    """The parts as SafeStrings, by the name the template uses."""
    labels = {
        "l_total": _("Budget"),
        "l_committed": _("gebunden"),
        "l_spent": _("ausgegeben"),
        "l_available": _("verfügbar"),
        "l_rate": _("Auslastung"),
    }
    rows = [
        _figures(
            row, format_html('<a class="kern-link" href="{}">{}</a>', row.url, row.label), labels
        )
        for row in board.rows
    ]
    limit = '<rect class="sr-bar--limit" x="{}%" y="0" width="3" height="18"></rect>'
    bar_rows = [
        {
            "label": bar.label,
            "available_x": bar.available_x,
            "available": bar.available,
            "committed_x": bar.committed_x,
            "committed": bar.committed,
            "spent": bar.spent,
            "limit": format_html(limit, bar.limit_x) if bar.over else "",
        }
        for bar in bars
    ]
    month_labels = {
        "l1": _("gebunden im Monat"),
        "l2": _("ausgegeben im Monat"),
        "l3": _("gebunden bis dahin"),
        "l4": _("ausgegeben bis dahin"),
    }
    month_rows = [
        {
            **month_labels,
            "name": month.name,
            "committed": format_amount(month.committed),
            "spent": format_amount(month.spent),
            "committed_sum": format_amount(month.committed_sum),
            "spent_sum": format_amount(month.spent_sum),
        }
        for month in board.months
    ]
    committed_rect = (
        '<rect class="sr-bar--committed-sum" x="{}" y="{}" width="{}" height="{}"></rect>'
    )
    spent_rect = '<rect class="sr-bar--spent" x="{}" y="{}" width="{}" height="{}"></rect>'
    columns = [
        {
            "committed": format_html(
                committed_rect, column.x, column.committed_y, chart.bar, column.committed_h
            )
            if column.committed_h
            else "",
            "spent": format_html(
                spent_rect, column.spent_x, column.spent_y, chart.bar, column.spent_h
            )
            if column.spent_h
            else "",
            "label_x": column.label_x,
            "label_y": chart.height - 6,
            "label": column.label,
        }
        for column in chart.columns
    ]
    ticks = format_html_join(
        "",
        '<line class="sr-axis__grid" x1="{}" x2="{}" y1="{}" y2="{}"></line><text '
        'class="sr-axis__label" x="{}" y="{}" text-anchor="end">{}</text>',
        ((chart.left, chart.width, y, y, chart.left - 4, y + 4, label) for y, label in chart.ticks),
    )
    options = format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((pk, " selected" if pk == board.space_id else "", name) for pk, name in spaces),
    )
    return {
        "bars_html": render_rows("planning/rows/dashboard_bar.html", bar_rows),
        "rows_html": render_rows("planning/rows/dashboard_budget.html", rows),
        "totals_html": render_rows(
            "planning/rows/dashboard_budget.html", [_figures(board.totals, _("Zusammen"), labels)]
        ),
        "ticks_html": ticks,
        "columns_html": render_rows("planning/rows/dashboard_column.html", columns),
        "months_html": render_rows("planning/rows/dashboard_month.html", month_rows),
        "options_html": options,
    }
