"""Writes of the network of actors: keyword-only, atomic, audited, with optimistic locking.

Every function checks tenancy (social spaces, municipality, organisation and person belong to
the same youth office) and raises ValueError with a German message otherwise; invalid field
values raise `InvalidData` (a ValueError that also carries the messages per field). A stale
`version` raises lib.errors.ConcurrentEditError: nobody's edit is silently overwritten.

Changes to a person's affiliations are recorded in the audit trail *on the person*, so the
DSGVO erasure (`erase_person`) finds and anonymises every entry that carries the name.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.db.models.deletion import RestrictedError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sozialraum.audit.models import Action
from sozialraum.audit.services import as_text, diff, record, snapshot, stored_language
from sozialraum.lib.errors import ConcurrentEditError, InvalidData, unique_as_field_error
from sozialraum.network.models import (
    Affiliation,
    ChangeStatus,
    ExpectedKind,
    Organisation,
    OrganisationKind,
    Person,
)
from sozialraum.regions.models import Municipality, SocialSpace, YouthOffice

if TYPE_CHECKING:
    from sozialraum.accounts.models import User

ORGANISATION_FIELDS = Organisation.EDITABLE_FIELDS
PERSON_FIELDS = Person.EDITABLE_FIELDS
ORGANISATION_AUDITED = [*ORGANISATION_FIELDS, "social_spaces"]
_PERSON_AUDITED = list(PERSON_FIELDS)


# Helpers ----------------------------------------------------------------------------------------


def _check_keys(data: dict[str, Any], allowed: Iterable[str]) -> None:
    unknown = sorted(set(data) - set(allowed))
    if unknown:
        raise ValueError(f"Unknown fields: {', '.join(unknown)}")


def _full_clean(instance, exclude: list[str]) -> None:
    try:
        instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        raise InvalidData(
            {name: [str(m) for m in messages] for name, messages in error.message_dict.items()},
            type(instance),
        ) from None


def _check_municipality(office: YouthOffice, municipality: Municipality | None) -> None:
    if municipality is not None and municipality.kreis_key != office.kreis_key:
        raise ValueError(
            _("Die Gemeinde %(name)s liegt nicht im Kreis des Jugendamts.")
            % {"name": municipality.name}
        )


def check_spaces(office: YouthOffice, social_spaces: Iterable[SocialSpace]) -> list[SocialSpace]:
    chosen = list(dict.fromkeys(social_spaces))
    foreign = [space for space in chosen if space.youth_office_id != office.pk]
    if foreign:
        raise ValueError(
            _("Diese Räume gehören nicht zu diesem Jugendamt: %(names)s.")
            % {"names": ", ".join(space.name for space in foreign)}
        )
    return chosen


def apply_organisation_data(organisation: Organisation, data: dict[str, Any]) -> None:
    _check_keys(data, ORGANISATION_FIELDS)
    for name, value in data.items():
        if isinstance(value, str):
            value = value.strip()
        if name == "is_public":
            value = bool(value)
        if value is None and name != "municipality":
            value = ""
        setattr(organisation, name, value)


def validate_organisation(
    office: YouthOffice, organisation: Organisation, social_spaces: list[SocialSpace] | None
) -> None:
    _check_municipality(office, organisation.municipality)
    if social_spaces is not None:
        check_spaces(office, social_spaces)
    _full_clean(
        organisation,
        exclude=["youth_office", "name_key", "duplicate_key", "sort_key", "search_text"],
    )
    if organisation.external_id:
        message = external_id_taken(office, organisation)
        if message:
            raise InvalidData({"external_id": [message]}, Organisation)


def external_id_taken(office: YouthOffice, organisation: Organisation) -> str:
    taken = (
        Organisation.objects.in_office(office)
        .filter(external_id=organisation.external_id)
        .exclude(pk=organisation.pk)
        .first()
    )
    if taken is None:
        return ""
    return _("Diese Kennung hat schon „%(name)s“.") % {"name": taken.name}


def _unique_external_id(office: YouthOffice, organisation: Organisation):
    """A parallel save that took the same external id answers like the check above."""
    return unique_as_field_error(
        Organisation,
        "unique_organisation_external_id_per_office",
        "external_id",
        lambda: external_id_taken(office, organisation) or _("Diese Kennung ist schon vergeben."),
    )


# Organisations ------------------------------------------------------------------------------


@transaction.atomic
def create_organisation(
    *,
    office: YouthOffice,
    actor: User | None,
    data: dict[str, Any],
    social_spaces: Iterable[SocialSpace] = (),
) -> Organisation:
    organisation = Organisation(youth_office=office)
    apply_organisation_data(organisation, data)
    spaces = check_spaces(office, social_spaces)
    validate_organisation(office, organisation, spaces)
    with _unique_external_id(office, organisation):
        organisation.save()
    organisation.social_spaces.set(spaces)
    record(
        office=office,
        actor=actor,
        action=Action.CREATE,
        instance=organisation,
        changes=diff({}, snapshot(organisation, ORGANISATION_AUDITED)),
    )
    return organisation


def save_organisation(
    *,
    current: Organisation,
    actor: User | None,
    version: int,
    data: dict[str, Any],
    social_spaces: Iterable[SocialSpace] | None,
    audit_label: str | None = None,
) -> Organisation:
    """The update itself (inside the caller's transaction): check, conditional UPDATE, audit."""
    office = current.youth_office
    before = snapshot(current, ORGANISATION_AUDITED)
    if current.version != version:
        raise ConcurrentEditError
    candidate = copy.copy(current)
    apply_organisation_data(candidate, data)
    spaces = None if social_spaces is None else check_spaces(office, social_spaces)
    validate_organisation(office, candidate, spaces)
    values = {name: getattr(candidate, name) for name in data}
    now = timezone.now()
    with _unique_external_id(office, candidate):
        updated = Organisation.objects.filter(pk=current.pk, version=version).update(
            **values,
            **candidate.computed_keys(),
            confirmed_at=now,
            updated_at=now,
            version=F("version") + 1,
        )
    if not updated:
        raise ConcurrentEditError
    organisation = Organisation.objects.select_related("youth_office", "municipality").get(
        pk=current.pk
    )
    if spaces is not None:
        organisation.social_spaces.set(spaces)
    changes = diff(before, snapshot(organisation, ORGANISATION_AUDITED))
    if changes:
        record(
            office=office,
            actor=actor,
            action=Action.UPDATE,
            instance=organisation,
            changes=changes,
            label=audit_label,
        )
    return organisation


@transaction.atomic
def update_organisation(
    *,
    organisation: Organisation,
    actor: User | None,
    version: int,
    data: dict[str, Any],
    social_spaces: Iterable[SocialSpace] | None = None,
) -> Organisation:
    """Update the given fields (and the social spaces unless None). Saving also confirms the
    entry as current."""
    current = Organisation.objects.select_related("youth_office", "municipality").get(
        pk=organisation.pk
    )
    return save_organisation(
        current=current, actor=actor, version=version, data=data, social_spaces=social_spaces
    )


class OrganisationInUse(ValueError):
    """The organisation still carries access (carrier editors' roles, open invitations)."""


def organisation_deletion(organisation: Organisation) -> dict[str, Any]:
    """Everything that goes with the organisation when it is deleted, for the confirmation page
    and the service: the affiliations (with their people), the open proposals, and the access
    bound to it that must be removed first (access is never removed by a cascade)."""
    from sozialraum.accounts.models import Invitation, OfficeRole

    invitations = Invitation.objects.filter(organisation=organisation)
    return {
        "affiliations": list(
            Affiliation.objects.filter(organisation=organisation)
            .select_related("person", "organisation", "person__youth_office")
            .order_by("person__sort_key", "person__pk")
        ),
        "proposals": organisation.changes.filter(status=ChangeStatus.PENDING).count(),
        "editors": list(
            OfficeRole.objects.filter(organisation=organisation)
            .select_related("user")
            .order_by("user__name", "user__email")
        ),
        "open_invitations": list(
            invitations.pending().filter(expires_at__gt=timezone.now()).order_by("email")
        ),
        "closed_invitations": invitations.exclude(
            pk__in=invitations.pending().filter(expires_at__gt=timezone.now()).values("pk")
        ),
    }


def deletion_blocker(parts: dict[str, Any]) -> str:
    """The German reason why the organisation cannot be deleted yet, or ''."""
    editors, invitations = len(parts["editors"]), len(parts["open_invitations"])
    reasons = []
    if editors:
        reasons.append(
            ngettext("%(count)s Zugang der Redaktion", "%(count)s Zugänge der Redaktion", editors)
            % {"count": editors}
        )
    if invitations:
        reasons.append(
            ngettext("%(count)s offene Einladung", "%(count)s offene Einladungen", invitations)
            % {"count": invitations}
        )
    if not reasons:
        return ""
    what = _(" und ").join(reasons)
    if not invitations:
        todo = ngettext(
            "Entfernen Sie ihn zuerst unter „Zugänge“.",
            "Entfernen Sie sie zuerst unter „Zugänge“.",
            editors,
        )
    elif not editors:
        todo = _("Ziehen Sie sie zuerst unter „Zugänge“ zurück.")
    else:
        todo = _(
            "Entfernen Sie die Zugänge und ziehen Sie die Einladungen zuerst unter „Zugänge“ "
            "zurück."
        )
    return _("Die Organisation hat noch %(what)s. %(todo)s Danach können Sie sie löschen.") % {
        "what": what,
        "todo": todo,
    }


@transaction.atomic
def delete_organisation(*, organisation: Organisation, actor: User | None) -> None:
    """Delete the organisation with its affiliations (an audit entry per person) and its
    proposals. Access bound to it (carrier editors' roles, open invitations) is refused with
    OrganisationInUse: coordination removes it first, on the access page. Expired, revoked and
    accepted invitations give no access; they are deleted here and counted in the entry."""
    office = organisation.youth_office
    # One deletion at a time per organisation; a role or invitation added meanwhile is refused
    # by the database (RESTRICT) instead of being removed.
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
    parts = organisation_deletion(organisation)
    blocker = deletion_blocker(parts)
    if blocker:
        raise OrganisationInUse(blocker)
    changes = diff(snapshot(organisation, ORGANISATION_AUDITED), {})
    affiliations = parts["affiliations"]
    closed = parts["closed_invitations"].count()
    with stored_language():
        if affiliations:
            changes["affiliations"] = {
                "old": _("%(count)s Personen") % {"count": len(affiliations)},
                "new": "",
            }
        if parts["proposals"]:
            changes["proposals"] = {
                "old": _("%(count)s offene Vorschläge") % {"count": parts["proposals"]},
                "new": "",
            }
        if closed:
            changes["invitations"] = {
                "old": _("%(count)s abgelaufene oder erledigte Einladungen") % {"count": closed},
                "new": "",
            }
    record(office=office, actor=actor, action=Action.DELETE, instance=organisation, changes=changes)
    for affiliation in affiliations:
        _record_affiliation(
            affiliation, actor, Action.UPDATE, describe_affiliation(affiliation), ""
        )
    parts["closed_invitations"].delete()
    try:
        organisation.delete()
    except RestrictedError as error:  # rows of a later app (e.g. offers) still name it
        raise OrganisationInUse(restricted_reason(error)) from None


def restricted_reason(error: RestrictedError) -> str:
    """The German reason for a deletion the database refused: what still refers to it."""
    counts: dict[str, int] = {}
    for obj in error.restricted_objects:
        label = str(obj._meta.verbose_name_plural)
        counts[label] = counts.get(label, 0) + 1
    things = ", ".join(f"{label}: {count}" for label, count in sorted(counts.items()))
    return _(
        "Die Organisation kann noch nicht gelöscht werden, weil noch Einträge auf sie verweisen "
        "(%(things)s). Bitte ordnen Sie diese zuerst einer anderen Organisation zu oder löschen "
        "Sie sie."
    ) % {"things": things}


def _confirm(entry: Organisation | Person, actor: User | None) -> None:
    """The entry was checked and is current (resets the 12-month check)."""
    old = entry.confirmed_at
    entry.confirmed_at = timezone.now()
    type(entry).objects.filter(pk=entry.pk).update(confirmed_at=entry.confirmed_at)
    record(
        office=entry.youth_office,
        actor=actor,
        action=Action.UPDATE,
        instance=entry,
        changes={"confirmed_at": {"old": old, "new": entry.confirmed_at}},
    )


@transaction.atomic
def confirm_organisation(*, organisation: Organisation, actor: User | None) -> None:
    _confirm(organisation, actor)


# People ---------------------------------------------------------------------------------------


def _apply_person_data(person: Person, data: dict[str, Any]) -> None:
    _check_keys(data, PERSON_FIELDS)
    for name, value in data.items():
        setattr(person, name, (value or "").strip() if isinstance(value, str | None) else value)


@transaction.atomic
def create_person(*, office: YouthOffice, actor: User | None, data: dict[str, Any]) -> Person:
    person = Person(youth_office=office)
    _apply_person_data(person, data)
    _full_clean(person, exclude=["youth_office", "user", "name_key", "sort_key", "search_text"])
    person.save()
    record(
        office=office,
        actor=actor,
        action=Action.CREATE,
        instance=person,
        changes=diff({}, snapshot(person, _PERSON_AUDITED)),
    )
    return person


@transaction.atomic
def update_person(
    *, person: Person, actor: User | None, version: int, data: dict[str, Any]
) -> Person:
    current = Person.objects.select_related("youth_office").get(pk=person.pk)
    if current.version != version:
        raise ConcurrentEditError
    before = snapshot(current, _PERSON_AUDITED)
    candidate = copy.copy(current)
    _apply_person_data(candidate, data)
    _full_clean(candidate, exclude=["youth_office", "user", "name_key", "sort_key", "search_text"])
    now = timezone.now()
    updated = Person.objects.filter(pk=current.pk, version=version).update(
        **{name: getattr(candidate, name) for name in data},
        **candidate.computed_keys(),
        confirmed_at=now,
        updated_at=now,
        version=F("version") + 1,
    )
    if not updated:
        raise ConcurrentEditError
    saved = Person.objects.select_related("youth_office").get(pk=current.pk)
    changes = diff(before, snapshot(saved, _PERSON_AUDITED))
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
def confirm_person(*, person: Person, actor: User | None) -> None:
    _confirm(person, actor)


# Affiliations (recorded on the person) --------------------------------------------------------


def describe_affiliation(affiliation: Affiliation) -> str:
    """'Kita Sonnenblume – Leitung (seit 01.08.2024), Ansprechperson', in the language of the
    audit trail."""
    with stored_language():
        return _describe_affiliation(affiliation)


def _describe_affiliation(affiliation: Affiliation) -> str:
    text = affiliation.organisation.name
    if affiliation.function:
        text += f" – {affiliation.function}"
    period = []
    if affiliation.since:
        period.append(_("seit %(date)s") % {"date": as_text(affiliation.since)})
    if affiliation.until:
        period.append(_("bis %(date)s") % {"date": as_text(affiliation.until)})
    if period:
        text += f" ({', '.join(period)})"
    if affiliation.is_contact:
        text += ", " + _("Ansprechperson")
    return text


def _check_period(since: date | None, until: date | None) -> None:
    if since and until and until < since:
        raise ValueError(_("Das Ende liegt vor dem Beginn. Bitte prüfen Sie die Daten."))


def _record_affiliation(
    affiliation: Affiliation, actor: User | None, action, old: str, new: str
) -> None:
    record(
        office=affiliation.person.youth_office,
        actor=actor,
        action=action,
        instance=affiliation.person,
        changes={"affiliation": {"old": old, "new": new}},
    )


@transaction.atomic
def add_affiliation(
    *,
    person: Person,
    organisation: Organisation,
    actor: User | None,
    function: str = "",
    since: date | None = None,
    until: date | None = None,
    is_contact: bool = False,
) -> Affiliation:
    if person.youth_office_id != organisation.youth_office_id:
        raise ValueError(_("Die Organisation gehört zu einem anderen Jugendamt."))
    _check_period(since, until)
    affiliation = Affiliation(
        youth_office_id=person.youth_office_id,
        person=person,
        organisation=organisation,
        function=(function or "").strip(),
        since=since,
        until=until,
        is_contact=is_contact,
    )
    _full_clean(affiliation, exclude=["youth_office", "person", "organisation"])
    affiliation.save()
    _record_affiliation(affiliation, actor, Action.UPDATE, "", describe_affiliation(affiliation))
    return affiliation


@transaction.atomic
def update_affiliation(
    *,
    affiliation: Affiliation,
    actor: User | None,
    function: str,
    since: date | None,
    until: date | None,
    is_contact: bool,
    version: int | None = None,
) -> Affiliation:
    """Change an affiliation. With `version` (the one the form was opened with), a save by
    somebody else in between raises ConcurrentEditError instead of being overwritten."""
    _check_period(since, until)
    before = describe_affiliation(affiliation)
    affiliation.function = (function or "").strip()
    affiliation.since = since
    affiliation.until = until
    affiliation.is_contact = is_contact
    _full_clean(affiliation, exclude=["youth_office", "person", "organisation"])
    rows = Affiliation.objects.filter(pk=affiliation.pk)
    if version is not None:
        rows = rows.filter(version=version)
    updated = rows.update(
        function=affiliation.function,
        since=since,
        until=until,
        is_contact=is_contact,
        version=F("version") + 1,
    )
    if not updated:
        raise ConcurrentEditError
    affiliation.version = (version or affiliation.version) + 1
    after = describe_affiliation(affiliation)
    if after != before:
        _record_affiliation(affiliation, actor, Action.UPDATE, before, after)
    return affiliation


@transaction.atomic
def remove_affiliation(*, affiliation: Affiliation, actor: User | None) -> None:
    _record_affiliation(affiliation, actor, Action.UPDATE, describe_affiliation(affiliation), "")
    affiliation.delete()


# The checklist of expected kinds --------------------------------------------------------------


@transaction.atomic
def set_expected_kinds(
    *,
    office: YouthOffice,
    actor: User | None,
    kinds: list[str],
    seen: list[str] | None = None,
) -> None:
    """Set the checklist. With `seen` (the checklist as the form showed it), a change by
    somebody else in between raises ConcurrentEditError instead of being replaced."""
    wanted = list(dict.fromkeys(kinds))
    unknown = [kind for kind in wanted if kind not in OrganisationKind.values]
    if unknown:
        raise ValueError(_("Diese Arten gibt es nicht: %(kinds)s.") % {"kinds": ", ".join(unknown)})
    # One checklist write at a time per office (the row lock serialises them on PostgreSQL).
    YouthOffice.objects.select_for_update().filter(pk=office.pk).first()
    existing = set(ExpectedKind.objects.in_office(office).values_list("kind", flat=True))
    if seen is not None and existing != set(seen):
        raise ConcurrentEditError
    if existing == set(wanted):
        return
    ExpectedKind.objects.in_office(office).exclude(kind__in=wanted).delete()
    ExpectedKind.objects.bulk_create(
        ExpectedKind(youth_office=office, kind=kind) for kind in wanted if kind not in existing
    )

    def labels(values) -> str:
        return ", ".join(str(OrganisationKind(v).label) for v in OrganisationKind if v in values)

    with stored_language():
        label = _("Checkliste der Arten")
        changes = {"expected_kinds": {"old": labels(existing), "new": labels(set(wanted))}}
    record(
        office=office,
        actor=actor,
        action=Action.UPDATE,
        instance=ExpectedKind(youth_office=office),
        label=label,
        changes=changes,
    )


# Changes proposed by carrier editors ----------------------------------------------------------
