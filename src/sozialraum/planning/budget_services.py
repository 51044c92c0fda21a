"""Writes of the budgets: budgets per social space and year, transfers between them, allocations
(Mittelbindung) of approved measures over one or several budgets, coordination's recorded
override of the limit, and expenses.

Every function is keyword-only and atomic, writes the audit trail and raises German messages
(`InvalidData` at a field, `ConcurrentEditError` for a stale `version`).

The limit is the database's: `Budget.committed` is raised with `F()` inside the transaction and
the CHECK constraint `budget_not_overcommitted` (committed <= planned + transferred +
overridden) refuses an over-commit, also for two coordinators at the same moment. The budget
rows are locked first in the order of their ids (`select_for_update`, PostgreSQL; SQLite's
IMMEDIATE transactions serialise writers anyway), so two pooled allocations over the same
budgets cannot deadlock, and the figures named in a refusal are the ones the database refused
against. Each increment runs in a savepoint, so a refused one leaves the transaction usable.
Expenses are kept the same way on `AllocationShare.spent` (CHECK `share_not_overspent`).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from sozialraum.audit.models import Action
from sozialraum.audit.services import diff, record, snapshot
from sozialraum.lib.errors import ConcurrentEditError, InvalidData
from sozialraum.lib.money import MAX_AMOUNT, format_amount
from sozialraum.minutes.models import Decision
from sozialraum.planning.budget_models import (
    Allocation,
    AllocationShare,
    Budget,
    BudgetOverride,
    BudgetTransfer,
    Expense,
)
from sozialraum.planning.measure_models import Measure, MeasureStatus
from sozialraum.planning.models import ZERO
from sozialraum.regions.models import SocialSpace, YouthOffice

if TYPE_CHECKING:
    from sozialraum.accounts.models import User

TEXT_MAX = 5000
RECEIPT_MAX = 100
DESCRIPTION_MAX = 300
BUDGET_AUDITED = ["social_space", "year", "planned", "earmarked_case_unspecific", "note"]
OVERCOMMIT = "budget_not_overcommitted"
OVERSPENT = "share_not_overspent"


def share_field(budget: Budget | int) -> str:
    """The form field (and error key) of an allocation's share on this budget."""
    return f"share_{budget if isinstance(budget, int) else budget.pk}"


def _violates(error: IntegrityError, name: str) -> bool:
    """True if the CHECK constraint `name` refused the statement (PostgreSQL names it in the
    diagnostics; SQLite in the message, "CHECK constraint failed: <name>")."""
    diag = getattr(error.__cause__, "diag", None)
    found = getattr(diag, "constraint_name", None)
    return found == name if found is not None else name in str(error)


def _amount_errors(field: str, amount: Decimal | None) -> dict[str, list[str]]:
    if amount is None:
        return {field: [_("Bitte geben Sie einen Betrag ein.")]}
    if amount <= 0:
        return {field: [_("Der Betrag muss größer als 0 € sein.")]}
    if amount > MAX_AMOUNT:
        return {field: [_("Der Betrag ist zu groß.")]}
    return {}


def _text_errors(field: str, text: str, limit: int, *, required: str = "") -> dict:
    if required and not text.strip():
        return {field: [required]}
    if len(text) > limit:
        return {
            field: [
                _("Der Text ist %(length)s Zeichen lang; höchstens %(max)s sind möglich.")
                % {"length": len(text), "max": limit}
            ]
        }
    return {}


def headroom(budget: Budget) -> Decimal:
    """What can still be committed on the budget without an override."""
    return max(ZERO, budget.planned + budget.transferred + budget.overridden - budget.committed)


def _locked(budget_ids: Sequence[int]) -> dict[int, Budget]:
    """The budgets, locked in the order of their ids (no deadlock between two pooled writes)."""
    rows = (
        Budget.objects.select_for_update(of=("self",))
        .select_related("social_space")
        .filter(pk__in=sorted(set(budget_ids)))
        .order_by("pk")
    )
    return {budget.pk: budget for budget in rows}


# Budgets ------------------------------------------------------------------------------------


