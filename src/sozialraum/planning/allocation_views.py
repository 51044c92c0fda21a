"""Allocations (Mittelbindung) and expenses of a measure: the measure's budget part. The measure
page itself belongs to the needs and measures (planning-needs); it shows the same part through
`planning/_measure_budget.html`, which these pages show above their forms."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from sozialraum.lib.http import add_service_error, posted
from sozialraum.lib.idempotency import submit_once
from sozialraum.lib.tenancy import OfficeRequest, office_view
from sozialraum.minutes.models import Decision
from sozialraum.planning import budget_selectors as selectors
from sozialraum.planning import budget_services as services
from sozialraum.planning.budget_access import get_measure_for_budgets
from sozialraum.planning.budget_forms import AllocationForm, ExpenseForm
from sozialraum.planning.budget_models import AllocationShare, Budget
from sozialraum.planning.measure_models import Measure, MeasureStatus
from sozialraum.planning.models import ZERO


def measure_page(measure: Measure, fallback: str) -> str:
    """The measure's page (planning-needs), or `fallback` while it does not exist."""
    try:
        return reverse(
            "planning:measure", kwargs={"office_slug": measure.youth_office.slug, "pk": measure.pk}
        )
    except NoReverseMatch:
        return fallback


def _with_part(measure: Measure) -> Measure:
    return selectors.with_budget_part(
        Measure.objects.filter(pk=measure.pk).select_related("carrier", "youth_office")
    ).get()


@office_view("planning.manage_budgets")
@submit_once
def allocation_add(request: OfficeRequest, pk: int) -> HttpResponse:
    measure = _with_part(get_measure_for_budgets(request, pk, perm="planning.manage_budgets"))
    office = request.youth_office
    approved = measure.status == MeasureStatus.APPROVED
    years = range(measure.period_start.year, measure.period_end.year + 1)
    budgets = list(
        Budget.objects.in_office(office)
        .filter(year__in=years)
        .select_related("social_space")
        .order_by("year", "social_space__sort_key", "id")
    )
    decisions = (
        Decision.objects.in_office(office).filter(
            team_id=measure.team_id, year__gte=measure.period_start.year - 1
        )
        if measure.team_id
        else Decision.objects.none()
    ).select_related("team")
    requested = selectors.requested_amount(measure)
    committed = selectors.committed_on(measure)
    suggested = requested - committed if requested is not None and requested > committed else None
    form = AllocationForm(
        posted(request), budgets=budgets, decisions=decisions, suggested=suggested
    )
    back = measure_page(measure, request.path)
    if request.method == "POST" and approved and form.is_valid():
        data = form.cleaned_data
        try:
            services.allocate(
                measure=measure,
                shares=form.shares(),
                by=request.user,
                override_reason=data["override_reason"] if data["override"] else "",
                decision=data["decision"] if data["override"] else None,
                total=data["total"],
                note=data["note"],
            )
        except ValueError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Die Mittel wurden gebunden."))
            return redirect(back)
    elif request.method == "POST" and not approved:
        form.is_valid()
        form.add_error(None, _("Mittel können nur für eine bewilligte Maßnahme gebunden werden."))
    context = {
        "measure": measure,
        "form": form,
        "approved": approved,
        "years": years,
        "requested": requested,
        "committed": committed,
        "back": back,
    }
    return render(request, "planning/allocation_form.html", context)


@office_view("regions.view_office")
@submit_once
def expense_add(request: OfficeRequest, pk: int) -> HttpResponse:
    measure = _with_part(get_measure_for_budgets(request, pk, perm="planning.add_expense"))
    approved = measure.status == MeasureStatus.APPROVED
    shares = (
        AllocationShare.objects.filter(allocation__measure=measure)
        .select_related("budget__social_space")
        .order_by("budget__year", "budget__social_space__sort_key", "id")
    )
    form = ExpenseForm(posted(request), shares=shares)
    back = measure_page(measure, request.path)
    if request.method == "POST" and approved and form.is_valid():
        data = form.cleaned_data
        try:
            services.record_expense(
                share=data["share"],
                date=data["date"],
                amount=data["amount"],
                receipt=data["receipt"],
                description=data["description"],
                excess_reason=data["excess_reason"],
                by=request.user,
            )
        except ValueError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Die Ausgabe wurde gespeichert."))
            return redirect(back)
    elif request.method == "POST" and not approved:
        form.is_valid()
        form.add_error(None, _("Ausgaben können nur für eine bewilligte Maßnahme erfasst werden."))
    has_shares = any(s.amount > ZERO for a in measure.allocations.all() for s in a.shares.all())
    context = {
        "measure": measure,
        "form": form,
        "approved": approved,
        "has_shares": has_shares,
        "back": back,
    }
    return render(request, "planning/expense_form.html", context)
