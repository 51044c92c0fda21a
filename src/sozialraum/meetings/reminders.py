"""Reminders before meetings (run daily by `sozialraum send_meeting_reminders`).

Two reminders per invitation, each at most once: `days_before` days before the meeting to
everybody invited who has not declined (with their overdue tasks), and `answer_days_before`
days before to whoever has not answered yet. When both are due on the same day, the one mail
does both. An invitation is claimed (reminded_at / answer_reminded_at set) in the same
transaction that hands it to the mail task, so the command can run any number of times.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from sozialraum.meetings.ical import BERLIN
from sozialraum.meetings.invitation_models import ReminderSettings
from sozialraum.meetings.invitations import enqueue_mails
from sozialraum.meetings.models import Answer, Invitation, Meeting, MeetingStatus

LONGEST = 60  # days: the settings' maximum


@dataclass
class Summary:
    meetings: int = 0
    reminders: int = 0
    answer_reminders: int = 0


def _due_meetings() -> list[Meeting]:
    today = timezone.localdate()
    now = timezone.now()
    meetings = Meeting.objects.filter(
        status=MeetingStatus.PLANNED,
        invitations_sent_at__isnull=False,
        date__gte=today,
        date__lte=today + timedelta(days=LONGEST),
    ).order_by("date", "id")
    return [
        meeting
        for meeting in meetings
        if datetime.combine(meeting.date, meeting.starts_at, tzinfo=BERLIN) > now
    ]


def _claim(queryset, field: str) -> list[int]:
    ids = list(queryset.select_for_update().values_list("pk", flat=True))
    if ids:
        Invitation.objects.filter(pk__in=ids).update(**{field: timezone.now()})
    return ids


@transaction.atomic
def send_reminders() -> Summary:
    """Hand every reminder due today to the mail task; returns what was handed over."""
    summary = Summary()
    meetings = _due_meetings()
    offices = {meeting.youth_office_id for meeting in meetings}
    settings = {
        s.youth_office_id: s for s in ReminderSettings.objects.filter(youth_office_id__in=offices)
    }
    today = timezone.localdate()
    for meeting in meetings:
        rules = settings.get(meeting.youth_office_id) or ReminderSettings()
        days_left = (meeting.date - today).days
        invited = Invitation.objects.filter(meeting=meeting, sent_at__isnull=False).exclude(
            person__email=""
        )
        reminded: list[int] = []
        if days_left <= rules.days_before:
            reminded = _claim(
                invited.filter(reminded_at__isnull=True).exclude(answer=Answer.NO), "reminded_at"
            )
            # Who has not answered gets the question in this mail: no second one later.
            invited.filter(pk__in=reminded, answer=Answer.OPEN).update(
                answer_reminded_at=timezone.now()
            )
            enqueue_mails(meeting, "reminder", reminded)
            summary.reminders += len(reminded)
        asked: list[int] = []
        if days_left <= rules.answer_days_before:
            asked = _claim(
                invited.filter(answer=Answer.OPEN, answer_reminded_at__isnull=True),
                "answer_reminded_at",
            )
            enqueue_mails(meeting, "answer_reminder", asked)
            summary.answer_reminders += len(asked)
        if reminded or asked:
            summary.meetings += 1
    return summary
