"""Tasks (Aufgaben, Zuständigkeiten): "Meine Aufgaben" and a task's page with its status."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from sozialraum.lib.errors import ConcurrentEditError
from sozialraum.lib.forms import show_conflict
from sozialraum.lib.http import PAGE_SIZE, add_service_error, posted, url_for_rows
from sozialraum.lib.tenancy import OfficeRequest, get_for_user, office_view
from sozialraum.minutes import register_services, selectors
from sozialraum.minutes.decision_views import minutes_link
from sozialraum.minutes.models import MinutesStatus, Task, TaskStatus
from sozialraum.minutes.register_forms import task_status_form

# Done and dropped tasks shown below the open ones (the most recent).
CLOSED_SHOWN = 25


def get_task_for_user(request: OfficeRequest, pk: int, *, perm: str = "minutes.view_task") -> Task:
    queryset = Task.objects.select_related(
        "youth_office", "team", "responsible", "minutes", "minutes__meeting", "item"
    )
    return get_for_user(request, queryset, pk=pk, perm=perm)


def task_status_buttons(status: str) -> list[tuple[str, str]]:
    """The statuses a task can move to, with their buttons' labels."""
    if status == TaskStatus.OPEN:
        return [
            (TaskStatus.DONE.value, _("Als erledigt markieren")),
            (TaskStatus.DROPPED.value, _("Aufgabe entfällt")),
        ]
    return [(TaskStatus.OPEN.value, _("Wieder öffnen"))]


def _mark_due(tasks: list[Any], today) -> None:
    """Set what the templates show about the due date (overdue in words, due today)."""
    for task in tasks:
        task.is_overdue = (
            task.status == TaskStatus.OPEN and task.due is not None and task.due < today
        )
        task.days_overdue = (today - task.due).days if task.is_overdue else 0
        task.is_due_today = task.status == TaskStatus.OPEN and task.due == today


@office_view("minutes.view_my_tasks")
def my_tasks(request: OfficeRequest) -> HttpResponse:
    office = request.youth_office
    today = timezone.localdate()
    page = Paginator(selectors.my_open_tasks(office, request.user), PAGE_SIZE).get_page(
        request.GET.get("seite")
    )
    closed_qs = selectors.my_closed_tasks(office, request.user)
    closed = list(closed_qs[: CLOSED_SHOWN + 1])
    more_closed = len(closed) > CLOSED_SHOWN
    closed = closed[:CLOSED_SHOWN]
    detail = url_for_rows("minutes:task", office_slug=office.slug)
    open_rows = list(page.object_list)
    for task in (*open_rows, *closed):
        task.detail_url = detail(task.pk)
    _mark_due(open_rows, today)
    page.object_list = open_rows
    context = {
        "page": page,
        "closed": closed,
        "more_closed": more_closed,
        "overdue_count": sum(1 for task in open_rows if task.is_overdue),
        "today": today,
    }
    return render(request, "minutes/my_tasks.html", context)


@office_view("minutes.view_my_tasks")
def task(request: OfficeRequest, pk: int) -> HttpResponse:
    """The task; coordination, the team's Leitung and the responsible person change its
    status here (POST)."""
    posting = request.method == "POST"
    task = get_task_for_user(
        request, pk, perm="minutes.change_task_status" if posting else "minutes.view_task"
    )
    form = None
    if posting or request.user.has_perm("minutes.change_task_status", task):
        form = task_status_form(posted(request), version=task.version)
    if posting and form is not None and form.is_valid():
        try:
            register_services.change_task_status(
                task=task,
                actor=request.user,
                version=form.cleaned_data["version"],
                status=form.cleaned_data["status"],
                note=form.cleaned_data["note"],
            )
        except ConcurrentEditError:
            task = get_task_for_user(request, pk)
            show_conflict(form, {"status": task.status, "note": task.status_note}, task.version)
        except ValueError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Der Status der Aufgabe ist gespeichert."))
            return redirect(task.get_absolute_url())
    today = timezone.localdate()
    _mark_due([task], today)
    link = minutes_link(request.youth_office.slug)
    context = {
        "task": task,
        "form": form,
        "minutes_url": link(task.minutes.meeting_id) if task.minutes else "",
        "is_draft": bool(task.minutes and task.minutes.status != MinutesStatus.APPROVED),
        "statuses": TaskStatus,
        "status_choices": task_status_buttons(task.status),
    }
    return render(request, "minutes/task.html", context)
