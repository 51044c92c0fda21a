"""Import of offers from CSV or XLSX, under the import contract (DESIGN.md §4).

`parse_offers` reads the whole file (lib.imports: CSV in UTF-8, UTF-8 with BOM or
Windows-1252, `;` `,` or tab; XLSX), checks every row and plans it ("neu" or "aktualisieren")
without writing anything; every problem is a RowError with line, column and a German reason.
`apply_offer_import` writes the plan in one transaction through offers.services (validation,
audit trail, search index), all or nothing. Coordination's import publishes the offers it
creates unless `draft`; updated offers keep their status.

Matching: by `Kennung` first; a row without one updates the offer with the same title of the
same provider, else creates one. `Anbieter` is the name or the Kennung of an organisation of
the office's directory. Columns in the file overwrite the stored values (an empty cell empties
the field); columns not in the file leave them alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction
from django.utils.translation import gettext as _

from sozialraum.lib.errors import InvalidData
from sozialraum.lib.imports import Column, ImportFileError, RowError, read_table
from sozialraum.lib.text import search_key
from sozialraum.network.models import Organisation
from sozialraum.offers import services
from sozialraum.offers.models import (
    MAX_AGE,
    Language,
    Offer,
    OfferStatus,
    OfferTopic,
    TargetGroup,
)
from sozialraum.regions.models import Municipality, SocialSpace, YouthOffice

if TYPE_CHECKING:
    from sozialraum.accounts.models import User

COLUMNS = (
    Column("Titel", required=True, aliases=("Angebot", "Name", "Bezeichnung")),
    Column("Beschreibung", aliases=("Kurzbeschreibung", "Text")),
    Column("Anbieter", required=True, aliases=("Träger", "Organisation", "Einrichtung")),
    Column("Themen", aliases=("Thema", "Kategorie", "Kategorien")),
    Column("Zielgruppen", aliases=("Zielgruppe", "Für wen")),
    Column("Alter von", aliases=("Mindestalter", "ab Alter", "Alter ab")),
    Column("Alter bis", aliases=("Höchstalter", "bis Alter")),
    Column("Sozialräume", aliases=("Sozialraum", "Sozialraumbezirk", "Planungsraum", "Region")),
    Column("Gemeindeschlüssel", aliases=("AGS", "Amtlicher Gemeindeschlüssel"), pad_digits=8),
    Column("Adresse", aliases=("Anschrift", "Ort", "Straße")),
    Column("Kosten", aliases=("Preis", "Gebühr")),
    Column("Sprachen", aliases=("Sprache",)),
    Column("Barrierefrei", aliases=("barrierefrei zugänglich", "Barrierefreiheit", "stufenlos")),
    Column("Telefon", aliases=("Tel.", "Tel", "Telefonnummer")),
    Column("E-Mail", aliases=("Mail", "E-Mail-Adresse")),
    Column("Website", aliases=("Webseite", "Internet", "Homepage", "URL")),
    Column("Kennung", aliases=("ID", "Externe Kennung", "Nummer", "Nr.")),
)
HEADERS = [column.name for column in COLUMNS]

_LIST_SPLIT = re.compile(r"\s*[|;,]\s*")
_ADDRESS = re.compile(r"^(?P<street>.*?)[,\s]+(?P<postcode>\d{5})\s+(?P<city>.+)$")
_FREE = {"kostenlos", "kostenfrei", "gratis", "frei", "0", "0 eur", "0 euro", "keine", "nein"}
_YES = {"ja", "j", "x", "1", "true", "wahr", "yes"}
_NO = {"nein", "n", "0", "false", "falsch", "no", ""}
_LIMITS = {"title": 200, "description": 5000, "costs": 300, "phone": 50, "external_id": 100}


@dataclass
class PlannedOffer:
    line: int
    action: str  # "neu" or "aktualisieren"
    data: dict[str, Any]  # offers.services data (only the columns in the file)
    offer_id: int | None = None

    @property
    def title(self) -> str:
        return self.data.get("title", "")

    @property
    def provider(self) -> str:
        organisation = self.data.get("organisation")
        return organisation.name if organisation else ""


@dataclass
class OfferImportPreview:
    filename: str
    rows: list[PlannedOffer] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    unknown_columns: list[str] = field(default_factory=list)
    file_error: str = ""

    @property
    def is_valid(self) -> bool:
        return not self.errors and bool(self.rows)

    @property
    def created(self) -> int:
        return sum(row.action == "neu" for row in self.rows)

    @property
    def updated(self) -> int:
        return sum(row.action == "aktualisieren" for row in self.rows)


class _Lookups:
    """The office's rows an import refers to, loaded once."""

    def __init__(self, office: YouthOffice):
        organisations = list(Organisation.objects.in_office(office))
        self.organisation_by_id = {o.external_id: o for o in organisations if o.external_id}
        self.organisations_by_name: dict[str, list[Organisation]] = {}
        for organisation in organisations:
            self.organisations_by_name.setdefault(search_key(organisation.name), []).append(
                organisation
            )
        services.topics_for(office)
        self.topics = {search_key(t.name): t for t in OfferTopic.objects.in_office(office)}
        self.spaces = {search_key(s.name): s for s in SocialSpace.objects.in_office(office)}
        self.target_groups = _codes(TargetGroup)
        self.languages = _codes(Language)
        offers = list(Offer.objects.in_office(office).only("pk", "external_id", "title"))
        self.offer_by_id = {o.external_id: o.pk for o in offers if o.external_id}
        self.offer_by_title = {
            (search_key(o.title), o.organisation_id): o.pk for o in offers if not o.external_id
        }
        self.kreis_key = office.kreis_key
        self.office = office

    def load(self, pk: int) -> Offer:
        return Offer.objects.select_related("organisation", "municipality").get(pk=pk)


