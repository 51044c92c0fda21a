"""Changes proposed by carrier editors: propose, compare, approve, reject.

A carrier editor's edit of their organisation becomes an OrganisationChange; coordination
approves it (applied with the optimistic-locking check of services) or rejects it with a note.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sozialraum.audit.models import Action
from sozialraum.audit.services import diff, record, snapshot
from sozialraum.lib.errors import ConcurrentEditError
from sozialraum.lib.fields import field_label
from sozialraum.network.models import (
    ChangeStatus,
    Organisation,
    OrganisationChange,
    OrganisationKind,
    Sponsorship,
)
from sozialraum.network.services import (  # shared validation and saving
    ORGANISATION_AUDITED,
    ORGANISATION_FIELDS,
    apply_organisation_data,
    check_spaces,
    save_organisation,
    validate_organisation,
)
from sozialraum.regions.models import Municipality, SocialSpace

if TYPE_CHECKING:
    from sozialraum.accounts.models import User


def _json_value(name: str, value: Any) -> Any:
    if name == "municipality":
        return value.pk if value is not None else None
    return value


@transaction.atomic
def propose_organisation_change(
    *,
    organisation: Organisation,
    actor: User | None,
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
    apply_organisation_data(candidate, data)
    spaces = None if social_spaces is None else check_spaces(office, social_spaces)
    validate_organisation(office, candidate, spaces)
    proposed = {name: _json_value(name, getattr(candidate, name)) for name in data}
    if spaces is not None:
        proposed["social_spaces"] = sorted(space.pk for space in spaces)

    before = snapshot(current, ORGANISATION_AUDITED)
    after = {
        **before,
        **{
            label: value
            for label, value in snapshot(candidate, list(data)).items()
            if label in before
        },
    }
    if spaces is not None:
        after[str(Organisation._meta.get_field("social_spaces").verbose_name)] = ", ".join(
            sorted(space.name for space in spaces)
        )
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
    if replaced:
        changes[str(_("Status"))] = {
            "old": "",
            "new": _("ersetzt einen älteren, noch offenen Vorschlag"),
        }
    record(
        office=office,
        actor=actor,
        action=Action.CREATE,
        instance=change,
        label=_("Änderungsvorschlag für „%(name)s“") % {"name": current.name},
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


def _record_review(change: OrganisationChange, actor: User | None, old_status: str) -> None:
    changes = {
        str(_("Status")): {"old": old_status, "new": str(change.get_status_display())},
    }
    if change.review_note:
        changes[str(_("Anmerkung"))] = {"old": "", "new": change.review_note}
    record(
        office=change.organisation.youth_office,
        actor=actor,
        action=Action.UPDATE,
        instance=change,
        label=_("Änderungsvorschlag für „%(name)s“") % {"name": change.organisation.name},
        changes=changes,
    )


@transaction.atomic
def approve_change(*, change: OrganisationChange, actor: User | None) -> Organisation:
    """Apply a proposal. ConcurrentEditError if the organisation changed since it was made."""
    change = _locked_pending(change)
    current = Organisation.objects.select_related("youth_office", "municipality").get(
        pk=change.organisation_id
    )
    if current.version != change.base_version:
        raise ConcurrentEditError
    data, spaces = _proposal_values(change)
    organisation = save_organisation(
        current=current,
        actor=actor,
        version=change.base_version,
        data=data,
        social_spaces=spaces,
    )
    old_status = str(change.get_status_display())
    change.status = ChangeStatus.APPROVED
    change.reviewed_by = actor if getattr(actor, "is_authenticated", False) else None
    change.reviewed_at = timezone.now()
    change.save(update_fields=["status", "reviewed_by", "reviewed_at"])
    _record_review(change, actor, old_status)
    return organisation


@transaction.atomic
def reject_change(*, change: OrganisationChange, actor: User | None, note: str = "") -> None:
    change = _locked_pending(change)
    old_status = str(change.get_status_display())
    change.status = ChangeStatus.REJECTED
    change.reviewed_by = actor if getattr(actor, "is_authenticated", False) else None
    change.reviewed_at = timezone.now()
    change.review_note = (note or "").strip()
    change.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_note"])
    _record_review(change, actor, old_status)


# ---------------------------------------------------------------------------------------------
# The comparison coordination reviews


REVIEWED_FIELDS = [
    "name",
    "kind",
    "sponsorship",
    "street",
    "postcode",
    "city",
    "municipality",
    "phone",
    "email",
    "website",
    "description",
    "social_spaces",
    "is_public",
]


def _display(name: str, value, spaces: dict[int, str], municipalities: dict) -> str:
    if value in (None, "", []):
        return ""
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


def change_rows(change: OrganisationChange) -> list[dict]:
    """Per field: label, value now, proposed value, and whether they differ."""
    org = change.organisation
    current: dict[str, Any] = {
        "name": org.name,
        "kind": org.kind,
        "sponsorship": org.sponsorship,
        "street": org.street,
        "postcode": org.postcode,
        "city": org.city,
        "municipality": org.municipality_id,
        "phone": org.phone,
        "email": org.email,
        "website": org.website,
        "description": org.description,
        "social_spaces": sorted(s.pk for s in org.social_spaces.all()),
        "is_public": org.is_public,
    }
    proposed = dict(change.proposed or {})
    space_ids = set(current["social_spaces"]) | set(proposed.get("social_spaces") or [])
    spaces = dict(
        SocialSpace.objects.in_office(org.youth_office)
        .filter(pk__in=space_ids)
        .values_list("pk", "name")
    )
    municipality_ids = {current["municipality"], proposed.get("municipality")} - {None}
    municipalities = dict(
        Municipality.objects.filter(pk__in=municipality_ids).values_list("pk", "name")
    )
    rows = []
    for name in REVIEWED_FIELDS:
        label = field_label(Organisation, name)
        if name == "social_spaces":
            label = org.youth_office.social_space_label_plural
        before = _display(name, current[name], spaces, municipalities)
        after = _display(name, proposed.get(name, current[name]), spaces, municipalities)
        rows.append({"label": label, "before": before, "after": after, "changed": before != after})
    return rows
