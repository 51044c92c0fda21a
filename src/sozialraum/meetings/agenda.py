"""A meeting's agenda (Tagesordnung): ordered, timed, and prepared by itself.

When a meeting's agenda is first opened (or its first item is added, or a topic scheduled),
`prepare_agenda` carries over, once per meeting:

- the team's open tasks from earlier meetings, as one item "Offene Aufgaben" that lists them
  as they stand whenever the agenda is shown;
- the items of the previous meeting's minutes marked "beim nächsten Treffen fortsetzen"
  (`carried_from` points at the earlier item);
- the team's deferred topics (scheduled into this meeting; the submitter is told by mail).

A marker row (`AgendaCarryOver`, one per meeting, unique) makes it idempotent, also when two
people open the agenda at the same moment; unique constraints on the items back it up.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Max, Q, QuerySet
from django.utils.translation import gettext as _

from sozialraum.audit.models import Action
from sozialraum.audit.services import diff, record, snapshot
from sozialraum.lib.errors import ConcurrentEditError, InvalidData
from sozialraum.meetings.models import (
    AgendaCarryOver,
    AgendaItem,
    AgendaItemKind,
    Meeting,
    MeetingStatus,
    Topic,
    TopicStatus,
)

if TYPE_CHECKING:
    from sozialraum.accounts.models import User

ITEM_FIELDS = AgendaItem.EDITABLE_FIELDS
AUDITED = [*ITEM_FIELDS, "position"]
OPEN_TASKS_MINUTES = 10


class AgendaLocked(ValueError):
    """The meeting's minutes are approved: its agenda is part of the record now."""


def check_editable(meeting: Meeting) -> None:
    from sozialraum.minutes.models import Minutes, MinutesStatus

    if Minutes.objects.filter(meeting=meeting, status=MinutesStatus.APPROVED).exists():
        raise AgendaLocked(
            _(
                "Das Protokoll dieses Treffens ist freigegeben; die Tagesordnung bleibt, wie sie "
                "ist."
            )
        )


def previous_meeting(meeting: Meeting) -> Meeting | None:
    """The team's last meeting before this one that was not cancelled."""
    earlier = Q(date__lt=meeting.date) | Q(date=meeting.date, starts_at__lt=meeting.starts_at)
    return (
        Meeting.objects.filter(team_id=meeting.team_id, status=MeetingStatus.PLANNED)
        .filter(earlier)
        .exclude(pk=meeting.pk)
        .order_by("-date", "-starts_at", "-pk")
        .first()
    )


def open_tasks_before(meeting: Meeting) -> QuerySet[Any]:
    """The team's open tasks from earlier meetings (or none), due date first."""
    from sozialraum.minutes.models import Task, TaskStatus

    return (
        Task.objects.filter(team_id=meeting.team_id, status=TaskStatus.OPEN)
        .filter(Q(minutes__isnull=True) | Q(minutes__meeting__date__lt=meeting.date))
        .select_related("responsible")
        .order_by(F("due").asc(nulls_last=True), "pk")
    )


def _next_position(meeting: Meeting) -> int:
    last = AgendaItem.objects.filter(meeting=meeting).aggregate(last=Max("position"))["last"]
    return 0 if last is None else last + 1


def _create(meeting: Meeting, actor: User | None, **values: Any) -> AgendaItem | None:
    """An item at the end of the agenda; None if a unique constraint says it is there."""
    try:
        with transaction.atomic():
            item = AgendaItem.objects.create(
                youth_office_id=meeting.youth_office_id,
                meeting=meeting,
                position=_next_position(meeting),
                **values,
            )
    except IntegrityError:
        return None
    record(
        office=meeting.youth_office,
        actor=actor,
        action=Action.CREATE,
        instance=item,
        changes=diff({}, snapshot(item, AUDITED)),
    )
    return item


def carry_items(*, meeting: Meeting, previous: Meeting, actor: User | None) -> int:
    """The previous meeting's minutes items marked "fortsetzen" as items of this agenda (each
    once: the unique constraint on carried_from). Returns how many were added."""
    from sozialraum.minutes.models import MinutesItem

    unfinished = (
        MinutesItem.objects.filter(minutes__meeting=previous, carry_over=True)
        .select_related("agenda_item", "agenda_item__topic")
        .order_by("position", "pk")
    )
    added = 0
    for minutes_item in unfinished:
        earlier = minutes_item.agenda_item
        topic = earlier.topic if earlier is not None else None
        if topic is not None and topic.status != TopicStatus.SCHEDULED:
            topic = None
        item = _create(
            meeting,
            actor,
            title=minutes_item.title,
            description=_("Fortsetzung vom Treffen am %(date)s.")
            % {"date": previous.date.strftime("%d.%m.%Y")},
            duration_minutes=earlier.duration_minutes if earlier else 15,
            presenter=earlier.presenter if earlier else "",
            carried_from=earlier,
            topic=topic,
        )
        if item is not None:
            added += 1
            if topic is not None:
                Topic.objects.filter(pk=topic.pk).update(meeting=meeting)
    return added


