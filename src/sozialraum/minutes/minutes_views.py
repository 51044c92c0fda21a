"""Pages of the minutes: the minutes of a meeting (start, review, comments, approval, versions),
the editor (with optimistic locking and corrections after approval) and the template's
sections (coordination)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import Q, QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from sozialraum.lib.choice_fields import out_of_range
from sozialraum.lib.errors import ConcurrentEditError
from sozialraum.lib.forms import show_conflict
from sozialraum.lib.http import add_service_error, posted
from sozialraum.lib.idempotency import submit_once
from sozialraum.lib.tenancy import OfficeRequest, office_view
from sozialraum.meetings.agenda_views import get_meeting
from sozialraum.meetings.models import Attendance, Meeting
from sozialraum.meetings.topic_views import not_member_message, team_only
from sozialraum.minutes import minutes_reads as reads
from sozialraum.minutes import minutes_rows, services
from sozialraum.minutes import sections as template_sections
from sozialraum.minutes.minutes_forms import CommentForm, MinutesForm, StartForm, saved_initial
from sozialraum.minutes.minutes_forms import section_key as key_of_section
from sozialraum.minutes.models import (
    Minutes,
    MinutesItem,
    MinutesRevision,
    MinutesStatus,
    SectionKind,
)
from sozialraum.minutes.predicates import remember_attendance
from sozialraum.minutes.rotation import suggest_minute_taker
from sozialraum.network.models import Person
from sozialraum.teams.models import Membership


def _minutes_url(meeting: Meeting) -> str:
    return reverse(
        "minutes:minutes",
        kwargs={"office_slug": meeting.youth_office.slug, "meeting_pk": meeting.pk},
    )


def _minutes_of(meeting: Meeting) -> Minutes | None:
    """The meeting's minutes with who takes and who approved them; the meeting and its office
    are the ones the request already has (not joined again)."""
    minutes = (
        Minutes.objects.select_related("minute_taker", "approved_by")
        .filter(meeting=meeting)
        .first()
    )
    if minutes is not None:
        minutes.meeting = meeting
        minutes.youth_office = meeting.youth_office
    return minutes


def team_people(meeting: Meeting) -> QuerySet[Person]:
    """Who may take the minutes or a task: the team's members on the day and those present."""
    members = Membership.objects.current(meeting.date).filter(team_id=meeting.team_id)
    present = Attendance.objects.filter(meeting=meeting, person__isnull=False)
    return Person.objects.filter(
        Q(pk__in=members.values("person_id")) | Q(pk__in=present.values("person_id"))
    ).order_by("sort_key", "pk")


def locked_message() -> str:
    return str(services.MinutesLocked())


def _item_of(minutes: Minutes, value: str) -> MinutesItem | None:
    if not value or out_of_range(MinutesItem._meta.pk, value):  # type: ignore[arg-type]
        return None
    return MinutesItem.objects.filter(minutes=minutes, pk=int(value)).first()


def _version(request: OfficeRequest) -> int:
    value = request.POST.get("version", "")
    return int(value) if value.isascii() and value.isdigit() and len(value) < 10 else -1


