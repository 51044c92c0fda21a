"""Pages of the needs (planning-needs): the list with filters, a need's page with its status
history and measures, raising (also from a meeting's agenda item) and editing, the status
transitions, the scores, and the ranked list."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
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
from sozialraum.meetings.models import AgendaItem
from sozialraum.planning import need_rows, need_services, selectors
from sozialraum.planning.access import get_agenda_item_for_user, get_need_for_user
from sozialraum.planning.models import Need, NeedStatus, RaisedBy
from sozialraum.planning.need_forms import (
    NeedFilterForm,
    NeedForm,
    NeedStatusForm,
    ScoreForm,
    need_initial,
)

# The buttons of each next status.
STATUS_BUTTONS: dict[str, Any] = {
    NeedStatus.ASSESSED: gettext_lazy("Als geprüft markieren"),
    NeedStatus.ACCEPTED: gettext_lazy("Anerkennen"),
    NeedStatus.REJECTED: gettext_lazy("Ablehnen"),
    NeedStatus.PARTLY_MET: gettext_lazy("Als teilweise gedeckt markieren"),
    NeedStatus.MET: gettext_lazy("Als gedeckt markieren"),
}


@office_view("planning.view_planning")
def needs(request: OfficeRequest) -> HttpResponse:
    office = request.youth_office
    form = NeedFilterForm(request.GET, office=office)
    filters = form.filters()
    page = need_rows.need_list_page(office, filters, request.GET.get("seite"))
    return render(
        request,
        "planning/needs.html",
        {
            "form": form,
            "page": page,
            "filtered": any(filters.values()),
            "query": query_without(request, "seite"),
        },
    )


@office_view("planning.view_planning")
def need(request: OfficeRequest, pk: int) -> HttpResponse:
    need = get_need_for_user(request, pk, perm="planning.view_planning")
    context: dict[str, Any] = {"need": need, **selectors.need_page(need)}
    if request.user.has_perm("planning.decide_need", need):
        context["status_form"] = NeedStatusForm(initial={"version": need.version})
        context["status_buttons"] = [
            (status, STATUS_BUTTONS[status]) for status in need_services.next_statuses(need)
        ]
    return render(request, "planning/need.html", context)


def _need_saved(request: OfficeRequest, form: NeedForm, need: Need | None, **links) -> Need | None:
    data = {**form.data_for_service(), **links}
    try:
        if need is None:
            return need_services.create_need(
                office=request.youth_office,
                by=request.user,
                data=data,
                social_spaces=form.cleaned_data["social_spaces"],
            )
        return need_services.update_need(
            need=need,
            by=request.user,
            version=form.cleaned_data["version"] or 0,
            data=data,
            social_spaces=form.cleaned_data["social_spaces"],
        )
    except ConcurrentEditError:
        assert need is not None
        saved = Need.objects.get(pk=need.pk)
        show_conflict(form, need_initial(saved), saved.version)
    except ValueError as error:
        add_service_error(form, error)
    return None


def _render_form(
    request: OfficeRequest, form: NeedForm, need: Need | None, item: AgendaItem | None = None
) -> HttpResponse:
    return render(request, "planning/need_form.html", {"form": form, "need": need, "item": item})


@office_view("planning.add_need")
@submit_once
def need_add(request: OfficeRequest) -> HttpResponse:
    form = NeedForm(posted(request), office=request.youth_office)
    if request.method == "POST" and form.is_valid():
        created = _need_saved(request, form, None)
        if created is not None:
            messages.success(request, _("Der Bedarf ist erfasst."))
            return redirect(created)
    return _render_form(request, form, None)


@office_view("planning.view_planning")
@submit_once
def need_from_item(request: OfficeRequest, pk: int) -> HttpResponse:
    """Raise a need from a meeting's agenda item: team, meeting and item are filled in."""
    item = get_agenda_item_for_user(request, pk, perm="planning.add_need")
    meeting = item.meeting
    initial = {
        "title": item.title,
        "definition": item.description,
        "raised_by": RaisedBy.MEETING,
        "team": meeting.team_id,
        "social_spaces": [space.pk for space in meeting.team.social_spaces.all()],
    }
    form = NeedForm(posted(request), office=request.youth_office, initial=initial)
    if request.method == "POST" and form.is_valid():
        created = _need_saved(request, form, None, meeting=meeting, agenda_item=item)
        if created is not None:
            messages.success(request, _("Der Bedarf aus dem Treffen ist erfasst."))
            return redirect(created)
    return _render_form(request, form, None, item)


