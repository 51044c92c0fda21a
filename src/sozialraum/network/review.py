"""Review of changes proposed by carrier editors: propose, approve, reject.

A carrier editor's edit of their organisation becomes an OrganisationChange; coordination
approves it (applied with the optimistic-locking check of services) or rejects it with a note.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sozialraum.audit.models import Action
from sozialraum.audit.services import diff, record, snapshot, stored_language
from sozialraum.network.models import (
    ChangeStatus,
    Organisation,
    OrganisationChange,
)
from sozialraum.network.services import (  # shared validation and saving
    _ORGANISATION_AUDITED,
    ORGANISATION_FIELDS,
    _apply_organisation_data,
    _check_spaces,
    _save_organisation,
    _validate_organisation,
)
from sozialraum.regions.models import Municipality, SocialSpace
from sozialraum.regions.services import ConcurrentEditError


def _json_value(name: str, value: Any) -> Any:
    if name == "municipality":
        return value.pk if value is not None else None
    return value


@transaction.atomic
def propose_organisation_change(
    *,
    organisation: Organisation,
    actor,
    data: dict[str, Any],
    social_spaces: Iterable[SocialSpace] | None = None,
) -> OrganisationChange:
    """A carrier editor's edit, waiting for coordination's review. An older pending proposal
    of the same organisation is closed as replaced."""
    current = Organisation.objects.select_related("youth_office", "municipality").get(
        pk=organisation.pk
    )
    office = current.youth_office
    candidate = copy.copy(current)
    _apply_organisation_data(candidate, data)
    spaces = None if social_spaces is None else _check_spaces(office, social_spaces)
    _validate_organisation(office, candidate, spaces)
    proposed = {name: _json_value(name, getattr(candidate, name)) for name in data}
    if spaces is not None:
        proposed["social_spaces"] = sorted(space.pk for space in spaces)

    before = snapshot(current, _ORGANISATION_AUDITED)
    after = {
        **before,
        **{
            name: value for name, value in snapshot(candidate, list(data)).items() if name in before
        },
    }
    if spaces is not None:
        after["social_spaces"] = ", ".join(sorted(space.name for space in spaces))
    changes = diff(before, after)
    if not changes:
        raise ValueError(
            _("Sie haben nichts geändert. Ein Vorschlag braucht mindestens eine Änderung.")
        )
    now = timezone.now()
    replaced = OrganisationChange.objects.filter(
        organisation=current, status=ChangeStatus.PENDING
    ).update(
        status=ChangeStatus.REJECTED,
        reviewed_at=now,
        review_note=_("Durch einen neueren Vorschlag ersetzt."),
    )
    change = OrganisationChange.objects.create(
        youth_office=office,
        organisation=current,
        proposed=proposed,
        base_version=current.version,
        submitted_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    with stored_language():
        if replaced:
            changes["status"] = {
                "old": "",
                "new": _("ersetzt einen älteren, noch offenen Vorschlag"),
            }
        label = _("Änderungsvorschlag für „%(name)s“") % {"name": current.name}
    record(
        office=office,
        actor=actor,
        action=Action.CREATE,
        instance=change,
        label=label,
        changes=changes,
    )
    return change


def _proposal_values(change: OrganisationChange) -> tuple[dict[str, Any], list | None]:
    office = change.organisation.youth_office
    data = {k: v for k, v in (change.proposed or {}).items() if k in ORGANISATION_FIELDS}
    if "municipality" in data and data["municipality"] is not None:
        municipality = Municipality.objects.filter(pk=data["municipality"]).first()
        data["municipality"] = municipality
    spaces = None
    if "social_spaces" in (change.proposed or {}):
        # Spaces deleted since the proposal simply drop out.
        spaces = list(
            SocialSpace.objects.in_office(office).filter(pk__in=change.proposed["social_spaces"])
        )
    return data, spaces


def _locked_pending(change: OrganisationChange) -> OrganisationChange:
    locked = (
        OrganisationChange.objects.select_for_update()
        .select_related("organisation__youth_office")
        .get(pk=change.pk)
    )
    if locked.status != ChangeStatus.PENDING:
        raise ValueError(_("Über diesen Vorschlag ist schon entschieden."))
    return locked


def _record_review(change: OrganisationChange, actor, old_status: str) -> None:
    """`old_status`: the ChangeStatus value before the review."""
    with stored_language():
        changes = {
            "status": {
                "old": str(ChangeStatus(old_status).label),
                "new": str(change.get_status_display()),
            },
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
def approve_change(*, change: OrganisationChange, actor) -> Organisation:
    """Apply a proposal. ConcurrentEditError if the organisation changed since it was made."""
    change = _locked_pending(change)
    current = Organisation.objects.select_related("youth_office", "municipality").get(
        pk=change.organisation_id
    )
    if current.version != change.base_version:
        raise ConcurrentEditError
    data, spaces = _proposal_values(change)
    organisation = _save_organisation(
        current=current,
        actor=actor,
        version=change.base_version,
        data=data,
        social_spaces=spaces,
    )
    old_status = change.status
    change.status = ChangeStatus.APPROVED
    change.reviewed_by = actor if getattr(actor, "is_authenticated", False) else None
    change.reviewed_at = timezone.now()
    change.save(update_fields=["status", "reviewed_by", "reviewed_at"])
    _record_review(change, actor, old_status)
    return organisation


@transaction.atomic
def reject_change(*, change: OrganisationChange, actor, note: str = "") -> None:
    change = _locked_pending(change)
    old_status = change.status
    change.status = ChangeStatus.REJECTED
    change.reviewed_by = actor if getattr(actor, "is_authenticated", False) else None
    change.reviewed_at = timezone.now()
    change.review_note = (note or "").strip()
    change.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_note"])
    _record_review(change, actor, old_status)
