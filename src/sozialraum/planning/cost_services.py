"""Writes of the cost calculation (planning-needs): a measure's `CostEstimate` with its
`CostItem`s, and the office's pay groups.

Totals are always computed here, never typed: an item's amount is hours x the pay group's
hourly rate (copied into the item, so a later change of the rate never changes a calculation)
or quantity x unit price; the estimate's `total` is the sum of its items and `requested` the
total less own contribution and third-party funding. Before a measure is first submitted the
calculation is edited in place; afterwards every change is a new revision (`number` + 1), so
the history shows who changed what, when. An approved or rejected measure's calculation is
final (MeasureClosed, nothing changed).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext as _

from sozialraum.audit.models import Action
from sozialraum.audit.services import record, stored_language
from sozialraum.lib.errors import InvalidData
from sozialraum.lib.money import format_amount
from sozialraum.planning import measure_services, selectors
from sozialraum.planning.measure_models import (
    CostEstimate,
    CostItem,
    CostKind,
    Measure,
    MeasureStatus,
    MeasureTransition,
)
from sozialraum.planning.models import ZERO, PayGroup
from sozialraum.regions.models import YouthOffice

if TYPE_CHECKING:
    from sozialraum.accounts.models import User


@dataclass(frozen=True)
class ItemData:
    kind: str
    description: str
    pay_group: PayGroup | None = None
    hours: Decimal | None = None
    quantity: Decimal | None = None
    unit_price: Decimal | None = None


def _common_errors(data: ItemData) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if data.kind not in CostKind.values:
        errors["kind"] = [_("Bitte wählen Sie eine Kostenart.")]
    if not data.description.strip():
        errors["description"] = [_("Bitte beschreiben Sie die Kostenposition.")]
    for name in ("hours", "quantity", "unit_price"):
        value = getattr(data, name)
        if value is not None and value < 0:
            errors[name] = [_("Der Wert darf nicht negativ sein.")]
    return errors


def _personnel(office: YouthOffice, data: ItemData, item: CostItem) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if data.pay_group is None:
        errors["pay_group"] = [_("Bitte wählen Sie die Entgeltgruppe.")]
    elif data.pay_group.youth_office_id != office.pk:
        errors["pay_group"] = [_("Diese Entgeltgruppe gehört zu einem anderen Jugendamt.")]
    if data.hours is None:
        errors["hours"] = [_("Bitte geben Sie die Stunden an.")]
    if not errors and data.pay_group is not None:
        item.pay_group, item.hours = data.pay_group, data.hours
        item.hourly_rate = data.pay_group.hourly_rate  # copied: a later rate changes nothing
        item.quantity = Decimal("1")
    return errors


def _item(office: YouthOffice, data: ItemData, position: int) -> CostItem:
    errors = _common_errors(data)
    item = CostItem(
        youth_office=office,
        kind=data.kind,
        description=data.description.strip()[:300],
        position=position,
    )
    if data.kind == CostKind.PERSONNEL:
        errors.update(_personnel(office, data, item))
    else:
        if data.unit_price is None:
            errors["unit_price"] = [_("Bitte geben Sie den Einzelpreis an.")]
        item.quantity = data.quantity if data.quantity is not None else Decimal("1")
        item.unit_price = data.unit_price
    if errors:
        raise InvalidData(errors, CostItem)
    item.amount = item.compute_amount()
    return item


def was_submitted(measure: Measure) -> bool:
    return MeasureTransition.objects.filter(
        measure=measure, to_status=MeasureStatus.SUBMITTED
    ).exists()


def _summary(estimate: CostEstimate | None) -> str:
    if estimate is None:
        return ""
    return _("Gesamtkosten %(total)s, beantragt %(requested)s") % {
        "total": format_amount(estimate.total),
        "requested": format_amount(estimate.requested),
    }


@transaction.atomic
def save_costs(
    *,
    measure: Measure,
    by: User,
    version: int,
    items: Iterable[ItemData],
    own_contribution: Decimal = ZERO,
    third_party_funding: Decimal = ZERO,
    third_party_source: str = "",
    note: str = "",
) -> CostEstimate:
    """Write the measure's cost calculation: in place before the first submission, as a new
    revision afterwards. Returns the estimate written."""
    current = measure_services.lock(measure, version)
    measure_services.ensure_open(current)
    office = current.youth_office
    errors: dict[str, list[str]] = {}
    if own_contribution < 0:
        errors["own_contribution"] = [_("Der Betrag darf nicht negativ sein.")]
    if third_party_funding < 0:
        errors["third_party_funding"] = [_("Der Betrag darf nicht negativ sein.")]
    if errors:
        raise InvalidData(errors, CostEstimate)
    new_items = [_item(office, data, index) for index, data in enumerate(items)]
    if not new_items:
        raise ValueError(_("Bitte tragen Sie mindestens eine Kostenposition ein."))
    total = sum((item.amount for item in new_items), ZERO)
    if own_contribution + third_party_funding > total:
        raise InvalidData(
            {
                "third_party_funding": [
                    _(
                        "Eigenanteil und Drittmittel zusammen sind höher als die Gesamtkosten "
                        "(%(total)s)."
                    )
                    % {"total": format_amount(total)}
                ]
            },
            CostEstimate,
        )
    previous = selectors.current_estimate(current)
    if previous is None or was_submitted(current):
        estimate = CostEstimate(
            youth_office=office,
            measure=current,
            number=(previous.number + 1) if previous is not None else 1,
            created_by=by,
        )
        action = Action.CREATE
    else:
        estimate = previous
        estimate.created_by = by
        action = Action.UPDATE
    with stored_language():
        before = _summary(previous)
    estimate.own_contribution = own_contribution
    estimate.third_party_funding = third_party_funding
    estimate.third_party_source = third_party_source.strip()[:200]
    estimate.note = note.strip()
    estimate.total = total
    estimate.requested = total - own_contribution - third_party_funding
    estimate.save()
    CostItem.objects.filter(estimate=estimate).delete()
    for item in new_items:
        item.estimate = estimate
    CostItem.objects.bulk_create(new_items)
    measure_services.bump(current)
    measure.version = current.version
    with stored_language():  # the trail is written in the platform's language
        label = _("Kostenkalkulation „%(measure)s“, Fassung %(number)s") % {
            "measure": current.title,
            "number": estimate.number,
        }
        after = _summary(estimate)
    record(
        office=office,
        actor=by,
        action=action,
        instance=estimate,
        label=label,
        changes={"items": {"old": before, "new": after}},
    )
    return estimate


def revision_changes(estimates: list[CostEstimate]) -> dict[int, list[dict[str, Any]]]:
    """What changed from each revision to the next (estimate pk -> rows of kind, old, new):
    the sums per kind of cost and the funding, from the prefetched items."""

    def sums(estimate: CostEstimate) -> dict[str, Decimal]:
        values: dict[str, Decimal] = {}
        for item in estimate.items.all():
            label = str(CostKind(item.kind).label)
            values[label] = values.get(label, ZERO) + item.amount
        values[_("Eigenanteil")] = estimate.own_contribution
        values[_("Drittmittel")] = estimate.third_party_funding
        return values

    ordered = sorted(estimates, key=lambda e: e.number)
    changes: dict[int, list[dict[str, Any]]] = {}
    for older, newer in itertools.pairwise(ordered):
        old, new = sums(older), sums(newer)
        changes[newer.pk] = [
            {"label": label, "old": old.get(label), "new": new.get(label)}
            for label in dict.fromkeys([*old, *new])
            if old.get(label, ZERO) != new.get(label, ZERO)
        ]
    return changes


# --- Pay groups (coordination) -----------------------------------------------------------


@transaction.atomic
def save_pay_group(
    *,
    office: YouthOffice,
    by: User,
    name: str,
    hourly_rate: Decimal,
    pay_group: PayGroup | None = None,
    is_active: bool = True,
) -> PayGroup:
    name = name.strip()
    if hourly_rate < 0:
        raise InvalidData({"hourly_rate": [_("Der Stundensatz darf nicht negativ sein.")]})
    clash = PayGroup.objects.in_office(office).filter(name__iexact=name)
    if pay_group is not None:
        clash = clash.exclude(pk=pay_group.pk)
    if not name or clash.exists():
        message = (
            _("Diese Entgeltgruppe gibt es schon.")
            if name
            else _("Bitte geben Sie einen Namen ein.")
        )
        raise InvalidData({"name": [message]})
    created = pay_group is None
    row = pay_group or PayGroup(youth_office=office)
    old = {"name": row.name, "hourly_rate": format_amount(row.hourly_rate) if not created else ""}
    row.name, row.hourly_rate, row.is_active = name, hourly_rate, is_active
    row.save()
    record(
        office=office,
        actor=by,
        action=Action.CREATE if created else Action.UPDATE,
        instance=row,
        changes={
            "name": {"old": old["name"] if not created else "", "new": row.name},
            "hourly_rate": {"old": old["hourly_rate"], "new": format_amount(hourly_rate)},
        },
    )
    return row
