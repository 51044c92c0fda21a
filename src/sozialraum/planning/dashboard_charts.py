"""The dashboard's charts as plain geometry for server-rendered SVG (no chart library, no
JavaScript). Each chart is drawn next to a table with the same figures, which is what screen
readers read; the SVG itself is hidden from them (`aria-hidden`), its figure names the table."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils import formats
from django.utils.dates import MONTHS_3

from sozialraum.planning.budget_selectors import BudgetFigures, Month
from sozialraum.planning.models import ZERO

HUNDRED = Decimal(100)


def _percent(part: Decimal, whole: Decimal) -> Decimal:
    if whole <= 0 or part <= 0:
        return ZERO
    return min(HUNDRED, part * HUNDRED / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _text(percent: Decimal) -> str:
    """An SVG percentage with one place and a point: "12.5"."""
    return f"{percent:.1f}"


@dataclass(frozen=True)
class UtilisationBar:
    """One social space: spent, committed but not yet spent, still available (in % of the
    widest bar), and the budget's end as a mark when more is committed than planned."""

    label: str
    spent: str
    committed_x: str
    committed: str
    available_x: str
    available: str
    limit_x: str
    over: bool


def utilisation_bars(rows: list[BudgetFigures]) -> list[UtilisationBar]:
    widest = max((max(row.total, row.committed) for row in rows), default=ZERO)
    bars = []
    for row in rows:
        spent = _percent(min(row.spent, row.committed), widest)
        committed = _percent(row.committed, widest)
        total = _percent(row.total, widest)
        bars.append(
            UtilisationBar(
                label=row.label,
                spent=_text(spent),
                committed_x=_text(spent),
                committed=_text(max(ZERO, committed - spent)),
                available_x=_text(committed),
                available=_text(max(ZERO, total - committed)),
                limit_x=_text(total),
                over=row.committed > row.total,
            )
        )
    return bars


@dataclass(frozen=True)
class Column:
    label: str
    x: int
    committed_y: int
    committed_h: int
    spent_x: int
    spent_y: int
    spent_h: int
    label_x: int


@dataclass(frozen=True)
class YearChart:
    width: int
    height: int
    base: int  # the y of the zero line
    columns: list[Column]
    budget_y: int | None  # the budget as a horizontal line
    ticks: list[tuple[int, str]]  # (y, label) of the scale
    bar: int  # the width of one column
    left: int  # where the columns begin (the scale's labels are left of it)


WIDTH, HEIGHT, TOP, BOTTOM, LEFT = 380, 220, 12, 24, 56
SLOT = (WIDTH - LEFT) // 12


def year_chart(months: list[Month], budget: Decimal) -> YearChart:
    """Cumulative committed and spent per month as pairs of columns, with the budget's line."""
    peak = max([budget, *(m.committed_sum for m in months), *(m.spent_sum for m in months)])
    base = HEIGHT - BOTTOM
    span = base - TOP

    def y_of(value: Decimal) -> int:
        if peak <= 0:
            return base
        return base - int((value * span / peak).to_integral_value(rounding=ROUND_HALF_UP))

    columns = []
    bar = (SLOT - 6) // 2
    for index, month in enumerate(months):
        x = LEFT + index * SLOT + 3
        committed_y, spent_y = y_of(month.committed_sum), y_of(month.spent_sum)
        columns.append(
            Column(
                label=str(MONTHS_3[month.number]).capitalize()[:1],
                x=x,
                committed_y=committed_y,
                committed_h=base - committed_y,
                spent_x=x + bar,
                spent_y=spent_y,
                spent_h=base - spent_y,
                label_x=x + bar,
            )
        )
    ticks = []
    if peak > 0:
        for fraction in (Decimal("0"), Decimal("0.5"), Decimal("1")):
            value = peak * fraction
            ticks.append((y_of(value), _short(value)))
    return YearChart(
        width=WIDTH,
        height=HEIGHT,
        base=base,
        columns=columns,
        budget_y=y_of(budget) if budget > 0 else None,
        ticks=ticks,
        bar=bar,
        left=LEFT,
    )


def _short(value: Decimal) -> str:
    """An axis label: 12.500 € as "12,5 T€"."""
    if value >= 1000:
        thousands = (value / 1000).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        return formats.number_format(thousands, decimal_pos=1) + " T€"
    return formats.number_format(value.quantize(Decimal(1)), decimal_pos=0) + " €"
