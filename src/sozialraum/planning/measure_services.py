"""Writes of the measures (planning-needs): creating and editing a measure with its goals, and
the approval workflow draft -> submitted -> approved / returned / rejected. Keyword-only,
atomic, audited, with optimistic locking (`version`). The cost calculation is written in
cost_services.py.

A refusal raises ValueError (InvalidData at a field) with a German message; a stale `version`
raises ConcurrentEditError. `approve` is the hand-off to the budgets and projects: it creates the
measure's `Project` in the same transaction.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from sozialraum.accounts.models import Role
from sozialraum.accounts.predicates import role_of
from sozialraum.audit.models import Action
from sozialraum.audit.services import diff, record, snapshot
from sozialraum.lib.errors import ConcurrentEditError, InvalidData
from sozialraum.minutes.models import Decision
from sozialraum.network.models import Organisation
from sozialraum.planning import selectors
from sozialraum.planning.measure_models import Goal, Measure, MeasureStatus, MeasureTransition
from sozialraum.planning.models import ApprovalLevel, ApproverKind, Need
from sozialraum.planning.project_models import Project
from sozialraum.regions.models import SocialSpace, YouthOffice

if TYPE_CHECKING:
    from sozialraum.accounts.models import User

MEASURE_FIELDS = Measure.EDITABLE_FIELDS
MEASURE_AUDITED = [*MEASURE_FIELDS, "needs", "social_spaces", "status"]
# A measure's description, goals and costs can change until it is decided.
OPEN_STATUSES = (MeasureStatus.DRAFT, MeasureStatus.RETURNED, MeasureStatus.SUBMITTED)


@dataclass(frozen=True)
class GoalData:
    description: str
    indicator: str
    target_value: Decimal
    unit: str


class MeasureClosed(ValueError):
    def __init__(self, measure: Measure) -> None:
        if measure.status == MeasureStatus.APPROVED:
            text = _(
                "Diese Maßnahme ist bewilligt. Sie und ihre Kostenkalkulation können nicht mehr "
                "geändert werden; es wurde nichts geändert."
            )
        else:
            text = _("Diese Maßnahme ist abgelehnt und kann nicht mehr geändert werden.")
        super().__init__(text)


def carrier_choices(office: YouthOffice, user: Any) -> Any:
    """The organisations a user may name as the carrier: carrier editors only their own."""
    organisations = Organisation.objects.in_office(office).order_by("sort_key", "pk")
    role, organisation_id = role_of(user, office)
    if role == Role.CARRIER_EDITOR:
        return organisations.filter(pk=organisation_id)
    return organisations


def _check_rows(office: YouthOffice, data: dict[str, Any], user: Any) -> None:
    errors: dict[str, list[str]] = {}
    carrier = data.get("carrier")
    if carrier is not None:
        if carrier.youth_office_id != office.pk:
            errors["carrier"] = [_("Dieser Träger gehört zu einem anderen Jugendamt.")]
        elif not carrier_choices(office, user).filter(pk=carrier.pk).exists():
            errors["carrier"] = [
                _("Maßnahmen dürfen Sie nur für Ihre eigene Organisation anlegen.")
            ]
    team = data.get("team")
    if team is not None and team.youth_office_id != office.pk:
        errors["team"] = [_("Dieses Team gehört zu einem anderen Jugendamt.")]
    if errors:
        raise InvalidData(errors, Measure)


def _check_related(
    office: YouthOffice, needs: Iterable[Need], spaces: Iterable[SocialSpace]
) -> tuple[list[Need], list[SocialSpace]]:
    needs, spaces = list(dict.fromkeys(needs)), list(dict.fromkeys(spaces))
    errors: dict[str, list[str]] = {}
    if any(need.youth_office_id != office.pk for need in needs):
        errors["needs"] = [_("Ein Bedarf gehört zu einem anderen Jugendamt.")]
    if any(space.youth_office_id != office.pk for space in spaces):
        errors["social_spaces"] = [_("Ein Raum gehört zu einem anderen Jugendamt.")]
    if errors:
        raise InvalidData(errors, Measure)
    return needs, spaces


def _apply(measure: Measure, data: dict[str, Any]) -> None:
    unknown = sorted(set(data) - set(MEASURE_FIELDS))
    if unknown:
        raise ValueError(f"Unknown fields: {', '.join(unknown)}")
    for name, value in data.items():
        setattr(measure, name, value.strip() if isinstance(value, str) else value)


def _validate(measure: Measure) -> None:
    try:
        measure.full_clean(
            exclude=["youth_office", "needs", "social_spaces", "continued_from", "created_by"],
            validate_unique=False,
            validate_constraints=False,
        )
    except ValidationError as error:
        raise InvalidData(
            {name: [str(m) for m in msgs] for name, msgs in error.message_dict.items()}, Measure
        ) from None
    if measure.period_start and measure.period_end and measure.period_start > measure.period_end:
        raise InvalidData(
            {"period_end": [_("Das Ende darf nicht vor dem Beginn liegen.")]}, Measure
        )


def _check_goals(goals: Iterable[GoalData]) -> list[GoalData]:
    goals = list(goals)
    for goal in goals:
        if not goal.indicator.strip():
            raise InvalidData(
                {"indicator": [_("Jedes Ziel braucht einen Indikator, an dem es gemessen wird.")]},
                Goal,
            )
        if goal.target_value < 0:
            raise InvalidData({"target_value": [_("Der Zielwert darf nicht negativ sein.")]}, Goal)
    return goals


def _write_goals(measure: Measure, goals: list[GoalData]) -> None:
    Goal.objects.filter(measure=measure).delete()
    Goal.objects.bulk_create(
        Goal(
            youth_office_id=measure.youth_office_id,
            measure=measure,
            position=index,
            description=goal.description.strip(),
            indicator=goal.indicator.strip(),
            target_value=goal.target_value,
            unit=goal.unit.strip(),
        )
        for index, goal in enumerate(goals)
    )


def _goals_text(measure: Measure) -> str:
    return "; ".join(
        f"{g.description} ({g.indicator}: {g.target_value} {g.unit})"
        for g in Goal.objects.filter(measure=measure).order_by("position", "id")
    )


@transaction.atomic
def create_measure(
    *,
    office: YouthOffice,
    by: User,
    data: dict[str, Any],
    needs: Iterable[Need] = (),
    social_spaces: Iterable[SocialSpace] = (),
    goals: Iterable[GoalData] = (),
) -> Measure:
    measure = Measure(youth_office=office, created_by=by)
    _apply(measure, data)
    _check_rows(office, data, by)
    chosen_needs, spaces = _check_related(office, needs, social_spaces)
    chosen_goals = _check_goals(goals)
    _validate(measure)
    measure.save()
    measure.needs.set(chosen_needs)
    measure.social_spaces.set(spaces)
    _write_goals(measure, chosen_goals)
    changes = diff({}, snapshot(measure, MEASURE_AUDITED))
    changes["goals"] = {"old": "", "new": _goals_text(measure)}
    record(office=office, actor=by, action=Action.CREATE, instance=measure, changes=changes)
    return measure


def ensure_open(measure: Measure) -> None:
    if measure.status not in OPEN_STATUSES:
        raise MeasureClosed(measure)


def lock(measure: Measure, version: int | None = None) -> Measure:
    """The measure's row, locked for this transaction; ConcurrentEditError if `version` is
    given and stale."""
    current = (
        Measure.objects.select_for_update(of=("self",))
        .select_related("youth_office", "carrier", "team")
        .get(pk=measure.pk)
    )
    if version is not None and current.version != version:
        raise ConcurrentEditError
    return current


def bump(measure: Measure) -> Measure:
    Measure.objects.filter(pk=measure.pk).update(
        version=F("version") + 1, updated_at=timezone.now()
    )
    measure.refresh_from_db(fields=["version", "updated_at"])
    return measure


@transaction.atomic
def update_measure(
    *,
    measure: Measure,
    by: User,
    version: int,
    data: dict[str, Any],
    needs: Iterable[Need] | None = None,
    social_spaces: Iterable[SocialSpace] | None = None,
    goals: Iterable[GoalData] | None = None,
) -> Measure:
    current = lock(measure, version)
    ensure_open(current)
    office = current.youth_office
    before = snapshot(current, MEASURE_AUDITED)
    goals_before = _goals_text(current)
    candidate = copy.copy(current)
    _apply(candidate, data)
    _check_rows(office, data, by)
    chosen_needs, spaces = _check_related(office, needs or (), social_spaces or ())
    chosen_goals = None if goals is None else _check_goals(goals)
    _validate(candidate)
    candidate.version = current.version + 1
    candidate.save()
    if needs is not None:
        candidate.needs.set(chosen_needs)
    if social_spaces is not None:
        candidate.social_spaces.set(spaces)
    if chosen_goals is not None:
        _write_goals(candidate, chosen_goals)
    changes = diff(before, snapshot(candidate, MEASURE_AUDITED))
    goals_after = _goals_text(candidate)
    if goals_after != goals_before:
        changes["goals"] = {"old": goals_before, "new": goals_after}
    if changes:
        record(office=office, actor=by, action=Action.UPDATE, instance=candidate, changes=changes)
    return candidate


# --- Approval workflow -------------------------------------------------------------------


def _transition(
    measure: Measure,
    *,
    to: str,
    by: User,
    comment: str = "",
    level: ApprovalLevel | None = None,
    decision: Decision | None = None,
) -> MeasureTransition:
    estimate = selectors.current_estimate(measure)
    before = measure.status
    transition = MeasureTransition.objects.create(
        youth_office_id=measure.youth_office_id,
        measure=measure,
        from_status=before,
        to_status=to,
        comment=comment.strip(),
        amount=estimate.requested if estimate is not None else None,
        level=level,
        decision=decision,
        estimate=estimate,
        by=by,
    )
    Measure.objects.filter(pk=measure.pk).update(
        status=to, version=F("version") + 1, updated_at=timezone.now()
    )
    measure.refresh_from_db(fields=["status", "version", "updated_at"])
    record(
        office=measure.youth_office,
        actor=by,
        action=Action.UPDATE,
        instance=measure,
        changes={
            "status": {
                "old": MeasureStatus(before).label,
                "new": MeasureStatus(to).label,
            }
        },
    )
    return transition


@transaction.atomic
def submit(*, measure: Measure, by: User, version: int | None = None) -> Measure:
    """Draft or returned -> submitted: needs at least one goal and a cost calculation."""
    current = lock(measure, version)
    if current.status == MeasureStatus.SUBMITTED:
        raise ValueError(_("Diese Maßnahme ist schon eingereicht."))
    if current.status not in (MeasureStatus.DRAFT, MeasureStatus.RETURNED):
        raise MeasureClosed(current)
    if not Goal.objects.filter(measure=current).exists():
        raise ValueError(_("Bitte beschreiben Sie vor dem Einreichen mindestens ein Ziel."))
    estimate = selectors.current_estimate(current)
    if estimate is None or not estimate.items.exists():
        raise ValueError(_("Bitte legen Sie vor dem Einreichen die Kostenkalkulation an."))
    level = selectors.level_for(current.youth_office, estimate.requested)
    _transition(current, to=MeasureStatus.SUBMITTED, by=by, level=level)
    return current


def decision_refusal(measure: Measure, user: Any, level: ApprovalLevel | None) -> str:
    """Why `user` may not decide the submitted measure, or '' if they may."""
    if getattr(user, "is_operator", False):
        return ""
    if selectors.submitter(measure) == user.pk:
        return _("Über die eigene Einreichung entscheidet jemand anderes.")
    role = role_of(user, measure)[0]
    if level is None or level.kind == ApproverKind.COORDINATION:
        if role == Role.COORDINATION:
            return ""
        return _("Über diesen Betrag entscheidet die Koordination.")
    if level.approvers.filter(pk=user.pk).exists():
        return ""
    return _("Über diesen Betrag entscheidet die Stufe „%(level)s“.") % {"level": level.name}


def _decidable(measure: Measure, by: User) -> tuple[Measure, ApprovalLevel | None]:
    current = lock(measure)
    if current.status != MeasureStatus.SUBMITTED:
        raise ValueError(
            _("Über diese Maßnahme ist schon entschieden oder sie ist nicht eingereicht.")
        )
    level = selectors.level_for(current.youth_office, selectors.requested_amount(current))
    refusal = decision_refusal(current, by, level)
    if refusal:
        raise ValueError(refusal)
    return current, level


def _check_decision(measure: Measure, decision: Decision | None) -> None:
    if decision is None:
        return
    if decision.youth_office_id != measure.youth_office_id or (
        measure.team_id is not None and decision.team_id != measure.team_id
    ):
        raise InvalidData(
            {"decision": [_("Bitte wählen Sie einen Beschluss des Teams dieser Maßnahme.")]},
            MeasureTransition,
        )


@transaction.atomic
def approve(
    *, measure: Measure, by: User, comment: str = "", decision: Decision | None = None
) -> Project:
    """Submitted -> approved by the level its requested amount falls into; the current cost
    calculation is final from now on, and the measure becomes a running project."""
    current, level = _decidable(measure, by)
    _check_decision(current, decision)
    _transition(
        current, to=MeasureStatus.APPROVED, by=by, comment=comment, level=level, decision=decision
    )
    project = Project.objects.create(
        youth_office_id=current.youth_office_id,
        measure=current,
        started=current.period_start,
        ends=current.period_end,
    )
    measure.status, measure.version = current.status, current.version
    return project


def _decide_with_comment(
    measure: Measure, by: User, comment: str, to: str, decision: Decision | None
) -> Measure:
    if not comment.strip():
        raise InvalidData(
            {"comment": [_("Bitte begründen Sie die Entscheidung.")]}, MeasureTransition
        )
    current, level = _decidable(measure, by)
    _check_decision(current, decision)
    _transition(current, to=to, by=by, comment=comment, level=level, decision=decision)
    return current


@transaction.atomic
def return_for_revision(
    *, measure: Measure, by: User, comment: str, decision: Decision | None = None
) -> Measure:
    """Submitted -> returned with comments (required): the submitter revises and submits again."""
    return _decide_with_comment(measure, by, comment, MeasureStatus.RETURNED, decision)


@transaction.atomic
def reject(
    *, measure: Measure, by: User, comment: str, decision: Decision | None = None
) -> Measure:
    """Submitted -> rejected, with the reason (required)."""
    return _decide_with_comment(measure, by, comment, MeasureStatus.REJECTED, decision)