@office_view("planning.view_planning")
def need_edit(request: OfficeRequest, pk: int) -> HttpResponse:
    need = get_need_for_user(request, pk, perm="planning.change_need")
    form = NeedForm(posted(request), office=request.youth_office, instance=need)
    if request.method == "POST" and form.is_valid():
        saved = _need_saved(request, form, need)
        if saved is not None:
            messages.success(request, _("Ihre Änderungen wurden gespeichert."))
            return redirect(saved)
    return _render_form(request, form, need)


@require_POST
@office_view("planning.view_planning")
def need_status(request: OfficeRequest, pk: int) -> HttpResponse:
    need = get_need_for_user(request, pk, perm="planning.decide_need")
    form = NeedStatusForm(request.POST)
    if form.is_valid():
        try:
            need_services.change_status(
                need=need,
                by=request.user,
                to=form.cleaned_data["to"],
                reason=form.cleaned_data["reason"],
                version=form.cleaned_data["version"],
            )
            messages.success(
                request,
                _("Der Bedarf steht jetzt auf „%(status)s“.")
                % {"status": NeedStatus(form.cleaned_data["to"]).label},
            )
            return redirect(need)
        except ConcurrentEditError:
            form.add_error(
                None,
                _(
                    "Jemand anderes hat den Bedarf inzwischen geändert. Bitte sehen Sie sich den "
                    "neuen Stand an und entscheiden Sie dann."
                ),
            )
        except ValueError as error:
            add_service_error(form, error)
    need.refresh_from_db()
    context: dict[str, Any] = {"need": need, **selectors.need_page(need)}
    context["status_form"] = form
    context["status_buttons"] = [
        (status, STATUS_BUTTONS[status]) for status in need_services.next_statuses(need)
    ]
    return render(request, "planning/need.html", context, status=200)


@office_view("planning.view_planning")
def need_scores(request: OfficeRequest, pk: int) -> HttpResponse:
    need = get_need_for_user(request, pk, perm="planning.score_need")
    criteria = selectors.active_criteria(request.youth_office)
    current = {score.criterion_id: score.score for score in need.scores.all()}
    form = ScoreForm(posted(request), criteria=criteria, scores=current)
    if need.status not in need_services.SCORED_STATUSES:
        form.add_error(None, _("Bewertet werden nur anerkannte Bedarfe."))
    elif request.method == "POST" and form.is_valid():
        try:
            need_services.set_scores(need=need, by=request.user, scores=form.scores())
            messages.success(request, _("Die Bewertung ist gespeichert."))
            return redirect("planning:need_ranking", office_slug=request.youth_office.slug)
        except ValueError as error:
            add_service_error(form, error)
    return render(
        request, "planning/need_scores.html", {"need": need, "form": form, "criteria": criteria}
    )


@office_view("planning.view_planning")
def need_ranking(request: OfficeRequest) -> HttpResponse:
    office = request.youth_office
    criteria = selectors.active_criteria(office)
    can_score = request.user.has_perm("planning.score_need", office)
    page = need_rows.ranking_page(office, criteria, request.GET.get("seite"), can_score=can_score)
    context = {"criteria": criteria, "page": page, "can_score": can_score}
    return render(request, "planning/need_ranking.html", context)
