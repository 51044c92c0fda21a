"""Writes of the needs (planning-needs): raising and editing a need, its status transitions,
scoring it on the office's weighted criteria, and keeping `Need.priority` (sum of weight x
score) true whenever a score or a criterion's weight changes. Keyword-only, atomic, audited,
with optimistic locking (`version`)."""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from sozialraum.audit.models import Action
from sozialraum.audit.services import diff, record, snapshot
from sozialraum.lib.errors import ConcurrentEditError, InvalidData
from sozialraum.planning.models import (
    Need,
    NeedScore,
    NeedStatus,
    NeedTransition,
    PriorityCriterion,
)
from sozialraum.regions.models import SocialSpace, YouthOffice

if TYPE_CHECKING:
    from sozialraum.accounts.models import User

NEED_FIELDS = (
    *Need.EDITABLE_FIELDS,
    "raised_by",
    "raised_by_text",
    "team",
    "meeting",
    "agenda_item",
)
NEED_AUDITED = [*NEED_FIELDS, "social_spaces"]

# Which status may follow which (coordination moves a need along).
TRANSITIONS: dict[str, tuple[str, ...]] = {
    NeedStatus.RAISED: (NeedStatus.ASSESSED, NeedStatus.REJECTED),
    NeedStatus.ASSESSED: (NeedStatus.ACCEPTED, NeedStatus.REJECTED),
    NeedStatus.ACCEPTED: (NeedStatus.PARTLY_MET, NeedStatus.MET, NeedStatus.REJECTED),
    NeedStatus.PARTLY_MET: (NeedStatus.MET, NeedStatus.ACCEPTED),
    NeedStatus.MET: (NeedStatus.ACCEPTED,),
    NeedStatus.REJECTED: (NeedStatus.ASSESSED,),
}
SCORED_STATUSES = (NeedStatus.ACCEPTED, NeedStatus.PARTLY_MET)


def _apply(need: Need, data: dict[str, Any]) -> None:
    unknown = sorted(set(data) - set(NEED_FIELDS))
    if unknown:
        raise ValueError(f"Unknown fields: {', '.join(unknown)}")
    for name, value in data.items():
        setattr(need, name, value.strip() if isinstance(value, str) else value)


def _validate(office: YouthOffice, need: Need, spaces: list[SocialSpace]) -> None:
    errors: dict[str, list[str]] = {}
    try:
        need.full_clean(
            exclude=["youth_office", "social_spaces", "created_by"],
            validate_unique=False,
            validate_constraints=False,
        )
    except ValidationError as error:
        errors = {name: [str(m) for m in msgs] for name, msgs in error.message_dict.items()}
    if need.age_from is not None and need.age_to is not None and need.age_from > need.age_to:
        errors.setdefault("age_to", []).append(
            _("„Alter bis“ darf nicht kleiner sein als „Alter von“.")
        )
    for name in ("team", "meeting", "agenda_item"):
        row = getattr(need, name)
        if row is not None and row.youth_office_id != office.pk:
            errors.setdefault(name, []).append(_("Das gehört zu einem anderen Jugendamt."))
    if any(space.youth_office_id != office.pk for space in spaces):
        errors.setdefault("social_spaces", []).append(
            _("Ein Raum gehört zu einem anderen Jugendamt.")
        )
    if not spaces:
        errors.setdefault("social_spaces", []).append(
            _("Bitte wählen Sie mindestens einen Raum, in dem der Bedarf besteht.")
        )
    if errors:
        raise InvalidData(errors, Need)


@transaction.atomic
def create_need(
    *, office: YouthOffice, by: User, data: dict[str, Any], social_spaces: Iterable[SocialSpace]
) -> Need:
    need = Need(youth_office=office, created_by=by)
    _apply(need, data)
    spaces = list(dict.fromkeys(social_spaces))
    _validate(office, need, spaces)
    need.save()
    need.social_spaces.set(spaces)
    NeedTransition.objects.create(
        youth_office=office, need=need, from_status="", to_status=NeedStatus.RAISED, by=by
    )
    record(
        office=office,
        actor=by,
        action=Action.CREATE,
        instance=need,
        changes=diff({}, snapshot(need, NEED_AUDITED)),
    )
    return need


def _lock(need: Need, version: int | None) -> Need:
    current = Need.objects.select_for_update().select_related("youth_office").get(pk=need.pk)
    if version is not None and current.version != version:
        raise ConcurrentEditError
    return current


@transaction.atomic
def update_need(
    *,
    need: Need,
    by: User,
    version: int,
    data: dict[str, Any],
    social_spaces: Iterable[SocialSpace] | None = None,
) -> Need:
    current = _lock(need, version)
    office = current.youth_office
    before = snapshot(current, NEED_AUDITED)
    candidate = copy.copy(current)
    _apply(candidate, data)
    spaces = (
        list(current.social_spaces.all())
        if social_spaces is None
        else list(dict.fromkeys(social_spaces))
    )
    _validate(office, candidate, spaces)
    candidate.version = current.version + 1
    candidate.save()
    if social_spaces is not None:
        candidate.social_spaces.set(spaces)
    changes = diff(before, snapshot(candidate, NEED_AUDITED))
    if changes:
        record(office=office, actor=by, action=Action.UPDATE, instance=candidate, changes=changes)
    return candidate


def next_statuses(need: Need) -> tuple[str, ...]:
    return TRANSITIONS.get(need.status, ())


