"""Validation and planning of the rows of an organisation import (see network.imports).

The column spec with the German headers, the planned rows and the preview, and `Planner`: it
loads the office's organisations, social spaces and municipalities once and checks every row
(German message with line and column), finds the organisation a row updates (by Kennung, else
by name and PLZ) and the probable duplicates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.translation import gettext as _

from sozialraum.lib.imports import Column, RowError, format_number
from sozialraum.lib.text import duplicate_key, search_key
from sozialraum.network.import_places import Places
from sozialraum.network.models import Organisation, OrganisationKind
from sozialraum.regions.models import Municipality, SocialSpace, YouthOffice

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

# Column -> model field (the simple text fields) and the field's limit.
_TEXT_FIELDS = {
    "Name": "name",
    "Straße": "street",
    "Ort": "city",
    "Telefon": "phone",
    "Beschreibung": "description",
    "Kennung": "external_id",
}
_SPACE_SPLIT = re.compile(r"\s*\|\s*")

# A few obvious other words for the kinds (besides the values and labels).
_KIND_SYNONYMS = {
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


@dataclass
class PlannedRow:
    line: int
    action: str  # "neu" or "aktualisieren"
    values: dict[str, Any]  # model field -> value (only the columns present in the file)
    social_spaces: list[SocialSpace] | None  # None: the file has no Sozialräume column
    organisation_id: int | None = None
    changes: list[str] = field(default_factory=list)  # German labels of the changed fields

    @property
    def name(self) -> str:
        return self.values.get("name", "")

    @property
    def kind_label(self) -> str:
        kind = self.values.get("kind", "")
        return str(OrganisationKind(kind).label) if kind else ""

    @property
    def social_space_names(self) -> str:
        return ", ".join(space.name for space in self.social_spaces or [])

    @property
    def is_unchanged(self) -> bool:
        return self.action == "aktualisieren" and not self.changes


@dataclass
class ImportPreview:
    filename: str
    rows: list[PlannedRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    unknown_columns: list[str] = field(default_factory=list)
    duplicate_warnings: list[RowError] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    file_error: str = ""  # the file as a whole could not be read (also in `errors`, line 0)
    data: bytes = b""
    office_id: int | None = None
    fingerprint: tuple = ()  # the state of the directory the plan was made against
    # A preview restored from a stored plan keeps only the first errors and hints; these count
    # the ones left out.
    hidden_errors: int = 0
    hidden_warnings: int = 0

    @property
    def is_valid(self) -> bool:
        return not self.errors and not self.hidden_errors and bool(self.rows)

    @property
    def error_count(self) -> int:
        return len(self.errors) + self.hidden_errors

    @property
    def warning_count(self) -> int:
        return len(self.duplicate_warnings) + self.hidden_warnings

    @property
    def created(self) -> int:
        return sum(1 for row in self.rows if row.action == "neu")

    @property
    def updated(self) -> int:
        return sum(1 for row in self.rows if row.action == "aktualisieren" and row.changes)

    @property
    def unchanged(self) -> int:
        return sum(1 for row in self.rows if row.is_unchanged)


@dataclass
class ImportResult:
    created: int
    updated: int
    unchanged: int = 0


class Planner:
    """Validates rows against the office's data (loaded once) and plans create/update."""

    def __init__(self, office: YouthOffice, columns: list[str]):
        self.office = office
        self.columns = set(columns)
        self.spaces = {
            search_key(space.name): space
            for space in SocialSpace.objects.in_office(office).order_by("sort_key", "id")
        }
        self.space_names = [space.name for space in self.spaces.values()]
        # Keys outside the Kreis are refused by their first five digits, so the Kreis suffices.
        self.municipalities = {m.ags: m for m in office.municipalities()}
        self.places = Places(self.municipalities.values())
        existing = list(
            Organisation.objects.in_office(office).defer("created_at", "updated_at", "confirmed_at")
        )
        self.labels = {name: str(field_of(name).verbose_name) for name in _IMPORTED_FIELDS}
        self.spaces_of: dict[int, set[int]] = {}
        links = Organisation.social_spaces.through.objects.filter(
            organisation__youth_office=office
        ).values_list("organisation_id", "socialspace_id")
        for organisation_id, space_id in links:
            self.spaces_of.setdefault(organisation_id, set()).add(space_id)
        self.existing = {org.pk: org for org in existing}
        self.by_external_id = {org.external_id: org for org in existing if org.external_id}
        self.by_name_postcode = {(org.name_key, org.postcode): org for org in existing}
        self.by_duplicate_key: dict[str, _Similar] = {}
        for org in existing:
            if org.duplicate_key:
                self.by_duplicate_key.setdefault(org.duplicate_key, _Similar()).add(
                    org.postcode, org
                )
        self.kinds = _kind_lookup()
        self.email_validator = EmailValidator()
        self.url_validator = URLValidator(schemes=["http", "https"])

    # Each cell ---------------------------------------------------------------------------------

    def plan(self, rows, preview: ImportPreview) -> None:
        seen_external: dict[str, int] = {}
        seen_name: dict[tuple[str, str], int] = {}
        seen_target: dict[int, int] = {}
        seen_duplicate: dict[str, _Similar] = {}
        for row in rows:
            errors: list[RowError] = []
            values, spaces = self.clean_row(row.line, row.values, errors)
            if errors:
                preview.errors.extend(errors)
                continue
            line = row.line
            name_key = search_key(values["name"])
            postcode = values.get("postcode", "")
            external_id = values.get("external_id", "")
            if external_id and external_id in seen_external:
                preview.errors.append(
                    RowError(
                        line,
                        "Kennung",
                        _("Die Kennung „%(id)s“ steht schon in Zeile %(other)s.")
                        % {"id": external_id, "other": seen_external[external_id]},
                    )
                )
                continue
            if (name_key, postcode) in seen_name:
                preview.errors.append(
                    RowError(
                        line,
                        "Name",
                        _(
                            "Dieselbe Organisation (gleicher Name und gleiche PLZ) steht schon in "
                            "Zeile %(other)s."
                        )
                        % {"other": seen_name[(name_key, postcode)]},
                    )
                )
                continue
            target, error = self.match(line, name_key, postcode, external_id)
            if error:
                preview.errors.append(error)
                continue
            if target is not None and target.pk in seen_target:
                preview.errors.append(
                    RowError(
                        line,
                        "Name",
                        _(
                            "Diese Zeile betrifft dieselbe Organisation „%(name)s“ wie Zeile "
                            "%(other)s."
                        )
                        % {"name": target.name, "other": seen_target[target.pk]},
                    )
                )
                continue
            if external_id:
                seen_external[external_id] = line
            seen_name[(name_key, postcode)] = line
            if target is not None:
                seen_target[target.pk] = line
            planned = self.planned_row(line, values, spaces, target)
            preview.rows.append(planned)
            self.warn_duplicates(planned, target, preview, seen_duplicate)

    def clean_row(
        self, line: int, cells: dict[str, str], errors: list[RowError]
    ) -> tuple[dict[str, Any], list[SocialSpace] | None]:
        values: dict[str, Any] = {}

        def error(column: str, message: str) -> None:
            errors.append(RowError(line, column, message))

        for column, name in _TEXT_FIELDS.items():
            if column not in self.columns:
                continue
            text = cells[column]
            limit = DESCRIPTION_MAX if name == "description" else _max_length(name)
            if len(text) > limit:
                error(
                    column,
                    _("Der Text ist zu lang: %(length)s Zeichen, erlaubt sind %(limit)s.")
                    % {"length": format_number(len(text)), "limit": format_number(limit)},
                )
            elif name != "description" and "\n" in text:
                text = " ".join(text.split())
            values[name] = text
        if not cells["Name"]:
            error("Name", _("Der Name fehlt. Jede Organisation braucht einen Namen."))

        kind_text = cells["Art"]
        if not kind_text:
            error("Art", _("Die Art fehlt. Erlaubt sind: %(kinds)s.") % {"kinds": _kind_list()})
        else:
            kind = self.kinds.get(search_key(kind_text))
            if kind is None:
                error(
                    "Art",
                    _("Die Art „%(value)s“ kennen wir nicht. Erlaubt sind: %(kinds)s.")
                    % {"value": kind_text, "kinds": _kind_list()},
                )
            values["kind"] = kind or ""

        if "PLZ" in self.columns:
            postcode = cells["PLZ"].replace(" ", "")
            if postcode and not re.fullmatch(r"\d{5}", postcode):
                error(
                    "PLZ",
                    _("„%(value)s“ ist keine Postleitzahl. Eine PLZ hat genau fünf Ziffern.")
                    % {"value": cells["PLZ"]},
                )
            values["postcode"] = postcode

        city = cells["Ort"] if "Ort" in self.columns else ""
        if "Gemeindeschlüssel" in self.columns:
            municipality = self.clean_municipality(cells["Gemeindeschlüssel"], error)
            values["municipality"] = municipality
            if municipality is not None and city:
                self.places.check(municipality, city, error)
        elif city:
            # Without AGS, a place that is exactly one municipality of the Kreis names it.
            matches = self.places.named(city)
            if len(matches) == 1:
                values["municipality"] = matches[0]

        if "E-Mail" in self.columns:
            email = cells["E-Mail"].removeprefix("mailto:").strip()
            if email:
                try:
                    self.email_validator(email)
                except ValidationError:
                    error(
                        "E-Mail",
                        _("„%(value)s“ ist keine gültige E-Mail-Adresse.") % {"value": email},
                    )
                if len(email) > _max_length("email"):
                    error("E-Mail", _("Die E-Mail-Adresse ist zu lang."))
            values["email"] = email

        if "Website" in self.columns:
            website = cells["Website"]
            if website and not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", website):
                website = "https://" + website
            if website:
                try:
                    self.url_validator(website)
                except ValidationError:
                    error(
                        "Website",
                        _("„%(value)s“ ist keine gültige Internetadresse, z. B. www.beispiel.de.")
                        % {"value": cells["Website"]},
                    )
                if len(website) > _max_length("website"):
                    error("Website", _("Die Internetadresse ist zu lang (höchstens 200 Zeichen)."))
            values["website"] = website

        spaces = None
        if "Sozialräume" in self.columns:
            spaces = self.clean_spaces(cells["Sozialräume"], error)
        return values, spaces

    def clean_municipality(self, text: str, error) -> Municipality | None:
        ags = text.replace(" ", "")
        if not ags:
            return None
        if not re.fullmatch(r"\d{8}", ags):
            error(
                "Gemeindeschlüssel",
                _(
                    "„%(value)s“ ist kein Gemeindeschlüssel. Der Amtliche Gemeindeschlüssel hat "
                    "genau acht Ziffern, z. B. %(example)s."
                )
                % {"value": text, "example": f"{self.office.kreis_key}021"},
            )
            return None
        if not ags.startswith(self.office.kreis_key):
            error(
                "Gemeindeschlüssel",
                _(
                    "Die Gemeinde %(ags)s liegt nicht im Kreis des Jugendamts (Kreisschlüssel "
                    "%(kreis)s)."
                )
                % {"ags": ags, "kreis": self.office.kreis_key},
            )
            return None
        municipality = self.municipalities.get(ags)
        if municipality is None:
            error(
                "Gemeindeschlüssel",
                _("Eine Gemeinde mit dem Schlüssel %(ags)s gibt es nicht.") % {"ags": ags},
            )
        return municipality

    def clean_spaces(self, text: str, error) -> list[SocialSpace]:
        """Names separated by | or , — a name that itself contains commas
        ("Ahlden, Rethem, Schwarmstedt") is recognised as a whole."""
        found: list[SocialSpace] = []
        unknown: list[str] = []
        for part in _SPACE_SPLIT.split(text):
            if not part.strip():
                continue
            pieces = [p.strip() for p in part.split(",")]
            start = 0
            while start < len(pieces):
                for end in range(len(pieces), start, -1):
                    space = self.spaces.get(search_key(", ".join(pieces[start:end])))
                    if space is not None:
                        if space not in found:
                            found.append(space)
                        start = end
                        break
                else:
                    if pieces[start]:
                        unknown.append(pieces[start])
                    start += 1
        if unknown:
            label = self.office.get_social_space_label_display()
            error(
                "Sozialräume",
                _(
                    "Diesen %(label)s gibt es im Jugendamt nicht: %(names)s. Vorhanden sind: "
                    "%(spaces)s."
                )
                % {
                    "label": label,
                    "names": ", ".join(f"„{name}“" for name in unknown),
                    "spaces": ", ".join(self.space_names) or _("noch keine"),
                },
            )
        return found

    # Matching ----------------------------------------------------------------------------------

    def match(
        self, line: int, name_key: str, postcode: str, external_id: str
    ) -> tuple[Organisation | None, RowError | None]:
        if external_id and external_id in self.by_external_id:
            return self.by_external_id[external_id], None
        target = self.by_name_postcode.get((name_key, postcode))
        if target is not None and external_id and target.external_id:
            return None, RowError(
                line,
                "Kennung",
                _(
                    "„%(name)s“ mit dieser PLZ ist schon mit der Kennung „%(other)s“ eingetragen, "
                    "nicht mit „%(id)s“. Bitte prüfen Sie die Kennung."
                )
                % {"name": target.name, "other": target.external_id, "id": external_id},
            )
        return target, None

    def planned_row(
        self,
        line: int,
        values: dict[str, Any],
        spaces: list[SocialSpace] | None,
        target: Organisation | None,
    ) -> PlannedRow:
        if target is None:
            return PlannedRow(line, "neu", values, spaces)
        if not values.get("external_id"):
            values.pop("external_id", None)  # an empty Kennung keeps the stored one
        changes = [
            self.labels[name]
            for name, value in values.items()
            if _stored(target, name) != (value.pk if isinstance(value, Municipality) else value)
        ]
        current_spaces = self.spaces_of.get(target.pk, set())
        if spaces is not None and current_spaces != {s.pk for s in spaces}:
            changes.append(self.labels["social_spaces"])
        return PlannedRow(line, "aktualisieren", values, spaces, target.pk, changes)

    def warn_duplicates(
        self,
        planned: PlannedRow,
        target: Organisation | None,
        preview: ImportPreview,
        seen: dict[str, _Similar],
    ) -> None:
        """At most one hint per row about the directory and one about the file, found by key in
        constant time (1,500 rows with one key used to give a million hints)."""
        key = duplicate_key(planned.name)
        if not key:
            return
        postcode = planned.values.get("postcode", "")
        existing = self.by_duplicate_key.get(key)
        # Same name in another town is no duplicate; an entry without postcode may be either.
        org = (
            next((org for org in existing.candidates(postcode) if org is not target), None)
            if existing
            else None
        )
        if org is not None:
            place = " ".join(part for part in (org.postcode, org.city) if part)
            where = f" ({place})" if place else ""
            preview.duplicate_warnings.append(
                RowError(
                    planned.line,
                    "Name",
                    _(
                        "„%(name)s“ ähnelt der vorhandenen Organisation „%(other)s“%(where)s. "
                        "Ist es dieselbe? Dann gleichen Sie bitte die Schreibweise an."
                    )
                    % {"name": planned.name, "other": org.name, "where": where},
                )
            )
        group = seen.setdefault(key, _Similar())
        other = next((row for row in group.candidates(postcode) if row.name != planned.name), None)
        if other is not None:
            preview.duplicate_warnings.append(
                RowError(
                    planned.line,
                    "Name",
                    _("„%(name)s“ ähnelt „%(other)s“ in Zeile %(line)s. Ist es dieselbe?")
                    % {"name": planned.name, "other": other.name, "line": other.line},
                )
            )
        group.add(postcode, planned)