def carry_into_next(*, previous: Meeting, actor: User | None) -> int:
    """When minutes are approved after the next agenda was prepared: their unfinished items
    and, if there is none yet, the item "Offene Aufgaben" join that agenda now (if its own
    minutes have not begun)."""
    from sozialraum.minutes.models import Minutes

    later = (
        Meeting.objects.filter(team_id=previous.team_id, status=MeetingStatus.PLANNED)
        .filter(Q(date__gt=previous.date) | Q(date=previous.date, starts_at__gt=previous.starts_at))
        .order_by("date", "starts_at", "pk")
        .select_related("youth_office")
        .first()
    )
    if later is None or not AgendaCarryOver.objects.filter(meeting=later).exists():
        return 0  # not prepared yet: prepare_agenda brings the items when it runs
    if Minutes.objects.filter(meeting=later).exists():
        return 0
    added = 1 if add_open_tasks_item(meeting=later, actor=actor) else 0
    return added + carry_items(meeting=later, previous=previous, actor=actor)


def add_open_tasks_item(*, meeting: Meeting, actor: User | None) -> bool:
    """The item "Offene Aufgaben" on the meeting's agenda if the team has open tasks from
    earlier meetings and the agenda has no such item yet (one per meeting: unique). True if
    it was added now."""
    if AgendaItem.objects.filter(meeting=meeting, kind=AgendaItemKind.OPEN_TASKS).exists():
        return False
    if not open_tasks_before(meeting).exists():
        return False
    created = _create(
        meeting,
        actor,
        kind=AgendaItemKind.OPEN_TASKS,
        title=_("Offene Aufgaben"),
        description=_("Stand der offenen Aufgaben aus früheren Treffen."),
        duration_minutes=OPEN_TASKS_MINUTES,
    )
    return created is not None


@transaction.atomic
def prepare_agenda(*, meeting: Meeting, actor: User | None) -> bool:
    """Carry over into the meeting's agenda, once (see the module's description). True if it
    ran now. Cancelled meetings and meetings whose minutes have begun are left alone."""
    from sozialraum.meetings import topics
    from sozialraum.minutes.models import Minutes

    if meeting.status != MeetingStatus.PLANNED or Minutes.objects.filter(meeting=meeting).exists():
        return False
    try:
        with transaction.atomic():
            AgendaCarryOver.objects.create(youth_office_id=meeting.youth_office_id, meeting=meeting)
    except IntegrityError:
        return False  # prepared before (or right now by somebody else)

    add_open_tasks_item(meeting=meeting, actor=actor)
    previous = previous_meeting(meeting)
    if previous is not None:
        carry_items(meeting=meeting, previous=previous, actor=actor)
    deferred = Topic.objects.filter(
        team_id=meeting.team_id, status=TopicStatus.DEFERRED
    ).select_related("submitted_by", "team", "youth_office")
    for topic in deferred.order_by("status_changed_at", "pk"):
        earlier_item = (
            AgendaItem.objects.filter(topic=topic).exclude(meeting=meeting).order_by("-pk").first()
        )
        topics.agenda_item_for(topic, meeting, carried_from=earlier_item)
        topics.set_scheduled(topic, actor=actor, meeting=meeting)
    return True


# Editing the agenda -------------------------------------------------------------------------


def _clean(item: AgendaItem) -> None:
    try:
        item.full_clean(
            exclude=["youth_office", "meeting", "topic", "carried_from"],
            validate_unique=False,
            validate_constraints=False,
        )
    except ValidationError as error:
        raise InvalidData(
            {name: [str(m) for m in messages] for name, messages in error.message_dict.items()},
            AgendaItem,
        ) from None
    if len(item.description) > 5000:
        raise InvalidData({"description": [_("Bitte fassen Sie sich kürzer.")]}, AgendaItem)
    if not 1 <= item.duration_minutes <= 600:
        raise InvalidData(
            {"duration_minutes": [_("Bitte geben Sie eine Dauer zwischen 1 und 600 Minuten an.")]},
            AgendaItem,
        )


def _apply(item: AgendaItem, data: dict[str, Any]) -> None:
    unknown = set(data) - set(ITEM_FIELDS)
    if unknown:
        raise ValueError(f"Unknown fields: {', '.join(sorted(unknown))}")
    for name, value in data.items():
        setattr(item, name, value.strip() if isinstance(value, str) else value)


