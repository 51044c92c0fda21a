"""Audit entries with stable identities.

Until now an entry stored the model's verbose name as `object_type` and the fields' verbose
names as the keys of `changes`, in the language of the session that wrote it (German, or
English after the language switch). From now on it stores "app_label.model_name" and field
names (or keys registered in audit.registry); labels are rendered when shown.

The tables below are the verbose names as they were when this migration was written, in
German and English, frozen here so later renames cannot change what it does. Types and keys
not found stay as they are (the trail shows them as stored). Booleans stored as "True"/"False"
become "ja"/"nein". Reversing restores the German labels.
"""

from __future__ import annotations

from django.db import migrations

TYPES = {
    "Organisation": "network.organisation",
    "Person": "network.person",
    "Änderungsvorschlag": "network.organisationchange",
    "Suggested change": "network.organisationchange",
    "erwartete Art": "network.expectedkind",
    "expected type": "network.expectedkind",
    "Sozialraum": "regions.socialspace",
    "Social space": "regions.socialspace",
    "Einladung": "accounts.invitation",
    "Invitation": "accounts.invitation",
    "Rolle im Jugendamt": "accounts.officerole",
    "Role in the youth office": "accounts.officerole",
}

_ORGANISATION_FIELDS = {
    "Name": "name",
    "Art": "kind",
    "Type": "kind",
    "Trägerschaft": "sponsorship",
    "Provider type": "sponsorship",
    "Straße": "street",
    "Street": "street",
    "PLZ": "postcode",
    "Postcode": "postcode",
    "Ort": "city",
    "Town": "city",
    "Gemeinde": "municipality",
    "Municipality": "municipality",
    "Telefon": "phone",
    "Phone": "phone",
    "E-Mail": "email",
    "Email": "email",
    "Website": "website",
    "Beschreibung": "description",
    "Description": "description",
    "öffentlich sichtbar": "is_public",
    "publicly visible": "is_public",
    "Kennung": "external_id",
    "ID": "external_id",
    "Sozialräume": "social_spaces",
    "Social spaces": "social_spaces",
    "zuletzt bestätigt": "confirmed_at",
    "last confirmed": "confirmed_at",
}
_ROLE = {"Rolle": "role", "Role": "role"}

KEYS = {
    "network.organisation": {
        **_ORGANISATION_FIELDS,
        "Zugehörigkeiten": "affiliations",
        "Affiliations": "affiliations",
        "Import": "import",
    },
    "network.person": {
        "Titel/Anrede": "title",
        "Title": "title",
        "Vorname": "first_name",
        "First name": "first_name",
        "Nachname": "last_name",
        "Surname": "last_name",
        "E-Mail": "email",
        "Email": "email",
        "Telefon": "phone",
        "Phone": "phone",
        "zuletzt bestätigt": "confirmed_at",
        "last confirmed": "confirmed_at",
        "Zugehörigkeit": "affiliation",
        "Affiliation": "affiliation",
        "Auskunft nach Art. 15 DSGVO": "privacy_export",
        "Access request under Art. 15 GDPR": "privacy_export",
        "Gelöscht": "erased",
        "Deleted": "erased",
        "Änderungsprotokoll": "audit_trail",
        "Change log": "audit_trail",
    },
    "network.organisationchange": {
        **_ORGANISATION_FIELDS,
        "Status": "status",
        "Anmerkung": "review_note",
        "Comment": "review_note",
    },
    "network.expectedkind": {"erwartete Arten": "expected_kinds", "expected types": "expected_kinds"},
    "regions.socialspace": {
        "Name": "name",
        "Beschreibung": "description",
        "Description": "description",
        "Gemeinden": "municipalities",
        "Municipalities": "municipalities",
    },
    "accounts.invitation": _ROLE,
    "accounts.officerole": _ROLE,
}
BOOLEAN_KEYS = {"is_public"}
BOOLEAN_TEXT = {"True": "ja", "False": "nein"}

# For reversing: the German label of each stable type.
GERMAN_TYPES = {
    "network.organisation": "Organisation",
    "network.person": "Person",
    "network.organisationchange": "Änderungsvorschlag",
    "network.expectedkind": "erwartete Art",
    "regions.socialspace": "Sozialraum",
    "accounts.invitation": "Einladung",
    "accounts.officerole": "Rolle im Jugendamt",
}


def convert(object_type: str, changes: dict) -> tuple[str, dict]:
    """The stable type and keys of one entry; what is not known stays as it is."""
    new_type = TYPES.get(object_type, object_type)
    keys = KEYS.get(new_type, {})
    converted = {}
    for label, values in (changes or {}).items():
        key = keys.get(label, label)
        if key in BOOLEAN_KEYS and isinstance(values, dict):
            values = {part: BOOLEAN_TEXT.get(text, text) for part, text in values.items()}
        converted[key] = values
    return new_type, converted


def revert(object_type: str, changes: dict) -> tuple[str, dict]:
    """Back to German labels (the first German label listed for each key)."""
    keys = KEYS.get(object_type, {})
    german = {}
    for label, key in keys.items():
        german.setdefault(key, label)
    return (
        GERMAN_TYPES.get(object_type, object_type),
        {german.get(key, key): values for key, values in (changes or {}).items()},
    )


def _rewrite(apps, function) -> None:
    AuditEntry = apps.get_model("audit", "AuditEntry")
    batch = []
    for entry in AuditEntry.objects.only("pk", "object_type", "changes").iterator(chunk_size=2000):
        object_type, changes = function(entry.object_type, entry.changes)
        if object_type != entry.object_type or changes != entry.changes:
            entry.object_type, entry.changes = object_type, changes
            batch.append(entry)
        if len(batch) >= 500:
            AuditEntry.objects.bulk_update(batch, ["object_type", "changes"])
            batch = []
    if batch:
        AuditEntry.objects.bulk_update(batch, ["object_type", "changes"])


def forwards(apps, schema_editor) -> None:
    _rewrite(apps, convert)


def backwards(apps, schema_editor) -> None:
    _rewrite(apps, revert)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_import_export_actions")]

    operations = [migrations.RunPython(forwards, backwards)]
