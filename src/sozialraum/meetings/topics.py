"""Topics members bring in between meetings (Thema einbringen) and what becomes of them.

Coordination or the team's Leitung schedules a topic into a meeting's agenda, defers it or
declines it with a reason; when the minutes of its meeting are approved it is "besprochen".
Each step is mailed to whoever submitted the topic (Rückmeldung), with a link to the topic.
Writes are keyword-only, atomic, audited, and check the topic's `version`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F, Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks import task

from sozialraum.audit.models import Action
from sozialraum.audit.services import diff, record, snapshot
from sozialraum.lib.errors import ConcurrentEditError, InvalidData
from sozialraum.meetings.models import (
    AgendaItem,
    Meeting,
    MeetingStatus,
    Topic,
    TopicStatus,
)
from sozialraum.teams.models import Team

if TYPE_CHECKING:
    from sozialraum.accounts.models import User

TOPIC_FIELDS = Topic.EDITABLE_FIELDS
AUDITED = [*TOPIC_FIELDS, "status", "status_reason", "meeting"]
# Longest text in the topic's text fields (a readable page, not a document).
TEXT_MAX = 5000
# What a topic may still become: a discussed or finished topic stays as it is.
OPEN_STATUSES = (
    TopicStatus.SUBMITTED,
    TopicStatus.SCHEDULED,
    TopicStatus.DEFERRED,
    TopicStatus.DECLINED,
)


class TopicClosed(ValueError):
    """The topic was discussed or is finished: it is not scheduled, deferred or declined again."""


def _clean(topic: Topic) -> None:
    errors: dict[str, list[str]] = {}
    try:
        topic.full_clean(exclude=["youth_office", "team", "submitted_by", "meeting"])
    except ValidationError as error:
        errors = {name: [str(m) for m in messages] for name, messages in error.message_dict.items()}
    for name in ("reason", "wanted_people"):
        if len(getattr(topic, name) or "") > TEXT_MAX:
            errors.setdefault(name, []).append(
                _("Bitte fassen Sie sich kürzer: höchstens %(max)s Zeichen.") % {"max": TEXT_MAX}
            )
    if errors:
        raise InvalidData(errors, Topic)


@transaction.atomic
def submit_topic(*, team: Team, actor: User, data: dict[str, Any]) -> Topic:
    """A member brings in a topic for the team's next meetings."""
    unknown = set(data) - set(TOPIC_FIELDS)
    if unknown:
        raise ValueError(f"Unknown fields: {', '.join(sorted(unknown))}")
    topic = Topic(youth_office_id=team.youth_office_id, team=team, submitted_by=actor)
    for name, value in data.items():
        setattr(topic, name, value.strip() if isinstance(value, str) else value)
    _clean(topic)
    topic.save()
    record(
        office=team.youth_office,
        actor=actor,
        action=Action.CREATE,
        instance=topic,
        changes=diff({}, snapshot(topic, AUDITED)),
    )
    return topic


def _check_open(topic: Topic) -> None:
    if topic.status not in OPEN_STATUSES:
        raise TopicClosed(
            _("Das Thema ist schon %(status)s und wird nicht mehr eingeplant.")
            % {"status": topic.get_status_display()}
        )


def _locked(topic: Topic, version: int) -> Topic:
    current = (
        Topic.objects.select_for_update().select_related("team", "youth_office").get(pk=topic.pk)
    )
    if current.version != version:
        raise ConcurrentEditError
    return current


def _set_status(
    current: Topic,
    *,
    actor: User | None,
    status: str,
    reason: str = "",
    meeting: Meeting | None = None,
) -> Topic:
    before = snapshot(current, AUDITED)
    now = timezone.now()
    Topic.objects.filter(pk=current.pk).update(
        status=status,
        status_reason=reason,
        status_changed_at=now,
        meeting=meeting,
        version=F("version") + 1,
    )
    topic = Topic.objects.select_related("team", "youth_office", "meeting").get(pk=current.pk)
    record(
        office=topic.youth_office,
        actor=actor,
        action=Action.UPDATE,
        instance=topic,
        changes=diff(before, snapshot(topic, AUDITED)),
    )
    transaction.on_commit(lambda: send_topic_feedback.enqueue(topic_id=topic.pk, status=status))
    return topic


def set_scheduled(topic: Topic, *, actor: User | None, meeting: Meeting) -> Topic:
    """Mark a topic whose item is on the meeting's agenda as scheduled (the carry-over)."""
    return _set_status(topic, actor=actor, status=TopicStatus.SCHEDULED, meeting=meeting)


def _remove_pending_items(topic: Topic, actor: User | None) -> None:
    """The topic's items on agendas of meetings whose minutes have not begun leave the agenda."""
    for item in AgendaItem.objects.filter(topic=topic, meeting__minutes__isnull=True):
        record(office=topic.youth_office, actor=actor, action=Action.DELETE, instance=item)
        item.delete()


def schedulable_meetings(team: Team):
    """The team's planned meetings from today on whose minutes have not begun."""
    return Meeting.objects.filter(
        team=team,
        status=MeetingStatus.PLANNED,
        date__gte=timezone.localdate(),
        minutes__isnull=True,
    ).order_by("date", "starts_at", "pk")


