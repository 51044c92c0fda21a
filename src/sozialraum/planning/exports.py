"""Downloads of the budgets: the budget overview and the measures with their costs, as CSV
(German Excel, formula injection neutralised by lib.exports) and XLSX (amounts as number cells,
text as string cells)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from sozialraum.lib import exports as lib_exports
from sozialraum.lib.tenancy import OfficeRequest, office_view
from sozialraum.planning import budget_selectors as selectors
from sozialraum.planning.budget_models import Budget
from sozialraum.regions.models import YouthOffice

FORMATS = ("csv", "xlsx")
CENT = Decimal("0.01")


def _money(value: Decimal | None) -> Decimal:
    """Two places always (SQLite's sums come back as 3000 rather than 3000.00)."""
    return Decimal(value or 0).quantize(CENT)


def budget_table(office: YouthOffice) -> tuple[list[str], Iterator[list[object]]]:
    headers = [
        _("Jahr"),
        office.social_space_label,
        _("geplant (€)"),
        _("Umbuchungen (€)"),
        _("Budget (€)"),
        _("davon fallunspezifische Arbeit (€)"),
        _("gebunden (€)"),
        _("ausgegeben (€)"),
        _("verfügbar (€)"),
        _("Überschreitung erlaubt (€)"),
        _("Anmerkung"),
    ]
    budgets = (
        Budget.objects.in_office(office)
        .select_related("social_space")
        .order_by("-year", "social_space__sort_key", "id")
    )

    def rows() -> Iterator[list[object]]:
        for budget in budgets.iterator(chunk_size=500):
            yield [
                budget.year,
                budget.social_space.name,
                budget.planned,
                budget.transferred,
                budget.planned + budget.transferred,
                budget.earmarked_case_unspecific,
                budget.committed,
                budget.spent,
                budget.available,
                budget.overridden,
                budget.note,
            ]

    return headers, rows()


def measure_table(office: YouthOffice) -> tuple[list[str], Iterator[list[object]]]:
    headers = [
        _("Maßnahme"),
        _("Träger"),
        _("Stand"),
        _("Beginn"),
        _("Ende"),
        office.social_space_label_plural,
        _("Gesamtkosten (€)"),
        _("Eigenanteil (€)"),
        _("Drittmittel (€)"),
        _("beantragt (€)"),
        _("gebunden (€)"),
        _("ausgegeben (€)"),
    ]
    measures = selectors.measures_with_costs(office)

    def rows() -> Iterator[list[object]]:
        for measure in measures.iterator(chunk_size=500):
            yield [
                measure.title,
                measure.carrier.name,
                measure.get_status_display(),
                measure.period_start,
                measure.period_end,
                ", ".join(space.name for space in measure.social_spaces.all()),
                _money(measure.cost_total),  # type: ignore[attr-defined]
                _money(measure.cost_own),  # type: ignore[attr-defined]
                _money(measure.cost_third_party),  # type: ignore[attr-defined]
                _money(measure.cost_requested),  # type: ignore[attr-defined]
                _money(measure.committed),  # type: ignore[attr-defined]
                _money(measure.spent),  # type: ignore[attr-defined]
            ]

    return headers, rows()


def _answer(name: str, fmt: str, headers: list[str], rows: Iterator[list[object]]) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    filename = f"{name}-{timezone.localdate():%Y-%m-%d}.{fmt}"
    if fmt == "csv":
        return lib_exports.csv_response(filename, headers, rows)
    return lib_exports.xlsx_response(filename, headers, rows, numbers=True)


@office_view("planning.view_budgets")
def budgets_export(request: OfficeRequest, fmt: str) -> HttpResponse:
    headers, rows = budget_table(request.youth_office)
    return _answer("budgets", fmt, headers, rows)


@office_view("planning.view_budgets")
def measures_export(request: OfficeRequest, fmt: str) -> HttpResponse:
    headers, rows = measure_table(request.youth_office)
    return _answer("massnahmen-kosten", fmt, headers, rows)
