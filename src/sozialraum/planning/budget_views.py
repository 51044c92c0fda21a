"""Pages of the budgets: the dashboard per youth office, a budget's page, creating and editing a
budget, transfers between budgets."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch
from django.utils import timezone
from django.utils.translation import gettext as _

from sozialraum.lib.errors import ConcurrentEditError
from sozialraum.lib.forms import show_conflict
from sozialraum.lib.http import add_service_error, posted, url_for_rows
from sozialraum.lib.idempotency import submit_once
from sozialraum.lib.tenancy import OfficeRequest, office_view
from sozialraum.planning import budget_selectors as selectors
from sozialraum.planning import budget_services as services
from sozialraum.planning.budget_access import get_budget_for_user
from sozialraum.planning.budget_forms import BudgetForm, TransferForm
from sozialraum.planning.budget_models import Budget
from sozialraum.planning.dashboard_charts import utilisation_bars, year_chart
from sozialraum.planning.dashboard_rows import dashboard_parts
from sozialraum.planning.models import ZERO
from sozialraum.regions.models import SocialSpace


def _int_param(request: OfficeRequest, name: str, low: int, high: int) -> int | None:
    text = request.GET.get(name, "")
    if not text.isascii() or not text.isdigit() or len(text) > 12:
        return None
    value = int(text)
    return value if low <= value <= high else None


@office_view("planning.view_budgets")
def dashboard(request: OfficeRequest) -> HttpResponse:
    office = request.youth_office
    years = selectors.budget_years(office)
    today = timezone.localdate().year
    default = today if today in years or not years else years[0]
    year = _int_param(request, "jahr", 2000, 2100) or default
    spaces = list(SocialSpace.objects.in_office(office).values_list("pk", "name"))
    space_id = _int_param(request, "raum", 1, 2**62)
    if space_id not in {pk for pk, _name in spaces}:
        space_id = None
    board = selectors.dashboard(office, year, years, space_id)
    url_of = url_for_rows("planning:budget", office_slug=office.slug)
    for row in board.rows:
        assert row.budget is not None
        row.url = url_of(row.budget.pk)
    chart = year_chart(board.months, board.month_budget)
    context = {
        "board": board,
        "chart": chart,
        "parts": dashboard_parts(board, utilisation_bars(board.rows), chart, spaces),
        "space_name": dict(spaces).get(space_id, "") if space_id else "",
        "year_choices": sorted({*years, year, today}, reverse=True),
    }
    return render(request, "planning/dashboard.html", context)


@office_view("planning.view_budgets")
def budget(request: OfficeRequest, pk: int) -> HttpResponse:
    budget = get_budget_for_user(request, pk, perm="planning.view_budgets")
    page = selectors.budget_page(budget)
    try:  # the measure's page (planning-needs), once it exists
        measure_url = url_for_rows("planning:measure", office_slug=request.youth_office.slug)
    except NoReverseMatch:
        measure_url = None
    for share in page.shares:
        share.measure_url = (  # type: ignore[attr-defined]
            measure_url(share.allocation.measure_id) if measure_url else ""
        )
    return render(request, "planning/budget.html", {"budget": budget, "page": page})


def _saved(request: OfficeRequest, form: BudgetForm, budget: Budget | None) -> Budget | None:
    data = form.cleaned_data
    try:
        if budget is None:
            return services.create_budget(
                office=request.youth_office,
                by=request.user,
                social_space=data["social_space"],
                year=data["year"],
                planned=data["planned"],
                earmarked_case_unspecific=data["earmarked_case_unspecific"] or ZERO,
                note=data["note"],
            )
        return services.update_budget(
            budget=budget,
            by=request.user,
            version=data["version"] or 0,
            planned=data["planned"],
            earmarked_case_unspecific=data["earmarked_case_unspecific"] or ZERO,
            note=data["note"],
        )
    except ConcurrentEditError:
        assert budget is not None
        saved = Budget.objects.get(pk=budget.pk)
        initial = {
            "planned": saved.planned,
            "earmarked_case_unspecific": saved.earmarked_case_unspecific,
            "note": saved.note,
        }
        show_conflict(form, initial, saved.version)
    except ValueError as error:
        add_service_error(form, error)
    return None


@office_view("planning.manage_budgets")
@submit_once
def budget_add(request: OfficeRequest) -> HttpResponse:
    form = BudgetForm(posted(request), office=request.youth_office)
    if request.method == "POST" and form.is_valid():
        created = _saved(request, form, None)
        if created is not None:
            messages.success(
                request, _("Das Budget %(budget)s wurde angelegt.") % {"budget": created}
            )
            return redirect(created)
    return render(request, "planning/budget_form.html", {"form": form, "budget": None})


@office_view("planning.manage_budgets")
def budget_edit(request: OfficeRequest, pk: int) -> HttpResponse:
    budget = get_budget_for_user(request, pk, perm="planning.manage_budgets")
    form = BudgetForm(posted(request), office=request.youth_office, budget=budget)
    if request.method == "POST" and form.is_valid():
        saved = _saved(request, form, budget)
        if saved is not None:
            messages.success(request, _("Ihre Änderungen wurden gespeichert."))
            return redirect(saved)
    return render(request, "planning/budget_form.html", {"form": form, "budget": budget})


@office_view("planning.manage_budgets")
@submit_once
def transfer_add(request: OfficeRequest) -> HttpResponse:
    initial = {}
    source = _int_param(request, "von", 1, 2**62)
    if source is not None:
        initial["source"] = source
    form = TransferForm(posted(request), office=request.youth_office, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.transfer(
                source=data["source"],
                target=data["target"],
                amount=data["amount"],
                reason=data["reason"],
                by=request.user,
            )
        except ValueError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Die Umbuchung wurde gespeichert."))
            return redirect(data["source"])
    return render(request, "planning/transfer_form.html", {"form": form})