def _action(request: OfficeRequest, meeting: Meeting, minutes: Minutes | None) -> HttpResponse:
    """The workflow buttons of the minutes page: begin, to review, approve, comment."""
    user, action = request.user, request.POST.get("aktion", "")
    back = redirect(_minutes_url(meeting))
    target = minutes or meeting
    needed = {
        "beginnen": "minutes.start_minutes",
        "abstimmung": "minutes.edit_minutes",
        "freigeben": "minutes.approve_minutes",
        "anmerken": "minutes.comment_minutes",
    }.get(action)
    if needed is None:
        messages.error(request, _("Bitte wählen Sie eine Aktion."))
        return back
    if not user.has_perm(needed, target):
        if minutes is not None and minutes.status == MinutesStatus.APPROVED:
            return team_only(request, meeting.team, locked_message())
        return team_only(
            request, meeting.team, _("Diesen Schritt dürfen Sie bei diesem Protokoll nicht gehen.")
        )
    try:
        if action == "beginnen":
            form = StartForm(request.POST, people=team_people(meeting))
            taker = form.cleaned_data["minute_taker"] if form.is_valid() else None
            services.start_minutes(meeting=meeting, actor=user, minute_taker=taker)
            return redirect(
                "minutes:minutes_edit",
                office_slug=request.youth_office.slug,
                meeting_pk=meeting.pk,
            )
        assert minutes is not None
        if action == "abstimmung":
            services.submit_for_review(minutes=minutes, actor=user, version=_version(request))
            messages.success(
                request,
                _(
                    "Das Protokoll ist in Abstimmung. Die Anwesenden können jetzt Anmerkungen "
                    "machen."
                ),
            )
        elif action == "freigeben":
            services.approve_minutes(minutes=minutes, actor=user, version=_version(request))
            messages.success(request, _("Das Protokoll ist freigegeben."))
        else:
            item = _item_of(minutes, request.POST.get("punkt", ""))
            services.add_comment(
                minutes=minutes, actor=user, item=item, text=request.POST.get("text", "")[:6000]
            )
            messages.success(request, _("Danke, Ihre Anmerkung ist gespeichert."))
    except ConcurrentEditError:
        messages.error(
            request,
            _(
                "Jemand anderes hat das Protokoll inzwischen gespeichert. Bitte sehen Sie sich den "
                "neuen Stand an und versuchen Sie es noch einmal."
            ),
        )
    except ValueError as error:
        messages.error(request, str(error))
    return back


def minutes_context(meeting: Meeting, minutes: Minutes | None) -> dict[str, Any]:
    """The minutes' sections and what they show, each read by one query compiled once per
    connection (minutes_reads.py)."""
    office = meeting.youth_office
    context: dict[str, Any] = {
        "sections": template_sections.enabled_sections(office),
        "kinds": SectionKind,
        "attendances": reads.attendances(meeting.pk),
        "next_meeting": reads.NEXT_MEETING.first(meeting.pk, meeting.pk),
    }
    if minutes is None:
        return context
    items = reads.ITEMS.all(minutes.pk)
    decisions = reads.DECISIONS.all(minutes.pk)
    tasks = reads.TASKS.all(minutes.pk)
    comments = reads.COMMENTS.all(minutes.pk)
    for item in items:
        item.item_decisions = [d for d in decisions if d.item_id == item.pk]
        item.item_tasks = [t for t in tasks if t.item_id == item.pk]
        item.item_comments = [c for c in comments if c.item_id == item.pk]
    # A correction keeps the previous text as a revision and counts `revision` up from 1 (the
    # approval): below 2 there is none to read.
    revisions: list[MinutesRevision] = []
    if minutes.revision > 1:
        revisions = reads.REVISIONS.all(minutes.pk)
    texts = minutes.sections or {}
    context.update(
        items=items,
        decisions=decisions,
        tasks=tasks,
        general_comments=[c for c in comments if c.item_id is None],
        revisions=revisions,
        latest_revision=revisions[0] if revisions else None,
        section_texts={
            section.pk: texts.get(key_of_section(section), "") for section in context["sections"]
        },
        next_meeting_note=texts.get(SectionKind.NEXT_MEETING.value, ""),
    )
    return context


@office_view()
@submit_once
def minutes_page(request: OfficeRequest, meeting_pk: int) -> HttpResponse:
    meeting, minutes = reads.meeting_with_minutes(request, meeting_pk)
    target = minutes or meeting
    user = request.user
    if not user.has_perm("minutes.view_minutes", target):
        return team_only(request, meeting.team, not_member_message(meeting.team))
    if request.method == "POST":
        return _action(request, meeting, minutes)
    suggestion = None
    start_form = None
    if minutes is None and user.has_perm("minutes.start_minutes", meeting):
        suggestion = suggest_minute_taker(meeting)
        start_form = StartForm(
            initial={"minute_taker": suggestion.person.pk if suggestion.person else None},
            people=team_people(meeting),
        )
    elif minutes is None:
        suggestion = suggest_minute_taker(meeting)
    context = minutes_context(meeting, minutes)
    if minutes is not None:  # the body's texts and links (minutes_rows.py)
        context.update(minutes_rows.page_texts(meeting.youth_office.slug, context))
    # The attendance just read answers `is_attendee` (may comment) without another query.
    remember_attendance(
        user, meeting.pk, (a.person.user_id for a in context["attendances"] if a.person)
    )
    return render(
        request,
        "minutes/minutes.html",
        {
            "meeting": meeting,
            "team": meeting.team,
            "minutes": minutes,
            "suggestion": suggestion,
            "start_form": start_form,
            "statuses": MinutesStatus,
            "can_edit": minutes is not None and user.has_perm("minutes.edit_minutes", minutes),
            "can_comment": minutes is not None
            and user.has_perm("minutes.comment_minutes", minutes),
            "can_approve": minutes is not None
            and user.has_perm("minutes.approve_minutes", minutes),
            "can_correct": minutes is not None
            and user.has_perm("minutes.correct_minutes", minutes),
            "comment_form": CommentForm(),
            **context,
        },
    )


