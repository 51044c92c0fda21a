"""Writes of the minutes: starting them, saving the editor, the workflow (draft -> in review
-> approved, locked), comments, corrections after approval as new versions, and the decisions
and tasks written from the minutes.

Every function is keyword-only and atomic, writes the audit trail and raises German messages:
`InvalidData` at a field, `MinutesLocked` for anything that would change approved minutes
without a correction, `ConcurrentEditError` when somebody saved the minutes in between
(optimistic locking with `Minutes.version`).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from sozialraum.audit.models import Action
from sozialraum.audit.services import diff, record, snapshot
from sozialraum.lib import search
from sozialraum.lib.errors import ConcurrentEditError, InvalidData, violates_unique
from sozialraum.meetings.models import AgendaItem, Meeting, MeetingStatus
from sozialraum.minutes.models import (
    Decision,
    Minutes,
    MinutesComment,
    MinutesItem,
    MinutesRevision,
    MinutesStatus,
    Task,
)
from sozialraum.network.models import Person

if TYPE_CHECKING:
    from sozialraum.accounts.models import User

TEXT_MAX = 5000
DISCUSSION_MAX = 20000
NUMBER_ATTEMPTS = 5


class MinutesLocked(ValueError):
    """The minutes are approved: only a correction with a reason changes them."""

    def __init__(self, message: str | None = None):
        super().__init__(
            message
            or _(
                "Dieses Protokoll ist freigegeben und kann nicht mehr geändert werden. Eine "
                "Korrektur ist nur als neue Fassung mit Begründung möglich."
            )
        )


class WrongStatus(ValueError):
    """A workflow step that does not fit the minutes' status (e.g. approving a draft)."""


def _too_long(text: str, limit: int) -> str:
    return (
        _("Der Text ist %(length)s Zeichen lang; höchstens %(max)s sind möglich.")
        % {"length": len(text), "max": limit}
        if len(text) > limit
        else ""
    )


def _check_person(minutes: Minutes, person: Person | None) -> None:
    if person is not None and person.youth_office_id != minutes.youth_office_id:
        raise ValueError(_("Diese Person gehört nicht zu diesem Jugendamt."))


# Starting ---------------------------------------------------------------------------------


@transaction.atomic
def start_minutes(*, meeting: Meeting, actor: User, minute_taker: Person | None) -> Minutes:
    """The minutes of the meeting with one item per agenda item (the agenda is prepared first).
    Started already: the existing minutes are returned unchanged."""
    from sozialraum.meetings import agenda

    existing = Minutes.objects.filter(meeting=meeting).first()
    if existing is not None:
        return existing
    if meeting.status != MeetingStatus.PLANNED:
        raise ValueError(_("Das Treffen ist abgesagt; es bekommt kein Protokoll."))
    if minute_taker is not None and minute_taker.youth_office_id != meeting.youth_office_id:
        raise ValueError(_("Diese Person gehört nicht zu diesem Jugendamt."))
    agenda.prepare_agenda(meeting=meeting, actor=actor)
    try:
        with transaction.atomic():
            minutes = Minutes.objects.create(
                youth_office_id=meeting.youth_office_id, meeting=meeting, minute_taker=minute_taker
            )
    except IntegrityError:
        return Minutes.objects.get(meeting=meeting)  # started by somebody else meanwhile
    items = AgendaItem.objects.filter(meeting=meeting).order_by("position", "pk")
    MinutesItem.objects.bulk_create(
        MinutesItem(
            youth_office_id=meeting.youth_office_id,
            minutes=minutes,
            agenda_item=item,
            position=position,
            title=item.title,
        )
        for position, item in enumerate(items)
    )
    record(
        office=meeting.youth_office,
        actor=actor,
        action=Action.CREATE,
        instance=minutes,
        changes=diff({}, snapshot(minutes, ["minute_taker", "status"])),
    )
    return minutes


# Saving the editor ----------------------------------------------------------------------------


@dataclass
class ItemInput:
    """What the editor sends for one item; a decision or task is new (empty: none)."""

    discussion: str = ""
    carry_over: bool = False
    decision: str = ""
    task_title: str = ""
    task_responsible: Person | None = None
    task_due: datetime.date | None = None


@dataclass
class MinutesInput:
    items: dict[int, ItemInput] = field(default_factory=dict)
    sections: dict[str, str] = field(default_factory=dict)
    # None: unchanged; else the chosen person (or False: nobody).
    minute_taker: Person | bool | None = None


