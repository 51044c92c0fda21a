"""An offer's editable values in three forms, written once for services, proposals and forms.

- python values (`offer_values`): what services take (`data`): rows for organisation,
  municipality, topics and social spaces; codes for target groups and languages; aware
  datetimes for dates;
- JSON values (`to_json`): what an OfferChange stores (ids, codes, ISO strings, sorted lists),
  so two values compare equal exactly when they mean the same;
- display text (`display`): what the review and the audit trail show.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from sozialraum.lib.fields import field_label
from sozialraum.network.models import Organisation
from sozialraum.offers.models import Language, Offer, OfferTopic, TargetGroup
from sozialraum.regions.models import Municipality, SocialSpace, YouthOffice

FIELDS = (*Offer.EDITABLE_FIELDS, *Offer.MANY_FIELDS)
ROW_FIELDS = {"organisation": Organisation, "municipality": Municipality}
ROWS_FIELDS = {"topics": OfferTopic, "social_spaces": SocialSpace}
CODE_FIELDS = {"target_groups": TargetGroup, "languages": Language}
DATE_FIELDS = ("valid_from", "valid_until")
DECIMAL_FIELDS = ("latitude", "longitude")
BOOL_FIELDS = ("is_free", "step_free")


def offer_values(offer: Offer) -> dict[str, Any]:
    """The offer's editable values as python values (five queries for the many parts unless
    prefetched)."""
    values: dict[str, Any] = {name: getattr(offer, name) for name in Offer.EDITABLE_FIELDS}
    values["topics"] = list(offer.topics.all())
    values["social_spaces"] = list(offer.social_spaces.all())
    values["target_groups"] = sorted(row.target_group for row in offer.target_group_rows.all())
    values["languages"] = sorted(row.language for row in offer.language_rows.all())
    values["dates"] = sorted(row.starts_at for row in offer.dates.all())
    return values


def _json_one(name: str, value: Any) -> Any:
    if name in ROW_FIELDS:
        return getattr(value, "pk", value)
    if name in ROWS_FIELDS:
        return sorted(getattr(item, "pk", item) for item in (value or []))
    if name in CODE_FIELDS:
        return sorted(set(value or []))
    if name == "dates":
        return sorted(
            timezone.localtime(item).isoformat() if isinstance(item, datetime) else item
            for item in (value or [])
        )
    if name in DATE_FIELDS:
        return value.isoformat() if isinstance(value, date) else value
    if name in DECIMAL_FIELDS:
        return None if value in (None, "") else f"{Decimal(value):.6f}"
    if name in BOOL_FIELDS:
        return bool(value)
    if value is None and name not in ("age_from", "age_until"):
        return ""
    return value


def to_json(values: dict[str, Any]) -> dict[str, Any]:
    return {name: _json_one(name, value) for name, value in values.items()}


def from_json(office: YouthOffice, data: dict[str, Any]) -> dict[str, Any]:
    """JSON values back to python values; rows that are gone (or of another office) drop out
    (a deleted topic or space), a provider or municipality that is gone becomes None."""
    values: dict[str, Any] = {}
    for name, value in data.items():
        if name == "organisation":
            values[name] = Organisation.objects.in_office(office).filter(pk=value).first()
        elif name == "municipality":
            values[name] = (
                None if value is None else office.municipalities().filter(pk=value).first()
            )
        elif name in ROWS_FIELDS:
            model = ROWS_FIELDS[name]
            values[name] = list(model.objects.filter(youth_office=office, pk__in=value or []))
        elif name in CODE_FIELDS:
            allowed = set(CODE_FIELDS[name].values)
            values[name] = [code for code in value or [] if code in allowed]
        elif name == "dates":
            values[name] = [datetime.fromisoformat(item) for item in value or []]
        elif name in DATE_FIELDS:
            values[name] = date.fromisoformat(value) if value else None
        elif name in DECIMAL_FIELDS:
            try:
                values[name] = None if value in (None, "") else Decimal(value)
            except InvalidOperation:
                values[name] = None
        else:
            values[name] = value
    return values


def display(name: str, value: Any, names: dict[str, dict[Any, str]] | None = None) -> str:
    """A JSON value as text for people; `names`: {field: {id: name}} for rows."""
    names = names or {}
    if name in BOOL_FIELDS:
        return _("ja") if value else _("nein")
    if value in (None, "", []):
        return ""
    if name in ROW_FIELDS:
        return names.get(name, {}).get(value, str(value))
    if name in ROWS_FIELDS:
        found = names.get(name, {})
        return ", ".join(sorted(found.get(pk, str(pk)) for pk in value))
    if name in CODE_FIELDS:
        labels = dict(CODE_FIELDS[name].choices)
        return ", ".join(str(labels.get(code, code)) for code in value)
    if name == "dates":
        return ", ".join(
            formats.date_format(
                timezone.localtime(datetime.fromisoformat(item)), "SHORT_DATETIME_FORMAT"
            )
            for item in value
        )
    if name in DATE_FIELDS:
        return formats.date_format(date.fromisoformat(value), "SHORT_DATE_FORMAT")
    return str(value)


def row_names(office: YouthOffice, *values: dict[str, Any]) -> dict[str, dict[Any, str]]:
    """{field: {id: name}} for the rows the JSON `values` mention (four queries)."""
    ids: dict[str, set[Any]] = {name: set() for name in (*ROW_FIELDS, *ROWS_FIELDS)}
    for data in values:
        for name in ROW_FIELDS:
            if data.get(name) is not None:
                ids[name].add(data[name])
        for name in ROWS_FIELDS:
            ids[name].update(data.get(name) or [])
    result: dict[str, dict[Any, str]] = {}
    result["organisation"] = dict(
        Organisation.objects.in_office(office)
        .filter(pk__in=ids["organisation"])
        .values_list("pk", "name")
    )
    result["municipality"] = dict(
        Municipality.objects.filter(pk__in=ids["municipality"]).values_list("pk", "name")
    )
    for name, model in ROWS_FIELDS.items():
        result[name] = dict(
            model.objects.filter(youth_office=office, pk__in=ids[name]).values_list("pk", "name")
        )
    return result


def label(name: str, office: YouthOffice) -> str:
    """The field's label in the current language."""
    if name == "social_spaces":
        return office.social_space_label_plural
    if name == "target_groups":
        return _("Zielgruppen")
    if name == "languages":
        return _("Sprachen")
    if name == "dates":
        return _("Termine")
    return field_label(Offer, name)