def agenda_item_for(topic: Topic, meeting: Meeting, *, carried_from=None) -> AgendaItem:
    """The topic's item at the end of the meeting's agenda (its existing one if it has one)."""
    existing = AgendaItem.objects.filter(meeting=meeting, topic=topic).first()
    if existing is not None:
        return existing
    last = AgendaItem.objects.filter(meeting=meeting).aggregate(last=Max("position"))["last"]
    submitter = topic.submitted_by
    item = AgendaItem.objects.create(
        youth_office_id=meeting.youth_office_id,
        meeting=meeting,
        position=0 if last is None else last + 1,
        title=topic.title,
        description=topic.reason,
        duration_minutes=topic.minutes_needed or 15,
        presenter=(submitter.name or submitter.email) if submitter else "",
        topic=topic,
        carried_from=carried_from,
    )
    record(office=meeting.youth_office, actor=None, action=Action.CREATE, instance=item)
    return item


@transaction.atomic
def schedule_topic(*, topic: Topic, actor: User, meeting: Meeting, version: int) -> AgendaItem:
    """Put the topic on the meeting's agenda (the meeting's carry-over runs first)."""
    from sozialraum.meetings import agenda

    current = _locked(topic, version)
    _check_open(current)
    if meeting.team_id != current.team_id or meeting.youth_office_id != current.youth_office_id:
        raise ValueError(_("Das Treffen gehört nicht zum Team dieses Themas."))
    if not schedulable_meetings(current.team).filter(pk=meeting.pk).exists():
        raise ValueError(
            _(
                "In dieses Treffen kann nichts mehr eingeplant werden: Es ist vorbei, abgesagt "
                "oder sein Protokoll hat schon begonnen."
            )
        )
    agenda.prepare_agenda(meeting=meeting, actor=actor)
    current.refresh_from_db()
    if current.status == TopicStatus.SCHEDULED and current.meeting_id == meeting.pk:
        # The carry-over has just scheduled it (a deferred topic): nothing more to do.
        return AgendaItem.objects.get(meeting=meeting, topic=current)
    _remove_pending_items(current, actor)
    item = agenda_item_for(current, meeting)
    _set_status(current, actor=actor, status=TopicStatus.SCHEDULED, meeting=meeting)
    return item


@transaction.atomic
def defer_topic(*, topic: Topic, actor: User, version: int, reason: str = "") -> Topic:
    """Not now: the topic goes on the next agenda when that is prepared."""
    current = _locked(topic, version)
    _check_open(current)
    reason = reason.strip()
    if len(reason) > TEXT_MAX:
        raise InvalidData({"reason": [_("Bitte fassen Sie sich kürzer.")]})
    _remove_pending_items(current, actor)
    return _set_status(current, actor=actor, status=TopicStatus.DEFERRED, reason=reason)


@transaction.atomic
def decline_topic(*, topic: Topic, actor: User, version: int, reason: str) -> Topic:
    """Not in this team: the submitter reads why."""
    current = _locked(topic, version)
    _check_open(current)
    reason = (reason or "").strip()
    if not reason:
        raise InvalidData(
            {"reason": [_("Bitte schreiben Sie dazu, warum das Thema nicht aufgenommen wird.")]}
        )
    if len(reason) > TEXT_MAX:
        raise InvalidData({"reason": [_("Bitte fassen Sie sich kürzer.")]})
    _remove_pending_items(current, actor)
    return _set_status(current, actor=actor, status=TopicStatus.DECLINED, reason=reason)


def mark_discussed(*, meeting: Meeting, actor: User | None, carried_item_ids: set[int]) -> int:
    """The scheduled topics of the meeting become "besprochen" (its minutes were approved);
    topics whose item is continued at the next meeting stay scheduled. Returns the count."""
    items = AgendaItem.objects.filter(
        meeting=meeting, topic__status=TopicStatus.SCHEDULED, topic__meeting=meeting
    ).exclude(pk__in=carried_item_ids)
    count = 0
    for item in items.select_related("topic"):
        assert item.topic is not None
        _set_status(
            _locked(item.topic, item.topic.version),
            actor=actor,
            status=TopicStatus.DISCUSSED,
            meeting=meeting,
        )
        count += 1
    return count


# Feedback mail ----------------------------------------------------------------------------

SUBJECTS = {
    TopicStatus.SCHEDULED: gettext_lazy("Ihr Thema „%(title)s“ ist eingeplant"),
    TopicStatus.DEFERRED: gettext_lazy("Ihr Thema „%(title)s“ ist zurückgestellt"),
    TopicStatus.DECLINED: gettext_lazy("Ihr Thema „%(title)s“ wird nicht aufgenommen"),
    TopicStatus.DISCUSSED: gettext_lazy("Ihr Thema „%(title)s“ wurde besprochen"),
}


def topic_url(topic: Topic) -> str:
    return settings.SITE_URL + reverse(
        "meetings:topic", kwargs={"office_slug": topic.youth_office.slug, "pk": topic.pk}
    )


@task()
def send_topic_feedback(*, topic_id: int, status: str) -> None:
    """Tell the submitter what became of their topic (German, with a link to the topic)."""
    topic = (
        Topic.objects.select_related("team", "youth_office", "submitted_by", "meeting")
        .filter(pk=topic_id)
        .first()
    )
    if topic is None or topic.submitted_by is None or not topic.submitted_by.email:
        return
    if status not in SUBJECTS:
        return
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(
            "meetings/email/topic_feedback.txt",
            {"topic": topic, "status": status, "url": topic_url(topic), "statuses": TopicStatus},
        )
        subject = str(SUBJECTS[TopicStatus(status)]) % {"title": topic.title[:80]}
    EmailMessage(subject=subject, body=body, to=[topic.submitted_by.email]).send()