def item_field(pk: int, name: str) -> str:
    """The editor's form field of an item's input (also the key of its errors)."""
    return f"item_{pk}_{name}"


def _item_errors(pk: int, given: ItemInput) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for name, limit in (("discussion", DISCUSSION_MAX), ("decision", TEXT_MAX)):
        if message := _too_long(getattr(given, name), limit):
            errors[item_field(pk, name)] = [message]
    title = given.task_title.strip()
    if title and given.task_responsible is None:
        errors[item_field(pk, "task_responsible")] = [task_responsible_message()]
    if given.task_responsible is not None and not title:
        errors[item_field(pk, "task_title")] = [_("Bitte beschreiben Sie die Aufgabe.")]
    if len(title) > 300:
        errors[item_field(pk, "task_title")] = [_too_long(title, 300)]
    return errors


def _validate(minutes: Minutes, data: MinutesInput, items: dict[int, MinutesItem]) -> None:
    errors: dict[str, list[str]] = {}
    for pk, given in data.items.items():
        if pk not in items:
            raise ValueError(_("Dieser Punkt gehört nicht zu diesem Protokoll."))
        errors.update(_item_errors(pk, given))
        _check_person(minutes, given.task_responsible)
    for key, text in data.sections.items():
        if message := _too_long(text, DISCUSSION_MAX):
            errors[f"section_{key}"] = [message]
    if errors:
        raise InvalidData(errors)


def minutes_snapshot(minutes: Minutes) -> dict[str, Any]:
    """The minutes' text as it stands, kept in a MinutesRevision when it is corrected."""
    return {
        "minute_taker": str(minutes.minute_taker) if minutes.minute_taker_id else "",
        "sections": dict(minutes.sections or {}),
        "items": [
            {"title": item.title, "discussion": item.discussion, "carry_over": item.carry_over}
            for item in minutes.items.order_by("position", "pk")
        ],
        "decisions": [
            {"number": str(decision), "text": decision.text}
            for decision in minutes.decisions.order_by("year", "number")
        ],
        "tasks": [
            {
                "title": task.title,
                "responsible": str(task.responsible),
                "due": task.due.strftime("%d.%m.%Y") if task.due else "",
            }
            for task in minutes.tasks.select_related("responsible").order_by("pk")
        ],
    }


def _write(current: Minutes, actor: User, version: int, data: MinutesInput) -> Minutes:
    items = {item.pk: item for item in current.items.all()}
    _validate(current, data, items)
    values: dict[str, Any] = {"version": F("version") + 1, "updated_at": timezone.now()}
    if data.sections:
        values["sections"] = {**(current.sections or {}), **data.sections}
    taker_before = str(current.minute_taker or "")
    if data.minute_taker is not None:
        person = data.minute_taker if isinstance(data.minute_taker, Person) else None
        _check_person(current, person)
        values["minute_taker"] = person
    if not Minutes.objects.filter(pk=current.pk, version=version).update(**values):
        raise ConcurrentEditError
    office = current.youth_office
    for pk, given in data.items.items():
        item = items[pk]
        before = snapshot(item, ["discussion", "carry_over"])
        item.discussion, item.carry_over = given.discussion.strip(), bool(given.carry_over)
        changes = diff(before, snapshot(item, ["discussion", "carry_over"]))
        if changes:
            item.save(update_fields=["discussion", "carry_over"])
            record(office=office, actor=actor, action=Action.UPDATE, instance=item, changes=changes)
        if given.decision.strip():
            new_decision(minutes=current, actor=actor, text=given.decision, item=item)
        if given.task_title.strip():
            assert given.task_responsible is not None
            new_task(
                minutes=current,
                actor=actor,
                title=given.task_title,
                responsible=given.task_responsible,
                due=given.task_due,
                item=item,
            )
    minutes = Minutes.objects.select_related("meeting", "youth_office", "minute_taker").get(
        pk=current.pk
    )
    if str(minutes.minute_taker or "") != taker_before:
        record(
            office=office,
            actor=actor,
            action=Action.UPDATE,
            instance=minutes,
            changes={"minute_taker": {"old": taker_before, "new": str(minutes.minute_taker or "")}},
        )
    return minutes


def _locked_minutes(minutes: Minutes) -> Minutes:
    return (
        Minutes.objects.select_for_update(of=("self",))
        .select_related("meeting", "youth_office", "minute_taker")
        .get(pk=minutes.pk)
    )


