"""Writes of projects and evaluations: keyword-only, atomic, audited, with optimistic locking.

- `add_progress_note`: a note on a project ("laufende Informationen über Projekte");
- `save_evaluation`: the evaluation at the project's end as a draft (goal results, participants,
  what worked and what did not, the four levels, the quality ratings, the need outcome), and
  with `complete=True` at once `complete_evaluation`;
- `complete_evaluation` (the hand-off of PLANNING.md): the project becomes EVALUATED and its
  needs get their status from the outcome with a NeedTransition: met -> MET, partly met ->
  PARTLY_MET, not met -> back to ACCEPTED, so the need is prioritised again;
- `continue_project` ("Projekte weiterentwickeln"): a new draft measure for the next period,
  with the goals and the last cost calculation copied as revision 1;
- `add_quality_criterion`, `update_quality_criterion`: coordination's list per level.

Every refusal is a ValueError/InvalidData with a German message; a stale `version` raises
ConcurrentEditError.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from sozialraum.audit.models import Action
from sozialraum.audit.services import diff, record, snapshot
from sozialraum.lib.errors import ConcurrentEditError, InvalidData
from sozialraum.planning.measure_models import (
    CostEstimate,
    CostItem,
    Goal,
    Measure,
    MeasureStatus,
)
from sozialraum.planning.models import (
    Need,
    NeedStatus,
    NeedTransition,
    QualityCriterion,
)
from sozialraum.planning.project_models import (
    Evaluation,
    GoalResult,
    NeedOutcome,
    ProgressNote,
    Project,
    ProjectStatus,
    QualityRating,
)
from sozialraum.regions.models import YouthOffice

if TYPE_CHECKING:
    from sozialraum.accounts.models import User

TEXT_MAX = 5000
ZERO = Decimal("0.00")
MAX_VALUE = Decimal("9999999999.99")
EVALUATION_TEXTS = ("what_worked", "what_did_not", "structure", "process", "result", "quality")
EVALUATION_AUDITED = ["participants_reached", *EVALUATION_TEXTS, "need_outcome"]
# What the evaluation's outcome does to each need of the measure.
NEED_STATUS_OF_OUTCOME = {
    NeedOutcome.MET: NeedStatus.MET,
    NeedOutcome.PARTLY_MET: NeedStatus.PARTLY_MET,
    NeedOutcome.NOT_MET: NeedStatus.ACCEPTED,
}


def _user(actor: User | None) -> User | None:
    return actor if actor is not None and actor.is_authenticated else None


def project_label(project: Project) -> str:
    return project.measure.title


# Progress notes ----------------------------------------------------------------------------------


@transaction.atomic
def add_progress_note(*, project: Project, by: User | None, date: date, text: str) -> ProgressNote:
    """A note on the project. Dated today or earlier, within the project's period or after it."""
    text = (text or "").strip()
    errors: dict[str, list[str]] = {}
    if not text:
        errors["text"] = [_("Bitte schreiben Sie, was es Neues gibt.")]
    elif len(text) > TEXT_MAX:
        errors["text"] = [
            _("Der Bericht ist zu lang (höchstens %(max)s Zeichen).") % {"max": TEXT_MAX}
        ]
    if date > timezone.localdate():
        errors["date"] = [_("Das Datum liegt in der Zukunft. Berichten Sie, was schon war.")]
    elif date < project.started:
        errors["date"] = [
            _("Das Projekt hat erst am %(start)s begonnen.")
            % {"start": date_format(project.started, "SHORT_DATE_FORMAT")}
        ]
    if errors:
        raise InvalidData(errors, ProgressNote)
    note = ProgressNote.objects.create(
        youth_office_id=project.youth_office_id,
        project=project,
        date=date,
        text=text,
        created_by=_user(by),
    )
    record(
        office=project.youth_office,
        actor=by,
        action=Action.CREATE,
        instance=note,
        label=project_label(project),
        changes=diff({}, snapshot(note, ["date", "text"])),
    )
    return note