@transaction.atomic
def change_status(
    *, need: Need, by: User, to: str, reason: str = "", version: int | None = None
) -> Need:
    """Move the need to `to` (one of `TRANSITIONS`); a rejection needs a reason."""
    current = _lock(need, version)
    if to not in TRANSITIONS.get(current.status, ()):
        raise InvalidData(
            {
                "to": [
                    _("Von „%(from)s“ kann ein Bedarf nicht auf „%(to)s“ gesetzt werden.")
                    % {
                        "from": NeedStatus(current.status).label,
                        "to": NeedStatus(to).label if to in NeedStatus.values else to,
                    }
                ]
            },
            Need,
        )
    reason = reason.strip()
    if to == NeedStatus.REJECTED and not reason:
        raise InvalidData(
            {"reason": [_("Bitte begründen Sie, warum der Bedarf abgelehnt wird.")]}, Need
        )
    before = current.status
    NeedTransition.objects.create(
        youth_office_id=current.youth_office_id,
        need=current,
        from_status=before,
        to_status=to,
        reason=reason,
        by=by,
    )
    Need.objects.filter(pk=current.pk).update(
        status=to, status_reason=reason, version=F("version") + 1, updated_at=timezone.now()
    )
    current.refresh_from_db()
    record(
        office=current.youth_office,
        actor=by,
        action=Action.UPDATE,
        instance=current,
        changes={
            "status": {"old": NeedStatus(before).label, "new": NeedStatus(to).label},
            **({"status_reason": {"old": "", "new": reason}} if reason else {}),
        },
    )
    return current


# --- Prioritisation ----------------------------------------------------------------------


def compute_priority(need: Need) -> int | None:
    """Sum of weight x score over the office's active criteria; None without any score."""
    scores = NeedScore.objects.filter(need=need, criterion__is_active=True)
    if not scores.exists():
        return None
    total = scores.aggregate(total=Sum(F("score") * F("criterion__weight")))["total"]
    return int(total or 0)


def recompute_priority(need: Need) -> None:
    Need.objects.filter(pk=need.pk).update(priority=compute_priority(need))


def recompute_office(office: YouthOffice) -> None:
    """After a criterion's weight or use changed: every scored need of the office."""
    for need in Need.objects.in_office(office).filter(scores__isnull=False).distinct():
        recompute_priority(need)


@transaction.atomic
def set_scores(*, need: Need, by: User, scores: Mapping[PriorityCriterion, int | None]) -> Need:
    """Score an accepted need on the criteria given (None removes a score); the priority is
    computed again."""
    current = _lock(need, None)
    if current.status not in SCORED_STATUSES:
        raise ValueError(_("Bewertet werden nur anerkannte Bedarfe."))
    errors: dict[str, list[str]] = {}
    for criterion, score in scores.items():
        if criterion.youth_office_id != current.youth_office_id:
            raise ValueError(_("Dieses Kriterium gehört zu einem anderen Jugendamt."))
        if score is not None and not 0 <= score <= criterion.max_score:
            errors[f"kriterium_{criterion.pk}"] = [
                _("Bitte vergeben Sie 0 bis %(max)s Punkte.") % {"max": criterion.max_score}
            ]
    if errors:
        raise InvalidData(errors)
    old_priority = current.priority
    before = _scores_text(current)
    for criterion, score in scores.items():
        if score is None:
            NeedScore.objects.filter(need=current, criterion=criterion).delete()
        else:
            NeedScore.objects.update_or_create(
                need=current,
                criterion=criterion,
                defaults={"score": score, "scored_by": by, "youth_office": current.youth_office},
            )
    recompute_priority(current)
    current.refresh_from_db()
    after = _scores_text(current)
    if before != after:
        record(
            office=current.youth_office,
            actor=by,
            action=Action.UPDATE,
            instance=current,
            changes={
                "scores": {"old": before, "new": after},
                "priority": {"old": old_priority, "new": current.priority},
            },
        )
    return current


def _scores_text(need: Need) -> str:
    return "; ".join(
        f"{score.criterion.name}: {score.score}"
        for score in NeedScore.objects.filter(need=need)
        .select_related("criterion")
        .order_by("criterion__position", "criterion_id")
    )


@transaction.atomic
def save_criterion(
    *,
    office: YouthOffice,
    by: User,
    name: str,
    weight: int,
    max_score: int = 5,
    description: str = "",
    is_active: bool = True,
    criterion: PriorityCriterion | None = None,
) -> PriorityCriterion:
    """Create or change a criterion of prioritisation; a change of its weight or use
    recomputes the priority of every scored need of the office."""
    errors: dict[str, list[str]] = {}
    if not name.strip():
        errors["name"] = [_("Bitte geben Sie einen Namen ein.")]
    if not 1 <= weight <= 10:
        errors["weight"] = [_("Das Gewicht liegt zwischen 1 und 10.")]
    if not 1 <= max_score <= 10:
        errors["max_score"] = [_("Die höchste Punktzahl liegt zwischen 1 und 10.")]
    if errors:
        raise InvalidData(errors, PriorityCriterion)
    created = criterion is None
    row = criterion or PriorityCriterion(youth_office=office)
    before = {} if created else snapshot(row, ["name", "weight", "max_score", "is_active"])
    recompute = not created and (row.weight != weight or row.is_active != is_active)
    row.name, row.weight, row.max_score = name.strip()[:200], weight, max_score
    row.description, row.is_active = description.strip(), is_active
    if created:
        row.position = PriorityCriterion.objects.in_office(office).count()
    row.save()
    if recompute:
        recompute_office(office)
    record(
        office=office,
        actor=by,
        action=Action.CREATE if created else Action.UPDATE,
        instance=row,
        changes=diff(before, snapshot(row, ["name", "weight", "max_score", "is_active"])),
    )
    return row