def _budget_errors(
    *, planned: Decimal | None, earmarked: Decimal, transferred: Decimal, note: str
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if planned is None:
        errors["planned"] = [_("Bitte geben Sie den geplanten Betrag ein.")]
    elif planned < 0:
        errors["planned"] = [_("Der Betrag darf nicht negativ sein.")]
    elif planned > MAX_AMOUNT:
        errors["planned"] = [_("Der Betrag ist zu groß.")]
    if earmarked < 0:
        errors["earmarked_case_unspecific"] = [_("Der Betrag darf nicht negativ sein.")]
    elif planned is not None and earmarked > planned + transferred:
        errors["earmarked_case_unspecific"] = [
            _(
                "Der Anteil für fallunspezifische Arbeit kann nicht größer sein als das Budget "
                "(%(total)s)."
            )
            % {"total": format_amount(planned + transferred)}
        ]
    errors.update(_text_errors("note", note, TEXT_MAX))
    return errors


@transaction.atomic
def create_budget(
    *,
    office: YouthOffice,
    by: User | None,
    social_space: SocialSpace,
    year: int,
    planned: Decimal,
    earmarked_case_unspecific: Decimal = ZERO,
    note: str = "",
) -> Budget:
    """The budget of a social space for a year (one per space and year)."""
    if social_space.youth_office_id != office.pk:
        raise InvalidData({"social_space": [_("Diesen Raum gibt es in diesem Jugendamt nicht.")]})
    errors = _budget_errors(
        planned=planned, earmarked=earmarked_case_unspecific, transferred=ZERO, note=note
    )
    if not 2000 <= year <= 2100:
        errors["year"] = [_("Bitte geben Sie ein Jahr zwischen 2000 und 2100 ein.")]
    if Budget.objects.filter(social_space=social_space, year=year).exists():
        errors["year"] = [budget_exists(social_space, year)]
    if errors:
        raise InvalidData(errors, Budget)
    try:
        with transaction.atomic():
            budget = Budget.objects.create(
                youth_office=office,
                social_space=social_space,
                year=year,
                planned=planned,
                earmarked_case_unspecific=earmarked_case_unspecific,
                note=note.strip(),
            )
    except IntegrityError:  # created by somebody else in between
        raise InvalidData({"year": [budget_exists(social_space, year)]}, Budget) from None
    record(
        office=office,
        actor=by,
        action=Action.CREATE,
        instance=budget,
        changes=diff({}, snapshot(budget, BUDGET_AUDITED)),
    )
    return budget


def budget_exists(social_space: SocialSpace, year: int) -> str:
    return _("Für %(space)s gibt es schon ein Budget %(year)s.") % {
        "space": social_space.name,
        "year": year,
    }


@transaction.atomic
def update_budget(
    *,
    budget: Budget,
    by: User | None,
    version: int,
    planned: Decimal,
    earmarked_case_unspecific: Decimal,
    note: str = "",
) -> Budget:
    """Change the planned amount, the earmark and the note. The planned amount cannot fall below
    what is already committed (less what coordination allowed above the limit)."""
    current = _locked([budget.pk])[budget.pk]
    if current.version != version:
        raise ConcurrentEditError
    errors = _budget_errors(
        planned=planned,
        earmarked=earmarked_case_unspecific,
        transferred=current.transferred,
        note=note,
    )
    floor = current.committed - current.overridden - current.transferred
    if "planned" not in errors and planned < floor:
        errors["planned"] = [
            _(
                "Von diesem Budget sind schon %(committed)s gebunden. Der geplante Betrag muss "
                "mindestens %(floor)s betragen."
            )
            % {"committed": format_amount(current.committed), "floor": format_amount(floor)}
        ]
    if errors:
        raise InvalidData(errors, Budget)
    before = snapshot(current, BUDGET_AUDITED)
    Budget.objects.filter(pk=current.pk, version=version).update(
        planned=planned,
        earmarked_case_unspecific=earmarked_case_unspecific,
        note=note.strip(),
        version=F("version") + 1,
        updated_at=timezone.now(),
    )
    saved = Budget.objects.select_related("social_space", "youth_office").get(pk=current.pk)
    changes = diff(before, snapshot(saved, BUDGET_AUDITED))
    if changes:
        record(
            office=saved.youth_office,
            actor=by,
            action=Action.UPDATE,
            instance=saved,
            changes=changes,
        )
    return saved


# Transfers ----------------------------------------------------------------------------------


@transaction.atomic
def transfer(
    *, source: Budget, target: Budget, amount: Decimal, reason: str, by: User | None
) -> BudgetTransfer:
    """Move `amount` from one budget to another of the same office, with the reason. The source
    keeps at least what is committed on it and its earmark for case-unspecific work."""
    errors = _amount_errors("amount", amount)
    errors.update(
        _text_errors("reason", reason, TEXT_MAX, required=_("Bitte begründen Sie die Umbuchung."))
    )
    if source.youth_office_id != target.youth_office_id:
        errors["target"] = [_("Dieses Budget gehört zu einem anderen Jugendamt.")]
    elif source.pk == target.pk:
        errors["target"] = [_("Bitte wählen Sie zwei verschiedene Budgets.")]
    if errors:
        raise InvalidData(errors, BudgetTransfer)
    rows = _locked([source.pk, target.pk])
    locked = rows[source.pk]
    movable = min(
        locked.planned + locked.transferred - locked.committed,
        locked.planned + locked.transferred - locked.earmarked_case_unspecific,
    )
    if amount > movable:
        raise InvalidData(
            {
                "amount": [
                    _(
                        "Von %(budget)s können höchstens %(movable)s umgebucht werden "
                        "(gebunden: %(committed)s, für fallunspezifische Arbeit: %(earmark)s)."
                    )
                    % {
                        "budget": locked,
                        "movable": format_amount(max(ZERO, movable)),
                        "committed": format_amount(locked.committed),
                        "earmark": format_amount(locked.earmarked_case_unspecific),
                    }
                ]
            },
            BudgetTransfer,
        )
    Budget.objects.filter(pk=source.pk).update(
        transferred=F("transferred") - amount, updated_at=timezone.now()
    )
    Budget.objects.filter(pk=target.pk).update(
        transferred=F("transferred") + amount, updated_at=timezone.now()
    )
    moved = BudgetTransfer.objects.create(
        youth_office_id=source.youth_office_id,
        source=source,
        target=target,
        amount=amount,
        reason=reason.strip(),
        by=by,
    )
    office = YouthOffice.objects.get(pk=source.youth_office_id)
    changes = {
        "source": {"old": "", "new": str(locked)},
        "target": {"old": "", "new": str(rows[target.pk])},
        "amount": {"old": "", "new": format_amount(amount)},
        "reason": {"old": "", "new": moved.reason},
    }
    record(office=office, actor=by, action=Action.CREATE, instance=moved, changes=changes)
    return moved


# Allocations --------------------------------------------------------------------------------


def _allocation_input_errors(
    measure: Measure, shares: Sequence[tuple[Budget, Decimal]], total: Decimal | None
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if measure.status != MeasureStatus.APPROVED:
        errors["__all__"] = [_("Mittel können nur für eine bewilligte Maßnahme gebunden werden.")]
    if not shares:
        errors["__all__"] = [
            *errors.get("__all__", []),
            _("Bitte geben Sie an, aus welchem Budget wie viel gebunden wird."),
        ]
    seen: set[int] = set()
    for budget, amount in shares:
        field = share_field(budget)
        if budget.youth_office_id != measure.youth_office_id:
            errors[field] = [_("Dieses Budget gehört zu einem anderen Jugendamt.")]
        elif budget.pk in seen:
            errors[field] = [_("Jedes Budget kann nur einmal beteiligt sein.")]
        else:
            errors.update(_amount_errors(field, amount))
        seen.add(budget.pk)
    summed = sum((amount for _budget, amount in shares), ZERO)
    if total is not None and shares and summed != total:
        errors["total"] = [
            _(
                "Die Anteile ergeben zusammen %(sum)s, der Betrag ist %(total)s. Sie müssen "
                "genau aufgehen."
            )
            % {"sum": format_amount(summed), "total": format_amount(total)}
        ]
    return errors


def _raise_committed(budget: Budget, amount: Decimal) -> bool:
    """Commit `amount` on the budget with F() in a savepoint; False if the CHECK refused it."""
    try:
        with transaction.atomic():
            Budget.objects.filter(pk=budget.pk).update(
                committed=F("committed") + amount, updated_at=timezone.now()
            )
    except IntegrityError as error:
        if not _violates(error, OVERCOMMIT):
            raise
        return False
    return True


def over_limit_message(budget: Budget, amount: Decimal) -> str:
    return _(
        "Im Budget %(budget)s sind nur noch %(available)s verfügbar; %(amount)s sind zu viel. "
        "Bitte verteilen Sie den Betrag anders oder buchen Sie Mittel um. Soll das Budget bewusst "
        "überschritten werden, wählen Sie „Budget ausdrücklich überschreiten“ und begründen Sie "
        "es."
    ) % {
        "budget": budget,
        "available": format_amount(headroom(budget)),
        "amount": format_amount(amount),
    }


@transaction.atomic
def allocate(
    *,
    measure: Measure,
    shares: list[tuple[Budget, Decimal]],
    by: User | None,
    override_reason: str = "",
    decision: Decision | None = None,
    total: Decimal | None = None,
    note: str = "",
) -> Allocation:
    """Commit an approved measure's costs on one budget or several (pooling). `shares`:
    (budget, amount) pairs; with `total` they must add up to it exactly. A share above what its
    budget has left is refused (InvalidData at `share_<budget pk>`), unless `override_reason`
    is given: then the budget's `overridden` rises by exactly the excess and a
    `BudgetOverride` records who allowed it, why, and which team decision it cites."""
    errors = _allocation_input_errors(measure, shares, total)
    errors.update(_text_errors("note", note, TEXT_MAX))
    errors.update(_text_errors("override_reason", override_reason, TEXT_MAX))
    if decision is not None and decision.youth_office_id != measure.youth_office_id:
        errors["decision"] = [_("Dieser Beschluss gehört zu einem anderen Jugendamt.")]
    if errors:
        raise InvalidData(errors, Allocation)
    reason = override_reason.strip()
    locked = _locked([budget.pk for budget, _amount in shares])
    ordered = sorted(shares, key=lambda pair: pair[0].pk)
    excesses: dict[int, Decimal] = {}
    for budget, amount in ordered:
        row = locked[budget.pk]
        if _raise_committed(row, amount):
            continue
        if not reason:
            errors[share_field(budget)] = [over_limit_message(row, amount)]
            continue
        excess = amount - headroom(row)
        Budget.objects.filter(pk=row.pk).update(
            overridden=F("overridden") + excess,
            committed=F("committed") + amount,
            updated_at=timezone.now(),
        )
        excesses[row.pk] = excess
    if errors:
        raise InvalidData(errors, Allocation)
    allocation = Allocation.objects.create(
        youth_office_id=measure.youth_office_id,
        measure=measure,
        total=sum((amount for _budget, amount in shares), ZERO),
        note=note.strip(),
        created_by=by,
    )
    created = AllocationShare.objects.bulk_create(
        AllocationShare(
            youth_office_id=measure.youth_office_id,
            allocation=allocation,
            budget_id=budget.pk,
            amount=amount,
        )
        for budget, amount in ordered
    )
    by_budget = {share.budget_id: share for share in created}
    for budget_pk, excess in excesses.items():
        BudgetOverride.objects.create(
            youth_office_id=measure.youth_office_id,
            budget_id=budget_pk,
            share=by_budget[budget_pk],
            amount=excess,
            reason=reason,
            decision=decision,
            by=by,
        )
    office = YouthOffice.objects.get(pk=measure.youth_office_id)
    with_shares = "; ".join(
        f"{locked[budget.pk]}: {format_amount(amount)}" for budget, amount in ordered
    )
    changes = {
        "measure": {"old": "", "new": measure.title},
        "total": {"old": "", "new": format_amount(allocation.total)},
        "shares": {"old": "", "new": with_shares},
    }
    if excesses:
        changes["override"] = {
            "old": "",
            "new": "; ".join(
                f"{locked[pk]}: +{format_amount(excess)} ({reason})"
                for pk, excess in excesses.items()
            ),
        }
    record(
        office=office,
        actor=by,
        action=Action.CREATE,
        instance=allocation,
        changes=changes,
        label=f"{measure.title}: {format_amount(allocation.total)}",
    )
    return allocation


# Expenses -----------------------------------------------------------------------------------


def share_left(share: AllocationShare) -> Decimal:
    """What can still be spent on the share without a recorded reason."""
    return max(ZERO, share.amount + share.excess_allowed - share.spent)


@transaction.atomic
def record_expense(
    *,
    share: AllocationShare,
    date: datetime.date,
    amount: Decimal,
    receipt: str,
    description: str = "",
    excess_reason: str = "",
    by: User | None,
    decision: Decision | None = None,
) -> Expense:
    """An expense on an allocation share of an approved measure. More than is committed on the
    share is refused (InvalidData at `amount`) unless `excess_reason` records why; then the
    share's `excess_allowed` rises by exactly the excess. `AllocationShare.spent` and
    `Budget.spent` are raised with F() in the transaction (CHECK `share_not_overspent`)."""
    locked = (
        AllocationShare.objects.select_for_update(of=("self",))
        .select_related("allocation__measure", "budget__social_space")
        .get(pk=share.pk)
    )
    measure = locked.allocation.measure
    errors = _amount_errors("amount", amount)
    if measure.status != MeasureStatus.APPROVED:
        errors["__all__"] = [_("Ausgaben können nur für eine bewilligte Maßnahme erfasst werden.")]
    if not isinstance(date, datetime.date):
        errors["date"] = [_("Bitte geben Sie das Datum der Ausgabe an.")]
    errors.update(
        _text_errors(
            "receipt", receipt, RECEIPT_MAX, required=_("Bitte geben Sie die Belegnummer an.")
        )
    )
    errors.update(_text_errors("description", description, DESCRIPTION_MAX))
    errors.update(_text_errors("excess_reason", excess_reason, TEXT_MAX))
    if decision is not None and decision.youth_office_id != locked.youth_office_id:
        errors["excess_decision"] = [_("Dieser Beschluss gehört zu einem anderen Jugendamt.")]
    if errors:
        raise InvalidData(errors, Expense)
    reason = excess_reason.strip()
    excess = ZERO
    try:
        with transaction.atomic():
            AllocationShare.objects.filter(pk=locked.pk).update(spent=F("spent") + amount)
    except IntegrityError as error:
        if not _violates(error, OVERSPENT):
            raise
        if not reason:
            raise InvalidData(
                {
                    "amount": [
                        _(
                            "Auf diesem Anteil (%(budget)s) sind noch %(left)s gebunden und "
                            "nicht ausgegeben; %(amount)s sind mehr. Eine Ausgabe über die "
                            "gebundenen Mittel hinaus braucht eine Begründung."
                        )
                        % {
                            "budget": locked.budget,
                            "left": format_amount(share_left(locked)),
                            "amount": format_amount(amount),
                        }
                    ]
                },
                Expense,
            ) from None
        excess = amount - share_left(locked)
        AllocationShare.objects.filter(pk=locked.pk).update(
            excess_allowed=F("excess_allowed") + excess, spent=F("spent") + amount
        )
    Budget.objects.filter(pk=locked.budget_id).update(
        spent=F("spent") + amount, updated_at=timezone.now()
    )
    expense = Expense.objects.create(
        youth_office_id=locked.youth_office_id,
        share=locked,
        date=date,
        amount=amount,
        receipt=receipt.strip(),
        description=description.strip(),
        excess_reason=reason if excess else "",
        excess_decision=decision if excess else None,
        created_by=by,
    )
    office = YouthOffice.objects.get(pk=locked.youth_office_id)
    changes = diff({}, snapshot(expense, ["date", "amount", "receipt", "description"]))
    changes["amount"]["new"] = format_amount(amount)
    changes["share"] = {"old": "", "new": f"{measure.title} – {locked.budget}"}
    if excess:
        changes["excess_reason"] = {"old": "", "new": f"+{format_amount(excess)}: {reason}"}
    record(
        office=office,
        actor=by,
        action=Action.CREATE,
        instance=expense,
        changes=changes,
        label=f"{measure.title}: {format_amount(amount)} ({expense.receipt})",
    )
    return expense