def _sync_minutes_item(item: AgendaItem) -> None:
    """Minutes begun but not approved get an item for an agenda item added later."""
    from sozialraum.minutes.models import Minutes, MinutesItem, MinutesStatus

    minutes = Minutes.objects.filter(meeting_id=item.meeting_id).first()
    if minutes is None or minutes.status == MinutesStatus.APPROVED:
        return
    MinutesItem.objects.get_or_create(
        minutes=minutes,
        agenda_item=item,
        defaults={
            "youth_office_id": item.youth_office_id,
            "position": item.position,
            "title": item.title,
        },
    )


@transaction.atomic
def add_item(*, meeting: Meeting, actor: User, data: dict[str, Any]) -> AgendaItem:
    check_editable(meeting)
    prepare_agenda(meeting=meeting, actor=actor)
    item = AgendaItem(youth_office_id=meeting.youth_office_id, meeting=meeting)
    _apply(item, data)
    _clean(item)
    item.position = _next_position(meeting)
    item.save()
    record(
        office=meeting.youth_office,
        actor=actor,
        action=Action.CREATE,
        instance=item,
        changes=diff({}, snapshot(item, AUDITED)),
    )
    _sync_minutes_item(item)
    return item


@transaction.atomic
def update_item(*, item: AgendaItem, actor: User, version: int, data: dict[str, Any]) -> AgendaItem:
    current = AgendaItem.objects.select_related("meeting", "youth_office").get(pk=item.pk)
    check_editable(current.meeting)
    if current.version != version:
        raise ConcurrentEditError
    before = snapshot(current, AUDITED)
    _apply(current, data)
    _clean(current)
    updated = AgendaItem.objects.filter(pk=current.pk, version=version).update(
        **{name: getattr(current, name) for name in data}, version=F("version") + 1
    )
    if not updated:
        raise ConcurrentEditError
    current.refresh_from_db()
    changes = diff(before, snapshot(current, AUDITED))
    if changes:
        record(
            office=current.youth_office,
            actor=actor,
            action=Action.UPDATE,
            instance=current,
            changes=changes,
        )
    return current


@transaction.atomic
def move_item(*, item: AgendaItem, actor: User, direction: str) -> None:
    """One place up ("hoch") or down ("runter"); positions are renumbered 0, 1, 2, …"""
    meeting = Meeting.objects.select_for_update().get(pk=item.meeting_id)
    check_editable(meeting)
    items = list(AgendaItem.objects.filter(meeting=meeting).order_by("position", "pk"))
    index = next((i for i, other in enumerate(items) if other.pk == item.pk), None)
    if index is None:
        return
    target = index - 1 if direction == "hoch" else index + 1
    if 0 <= target < len(items):
        items[index], items[target] = items[target], items[index]
        record(
            office=meeting.youth_office,
            actor=actor,
            action=Action.UPDATE,
            instance=item,
            changes={"position": {"old": str(index + 1), "new": str(target + 1)}},
        )
    for position, other in enumerate(items):
        if other.position != position:
            AgendaItem.objects.filter(pk=other.pk).update(
                position=position, version=F("version") + 1
            )


@transaction.atomic
def remove_item(*, item: AgendaItem, actor: User) -> None:
    """The item leaves the agenda; a topic on it goes back to "eingebracht"."""
    current = AgendaItem.objects.select_related("meeting", "youth_office", "topic").get(pk=item.pk)
    check_editable(current.meeting)
    topic = current.topic
    record(office=current.youth_office, actor=actor, action=Action.DELETE, instance=current)
    current.delete()
    if topic is not None and topic.status == TopicStatus.SCHEDULED:
        Topic.objects.filter(pk=topic.pk).update(
            status=TopicStatus.SUBMITTED, meeting=None, version=F("version") + 1
        )


# The timetable ------------------------------------------------------------------------------


@dataclass(frozen=True)
class TimedItem:
    item: AgendaItem
    number: int
    starts: datetime.time
    ends: datetime.time
    past_end: bool  # ends after the meeting's end


@dataclass(frozen=True)
class Timetable:
    rows: list[TimedItem]
    total_minutes: int
    available_minutes: int

    @property
    def overrun_minutes(self) -> int:
        return max(0, self.total_minutes - self.available_minutes)


def timetable(meeting: Meeting, items: list[AgendaItem]) -> Timetable:
    """Each item's start from the meeting's start and the durations before it."""
    day = meeting.date
    start = datetime.datetime.combine(day, meeting.starts_at)
    end = datetime.datetime.combine(day, meeting.ends_at)
    rows, clock = [], start
    for number, item in enumerate(items, 1):
        item_end = clock + datetime.timedelta(minutes=item.duration_minutes)
        rows.append(
            TimedItem(
                item=item,
                number=number,
                starts=clock.time(),
                ends=item_end.time(),
                past_end=item_end > end,
            )
        )
        clock = item_end
    total = sum(item.duration_minutes for item in items)
    return Timetable(
        rows=rows, total_minutes=total, available_minutes=int((end - start).total_seconds() // 60)
    )