def _saved(request: OfficeRequest, minutes: Minutes, form: MinutesForm) -> bool:
    """Save the editor through the services; False with the refusal or conflict on the form."""
    data, user = form.cleaned_data, request.user
    try:
        if form.correction:
            services.correct_minutes(
                minutes=minutes,
                actor=user,
                version=data["version"],
                data=form.to_input(),
                reason=data["reason"],
            )
        else:
            services.save_minutes(
                minutes=minutes, actor=user, version=data["version"], data=form.to_input()
            )
    except ConcurrentEditError:
        saved = _minutes_of(minutes.meeting)
        assert saved is not None
        saved_items = list(saved.items.order_by("position", "pk"))
        show_conflict(form, saved_initial(saved, saved_items, form), saved.version)
    except ValueError as error:  # MinutesLocked, InvalidData, WrongStatus
        add_service_error(form, error)
    else:
        return True
    return False


@office_view()
def minutes_edit(request: OfficeRequest, meeting_pk: int) -> HttpResponse:
    meeting = get_meeting(request, meeting_pk)
    minutes = _minutes_of(meeting)
    user = request.user
    if minutes is None:
        if not user.has_perm("minutes.view_minutes", meeting):
            return team_only(request, meeting.team, not_member_message(meeting.team))
        messages.info(request, _("Das Protokoll ist noch nicht begonnen."))
        return redirect(_minutes_url(meeting))
    correction = minutes.status == MinutesStatus.APPROVED
    allowed = user.has_perm(
        "minutes.correct_minutes" if correction else "minutes.edit_minutes", minutes
    )
    if not allowed:
        if correction:
            return team_only(request, meeting.team, locked_message())
        if not user.has_perm("minutes.view_minutes", minutes):
            return team_only(request, meeting.team, not_member_message(meeting.team))
        return team_only(
            request,
            meeting.team,
            _(
                "Dieses Protokoll bearbeiten die Person, die es führt, die Koordination und die "
                "Teamleitung; in der Abstimmung nur noch die Person, die es führt."
            ),
        )
    items = list(minutes.items.select_related("agenda_item").order_by("position", "pk"))
    people = team_people(meeting)
    form = MinutesForm(
        posted(request),
        minutes=minutes,
        items=items,
        sections=template_sections.enabled_sections(request.youth_office),
        people=people,
        choose_taker=user.has_perm("minutes.start_minutes", minutes),
        correction=correction,
    )
    form.initial = saved_initial(minutes, items, form)
    if request.method == "POST" and form.is_valid() and _saved(request, minutes, form):
        messages.success(
            request,
            _("Die Korrektur ist gespeichert; sie steht als neue Fassung im Protokoll.")
            if correction
            else _("Das Protokoll ist gespeichert."),
        )
        return redirect(_minutes_url(meeting))
    context = minutes_context(meeting, minutes)
    suggestion = suggest_minute_taker(meeting) if "minute_taker" in form.fields else None
    return render(
        request,
        "minutes/minutes_edit.html",
        {
            "meeting": meeting,
            "team": meeting.team,
            "minutes": minutes,
            "form": form,
            "correction": correction,
            "suggestion": suggestion,
            "item_extras": {item.pk: item for item in context.get("items", [])},
            **context,
        },
    )
