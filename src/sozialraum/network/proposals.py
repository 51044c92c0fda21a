"""Changes proposed by carrier editors: propose (or amend), compare, approve, reject.

A carrier editor's edit of their organisation becomes an OrganisationChange holding only the
fields they changed (`proposed`) and what those fields said when they proposed (`base`).
Coordination compares field by field: a field coordination has changed since is shown as a
conflict, and approving applies only the fields coordination chooses, onto the entry as it is
now, so a later edit by coordination is never undone. A second proposal while the first is
still waiting amends it; nothing is marked "abgelehnt" that nobody rejected.
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
from sozialraum.lib.fields import field_label
from sozialraum.network.models import (
    ChangeStatus,
    Organisation,
    OrganisationChange,
    OrganisationKind,
    Sponsorship,
)
from sozialraum.network.services import (  # shared validation and saving
    ORGANISATION_FIELDS,
    apply_organisation_data,
    check_spaces,
    save_organisation,
    validate_organisation,
)
from sozialraum.regions.models import Municipality, SocialSpace

if TYPE_CHECKING:
    from sozialraum.accounts.models import User

# The fields a carrier editor may propose, in the order of the review (no import key).
REVIEWED_FIELDS = [name for name in ORGANISATION_FIELDS if name != "external_id"]
REVIEWED_FIELDS.insert(REVIEWED_FIELDS.index("is_public"), "social_spaces")


def json_values(organisation: Organisation, spaces: Iterable[SocialSpace] | None = None) -> dict:
    """The reviewed fields of an organisation as JSON values (ids for rows, sorted lists)."""
    values: dict[str, Any] = {}
    for name in REVIEWED_FIELDS:
        if name == "municipality":
            values[name] = organisation.municipality_id
        elif name == "social_spaces":
            chosen = organisation.social_spaces.all() if spaces is None else spaces
            values[name] = sorted(space.pk for space in chosen)
        else:
            values[name] = getattr(organisation, name)
    return values


def pending_change(organisation: Organisation) -> OrganisationChange | None:
    return (
        OrganisationChange.objects.filter(organisation=organisation, status=ChangeStatus.PENDING)
        .order_by("-submitted_at")
        .first()
    )


def proposal_initial(organisation: Organisation) -> dict[str, Any] | None:
    """The proposal form's start: the entry with the waiting proposal's values over it."""
    change = pending_change(organisation)
    if change is None:
        return None
    values = {**json_values(organisation), **(change.proposed or {})}
    values["version"] = organisation.version
    return values


def _label(name: str, organisation: Organisation) -> str:
    if name == "social_spaces":
        return str(organisation.youth_office.social_space_label_plural)
    return field_label(Organisation, name)


@transaction.atomic
def propose_organisation_change(
    *,
    organisation: Organisation,
    actor: User | None,
    data: dict[str, Any],
    social_spaces: Iterable[SocialSpace] | None = None,
) -> OrganisationChange:
    """A carrier editor's edit, waiting for coordination's review. If a proposal of the
    organisation is still waiting, it is amended (the form started from it)."""
    current = (
        # of=self: PostgreSQL cannot lock the nullable side of the municipality's outer join.
        Organisation.objects.select_for_update(of=("self",))
        .select_related("youth_office", "municipality")
        .get(pk=organisation.pk)
    )
    office = current.youth_office
    candidate = copy.copy(current)
    apply_organisation_data(candidate, {k: v for k, v in data.items() if k != "external_id"})
    spaces = None if social_spaces is None else check_spaces(office, social_spaces)
    validate_organisation(office, candidate, spaces)
    base = json_values(current)
    wanted = json_values(candidate, spaces)
    proposed = {name: value for name, value in wanted.items() if value != base[name]}
    if not proposed:
        raise ValueError(
            _("Sie haben nichts geändert. Ein Vorschlag braucht mindestens eine Änderung.")
        )
    submitted_by = actor if actor is not None and actor.is_authenticated else None
    change = pending_change(current)
    amended = change is not None
    if change is None:
        change = OrganisationChange(youth_office=office, organisation=current)
    change.proposed = proposed
    change.base = {name: base[name] for name in proposed}
    change.base_version = current.version
    change.submitted_by = submitted_by
    change.save()
    if amended:
        OrganisationChange.objects.filter(pk=change.pk).update(submitted_at=timezone.now())
    with stored_language():
        rows = compare(change, current)
        label = _("Änderungsvorschlag für „%(name)s“") % {"name": current.name}
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


# ---------------------------------------------------------------------------------------------
# The comparison coordination reviews


@dataclass(frozen=True)
class ReviewRow:
    """One field of the review: what the proposer saw, what they propose, what it says now."""

    name: str
    label: str
    base: str
    proposed: str
    current: str
    proposed_here: bool  # the proposer changed this field
    conflict: bool  # ... and coordination has changed it too since

    @property
    def changed(self) -> bool:
        return self.proposed_here and self.proposed != self.current


def _display(name: str, value: Any, spaces: dict[int, str], municipalities: dict) -> str:
    if value in (None, "", []):
        return "" if name != "is_public" else _("nein")
    if name == "kind":
        return str(OrganisationKind(value).label) if value in OrganisationKind.values else value
    if name == "sponsorship":
        return str(Sponsorship(value).label) if value in Sponsorship.values else value
    if name == "is_public":
        return _("ja") if value else _("nein")
    if name == "municipality":
        return municipalities.get(value, str(value))
    if name == "social_spaces":
        return ", ".join(sorted(spaces.get(pk, str(pk)) for pk in value))
    return str(value)


def compare(
    change: OrganisationChange, organisation: Organisation | None = None
) -> list[ReviewRow]:
    """Every reviewed field: proposer's view, proposal and the entry now (three queries)."""
    org = organisation or change.organisation
    current = json_values(org)
    proposed = dict(change.proposed or {})
    # Proposals from before `base` existed: the entry as it is now is the best we know.
    base = {**current, **(change.base or {})} if change.base else current
    space_ids = {
        pk for values in (current, proposed, base) for pk in (values.get("social_spaces") or [])
    }
    spaces = dict(
        SocialSpace.objects.in_office(org.youth_office)
        .filter(pk__in=space_ids)
        .values_list("pk", "name")
    )
    municipality_ids = {v.get("municipality") for v in (current, proposed, base)} - {None}
    municipalities = dict(
        Municipality.objects.filter(pk__in=municipality_ids).values_list("pk", "name")
    )
    rows = []
    for name in REVIEWED_FIELDS:
        here = name in proposed
        rows.append(
            ReviewRow(
                name=name,
                label=_label(name, org),
                base=_display(name, base.get(name), spaces, municipalities),
                proposed=_display(name, proposed.get(name, base.get(name)), spaces, municipalities),
                current=_display(name, current[name], spaces, municipalities),
                proposed_here=here,
                conflict=here
                and current[name] != base.get(name)
                and current[name] != proposed[name],
            )
        )
    return rows


