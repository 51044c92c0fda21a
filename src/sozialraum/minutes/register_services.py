"""Writes of the decisions register and of tasks: status changes, keyword-only, atomic, audited,
with optimistic locking (a stale `version` raises lib.errors.ConcurrentEditError). Creating
decisions and tasks is `minutes.services` (create_decision, create_task), in the minutes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from sozialraum.audit.models import Action
from sozialraum.audit.services import diff, record, snapshot
from sozialraum.lib.errors import ConcurrentEditError, InvalidData
from sozialraum.minutes.models import Decision, DecisionStatus, MinutesStatus, Task, TaskStatus

if TYPE_CHECKING:
    from sozialraum.accounts.models import User

NOTE_MAX = 2000
_DECISION_AUDITED = ["status", "status_note"]
_TASK_AUDITED = ["status", "status_note"]


def _clean_note(note: str) -> str:
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise InvalidData(
            {
                "note": [
                    _("Bitte fassen Sie den Vermerk in höchstens %(max)d Zeichen.")
                    % {"max": NOTE_MAX}
                ]
            }
        )
    return note


@transaction.atomic
def change_decision_status(
    *, decision: Decision, actor: User | None, version: int, status: str, note: str = ""
) -> Decision:
    """Set the decision's status (gilt, erledigt, aufgehoben). Revoking needs a reason."""
    if status not in DecisionStatus.values:
        raise InvalidData({"status": [_("Bitte wählen Sie einen der angebotenen Status.")]})
    note = _clean_note(note)
    if status == DecisionStatus.REVOKED and not note:
        raise InvalidData({"note": [_("Bitte geben Sie an, warum der Beschluss aufgehoben wird.")]})
    current = Decision.objects.select_related("youth_office").get(pk=decision.pk)
    if current.version != version:
        raise ConcurrentEditError
    before = snapshot(current, _DECISION_AUDITED)
    now = timezone.now()
    updated = Decision.objects.filter(pk=current.pk, version=version).update(
        status=status,
        status_note=note,
        status_changed_at=now,
        status_changed_by=actor if actor is not None and actor.is_authenticated else None,
        updated_at=now,
        version=F("version") + 1,
    )
    if not updated:
        raise ConcurrentEditError
    saved = Decision.objects.select_related("youth_office", "team").get(pk=current.pk)
    changes = diff(before, snapshot(saved, _DECISION_AUDITED))
    if changes:
        record(
            office=saved.youth_office,
            actor=actor,
            action=Action.UPDATE,
            instance=saved,
            changes=changes,
            label=_("Beschluss %(number)s, %(team)s") % {"number": saved.label, "team": saved.team},
        )
    return saved


@transaction.atomic
def change_task_status(
    *, task: Task, actor: User | None, version: int, status: str, note: str = ""
) -> Task:
    """Mark a task done, dropped (entfallen) or open again."""
    if status not in TaskStatus.values:
        raise InvalidData({"status": [_("Bitte wählen Sie einen der angebotenen Status.")]})
    note = _clean_note(note)
    current = Task.objects.select_related("youth_office").get(pk=task.pk)
    if current.version != version:
        raise ConcurrentEditError
    before = snapshot(current, _TASK_AUDITED)
    now = timezone.now()
    updated = Task.objects.filter(pk=current.pk, version=version).update(
        status=status,
        status_note=note,
        completed_at=now if status == TaskStatus.DONE else None,
        updated_at=now,
        version=F("version") + 1,
    )
    if not updated:
        raise ConcurrentEditError
    saved = Task.objects.select_related("youth_office").get(pk=current.pk)
    changes = diff(before, snapshot(saved, _TASK_AUDITED))
    if changes:
        record(
            office=saved.youth_office,
            actor=actor,
            action=Action.UPDATE,
            instance=saved,
            changes=changes,
        )
    return saved


@transaction.atomic
def set_decision_public(
    *, decision: Decision, actor: User | None, version: int, is_public: bool
) -> Decision:
    """Publish the decision on the public pages of its team's social spaces, or withdraw it.
    Only a decision whose minutes are approved (or that has none) can be published."""
    current = Decision.objects.select_related("youth_office", "minutes").get(pk=decision.pk)
    if current.version != version:
        raise ConcurrentEditError
    if (
        is_public
        and current.minutes is not None
        and current.minutes.status != MinutesStatus.APPROVED
    ):
        raise ValueError(
            _("Ein Beschluss kann erst veröffentlicht werden, wenn sein Protokoll freigegeben ist.")
        )
    if current.is_public == is_public:
        return current
    updated = Decision.objects.filter(pk=current.pk, version=version).update(
        is_public=is_public, updated_at=timezone.now(), version=F("version") + 1
    )
    if not updated:
        raise ConcurrentEditError
    saved = Decision.objects.select_related("youth_office", "team").get(pk=current.pk)
    record(
        office=saved.youth_office,
        actor=actor,
        action=Action.UPDATE,
        instance=saved,
        changes=diff({"is_public": str(current.is_public)}, {"is_public": str(is_public)}),
        label=_("Beschluss %(number)s, %(team)s") % {"number": saved.label, "team": saved.team},
    )
    return saved