def _codes(choices) -> dict[str, str]:
    result = {}
    for value, label in choices.choices:
        result[search_key(value)] = value
        result[search_key(str(label))] = value
    return result


def parse_offers(*, data: bytes, filename: str, office: YouthOffice) -> OfferImportPreview:
    """Read, check and plan the import; never raises for bad input."""
    preview = OfferImportPreview(filename=filename)
    try:
        table = read_table(data, filename, COLUMNS)
    except ImportFileError as error:
        preview.file_error = str(error)
        preview.errors.append(RowError(0, "", str(error)))
        return preview
    preview.columns = table.columns
    preview.unknown_columns = table.unknown_columns
    preview.errors.extend(table.errors)
    if not table.rows and not table.errors:
        preview.file_error = _("Die Datei enthält nur die Kopfzeile, aber keine Angebote.")
        preview.errors.append(RowError(0, "", preview.file_error))
        return preview
    if any(c.required and c.name not in table.columns for c in COLUMNS):
        return preview
    lookups = _Lookups(office)
    seen_ids: dict[str, int] = {}
    for row in table.rows:
        planned = _plan_row(row.line, row.values, table.columns, lookups, preview.errors)
        if planned is None:
            continue
        external_id = planned.data.get("external_id", "")
        if external_id:
            if external_id in seen_ids:
                preview.errors.append(
                    RowError(
                        row.line,
                        "Kennung",
                        _("Die Kennung „%(id)s“ steht schon in Zeile %(line)s.")
                        % {"id": external_id, "line": seen_ids[external_id]},
                    )
                )
                continue
            seen_ids[external_id] = row.line
        preview.rows.append(planned)
    preview.errors.sort(
        key=lambda e: (e.line, HEADERS.index(e.column) if e.column in HEADERS else -1)
    )
    return preview


def _plan_row(
    line: int, values: dict[str, str], columns: list[str], lookups: _Lookups, errors: list
) -> PlannedOffer | None:
    before = len(errors)

    def error(column: str, message: str) -> None:
        errors.append(RowError(line, column, message))

    present = {column: values[column] for column in columns}
    data: dict[str, Any] = {"organisation": _provider(values["Anbieter"], lookups, error)}
    data.update(_texts(present, error))
    data.update(_many(present, lookups, error))
    data.update(_other(present, lookups, error))
    if len(errors) > before:
        return None
    planned = _match(line, data, lookups)
    if planned.action == "neu" and not data.get("description"):
        error("Beschreibung", _("Ein neues Angebot braucht eine Beschreibung."))
        return None
    _check_with_services(planned, lookups, error)
    return None if len(errors) > before else planned


# Model field -> column, for the messages of offers.services' own validation.
_FIELD_COLUMNS = {
    "title": "Titel",
    "description": "Beschreibung",
    "organisation": "Anbieter",
    "age_from": "Alter von",
    "age_until": "Alter bis",
    "municipality": "Gemeindeschlüssel",
    "street": "Adresse",
    "postcode": "Adresse",
    "city": "Adresse",
    "costs": "Kosten",
    "phone": "Telefon",
    "email": "E-Mail",
    "website": "Website",
    "external_id": "Kennung",
}