@transaction.atomic
def save_minutes(*, minutes: Minutes, actor: User, version: int, data: MinutesInput) -> Minutes:
    """Save the editor (draft or in review). Approved minutes: MinutesLocked."""
    current = _locked_minutes(minutes)
    if current.status == MinutesStatus.APPROVED:
        raise MinutesLocked
    if current.version != version:
        raise ConcurrentEditError
    return _write(current, actor, version, data)


@transaction.atomic
def correct_minutes(
    *, minutes: Minutes, actor: User, version: int, data: MinutesInput, reason: str
) -> Minutes:
    """A correction of approved minutes: a new version; the previous text is kept with the
    reason (MinutesRevision), and the minutes page shows both."""
    current = _locked_minutes(minutes)
    if current.status != MinutesStatus.APPROVED:
        raise WrongStatus(_("Nur ein freigegebenes Protokoll wird als neue Fassung korrigiert."))
    reason = (reason or "").strip()
    if not reason:
        raise InvalidData(
            {"reason": [_("Bitte geben Sie an, warum das Protokoll korrigiert wird.")]}
        )
    if message := _too_long(reason, TEXT_MAX):
        raise InvalidData({"reason": [message]})
    if current.version != version:
        raise ConcurrentEditError
    previous = minutes_snapshot(current)
    MinutesRevision.objects.create(
        youth_office_id=current.youth_office_id,
        minutes=current,
        number=current.revision,
        snapshot=previous,
        reason=reason,
        created_by=actor,
    )
    saved = _write(current, actor, version, data)
    Minutes.objects.filter(pk=saved.pk).update(revision=F("revision") + 1)
    saved.refresh_from_db()
    record(
        office=saved.youth_office,
        actor=actor,
        action=Action.UPDATE,
        instance=saved,
        changes={"revision": {"old": str(saved.revision - 1), "new": str(saved.revision)}},
        label=f"{saved} ({reason[:100]})",
    )
    return saved


# The workflow ---------------------------------------------------------------------------------


def _transition(
    minutes: Minutes, actor: User, version: int, *, source: str, target: str, **values: Any
) -> Minutes:
    current = _locked_minutes(minutes)
    if current.status == MinutesStatus.APPROVED:
        raise MinutesLocked
    if current.status != source:
        raise WrongStatus(
            _("Das Protokoll ist inzwischen „%(status)s“. Bitte laden Sie die Seite neu.")
            % {"status": current.get_status_display()}
        )
    if current.version != version:
        raise ConcurrentEditError
    before = snapshot(current, ["status"])
    Minutes.objects.filter(pk=current.pk, version=version).update(
        status=target, version=F("version") + 1, **values
    )
    current.refresh_from_db()
    record(
        office=current.youth_office,
        actor=actor,
        action=Action.UPDATE,
        instance=current,
        changes=diff(before, snapshot(current, ["status"])),
    )
    return current


@transaction.atomic
def submit_for_review(*, minutes: Minutes, actor: User, version: int) -> Minutes:
    """Send for review ("Zur Abstimmung geben"): the attendees read and comment (they are asked
    by mail); the minute-taker edits."""
    from sozialraum.minutes.mails import send_review_request

    in_review = _transition(
        minutes, actor, version, source=MinutesStatus.DRAFT, target=MinutesStatus.IN_REVIEW
    )
    transaction.on_commit(
        lambda: send_review_request.enqueue(minutes_id=in_review.pk, actor_id=actor.pk)
    )
    return in_review


@transaction.atomic
def approve_minutes(*, minutes: Minutes, actor: User, version: int) -> Minutes:
    """Approve and lock; the meeting's scheduled topics become "besprochen" (their submitters
    get a mail), except those continued at the next meeting."""
    from sozialraum.meetings import agenda, topics

    approved = _transition(
        minutes,
        actor,
        version,
        source=MinutesStatus.IN_REVIEW,
        target=MinutesStatus.APPROVED,
        revision=1,
        approved_at=timezone.now(),
        approved_by=actor,
    )
    carried = set(
        approved.items.filter(carry_over=True, agenda_item__isnull=False).values_list(
            "agenda_item_id", flat=True
        )
    )
    topics.mark_discussed(meeting=approved.meeting, actor=actor, carried_item_ids=carried)
    agenda.carry_into_next(previous=approved.meeting, actor=actor)
    return approved


