"""Pages of the measures (planning-needs): the list, a measure's page (needs, goals, cost
calculation with its revisions, the approval steps, the budget and project parts), creating
and editing with goals, submitting and deciding."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sozialraum.lib.errors import ConcurrentEditError
from sozialraum.lib.forms import show_conflict
from sozialraum.lib.http import (
    add_service_error,
    posted,
    query_without,
)
from sozialraum.lib.idempotency import submit_once
from sozialraum.lib.tenancy import OfficeRequest, office_view
from sozialraum.planning import cost_services, measure_services, selectors
from sozialraum.planning.access import get_measure_for_user
from sozialraum.planning.budget_selectors import attach_budget_part
from sozialraum.planning.measure_forms import (
    DecideForm,
    MeasureForm,
    goal_formset,
    goals_of,
    measure_initial,
)
from sozialraum.planning.measure_models import Measure, MeasureStatus
from sozialraum.planning.measure_rows import measure_list_page
from sozialraum.planning.need_forms import FILTER_FIELD_TEMPLATE


def _version(request: OfficeRequest) -> int | None:
    value = request.POST.get("version", "")
    return int(value) if value.isascii() and value.isdigit() and len(value) < 10 else -1


@office_view("planning.view_planning")
def measures(request: OfficeRequest) -> HttpResponse:
    office = request.youth_office
    status = request.GET.get("stand", "")
    status = status if status in MeasureStatus.values else ""
    rows = selectors.measure_list(office, status=status).filter(
        selectors.visible_measures(office, request.user)
    )
    page = measure_list_page(rows, request.GET.get("seite"), office_slug=office.slug)
    return render(
        request,
        "planning/measures.html",
        {
            "page": page,
            "status": status,
            "statuses": MeasureStatus.choices,
            "query": query_without(request, "seite"),
            "filter_template": FILTER_FIELD_TEMPLATE,
        },
    )


# What the measure's page joins: carrier and team, the project and its evaluation
# (planning/_measure_project.html); the office is the request's.
MEASURE_PAGE_JOINS = ("carrier", "team", "project", "project__evaluation")
# The statuses whose page names the approval level (submitting and deciding).
LEVEL_STATUSES = (MeasureStatus.DRAFT, MeasureStatus.RETURNED, MeasureStatus.SUBMITTED)


def measure_context(request: OfficeRequest, measure: Measure) -> dict[str, Any]:
    """The measure's page; `measure` as `get_measure_for_user(..., joins=MEASURE_PAGE_JOINS)`
    returns it (otherwise the project part costs one or two queries more)."""
    measure.youth_office = request.youth_office
    page = selectors.measure_page(measure)
    attach_budget_part(measure)
    project = getattr(measure, "project", None)
    if project is not None:
        project.youth_office = request.youth_office
    context: dict[str, Any] = {"measure": measure, **page}
    changes = cost_services.revision_changes(page["estimates"])
    for revision in page["estimates"]:
        revision.change_rows = changes.get(revision.pk, [])
    estimate = page["estimate"]
    requested = estimate.requested if estimate is not None else None
    if requested is not None and measure.status in LEVEL_STATUSES:
        context["level"] = selectors.level_for(request.youth_office, requested)
    user = request.user
    context["can_change"] = (
        user.has_perm("planning.change_measure", measure)
        and measure.status in measure_services.OPEN_STATUSES
    )
    context["can_submit"] = context["can_change"] and measure.status in (
        MeasureStatus.DRAFT,
        MeasureStatus.RETURNED,
    )
    if measure.status == MeasureStatus.SUBMITTED and user.has_perm(
        "planning.decide_measure", measure
    ):
        refusal = measure_services.decision_refusal(measure, user, context.get("level"))
        context["decide_refusal"] = refusal
        if not refusal:
            context.setdefault("decide_form", DecideForm(measure=measure))
    return context


@office_view("planning.view_planning")
def measure(request: OfficeRequest, pk: int) -> HttpResponse:
    measure = get_measure_for_user(
        request, pk, perm="planning.view_planning", joins=MEASURE_PAGE_JOINS
    )
    return render(request, "planning/measure.html", measure_context(request, measure))


def _form_page(request: OfficeRequest, form: MeasureForm, goals: Any, measure: Measure | None):
    return render(
        request, "planning/measure_form.html", {"form": form, "goals": goals, "measure": measure}
    )


@office_view("planning.add_measure")
@submit_once
def measure_add(request: OfficeRequest) -> HttpResponse:
    office = request.youth_office
    initial: dict[str, Any] = {}
    need_pk = request.GET.get("bedarf", "")
    if need_pk.isascii() and need_pk.isdigit() and len(need_pk) < 10:
        initial["needs"] = [int(need_pk)]
    form = MeasureForm(posted(request), office=office, user=request.user, initial=initial)
    goals = goal_formset(posted(request))
    if request.method == "POST" and form.is_valid() and goals.is_valid():
        try:
            created = measure_services.create_measure(
                office=office,
                by=request.user,
                data=form.data_for_service(),
                needs=form.cleaned_data["needs"],
                social_spaces=form.cleaned_data["social_spaces"],
                goals=goals_of(goals),
            )
        except ValueError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("Die Maßnahme ist angelegt. Tragen Sie jetzt die Kostenkalkulation ein."),
            )
            return redirect("planning:measure_costs", office_slug=office.slug, pk=created.pk)
    return _form_page(request, form, goals, None)


@office_view("planning.view_planning")
def measure_edit(request: OfficeRequest, pk: int) -> HttpResponse:
    measure = get_measure_for_user(request, pk, perm="planning.change_measure")
    office = request.youth_office
    if measure.status not in measure_services.OPEN_STATUSES:
        messages.error(request, str(measure_services.MeasureClosed(measure)))
        return redirect(measure)
    form = MeasureForm(posted(request), office=office, user=request.user, instance=measure)
    goals = goal_formset(posted(request), measure=measure)
    if request.method == "POST" and form.is_valid() and goals.is_valid():
        try:
            measure_services.update_measure(
                measure=measure,
                by=request.user,
                version=form.cleaned_data["version"] or 0,
                data=form.data_for_service(),
                needs=form.cleaned_data["needs"],
                social_spaces=form.cleaned_data["social_spaces"],
                goals=goals_of(goals),
            )
        except ConcurrentEditError:
            saved = Measure.objects.get(pk=measure.pk)
            show_conflict(form, measure_initial(saved), saved.version)
        except ValueError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Ihre Änderungen wurden gespeichert."))
            return redirect(measure)
    return _form_page(request, form, goals, measure)


@require_POST
@office_view("planning.view_planning")
def measure_submit(request: OfficeRequest, pk: int) -> HttpResponse:
    measure = get_measure_for_user(request, pk, perm="planning.change_measure")
    try:
        measure_services.submit(measure=measure, by=request.user, version=_version(request))
        messages.success(
            request, _("Die Maßnahme ist eingereicht. Sie erfahren hier, wie entschieden wird.")
        )
    except ConcurrentEditError:
        messages.error(
            request,
            _(
                "Die Maßnahme wurde inzwischen geändert. Bitte prüfen Sie den neuen Stand und "
                "reichen Sie dann ein."
            ),
        )
    except ValueError as error:
        messages.error(request, str(error))
    return redirect(measure)


@require_POST
@office_view("planning.view_planning")
def measure_decide(request: OfficeRequest, pk: int) -> HttpResponse:
    measure = get_measure_for_user(request, pk, perm="planning.decide_measure")
    form = DecideForm(request.POST, measure=measure)
    if form.is_valid():
        action = form.cleaned_data["action"]
        arguments = {
            "measure": measure,
            "by": request.user,
            "comment": form.cleaned_data["comment"],
            "decision": form.cleaned_data.get("decision"),
        }
        try:
            if action == "bewilligen":
                measure_services.approve(**arguments)
                messages.success(request, _("Die Maßnahme ist bewilligt und läuft als Projekt."))
            elif action == "zurueckgeben":
                measure_services.return_for_revision(**arguments)
                messages.success(request, _("Die Maßnahme ist zur Überarbeitung zurückgegeben."))
            else:
                measure_services.reject(**arguments)
                messages.success(request, _("Die Maßnahme ist abgelehnt."))
            return redirect(measure)
        except ValueError as error:
            if not getattr(error, "errors", None):
                messages.error(request, str(error))
                return redirect(measure)
            add_service_error(form, error)
    context = measure_context(request, measure)
    if "decide_form" not in context:
        messages.error(request, _("Über diese Maßnahme können Sie nicht entscheiden."))
        return redirect(measure)
    context["decide_form"] = form
    return render(request, "planning/measure.html", context)
