"""DSGVO for people in the network: access (Art. 15) and erasure (Art. 17).

Views call `export_person_data` and `erase_person`; apps built on the network add their own
parts through lib/privacy.py. See docs/privacy-notes.md for what the erasure keeps and how later
capabilities must reference people so that it keeps working.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from sozialraum.accounts.models import OfficeRole
from sozialraum.audit.models import Action, AuditEntry
from sozialraum.audit.registry import type_key
from sozialraum.audit.services import record, stored_language
from sozialraum.lib.privacy import person_parts
from sozialraum.network.models import Affiliation, Person

if TYPE_CHECKING:
    from sozialraum.accounts.models import User

# What the audit trail shows instead of an erased person's name.
ERASED_LABEL = "Gelöschte Person"


def _format_date(value: date | None) -> str:
    return value.strftime("%d.%m.%Y") if value else ""


def _format_datetime(value) -> str:
    return timezone.localtime(value).strftime("%d.%m.%Y %H:%M") if value else ""


def _person_entries(person: Person):
    """The person's entries in the audit trail: stored under a stable type whatever the
    language of the session that wrote them."""
    return AuditEntry.objects.in_office(person.youth_office).filter(
        object_type=type_key(Person), object_id=str(person.pk)
    )


def _changes_in_german(entry: AuditEntry) -> dict[str, dict[str, str]]:
    with stored_language():
        return {label: {"old": old, "new": new} for label, old, new in entry.change_rows()}


@transaction.atomic
def export_person_data(*, person: Person, actor: User | None) -> dict[str, Any]:
    """Everything this youth office stores about the person, JSON-serialisable (Art. 15).
    The export itself is recorded in the audit trail."""
    office = person.youth_office
    affiliations = (
        Affiliation.objects.filter(person=person)
        .select_related("organisation")
        .order_by("organisation__sort_key", "pk")
    )
    account = None
    user = person.user
    if user is not None:
        role = OfficeRole.objects.in_office(office).filter(user=user).first()
        account = {
            "E-Mail-Adresse": user.email,
            "Name": user.name,
            "registriert am": _format_datetime(user.date_joined),
            "Rollen": [
                {
                    "Jugendamt": office.name,
                    "Rolle": str(role.get_role_display()),
                    **({"Organisation": role.organisation.name} if role.organisation_id else {}),
                }
            ]
            if role
            else [],
        }
    entries = list(_person_entries(person).select_related("actor").order_by("created_at", "id"))
    # Recorded after reading the trail, so the file lists what existed when it was made.
    record(
        office=office,
        actor=actor,
        action=Action.EXPORT,
        instance=person,
        changes={"privacy_export": {"old": "", "new": _lazy("Datenauskunft als Datei erstellt")}},
    )
    data: dict[str, Any] = {
        "Auskunft": {
            "Art": "Auskunft nach Art. 15 DSGVO",
            "Jugendamt": office.name,
            "Kontakt": office.contact_email,
            "erstellt am": _format_datetime(timezone.now()),
        },
        "Person": {
            "Titel/Anrede": person.title,
            "Vorname": person.first_name,
            "Nachname": person.last_name,
            "E-Mail": person.email,
            "Telefon": person.phone,
            "zuletzt bestätigt": _format_datetime(person.confirmed_at),
            "angelegt am": _format_datetime(person.created_at),
            "zuletzt geändert am": _format_datetime(person.updated_at),
        },
        "Zugehörigkeiten": [
            {
                "Organisation": a.organisation.name,
                "Funktion": a.function,
                "seit": _format_date(a.since),
                "bis": _format_date(a.until),
                "Ansprechperson": a.is_contact,
            }
            for a in affiliations
        ],
        "Zugang": account,
        "Änderungsprotokoll": [
            {
                "Zeitpunkt": _format_datetime(entry.created_at),
                "Aktion": str(entry.get_action_display()),
                "durch": str(entry.actor) if entry.actor_id else "",
                "Eintrag": entry.object_repr,
                "Änderungen": _changes_in_german(entry),
            }
            for entry in entries
        ],
    }
    # What the apps built on the network keep about the person (lib/privacy.py).
    for part in person_parts():
        data[str(part.label)] = part.export(person)
    return data


@transaction.atomic
def erase_person(*, person: Person, actor: User | None) -> None:
    """Delete the person and their affiliations (Art. 17). Audit entries about the person keep
    the fact of a change but lose the name and the values; a final entry records the erasure
    without the name. The login account (if any) is not touched: it has its own lifecycle."""
    person = Person.objects.select_related("youth_office").get(pk=person.pk)
    office = person.youth_office
    affiliations = Affiliation.objects.filter(person=person).count()
    scrubbed = _person_entries(person).update(object_repr=ERASED_LABEL, changes={})
    # The apps built on the network delete or anonymise what they keep (lib/privacy.py).
    for part in person_parts():
        part.erase(person)
    with stored_language():
        changes = {
            "erased": {
                "old": _("Personendaten und %(count)s Zugehörigkeiten") % {"count": affiliations},
                "new": "",
            },
            "audit_trail": {
                "old": "",
                "new": _("%(count)s Einträge anonymisiert") % {"count": scrubbed},
            },
        }
    record(
        office=office,
        actor=actor,
        action=Action.ERASE,
        instance=person,
        label=ERASED_LABEL,
        changes=changes,
    )
    person.delete()