@transaction.atomic
def add_comment(
    *, minutes: Minutes, actor: User, text: str, item: MinutesItem | None = None
) -> MinutesComment:
    current = _locked_minutes(minutes)
    if current.status == MinutesStatus.APPROVED:
        raise MinutesLocked
    if current.status != MinutesStatus.IN_REVIEW:
        raise WrongStatus(_("Anmerkungen sind möglich, solange das Protokoll in Abstimmung ist."))
    text = (text or "").strip()
    if not text:
        raise InvalidData({"text": [_("Bitte schreiben Sie Ihre Anmerkung.")]})
    if message := _too_long(text, TEXT_MAX):
        raise InvalidData({"text": [message]})
    if item is not None and item.minutes_id != current.pk:
        raise ValueError(_("Dieser Punkt gehört nicht zu diesem Protokoll."))
    comment = MinutesComment.objects.create(
        youth_office_id=current.youth_office_id, minutes=current, item=item, author=actor, text=text
    )
    return comment


# Decisions and tasks --------------------------------------------------------------------------


def new_decision(
    *, minutes: Minutes, actor: User | None, text: str, item: MinutesItem | None = None
) -> Decision:
    """The decision with the next number of its team and year (the meeting's year). Two saves
    at the same moment: the unique constraint refuses the second number, which retries."""
    text = (text or "").strip()
    if not text:
        raise InvalidData({"text": [_("Bitte schreiben Sie den Beschluss.")]}, Decision)
    if message := _too_long(text, TEXT_MAX):
        raise InvalidData({"text": [message]}, Decision)
    meeting = minutes.meeting
    year = meeting.date.year
    for attempt in range(NUMBER_ATTEMPTS):
        last = Decision.objects.filter(team_id=meeting.team_id, year=year).aggregate(
            last=Max("number")
        )["last"]
        try:
            with transaction.atomic():
                decision = Decision.objects.create(
                    youth_office_id=minutes.youth_office_id,
                    team_id=meeting.team_id,
                    minutes=minutes,
                    item=item,
                    year=year,
                    number=(last or 0) + 1,
                    date=meeting.date,
                    text=text,
                    search_text=search.document(text),
                )
        except IntegrityError as error:
            if attempt + 1 < NUMBER_ATTEMPTS and violates_unique(
                error, Decision, "unique_decision_number"
            ):
                continue
            raise
        record(
            office=minutes.youth_office,
            actor=actor,
            action=Action.CREATE,
            instance=decision,
            changes=diff({}, snapshot(decision, ["text", "date", "status"])),
            label=f"{decision} – {meeting.team}",
        )
        return decision
    raise AssertionError("unreachable")


@transaction.atomic
def create_decision(
    *, minutes: Minutes, actor: User | None, text: str, item: MinutesItem | None = None
) -> Decision:
    """A decision of the minutes (numbered per team and year); not in approved minutes."""
    if Minutes.objects.filter(pk=minutes.pk, status=MinutesStatus.APPROVED).exists():
        raise MinutesLocked
    return new_decision(minutes=minutes, actor=actor, text=text, item=item)


def task_responsible_message() -> str:
    return _("Bitte wählen Sie aus, wer für die Aufgabe zuständig ist.")


def new_task(
    *,
    minutes: Minutes,
    actor: User | None,
    title: str,
    responsible: Person | None,
    due: datetime.date | None = None,
    item: MinutesItem | None = None,
) -> Task:
    title = (title or "").strip()
    errors = {}
    if not title:
        errors["title"] = [_("Bitte beschreiben Sie die Aufgabe.")]
    elif len(title) > 300:
        errors["title"] = [_too_long(title, 300)]
    if responsible is None:
        errors["responsible"] = [task_responsible_message()]
    if errors:
        raise InvalidData(errors, Task)
    assert responsible is not None
    _check_person(minutes, responsible)
    task = Task.objects.create(
        youth_office_id=minutes.youth_office_id,
        team_id=minutes.meeting.team_id,
        minutes=minutes,
        item=item,
        title=title,
        responsible=responsible,
        due=due,
    )
    record(
        office=minutes.youth_office,
        actor=actor,
        action=Action.CREATE,
        instance=task,
        changes=diff({}, snapshot(task, ["title", "responsible", "due", "status"])),
    )
    return task


@transaction.atomic
def create_task(
    *,
    minutes: Minutes,
    actor: User | None,
    title: str,
    responsible: Person | None,
    due: datetime.date | None = None,
    item: MinutesItem | None = None,
) -> Task:
    """A task of the minutes; a responsible person is required. Not in approved minutes."""
    if Minutes.objects.filter(pk=minutes.pk, status=MinutesStatus.APPROVED).exists():
        raise MinutesLocked
    return new_task(
        minutes=minutes, actor=actor, title=title, responsible=responsible, due=due, item=item
    )