# Evaluation --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """A goal's achieved value, or a quality criterion's rating, with a comment."""

    value: Any
    comment: str = ""


def _check_results(goals: list[Goal], results: Mapping[int, Entry]) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    known = {goal.pk for goal in goals}
    for goal_id, entry in results.items():
        key = f"result_{goal_id}"
        if goal_id not in known:
            errors[key] = [_("Dieses Ziel gehört nicht zu diesem Projekt.")]
        elif entry.value is not None and not isinstance(entry.value, Decimal):
            errors[key] = [_("Bitte geben Sie eine Zahl ein.")]
        elif entry.value is not None and entry.value < 0:
            errors[key] = [_("Der erreichte Wert darf nicht negativ sein.")]
        elif entry.value is not None and entry.value > MAX_VALUE:
            errors[key] = [_("Der Wert ist zu groß.")]
        elif len(entry.comment or "") > 300:
            errors[f"result_comment_{goal_id}"] = [_("Höchstens 300 Zeichen.")]
    return errors


def _check_ratings(
    criteria: list[QualityCriterion], ratings: Mapping[int, Entry]
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    known = {criterion.pk for criterion in criteria}
    for criterion_id, entry in ratings.items():
        key = f"rating_{criterion_id}"
        if criterion_id not in known:
            errors[key] = [_("Dieses Qualitätskriterium gibt es in diesem Jugendamt nicht.")]
        elif entry.value is not None and entry.value not in (1, 2, 3, 4):
            errors[key] = [_("Bitte wählen Sie eine Bewertung von 1 bis 4.")]
        elif len(entry.comment or "") > 300:
            errors[f"rating_comment_{criterion_id}"] = [_("Höchstens 300 Zeichen.")]
    return errors


def _participants(value: Any, errors: dict[str, list[str]]) -> Any:
    value = value or 0
    if not isinstance(value, int) or value < 0:
        errors["participants_reached"] = [_("Bitte geben Sie eine Zahl ab 0 ein.")]
    elif value > 1_000_000:
        errors["participants_reached"] = [_("Diese Zahl ist zu groß.")]
    return value


def _check_data(data: Mapping[str, Any]) -> dict[str, Any]:
    unknown = sorted(set(data) - set(EVALUATION_AUDITED))
    if unknown:
        raise ValueError(f"Unknown fields: {', '.join(unknown)}")
    clean: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    for name in EVALUATION_TEXTS:
        if name in data:
            value = (data[name] or "").strip()
            if len(value) > TEXT_MAX:
                errors[name] = [_("Höchstens %(max)s Zeichen.") % {"max": TEXT_MAX}]
            clean[name] = value
    if "participants_reached" in data:
        clean["participants_reached"] = _participants(data["participants_reached"], errors)
    if "need_outcome" in data:
        value = data["need_outcome"] or ""
        if value and value not in NeedOutcome.values:
            errors["need_outcome"] = [_("Bitte wählen Sie eine der Möglichkeiten.")]
        clean["need_outcome"] = value
    if errors:
        raise InvalidData(errors, Evaluation)
    return clean


def criteria_for(office: YouthOffice, evaluation: Evaluation | None) -> list[QualityCriterion]:
    """The criteria an evaluation rates: the active ones, and those it rated before they were
    taken out of use."""
    condition = Q(is_active=True)
    if evaluation is not None:
        condition |= Q(pk__in=[r.criterion_id for r in evaluation.ratings.all()])
    return list(QualityCriterion.objects.in_office(office).filter(condition))


def _lock_project(project: Project) -> Project:
    """One evaluation write per project at a time (a row lock on PostgreSQL; SQLite's
    IMMEDIATE transactions serialise writers anyway)."""
    return (
        Project.objects.select_for_update()
        .select_related("youth_office", "measure")
        .get(pk=project.pk)
    )


@transaction.atomic
def save_evaluation(
    *,
    project: Project,
    by: User | None,
    version: int,
    data: Mapping[str, Any],
    results: Mapping[int, Entry] | None = None,
    ratings: Mapping[int, Entry] | None = None,
    complete: bool = False,
) -> Evaluation:
    """Create or update the project's evaluation (version 0: none exists yet). A result or a
    rating whose value is None is removed. With `complete`, the evaluation is completed in the
    same transaction (`complete_evaluation`)."""
    current = _lock_project(project)
    office = current.youth_office
    existing = Evaluation.objects.filter(project=current).first()
    if existing is not None and existing.completed_at is not None:
        raise InvalidData(
            {
                "__all__": [
                    _(
                        "Diese Evaluation ist schon abgeschlossen und kann nicht mehr "
                        "geändert werden."
                    )
                ]
            }
        )
    if (existing.version if existing is not None else 0) != version:
        raise ConcurrentEditError
    clean = _check_data(data)
    goals = list(Goal.objects.filter(measure_id=current.measure_id))
    criteria = criteria_for(office, existing)
    errors = {**_check_results(goals, results or {}), **_check_ratings(criteria, ratings or {})}
    if errors:
        raise InvalidData(errors)
    if existing is None:
        evaluation = Evaluation(youth_office=office, project=current, **clean)
        try:
            with transaction.atomic():
                evaluation.save()
        except IntegrityError:  # created by somebody else meanwhile
            raise ConcurrentEditError from None
        before: dict[str, str] = {}
        action = Action.CREATE
    else:
        before = snapshot(existing, EVALUATION_AUDITED)
        updated = Evaluation.objects.filter(pk=existing.pk, version=version).update(
            **clean, updated_at=timezone.now(), version=F("version") + 1
        )
        if not updated:
            raise ConcurrentEditError
        evaluation = Evaluation.objects.get(pk=existing.pk)
        action = Action.UPDATE
    changes = diff(before, snapshot(evaluation, EVALUATION_AUDITED))
    changes.update(_save_results(evaluation, goals, results or {}))
    changes.update(_save_ratings(evaluation, criteria, ratings or {}))
    if changes or action == Action.CREATE:
        record(
            office=office,
            actor=by,
            action=action,
            instance=evaluation,
            label=project_label(current),
            changes=changes,
        )
    if complete:
        return complete_evaluation(evaluation=evaluation, by=by)
    return evaluation


def _number(value: Decimal | None) -> str:
    if value is None:
        return ""
    text = f"{value.normalize():f}".replace(".", ",")
    return text


def _save_results(
    evaluation: Evaluation, goals: list[Goal], results: Mapping[int, Entry]
) -> dict[str, dict[str, str]]:
    saved = {r.goal_id: r for r in GoalResult.objects.filter(evaluation=evaluation)}
    names = {goal.pk: goal.indicator for goal in goals}
    changes: dict[str, dict[str, str]] = {}
    for goal_id, entry in results.items():
        old = saved.get(goal_id)
        old_text = _number(old.achieved_value) if old else ""
        if entry.value is None:
            if old is not None:
                old.delete()
        elif old is None:
            GoalResult.objects.create(
                youth_office_id=evaluation.youth_office_id,
                evaluation=evaluation,
                goal_id=goal_id,
                achieved_value=entry.value,
                comment=(entry.comment or "").strip(),
            )
        elif old.achieved_value != entry.value or old.comment != (entry.comment or "").strip():
            old.achieved_value = entry.value
            old.comment = (entry.comment or "").strip()
            old.save(update_fields=["achieved_value", "comment"])
        new_text = _number(entry.value)
        if old_text != new_text:
            changes[f"{_('Ziel')} „{names[goal_id]}“"] = {"old": old_text, "new": new_text}
    return changes


def _save_ratings(
    evaluation: Evaluation, criteria: list[QualityCriterion], ratings: Mapping[int, Entry]
) -> dict[str, dict[str, str]]:
    saved = {r.criterion_id: r for r in QualityRating.objects.filter(evaluation=evaluation)}
    names = {criterion.pk: criterion.name for criterion in criteria}
    changes: dict[str, dict[str, str]] = {}
    for criterion_id, entry in ratings.items():
        old = saved.get(criterion_id)
        old_text = str(old.rating) if old else ""
        comment = (entry.comment or "").strip()
        if entry.value is None:
            if old is not None:
                old.delete()
        elif old is None:
            QualityRating.objects.create(
                youth_office_id=evaluation.youth_office_id,
                evaluation=evaluation,
                criterion_id=criterion_id,
                rating=entry.value,
                comment=comment,
            )
        elif old.rating != entry.value or old.comment != comment:
            old.rating, old.comment = entry.value, comment
            old.save(update_fields=["rating", "comment"])
        new_text = "" if entry.value is None else str(entry.value)
        if old_text != new_text:
            changes[f"{_('Qualität')} „{names[criterion_id]}“"] = {"old": old_text, "new": new_text}
    return changes


@transaction.atomic
def complete_evaluation(*, evaluation: Evaluation, by: User | None) -> Evaluation:
    """Complete the evaluation: the project becomes EVALUATED, and each need of the measure
    gets its status from `need_outcome` with a NeedTransition (not met: back to ACCEPTED, so it
    is prioritised again). Refused when already completed, without an outcome, or while a goal
    has no achieved value."""
    current = (
        Evaluation.objects.select_for_update()
        .select_related("project", "project__measure", "youth_office")
        .get(pk=evaluation.pk)
    )
    if current.completed_at is not None:
        raise InvalidData({"__all__": [_("Diese Evaluation ist schon abgeschlossen.")]})
    errors: dict[str, list[str]] = {}
    if current.need_outcome not in NeedOutcome.values:
        errors["need_outcome"] = [
            _("Bitte geben Sie an, ob der Bedarf gedeckt ist, bevor Sie abschließen.")
        ]
    done = set(GoalResult.objects.filter(evaluation=current).values_list("goal_id", flat=True))
    missing = [
        goal
        for goal in Goal.objects.filter(measure_id=current.project.measure_id)
        if goal.pk not in done
    ]
    for goal in missing:
        errors[f"result_{goal.pk}"] = [
            _("Bitte tragen Sie den erreichten Wert ein, bevor Sie abschließen.")
        ]
    if errors:
        raise InvalidData(errors, Evaluation)
    now = timezone.now()
    updated = Evaluation.objects.filter(pk=current.pk, completed_at__isnull=True).update(
        completed_at=now, completed_by=_user(by), updated_at=now, version=F("version") + 1
    )
    if not updated:  # pragma: no cover - the row lock makes this the first completion
        raise ConcurrentEditError
    project = current.project
    office = current.youth_office
    Project.objects.filter(pk=project.pk).update(
        status=ProjectStatus.EVALUATED, version=F("version") + 1
    )
    record(
        office=office,
        actor=by,
        action=Action.UPDATE,
        instance=project,
        label=project_label(project),
        changes={
            "status": {
                "old": ProjectStatus(project.status).label,
                "new": ProjectStatus.EVALUATED.label,
            },
            "need_outcome": {"old": "", "new": NeedOutcome(current.need_outcome).label},
        },
    )
    _feed_back(project, NeedOutcome(current.need_outcome), by, office)
    return Evaluation.objects.select_related("project").get(pk=current.pk)


def _feed_back(project: Project, outcome: NeedOutcome, by: User | None, office) -> None:
    target = NEED_STATUS_OF_OUTCOME[outcome]
    reason = _("Evaluation des Projekts „%(title)s“: Der Bedarf ist %(outcome)s.") % {
        "title": project.measure.title,
        "outcome": outcome.label,
    }
    needs = list(Need.objects.select_for_update().filter(measures=project.measure_id))
    # Every need gets its transition, also when its status stays (a need not met that was
    # accepted already): the trail shows what the evaluation said.
    for need in needs:
        Need.objects.filter(pk=need.pk).update(
            status=target, status_reason=reason, version=F("version") + 1
        )
        NeedTransition.objects.create(
            youth_office_id=need.youth_office_id,
            need=need,
            from_status=need.status,
            to_status=target,
            reason=reason,
            by=_user(by),
        )
        record(
            office=office,
            actor=by,
            action=Action.UPDATE,
            instance=need,
            changes={
                "status": {"old": NeedStatus(need.status).label, "new": target.label},
                "status_reason": {"old": need.status_reason, "new": reason},
            },
        )


# Continuing a project ----------------------------------------------------------------------------


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def next_period(start: date, end: date) -> tuple[date, date]:
    """The period after [start, end], beginning the day after the end. Whole months (from the
    first of a month to the last of a month, e.g. a calendar year) stay whole months of the
    same number; any other period keeps its number of days."""
    new_start = end + timedelta(days=1)
    if start.day == 1 and end == _month_end(end.year, end.month):
        months = (end.year - start.year) * 12 + end.month - start.month + 1
        index = new_start.year * 12 + new_start.month - 1 + months - 1
        return new_start, _month_end(index // 12, index % 12 + 1)
    return new_start, new_start + (end - start)


@transaction.atomic
def continue_project(*, project: Project, by: User | None) -> Measure:
    """A new draft measure for the next period ("Projekte weiterentwickeln"): the measure's
    fields, needs, social spaces and goals, and its last cost calculation as revision 1 (the
    same items and rates; the draft can be revised before it is submitted). A project is
    continued once."""
    current = _lock_project(project)
    old = Measure.objects.select_related("youth_office").get(pk=current.measure_id)
    existing = Measure.objects.filter(continued_from=old).first()
    if existing is not None:
        raise InvalidData(
            {
                "__all__": [
                    _("Dieses Projekt wurde schon fortgesetzt: „%(title)s“.")
                    % {"title": existing.title}
                ]
            }
        )
    start, end = next_period(old.period_start, old.period_end)
    fields = {name: getattr(old, name) for name in Measure.EDITABLE_FIELDS}
    fields.update(period_start=start, period_end=end)
    measure = Measure.objects.create(
        youth_office=old.youth_office,
        status=MeasureStatus.DRAFT,
        continued_from=old,
        created_by=_user(by),
        **fields,
    )
    measure.needs.set(old.needs.all())
    measure.social_spaces.set(old.social_spaces.all())
    Goal.objects.bulk_create(
        Goal(
            youth_office_id=old.youth_office_id,
            measure=measure,
            description=goal.description,
            indicator=goal.indicator,
            target_value=goal.target_value,
            unit=goal.unit,
            position=goal.position,
        )
        for goal in Goal.objects.filter(measure=old)
    )
    last = CostEstimate.objects.filter(measure=old).order_by("-number").first()
    if last is not None:
        estimate = CostEstimate.objects.create(
            youth_office_id=old.youth_office_id,
            measure=measure,
            number=1,
            own_contribution=last.own_contribution,
            third_party_funding=last.third_party_funding,
            third_party_source=last.third_party_source,
            note=last.note,
            total=last.total,
            requested=last.requested,
            created_by=_user(by),
        )
        for item in CostItem.objects.filter(estimate=last):
            CostItem.objects.create(
                youth_office_id=old.youth_office_id,
                estimate=estimate,
                kind=item.kind,
                description=item.description,
                pay_group=item.pay_group,
                hours=item.hours,
                hourly_rate=item.hourly_rate,
                quantity=item.quantity,
                unit_price=item.unit_price,
                position=item.position,
            )
    record(
        office=old.youth_office,
        actor=by,
        action=Action.CREATE,
        instance=measure,
        changes={
            "continued_from": {"old": "", "new": old.title},
            "period_start": {"old": "", "new": start},
            "period_end": {"old": "", "new": end},
        },
    )
    return measure


# Quality criteria: evaluation_criteria.py (re-exported for the views).
from sozialraum.planning.evaluation_criteria import (  # noqa: E402, F401
    add_quality_criterion,
    update_quality_criterion,
)
