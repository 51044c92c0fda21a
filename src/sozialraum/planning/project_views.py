"""Pages of projects: a project's page with its progress notes, adding a note, continuing a
project into a new period (the list is in project_list_views.py)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sozialraum.lib.http import add_service_error, posted
from sozialraum.lib.idempotency import submit_once
from sozialraum.lib.tenancy import OfficeRequest, office_view
from sozialraum.planning import project_selectors as selectors
from sozialraum.planning import project_services as services
from sozialraum.planning.measure_models import Measure
from sozialraum.planning.project_access import get_project_for_user
from sozialraum.planning.project_forms import ProgressNoteForm
from sozialraum.planning.project_models import Project

# The empty progress-note form's two field groups, rendered once per language and day (their
# only inputs: the labels and today's date as the initial value); bounded like kern's memo.
_EMPTY_NOTE_FIELDS: dict[tuple[str, str], SafeString] = {}


def empty_note_fields(form: ProgressNoteForm) -> SafeString:
    """The fields of an unbound `form` as planning/project.html renders them (issue 8: two field
    groups through Django's form templates cost about 2 ms per request)."""
    key = (get_language() or "", str(form["date"].initial))
    found = _EMPTY_NOTE_FIELDS.get(key)
    if found is None:
        found = SafeString(
            f"{form['date'].as_field_group()}\n      {form['text'].as_field_group()}"
        )
        if len(_EMPTY_NOTE_FIELDS) > 16:
            _EMPTY_NOTE_FIELDS.clear()
        _EMPTY_NOTE_FIELDS[key] = found
    return found


def _page(request: OfficeRequest, project: Project, note_form: ProgressNoteForm) -> HttpResponse:
    user = request.user
    context = {
        "project": project,
        "page": selectors.project_page(project),
        "note_form": note_form,
        "can_note": user.has_perm("planning.add_progress_note", project),
        "can_evaluate": user.has_perm("planning.evaluate_project", project),
        "can_continue": user.has_perm("planning.continue_project", project),
    }
    if not note_form.is_bound:
        context["note_fields"] = empty_note_fields(note_form)
    return render(request, "planning/project.html", context)


@office_view("planning.view_project")
def project(request: OfficeRequest, pk: int) -> HttpResponse:
    found = get_project_for_user(request, pk, related=selectors.PROJECT_PAGE_RELATED)
    return _page(request, found, ProgressNoteForm())


@office_view("planning.view_project")
@submit_once
def project_note_add(request: OfficeRequest, pk: int) -> HttpResponse:
    found = get_project_for_user(
        request, pk, perm="planning.add_progress_note", related=selectors.PROJECT_PAGE_RELATED
    )
    form = ProgressNoteForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.add_progress_note(
                project=found,
                by=request.user,
                date=form.cleaned_data["date"],
                text=form.cleaned_data["text"],
            )
        except ValueError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Ihr Bericht wurde gespeichert."))
            return redirect(found)
    if request.method != "POST":
        return redirect(found.get_absolute_url() + "#bericht")
    return _page(request, found, form)


@require_POST
@office_view("planning.view_project")
@submit_once
def project_continue(request: OfficeRequest, pk: int) -> HttpResponse:
    found = get_project_for_user(request, pk, perm="planning.continue_project")
    try:
        measure = services.continue_project(project=found, by=request.user)
    except ValueError as error:
        messages.error(request, error_text(error))
        return redirect(found)
    messages.success(
        request,
        _(
            "Die Fortsetzung „%(title)s“ ist als Entwurf angelegt, mit den Zielen und der "
            "Kostenkalkulation des Projekts. Prüfen Sie Zeitraum und Kosten, bevor Sie sie "
            "einreichen."
        )
        % {"title": measure.title},
    )
    return redirect(measure_url(measure, found))


def error_text(error: ValueError) -> str:
    """A service's refusal as one sentence (without field names)."""
    errors = getattr(error, "errors", None)
    if errors:
        return " ".join(message for field in errors.values() for message in field)
    return str(error)


def measure_url(measure: Measure, fallback: Project) -> str:
    """The measure's page (planning-needs); the project's page where it is not installed."""
    try:
        return measure.get_absolute_url()
    except NoReverseMatch:
        return fallback.get_absolute_url()