def _check_with_services(planned: PlannedOffer, lookups: _Lookups, error) -> None:
    """The checks the offer form makes too (offers.services.validate_offer), on an unsaved
    copy: what passes here passes when the import is applied."""
    offer = Offer(youth_office_id=lookups.office.pk, status=OfferStatus.DRAFT)
    if planned.offer_id is not None:
        offer = lookups.load(planned.offer_id)
    try:
        many = services.apply_offer_data(offer, planned.data)
        services.validate_offer(lookups.office, offer, many)
    except InvalidData as invalid:
        for name, messages in invalid.errors.items():
            error(_FIELD_COLUMNS.get(name, ""), " ".join(messages))
    except ValueError as problem:
        error("", str(problem))


_TEXTS = {
    "Titel": "title",
    "Beschreibung": "description",
    "Telefon": "phone",
    "Kennung": "external_id",
}


def _texts(present: dict[str, str], error) -> dict[str, Any]:
    data = {}
    for column, name in _TEXTS.items():
        if column not in present:
            continue
        data[name] = present[column]
        if len(present[column]) > _LIMITS[name]:
            error(
                column,
                _("Der Text ist zu lang (%(count)s Zeichen, erlaubt sind %(limit)s).")
                % {"count": len(present[column]), "limit": _LIMITS[name]},
            )
    if not data.get("title"):
        error("Titel", _("Der Titel fehlt."))
    if "Beschreibung" in present and not data.get("description"):
        error("Beschreibung", _("Die Beschreibung fehlt."))
    return data


def _many(present: dict[str, str], lookups: _Lookups, error) -> dict[str, Any]:
    data: dict[str, Any] = {}
    if "Themen" in present:
        data["topics"] = _names(present["Themen"], lookups.topics, "Themen", _("Thema"), error)
    if "Sozialräume" in present:
        data["social_spaces"] = _names(
            present["Sozialräume"], lookups.spaces, "Sozialräume", _("Sozialraum"), error
        )
    if "Zielgruppen" in present:
        data["target_groups"] = _choices(
            present["Zielgruppen"], lookups.target_groups, "Zielgruppen", error
        )
    if "Sprachen" in present:
        data["languages"] = _choices(present["Sprachen"], lookups.languages, "Sprachen", error)
    return data


def _other(present: dict[str, str], lookups: _Lookups, error) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for column, name in (("Alter von", "age_from"), ("Alter bis", "age_until")):
        if column in present:
            data[name] = _age(present[column], column, error)
    ages = (data.get("age_from"), data.get("age_until"))
    if None not in ages and ages[0] > ages[1]:  # type: ignore[operator]
        error("Alter bis", _("„Alter bis“ darf nicht kleiner sein als „Alter von“."))
    if "Gemeindeschlüssel" in present:
        data["municipality"] = _municipality(present["Gemeindeschlüssel"], lookups, error)
    if "Adresse" in present:
        data.update(_address(present["Adresse"]))
    if "Kosten" in present:
        data.update(_costs(present["Kosten"], error))
    if "Barrierefrei" in present:
        data["step_free"] = _yes_no(present["Barrierefrei"], error)
    if "E-Mail" in present:
        data["email"] = _email(present["E-Mail"], error)
    if "Website" in present:
        data["website"] = _website(present["Website"], error)
    return data


def _match(line: int, data: dict[str, Any], lookups: _Lookups) -> PlannedOffer:
    external_id = data.get("external_id", "")
    offer_id = lookups.offer_by_id.get(external_id) if external_id else None
    if offer_id is None and not external_id:
        key = (search_key(data["title"]), data["organisation"].pk)
        offer_id = lookups.offer_by_title.get(key)
    return PlannedOffer(line, "aktualisieren" if offer_id else "neu", data, offer_id)


def _provider(value: str, lookups: _Lookups, error) -> Organisation | None:
    if not value:
        error("Anbieter", _("Der Anbieter fehlt."))
        return None
    if value in lookups.organisation_by_id:
        return lookups.organisation_by_id[value]
    found = lookups.organisations_by_name.get(search_key(value), [])
    if len(found) == 1:
        return found[0]
    if found:
        error(
            "Anbieter",
            _(
                "„%(name)s“ gibt es mehrmals im Verzeichnis. Bitte geben Sie die Kennung der "
                "Organisation an."
            )
            % {"name": value},
        )
    else:
        error(
            "Anbieter",
            _(
                "„%(name)s“ steht nicht im Verzeichnis der Akteure. Bitte legen Sie die "
                "Organisation zuerst an oder schreiben Sie den Namen wie dort."
            )
            % {"name": value},
        )
    return None