# ---------------------------------------------------------------------------------------------
# Decisions


def _locked_pending(change: OrganisationChange) -> OrganisationChange:
    locked = (
        OrganisationChange.objects.select_for_update()
        .select_related("organisation__youth_office")
        .get(pk=change.pk)
    )
    if locked.status != ChangeStatus.PENDING:
        raise ValueError(_("Über diesen Vorschlag ist schon entschieden."))
    return locked


def _record_review(
    change: OrganisationChange, actor: User | None, old_status: str, applied: Iterable[str] = ()
) -> None:
    """`old_status`: the ChangeStatus value before the review; `applied`: field names."""
    with stored_language():
        changes = {
            "status": {
                "old": str(ChangeStatus(old_status).label),
                "new": str(change.get_status_display()),
            },
        }
        if applied:
            organisation = change.organisation
            changes["applied_fields"] = {
                "old": "",
                "new": ", ".join(_label(name, organisation) for name in applied),
            }
        if change.review_note:
            changes["review_note"] = {"old": "", "new": change.review_note}
        label = _("Änderungsvorschlag für „%(name)s“") % {"name": change.organisation.name}
    record(
        office=change.organisation.youth_office,
        actor=actor,
        action=Action.UPDATE,
        instance=change,
        label=label,
        changes=changes,
    )


@transaction.atomic
def approve_change(
    *, change: OrganisationChange, actor: User | None, fields: Iterable[str] | None = None
) -> Organisation:
    """Apply the proposed `fields` (default: all proposed) onto the entry as it is now; the
    other fields keep what coordination or anybody else saved meanwhile."""
    change = _locked_pending(change)
    current = (
        # of=self: PostgreSQL cannot lock the nullable side of the municipality's outer join.
        Organisation.objects.select_for_update(of=("self",))
        .select_related("youth_office", "municipality")
        .get(pk=change.organisation_id)
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
    data = {name: proposed[name] for name in chosen if name != "social_spaces"}
    if data.get("municipality") is not None:
        data["municipality"] = Municipality.objects.filter(pk=data["municipality"]).first()
    spaces = None
    if "social_spaces" in chosen:
        # Spaces deleted since the proposal simply drop out.
        spaces = list(
            SocialSpace.objects.in_office(current.youth_office).filter(
                pk__in=proposed["social_spaces"]
            )
        )
    organisation = save_organisation(
        current=current, actor=actor, version=current.version, data=data, social_spaces=spaces
    )
    old_status = change.status
    change.status = ChangeStatus.APPROVED
    change.reviewed_by = actor if actor is not None and actor.is_authenticated else None
    change.reviewed_at = timezone.now()
    change.save(update_fields=["status", "reviewed_by", "reviewed_at"])
    _record_review(change, actor, old_status, chosen)
    return organisation


@transaction.atomic
def reject_change(*, change: OrganisationChange, actor: User | None, note: str = "") -> None:
    change = _locked_pending(change)
    old_status = change.status
    change.status = ChangeStatus.REJECTED
    change.reviewed_by = actor if actor is not None and actor.is_authenticated else None
    change.reviewed_at = timezone.now()
    change.review_note = (note or "").strip()
    change.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_note"])
    _record_review(change, actor, old_status)
