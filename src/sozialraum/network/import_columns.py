"""The columns of the organisation import (and export): German headers with the spellings the
import also understands, and which field of an organisation each column holds."""

from __future__ import annotations

from sozialraum.lib.imports import Column
from sozialraum.network.models import OrganisationKind

DESCRIPTION_MAX = 5000

COLUMNS = (
    Column("Name", required=True, aliases=("Organisation", "Bezeichnung", "Einrichtung")),
    Column("Art", required=True, aliases=("Typ", "Kategorie")),
    Column("Straße", aliases=("Str.", "Straße und Hausnummer", "Adresse", "Anschrift")),
    Column("PLZ", aliases=("Postleitzahl",), pad_digits=5),
    Column("Ort", aliases=("Stadt", "Ortschaft")),
    Column(
        "Gemeindeschlüssel",
        aliases=("AGS", "Amtlicher Gemeindeschlüssel", "Gemeindekennziffer"),
        pad_digits=8,
    ),
    Column("Telefon", aliases=("Tel.", "Tel", "Telefonnummer", "Phone")),
    Column("E-Mail", aliases=("Mail", "E-Mail-Adresse", "Mailadresse")),
    Column("Website", aliases=("Webseite", "Internet", "Internetseite", "Homepage", "URL")),
    Column(
        "Sozialräume",
        aliases=(
            "Sozialraum",
            "Sozialraumbezirk",
            "Sozialraumbezirke",
            "Planungsraum",
            "Planungsräume",
            "Region",
            "Regionen",
        ),
    ),
    Column("Beschreibung", aliases=("Kurzbeschreibung", "Angebot")),
    Column("Kennung", aliases=("ID", "Externe Kennung", "Nummer", "Nr.")),
)
HEADERS = [column.name for column in COLUMNS]

# Column -> the organisation's field it holds: the one mapping the import reads and the export
# writes (network/exports.py), so an export can be imported again.
COLUMN_FIELDS = {
    "Name": "name",
    "Art": "kind",
    "Straße": "street",
    "PLZ": "postcode",
    "Ort": "city",
    "Gemeindeschlüssel": "municipality",
    "Telefon": "phone",
    "E-Mail": "email",
    "Website": "website",
    "Sozialräume": "social_spaces",
    "Beschreibung": "description",
    "Kennung": "external_id",
}

# Column -> model field of the plain text columns.
TEXT_FIELDS = {
    "Name": "name",
    "Straße": "street",
    "Ort": "city",
    "Telefon": "phone",
    "Beschreibung": "description",
    "Kennung": "external_id",
}
# A few obvious other words for the kinds (besides the values and labels).
KIND_SYNONYMS = {
    "Kita": OrganisationKind.KITA,
    "Kindergarten": OrganisationKind.KITA,
    "Kindertageseinrichtung": OrganisationKind.KITA,
    "Gesundheitswesen": OrganisationKind.HEALTH,
    "Familienhebamme": OrganisationKind.HEALTH,
    "Verein": OrganisationKind.ASSOCIATION,
    "Initiative": OrganisationKind.ASSOCIATION,
    "Kommune": OrganisationKind.MUNICIPAL,
    "Gemeindeverwaltung": OrganisationKind.MUNICIPAL,
    "Sonstiges": OrganisationKind.OTHER,
}