def _names(value: str, known: dict[str, Any], column: str, what: str, error) -> list[Any]:
    result = []
    for name in _split(value):
        row = known.get(search_key(name))
        if row is None:
            error(
                column,
                _("%(what)s „%(name)s“ gibt es nicht. Bekannt sind: %(known)s.")
                % {
                    "what": what,
                    "name": name,
                    "known": ", ".join(sorted(str(r) for r in known.values())) or "–",
                },
            )
        elif row not in result:
            result.append(row)
    return result


def _choices(value: str, known: dict[str, str], column: str, error) -> list[str]:
    result = []
    for name in _split(value):
        code = known.get(search_key(name))
        if code is None:
            error(column, _("„%(name)s“ kennen wir hier nicht.") % {"name": name})
        elif code not in result:
            result.append(code)
    return result


def _split(value: str) -> list[str]:
    return [part for part in _LIST_SPLIT.split(value or "") if part]


def _age(value: str, column: str, error) -> int | None:
    if not value:
        return None
    text = value.replace("Jahre", "").replace("J.", "").strip()
    if not text.isdigit() or int(text) > MAX_AGE:
        error(
            column,
            _("Bitte geben Sie das Alter als ganze Zahl von 0 bis %(max)s an.") % {"max": MAX_AGE},
        )
        return None
    return int(text)


def _municipality(value: str, lookups: _Lookups, error) -> Municipality | None:
    if not value:
        return None
    municipality = Municipality.objects.filter(ags=value).first() if value.isdigit() else None
    if municipality is None:
        error(
            "Gemeindeschlüssel",
            _("Den Gemeindeschlüssel „%(ags)s“ gibt es nicht.") % {"ags": value},
        )
        return None
    if municipality.kreis_key != lookups.kreis_key:
        error(
            "Gemeindeschlüssel",
            _("%(name)s liegt nicht im Kreis des Jugendamts.") % {"name": municipality.name},
        )
        return None
    return municipality


def _address(value: str) -> dict[str, str]:
    match = _ADDRESS.match(value or "")
    if match:
        return {
            "street": match["street"].strip(" ,")[:200],
            "postcode": match["postcode"],
            "city": match["city"].strip()[:200],
        }
    return {"street": (value or "")[:200], "postcode": "", "city": ""}


def _costs(value: str, error) -> dict[str, Any]:
    if search_key(value) in _FREE or not value:
        return {"is_free": bool(value), "costs": ""}
    if len(value) > _LIMITS["costs"]:
        error("Kosten", _("Der Text ist zu lang (höchstens %(limit)s Zeichen).") % {"limit": 300})
    return {"is_free": False, "costs": value}


def _yes_no(value: str, error) -> bool:
    key = search_key(value)
    if key in _YES:
        return True
    if key not in _NO:
        error("Barrierefrei", _("Bitte schreiben Sie „ja“ oder „nein“."))
    return False


def _email(value: str, error) -> str:
    if value:
        try:
            EmailValidator()(value)
        except ValidationError:
            error("E-Mail", _("„%(value)s“ ist keine gültige E-Mail-Adresse.") % {"value": value})
    return value


def _website(value: str, error) -> str:
    if not value:
        return ""
    url = value if "://" in value else f"https://{value}"
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        error(
            "Website", _("„%(value)s“ ist keine gültige Adresse einer Website.") % {"value": value}
        )
    return url


# Applying -------------------------------------------------------------------------------------


@dataclass
class OfferImportResult:
    created: int = 0
    updated: int = 0


@transaction.atomic
def apply_offer_import(
    *, preview: OfferImportPreview, office: YouthOffice, actor: User | None, draft: bool = False
) -> OfferImportResult:
    """Write the plan, all or nothing. Raises ValueError (German) if a row no longer fits
    (e.g. an offer changed meanwhile); then nothing is written."""
    if not preview.is_valid:
        raise ValueError(_("Die Datei enthält Fehler. Es wurde nichts importiert."))
    result = OfferImportResult()
    status = OfferStatus.DRAFT if draft else OfferStatus.PUBLISHED
    for row in preview.rows:
        try:
            if row.offer_id is None:
                services.create_offer(office=office, actor=actor, data=row.data, status=status)
                result.created += 1
            else:
                current = (
                    Offer.objects.in_office(office)
                    .select_related("youth_office", "organisation", "municipality")
                    .get(pk=row.offer_id)
                )
                services.save_offer(
                    current=current, actor=actor, version=current.version, data=row.data
                )
                result.updated += 1
        except (InvalidData, Offer.DoesNotExist, ValueError) as error:
            raise ValueError(
                _("Zeile %(line)s: %(reason)s Es wurde nichts importiert.")
                % {"line": row.line, "reason": str(error) or _("Das Angebot gibt es nicht mehr.")}
            ) from None
    return result
