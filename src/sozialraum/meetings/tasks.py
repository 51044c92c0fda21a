"""Background mails of meetings (django-tasks): invitations, updates, cancellations, reminders.

One task per batch, with ids only (the task table is visible to the operator and kept for 14
days: no answer link may be stored there; the signed links are made here, at sending). The batch
is sent over one SMTP connection. Each invitation is marked when its mail went out, so a task
that is run again after a failure does not send twice what already went out.
"""

from __future__ import annotations

import logging
import smtplib
from collections import defaultdict

from django.core.mail import get_connection
from django.utils import timezone, translation
from django_tasks import task

from sozialraum.meetings import ical
from sozialraum.meetings.invitation_mails import KINDS, Shared, build_message, details, meeting_url
from sozialraum.meetings.models import Invitation, Meeting

logger = logging.getLogger("sozialraum.meetings")


def overdue_tasks(person_ids: list[int]) -> dict[int, list]:
    """Open tasks past their due date, per responsible person (one query)."""
    from sozialraum.minutes.models import Task, TaskStatus

    found: dict[int, list] = defaultdict(list)
    rows = Task.objects.filter(
        responsible_id__in=person_ids, status=TaskStatus.OPEN, due__lt=timezone.localdate()
    ).select_related("team")
    for row in rows.order_by("due", "id"):
        found[row.responsible_id].append(row)
    return found


def _batch(meeting_id: int, kind: str, invitation_ids: list[int]) -> tuple[Meeting, list]:
    meeting = Meeting.objects.select_related("team", "youth_office").get(pk=meeting_id)
    invitations = (
        Invitation.objects.filter(meeting=meeting, pk__in=invitation_ids)
        .exclude(person__email="")
        .select_related("person", "membership", "substitute")
        .order_by("id")
    )
    if kind == "invitation":
        invitations = invitations.filter(sent_at__isnull=True)
    elif kind in ("update", "cancellation"):
        # Sent again after a failure: who already has this SEQUENCE is left out.
        invitations = invitations.exclude(sent_sequence__gte=meeting.sequence)
    return meeting, list(invitations)


@task()
def send_meeting_mails(*, meeting_id: int, kind: str, invitation_ids: list[int]) -> int:
    """Send one kind of mail (KINDS) to the given invitations of a meeting; returns the count."""
    if kind not in KINDS:
        raise ValueError(kind)
    meeting, invitations = _batch(meeting_id, kind, invitation_ids)
    if not invitations:
        return 0
    with translation.override("de"):
        agenda = ical.agenda_lines(meeting, meeting.agenda_items.order_by("position", "id"))
        shared = Shared(meeting=meeting, kind=kind, agenda=agenda, page_url=meeting_url(meeting))
        overdue = (
            overdue_tasks([i.person_id for i in invitations])
            if kind in ("reminder", "answer_reminder")
            else {}
        )
        sent = 0
        with get_connection() as connection:
            for invitation in invitations:
                message = build_message(
                    invitation, shared, overdue=overdue.get(invitation.person_id, ())
                )
                message.connection = connection
                try:
                    message.send()
                except smtplib.SMTPRecipientsRefused:
                    logger.warning("meeting mail refused: invitation %s (%s)", invitation.pk, kind)
                    continue
                _mark_sent(invitation, meeting, kind)
                sent += 1
    return sent


def _mark_sent(invitation: Invitation, meeting: Meeting, kind: str) -> None:
    """What was sent, for a repeat of the task and the next update's list of changes. (The
    reminders were claimed by the command, `reminded_at`, before it handed them over.)"""
    if kind in ("invitation", "update", "cancellation"):
        Invitation.objects.filter(pk=invitation.pk).update(
            sent_at=timezone.now(), sent_sequence=meeting.sequence, sent_details=details(meeting)
        )
