"""Pages of topics: a team's topics, bringing one in, a topic with its feedback and the
decisions of coordination or the team's Leitung (schedule, defer, decline)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sozialraum.lib.errors import ConcurrentEditError
from sozialraum.lib.http import PAGE_SIZE, add_service_error, posted, query_without, url_for_rows
from sozialraum.lib.idempotency import submit_once
from sozialraum.lib.tenancy import OfficeRequest, get_for_user, office_view
from sozialraum.meetings import topics
from sozialraum.meetings.models import Topic, TopicStatus
from sozialraum.meetings.topic_forms import (
    DeclineForm,
    ReasonForm,
    ScheduleForm,
    TopicFilterForm,
    TopicForm,
)
from sozialraum.teams.models import Team


def team_only(request: OfficeRequest, team: Team, message: str) -> HttpResponse:
    """403 with a message that says why: the page belongs to a team the user is not in."""
    return render(
        request, "meetings/team_only.html", {"team": team, "message": message}, status=403
    )


def not_member_message(team: Team) -> str:
    return _(
        "Diese Seite ist nur für die Mitglieder des Teams „%(team)s“ und die Koordination. "
        "Sie sind nicht Mitglied dieses Teams."
    ) % {"team": team.name}


def get_team(request: OfficeRequest, team_pk: int) -> Team:
    return get_for_user(request, Team.objects.select_related("youth_office"), pk=team_pk)


@office_view()
def topic_list(request: OfficeRequest, team_pk: int) -> HttpResponse:
    team = get_team(request, team_pk)
    if not request.user.has_perm("meetings.view_topics", team):
        return team_only(request, team, not_member_message(team))
    form = TopicFilterForm(request.GET)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    rows = Topic.objects.filter(team=team).select_related("submitted_by", "meeting")
    if status:
        rows = rows.filter(status=status)
    page = Paginator(rows.order_by("-submitted_at", "-pk"), PAGE_SIZE).get_page(
        request.GET.get("seite")
    )
    url = url_for_rows("meetings:topic", office_slug=request.youth_office.slug)
    for topic in page.object_list:
        topic.detail_url = url(topic.pk)
    return render(
        request,
        "meetings/topics.html",
        {
            "team": team,
            "form": form,
            "page": page,
            "status": status,
            "query": query_without(request, "seite"),
            "can_submit": request.user.has_perm("meetings.submit_topic", team),
        },
    )


@office_view()
@submit_once
def topic_create(request: OfficeRequest, team_pk: int) -> HttpResponse:
    team = get_team(request, team_pk)
    if not request.user.has_perm("meetings.submit_topic", team):
        return team_only(
            request,
            team,
            _(
                "Themen für das Team „%(team)s“ bringen seine Mitglieder ein. Sie sind nicht "
                "Mitglied dieses Teams; wenden Sie sich an die Koordination oder an ein Mitglied."
            )
            % {"team": team.name},
        )
    form = TopicForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            topic = topics.submit_topic(
                team=team,
                actor=request.user,
                data={name: form.cleaned_data[name] for name in Topic.EDITABLE_FIELDS},
            )
        except ValueError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _(
                    "Danke! Ihr Thema ist eingebracht. Sie bekommen eine E-Mail, sobald die "
                    "Koordination oder die Teamleitung es einplant."
                ),
            )
            return redirect("meetings:topic", office_slug=request.youth_office.slug, pk=topic.pk)
    return render(request, "meetings/topic_form.html", {"team": team, "form": form})


ACTIONS = {"einplanen", "zurueckstellen", "ablehnen"}


def _decide(request: OfficeRequest, topic: Topic, form: forms.Form, action: str) -> bool:
    """Run the decision of a valid form; False (with the error on the form) if refused."""
    data, user = form.cleaned_data, request.user
    try:
        if action == "einplanen":
            topics.schedule_topic(
                topic=topic, actor=user, meeting=data["meeting"], version=data["version"]
            )
        elif action == "zurueckstellen":
            topics.defer_topic(
                topic=topic, actor=user, version=data["version"], reason=data["reason"]
            )
        else:
            topics.decline_topic(
                topic=topic, actor=user, version=data["version"], reason=data["reason"]
            )
    except ConcurrentEditError:
        form.add_error(
            None,
            _(
                "Jemand anderes hat das Thema inzwischen geändert. Die Seite zeigt jetzt den neuen "
                "Stand; bitte entscheiden Sie noch einmal."
            ),
        )
        topic.refresh_from_db()
        data = form.data.copy()  # type: ignore[attr-defined]
        data[form.add_prefix("version")] = str(topic.version)
        form.data = data
        return False
    except ValueError as error:
        add_service_error(form, error)
        return False
    return True


DONE = {
    "einplanen": gettext_lazy(
        "Das Thema ist eingeplant. Die Person, die es eingebracht hat, bekommt eine E-Mail."
    ),
    "zurueckstellen": gettext_lazy(
        "Das Thema ist zurückgestellt. Es kommt auf die nächste Tagesordnung; die Person, die es "
        "eingebracht hat, bekommt eine E-Mail."
    ),
    "ablehnen": gettext_lazy(
        "Das Thema ist abgelehnt. Die Person, die es eingebracht hat, bekommt eine E-Mail mit "
        "Ihrer Begründung."
    ),
}


@office_view()
def topic_detail(request: OfficeRequest, pk: int) -> HttpResponse:
    topic = get_for_user(
        request,
        Topic.objects.select_related("team", "youth_office", "submitted_by", "meeting"),
        pk=pk,
    )
    team = topic.team
    if not request.user.has_perm("meetings.view_topic", topic):
        return team_only(request, team, not_member_message(team))
    can_manage = request.user.has_perm("meetings.manage_topics", topic)
    meetings = topics.schedulable_meetings(team)
    initial = {"version": topic.version}
    decision_forms: dict[str, forms.Form] = {
        "einplanen": ScheduleForm(initial=initial, meetings=meetings, prefix="plan"),
        "zurueckstellen": ReasonForm(initial=initial, prefix="zurueck"),
        "ablehnen": DeclineForm(initial=initial, prefix="ablehnen"),
    }
    if request.method == "POST":
        if not can_manage:
            message = _(
                "Themen plant die Koordination oder die Leitung des Teams „%(team)s“ ein."
            ) % {"team": team.name}
            return team_only(request, team, message)
        action = request.POST.get("aktion", "")
        if action not in ACTIONS:
            messages.error(request, _("Bitte wählen Sie, was mit dem Thema geschehen soll."))
            return redirect("meetings:topic", office_slug=request.youth_office.slug, pk=topic.pk)
        form: forms.Form
        if action == "einplanen":
            form = ScheduleForm(request.POST, meetings=meetings, prefix="plan")
        elif action == "zurueckstellen":
            form = ReasonForm(request.POST, prefix="zurueck")
        else:
            form = DeclineForm(request.POST, prefix="ablehnen")
        decision_forms[action] = form
        if form.is_valid() and _decide(request, topic, form, action):
            messages.success(request, str(DONE[action]))
            return redirect("meetings:topic", office_slug=request.youth_office.slug, pk=topic.pk)
    return render(
        request,
        "meetings/topic.html",
        {
            "topic": topic,
            "team": team,
            "can_manage": can_manage and topic.status in topics.OPEN_STATUSES,
            "schedule_form": decision_forms["einplanen"],
            "defer_form": decision_forms["zurueckstellen"],
            "decline_form": decision_forms["ablehnen"],
            "has_meetings": meetings.exists() if can_manage else False,
            "statuses": TopicStatus,
        },
    )
