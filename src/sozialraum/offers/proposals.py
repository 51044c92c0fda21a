"""Changes of offers proposed by carrier editors: propose (or amend), compare, approve, reject.

The same pattern as network/proposals.py: an OfferChange holds only the fields the carrier
editor changed (`proposed`, JSON values of offers/values.py) and what those fields said when
they proposed (`base`). Coordination compares field by field; a field changed since by
somebody else is a conflict and not preselected; approving applies only the chosen fields onto
the offer as it is now. A second proposal while the first waits amends it.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sozialraum.audit.models import Action
from sozialraum.audit.services import record, stored_language
from sozialraum.network.models import ChangeStatus
from sozialraum.offers import services
from sozialraum.offers import values as offer_values
from sozialraum.offers.models import Offer, OfferChange

if TYPE_CHECKING:
    from sozialraum.accounts.models import User

# What a carrier editor may propose, in the order of the review: no provider (their own
# organisation stays) and no import key.
REVIEWED_FIELDS = [
    name for name in offer_values.FIELDS if name not in ("organisation", "external_id")
]


def current_json(offer: Offer) -> dict[str, Any]:
    values = offer_values.to_json(offer_values.offer_values(offer))
    return {name: values[name] for name in REVIEWED_FIELDS}


def pending_change(offer: Offer) -> OfferChange | None:
    return (
        OfferChange.objects.filter(offer=offer, status=ChangeStatus.PENDING)
        .order_by("-submitted_at")
        .first()
    )


def proposal_initial(offer: Offer, change: OfferChange) -> dict[str, Any]:
    """The proposal form's start: the offer with the waiting proposal's values over it, as
    python values (the form's initial)."""
    values = offer_values.offer_values(offer)
    values.update(offer_values.from_json(offer.youth_office, change.proposed or {}))
    return values


@transaction.atomic
def propose_offer_change(*, offer: Offer, actor: User | None, data: dict[str, Any]) -> OfferChange:
    current = (
        Offer.objects.select_for_update(of=("self",))
        .select_related("youth_office", "organisation", "municipality")
        .get(pk=offer.pk)
    )
    office = current.youth_office
    wanted_data = {k: v for k, v in data.items() if k in REVIEWED_FIELDS}
    candidate = copy.copy(current)
    many = services.apply_offer_data(candidate, wanted_data)
    services.validate_offer(office, candidate, many)
    base = current_json(current)
    wanted = offer_values.to_json(wanted_data)
    proposed = {name: value for name, value in wanted.items() if value != base[name]}
    if not proposed:
        raise ValueError(
            _("Sie haben nichts geändert. Ein Vorschlag braucht mindestens eine Änderung.")
        )
    change = pending_change(current)
    amended = change is not None
    if change is None:
        change = OfferChange(youth_office=office, offer=current)
    change.proposed = proposed
    change.base = {name: base[name] for name in proposed}
    change.base_version = current.version
    change.submitted_by = actor if actor is not None and actor.is_authenticated else None
    change.save()
    if amended:
        OfferChange.objects.filter(pk=change.pk).update(submitted_at=timezone.now())
    with stored_language():
        rows = compare(change, current)
        label = _("Änderungsvorschlag für „%(title)s“") % {"title": current.title}
    record(
        office=office,
        actor=actor,
        action=Action.UPDATE if amended else Action.CREATE,
        instance=change,
        label=label,
        changes={
            row.name: {"old": row.base, "new": row.proposed} for row in rows if row.proposed_here
        },
    )
    return change


@dataclass(frozen=True)
class ReviewRow:
    """One field of the review: what the proposer saw, what they propose, what it says now."""

    name: str
    label: str
    base: str
    proposed: str
    current: str
    proposed_here: bool
    conflict: bool  # the proposer changed it, and somebody else too since

    @property
    def changed(self) -> bool:
        return self.proposed_here and self.proposed != self.current


def compare(change: OfferChange, offer: Offer | None = None) -> list[ReviewRow]:
    """Every reviewed field: proposer's view, proposal and the offer now."""
    if offer is None:  # as it is saved now, not as the change object remembers it
        offer = Offer.objects.select_related("youth_office").get(pk=change.offer_id)
    office = offer.youth_office
    current = current_json(offer)
    proposed = dict(change.proposed or {})
    base = {**current, **(change.base or {})}
    names = offer_values.row_names(office, current, proposed, base)
    rows = []
    for name in REVIEWED_FIELDS:
        here = name in proposed
        rows.append(
            ReviewRow(
                name=name,
                label=offer_values.label(name, office),
                base=offer_values.display(name, base.get(name), names),
                proposed=offer_values.display(name, proposed.get(name, base.get(name)), names),
                current=offer_values.display(name, current[name], names),
                proposed_here=here,
                conflict=here
                and current[name] != base.get(name)
                and current[name] != proposed[name],
            )
        )
    return rows


def _locked_pending(change: OfferChange) -> OfferChange:
    locked = (
        OfferChange.objects.select_for_update()
        .select_related("offer__youth_office")
        .get(pk=change.pk)
    )
    if locked.status != ChangeStatus.PENDING:
        raise ValueError(_("Über diesen Vorschlag ist schon entschieden."))
    return locked


def _record_review(
    change: OfferChange, actor: User | None, old_status: str, applied: Iterable[str] = ()
) -> None:
    office = change.offer.youth_office
    with stored_language():
        changes: dict[str, dict[str, str]] = {
            "status": {
                "old": str(ChangeStatus(old_status).label),
                "new": str(change.get_status_display()),
            },
        }
        if applied:
            changes["applied_fields"] = {
                "old": "",
                "new": ", ".join(offer_values.label(name, office) for name in applied),
            }
        if change.review_note:
            changes["review_note"] = {"old": "", "new": change.review_note}
        label = _("Änderungsvorschlag für „%(title)s“") % {"title": change.offer.title}
    record(
        office=office,
        actor=actor,
        action=Action.UPDATE,
        instance=change,
        label=label,
        changes=changes,
    )


def _decided(change: OfferChange, actor: User | None, status: str, note: str = "") -> str:
    old_status = change.status
    change.status = status
    change.reviewed_by = actor if actor is not None and actor.is_authenticated else None
    change.reviewed_at = timezone.now()
    change.review_note = (note or "").strip()
    change.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_note"])
    return old_status


@transaction.atomic
def approve_change(
    *, change: OfferChange, actor: User | None, fields: Iterable[str] | None = None
) -> Offer:
    """Apply the proposed `fields` (default: all proposed) onto the offer as it is now."""
    change = _locked_pending(change)
    current = (
        Offer.objects.select_for_update(of=("self",))
        .select_related("youth_office", "organisation", "municipality")
        .get(pk=change.offer_id)
    )
    proposed = dict(change.proposed or {})
    chosen = [name for name in REVIEWED_FIELDS if name in proposed]
    if fields is not None:
        wanted = set(fields)
        chosen = [name for name in chosen if name in wanted]
    if not chosen:
        raise ValueError(
            _(
                "Bitte wählen Sie mindestens ein Feld, das übernommen werden soll, oder lehnen Sie "
                "den Vorschlag ab."
            )
        )
    data = offer_values.from_json(current.youth_office, {name: proposed[name] for name in chosen})
    offer = services.save_offer(current=current, actor=actor, version=current.version, data=data)
    old_status = _decided(change, actor, ChangeStatus.APPROVED)
    _record_review(change, actor, old_status, chosen)
    return offer


@transaction.atomic
def reject_change(*, change: OfferChange, actor: User | None, note: str = "") -> None:
    change = _locked_pending(change)
    old_status = _decided(change, actor, ChangeStatus.REJECTED, note)
    _record_review(change, actor, old_status)
