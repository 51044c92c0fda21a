"""Pages of the evaluation: a project's evaluation (draft and completion) and coordination's
list of quality criteria per level."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from sozialraum.lib.errors import ConcurrentEditError
from sozialraum.lib.http import add_service_error, posted
from sozialraum.lib.tenancy import OfficeRequest, office_view
from sozialraum.planning import project_selectors as selectors
from sozialraum.planning import project_services as services
from sozialraum.planning.measure_models import Goal
from sozialraum.planning.models import EvaluationLevel, QualityCriterion
from sozialraum.planning.project_access import (
    get_project_for_user,
    get_quality_criterion_for_user,
)
from sozialraum.planning.project_forms import EvaluationForm, QualityCriterionForm

COMPLETE = "abschliessen"


@office_view("planning.view_project")
def evaluation(request: OfficeRequest, pk: int) -> HttpResponse:
    project = get_project_for_user(request, pk, perm="planning.evaluate_project")
    office = request.youth_office
    saved = selectors.evaluation_of(project)
    goals = list(Goal.objects.filter(measure_id=project.measure_id))
    criteria = selectors.criteria_for(office, saved)
    completed = saved is not None and saved.completed_at is not None
    form = EvaluationForm(
        None if completed else posted(request), goals=goals, criteria=criteria, evaluation=saved
    )
    if request.method == "POST" and not completed and form.is_valid():
        complete = request.POST.get("aktion") == COMPLETE
        try:
            with transaction.atomic():
                services.save_evaluation(
                    project=project,
                    by=request.user,
                    version=form.cleaned_data["version"] or 0,
                    data=form.data_for_service(),
                    results=form.results(),
                    ratings=form.ratings(),
                    complete=complete,
                )
        except ConcurrentEditError:
            fresh = selectors.evaluation_of(project)
            _show_conflict(form, fresh)
        except ValueError as error:
            add_service_error(form, error)
        else:
            if complete:
                messages.success(
                    request,
                    _(
                        "Die Evaluation ist abgeschlossen. Der Stand der Bedarfe wurde "
                        "entsprechend geändert."
                    ),
                )
                return redirect(project)
            messages.success(request, _("Der Entwurf der Evaluation wurde gespeichert."))
            return redirect("planning:evaluation", office_slug=office.slug, pk=project.pk)
    return render(
        request,
        "planning/evaluation.html",
        {
            "project": project,
            "measure": project.measure,
            "form": form,
            "saved": saved,
            "ratings": selectors.sorted_ratings(saved),
            "completed": completed,
            "complete_action": COMPLETE,
            "levels": EvaluationLevel.choices,
        },
    )


def _show_conflict(form: EvaluationForm, fresh) -> None:
    """Somebody saved the evaluation meanwhile: the user's input stays, the hidden version
    moves on, and the message says what happened (a second save keeps the user's values)."""
    from sozialraum.lib.forms import show_conflict

    initial = EvaluationForm(goals=form.goals, criteria=form.criteria, evaluation=fresh).initial
    show_conflict(form, dict(initial), fresh.version if fresh is not None else 0)


@office_view("planning.manage_quality_criteria")
def quality_criteria(request: OfficeRequest) -> HttpResponse:
    office = request.youth_office
    form = QualityCriterionForm(posted(request) if request.POST.get("aktion") == "neu" else None)
    if request.method == "POST":
        action = request.POST.get("aktion")
        if action == "neu" and form.is_valid():
            try:
                created = services.add_quality_criterion(
                    office=office,
                    by=request.user,
                    name=form.cleaned_data["name"],
                    level=form.cleaned_data["level"],
                    description=form.cleaned_data["description"],
                )
            except ValueError as error:
                add_service_error(form, error)
            else:
                messages.success(
                    request,
                    _("Das Qualitätskriterium „%(name)s“ wurde angelegt.") % {"name": created.name},
                )
                return redirect("planning:quality_criteria", office_slug=office.slug)
        elif action in ("ruht", "aktiv"):
            pk = request.POST.get("kriterium", "")
            if pk.isdigit() and len(pk) < 12:
                criterion = get_quality_criterion_for_user(request, int(pk))
                services.update_quality_criterion(
                    criterion=criterion, by=request.user, is_active=action == "aktiv"
                )
                messages.success(request, _("Ihre Änderung wurde gespeichert."))
            else:
                messages.error(request, _("Dieses Qualitätskriterium gibt es nicht."))
            return redirect("planning:quality_criteria", office_slug=office.slug)
        elif action != "neu":
            form = QualityCriterionForm(posted(request))
    criteria = list(QualityCriterion.objects.in_office(office))
    groups = [
        (value, label, [c for c in criteria if c.level == value])
        for value, label in EvaluationLevel.choices
    ]
    return render(request, "planning/quality_criteria.html", {"form": form, "groups": groups})
