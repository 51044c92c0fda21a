"""The agenda page of a meeting: timed items, moved up and down with buttons (no JavaScript),
added, edited and removed by coordination or the team's Leitung."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from sozialraum.lib.choice_fields import out_of_range
from sozialraum.lib.errors import ConcurrentEditError
from sozialraum.lib.forms import show_conflict
from sozialraum.lib.http import add_service_error
from sozialraum.lib.idempotency import submit_once
from sozialraum.lib.tenancy import OfficeRequest, get_for_user, office_view
from sozialraum.meetings import agenda as services
from sozialraum.meetings.models import AgendaItem, AgendaItemKind, Meeting
from sozialraum.meetings.topic_forms import AgendaItemEditForm, AgendaItemForm
from sozialraum.meetings.topic_views import not_member_message, team_only


def get_meeting(request: OfficeRequest, pk: int) -> Meeting:
    queryset = Meeting.objects.select_related("team", "youth_office")
    return get_for_user(request, queryset, pk=pk)


def _item_of(meeting: Meeting, value: str) -> AgendaItem | None:
    if not value or out_of_range(AgendaItem._meta.pk, value):  # type: ignore[arg-type]
        return None
    return AgendaItem.objects.filter(meeting=meeting, pk=int(value)).first()


def _agenda_url(meeting: Meeting) -> str:
    return reverse(
        "meetings:agenda", kwargs={"office_slug": meeting.youth_office.slug, "pk": meeting.pk}
    )


def agenda_context(meeting: Meeting) -> dict:
    """The items with their times and, for the item "Offene Aufgaben", the open tasks."""
    items = list(
        AgendaItem.objects.filter(meeting=meeting)
        .select_related("topic", "carried_from__meeting")
        .order_by("position", "pk")
    )
    table = services.timetable(meeting, items)
    open_tasks = []
    if any(item.kind == AgendaItemKind.OPEN_TASKS for item in items):
        open_tasks = list(services.open_tasks_before(meeting))
    return {
        "timetable": table,
        "open_tasks": open_tasks,
        "open_tasks_kind": AgendaItemKind.OPEN_TASKS,
    }


def _add(request: OfficeRequest, meeting: Meeting) -> AgendaItemForm | HttpResponse:
    form = AgendaItemForm(request.POST, prefix="neu")
    if form.is_valid():
        data = {name: form.cleaned_data[name] for name in AgendaItem.EDITABLE_FIELDS}
        try:
            services.add_item(meeting=meeting, actor=request.user, data=data)
        except services.AgendaLocked:
            raise
        except ValueError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Der Punkt steht jetzt auf der Tagesordnung."))
            return redirect(_agenda_url(meeting))
    return form


def _save(
    request: OfficeRequest, meeting: Meeting, item: AgendaItem
) -> AgendaItemEditForm | HttpResponse:
    form = AgendaItemEditForm(
        request.POST, instance=AgendaItem.objects.get(pk=item.pk), prefix="punkt"
    )
    if not form.is_valid():
        return form
    data = {name: form.cleaned_data[name] for name in AgendaItem.EDITABLE_FIELDS}
    try:
        services.update_item(
            item=item, actor=request.user, version=form.cleaned_data["version"], data=data
        )
    except ConcurrentEditError:
        saved = AgendaItem.objects.get(pk=item.pk)
        initial = {name: getattr(saved, name) for name in AgendaItem.EDITABLE_FIELDS}
        show_conflict(form, initial, saved.version)
        data = form.data.copy()  # type: ignore[attr-defined]
        data["punkt-version"] = str(saved.version)
        form.data = data
    except services.AgendaLocked:
        raise
    except ValueError as error:
        add_service_error(form, error)
    else:
        messages.success(request, _("Ihre Änderungen wurden gespeichert."))
        return redirect(f"{_agenda_url(meeting)}#top-{item.pk}")
    return form


def _post(request: OfficeRequest, meeting: Meeting, forms: dict) -> HttpResponse | None:
    """The buttons of the agenda page; None: show the page again with `forms`' errors."""
    action = request.POST.get("aktion", "")
    item = _item_of(meeting, request.POST.get("punkt", ""))
    if action in ("hoch", "runter", "entfernen", "speichern") and item is None:
        messages.error(request, _("Diesen Punkt gibt es nicht mehr auf der Tagesordnung."))
        return redirect(_agenda_url(meeting))
    if action in ("hoch", "runter"):
        assert item is not None
        services.move_item(item=item, actor=request.user, direction=action)
        return redirect(f"{_agenda_url(meeting)}#top-{item.pk}")
    if action == "entfernen":
        assert item is not None
        services.remove_item(item=item, actor=request.user)
        messages.success(
            request, _("„%(title)s“ ist nicht mehr auf der Tagesordnung.") % {"title": item.title}
        )
        return redirect(_agenda_url(meeting))
    if action == "hinzufuegen":
        result = _add(request, meeting)
        if isinstance(result, HttpResponse):
            return result
        forms["add_form"] = result
        return None
    if action == "speichern":
        assert item is not None
        saved = _save(request, meeting, item)
        if isinstance(saved, HttpResponse):
            return saved
        forms.update(edit_item=item, edit_form=saved)
        return None
    messages.error(request, _("Bitte wählen Sie eine Aktion."))
    return redirect(_agenda_url(meeting))


@office_view()
@submit_once
def agenda(request: OfficeRequest, pk: int) -> HttpResponse:
    meeting = get_meeting(request, pk)
    team = meeting.team
    if not request.user.has_perm("meetings.view_agenda", meeting):
        return team_only(request, team, not_member_message(team))
    can_manage = request.user.has_perm("meetings.manage_agenda", meeting)
    edit_item = _item_of(meeting, request.GET.get("bearbeiten", "")) if can_manage else None
    forms: dict = {
        "add_form": AgendaItemForm(prefix="neu"),
        "edit_item": edit_item,
        "edit_form": AgendaItemEditForm(
            instance=edit_item, initial={"version": edit_item.version}, prefix="punkt"
        )
        if edit_item
        else None,
    }
    if request.method == "POST":
        if not can_manage:
            message = _(
                "Die Tagesordnung des Teams „%(team)s“ gestaltet die Koordination oder die "
                "Teamleitung."
            ) % {"team": team.name}
            return team_only(request, team, message)
        try:
            response = _post(request, meeting, forms)
        except services.AgendaLocked as error:
            messages.error(request, str(error))
            return redirect(_agenda_url(meeting))
        if response is not None:
            return response
    else:
        services.prepare_agenda(meeting=meeting, actor=request.user)
    return render(
        request,
        "meetings/agenda.html",
        {
            "meeting": meeting,
            "team": team,
            "can_manage": can_manage,
            **forms,
            **agenda_context(meeting),
        },
    )