class _Similar:
    """Entries that share a duplicate key, in order, grouped by postcode: enough to name the
    first similar entry of a row in constant time. Two entries are similar when they have the
    same postcode or one of them has none; a few entries per group suffice, because each row
    skips at most one of them (its own target, or a row of the same name)."""

    KEEP = 3

    def __init__(self) -> None:
        self.count = 0
        self.by_postcode: dict[str, list[tuple[int, Any]]] = {}
        self.first: list[tuple[int, Any]] = []

    def add(self, postcode: str, entry: Any) -> None:
        self.count += 1
        kept = self.by_postcode.setdefault(postcode, [])
        if len(kept) < self.KEEP:
            kept.append((self.count, entry))
        if len(self.first) < self.KEEP:
            self.first.append((self.count, entry))

    def candidates(self, postcode: str) -> list[Any]:
        if not postcode:
            return [entry for _order, entry in self.first]
        found = sorted(self.by_postcode.get(postcode, []) + self.by_postcode.get("", []))
        return [entry for _order, entry in found]


_IMPORTED_FIELDS = (
    *_TEXT_FIELDS.values(),
    "kind",
    "postcode",
    "municipality",
    "email",
    "website",
    "social_spaces",
)


def _stored(organisation: Organisation, name: str) -> Any:
    return organisation.municipality_id if name == "municipality" else getattr(organisation, name)


def field_of(name: str) -> Any:
    """A field of Organisation (typed loosely: get_field's union includes relations)."""
    return Organisation._meta.get_field(name)


def _max_length(name: str) -> int:
    return field_of(name).max_length or DESCRIPTION_MAX


def _kind_lookup() -> dict[str, str]:
    lookup: dict[str, str] = {}
    for kind, label in OrganisationKind.choices:
        lookup[search_key(kind)] = kind
        lookup[search_key(str(label))] = kind
    for word, kind in _KIND_SYNONYMS.items():
        lookup[search_key(word)] = kind
    return lookup


def _kind_list() -> str:
    labels = []
    for kind, label in OrganisationKind.choices:
        text = str(label)
        if kind == OrganisationKind.KITA:
            text += " (Kita)"
        labels.append(text)
    return ", ".join(labels)
