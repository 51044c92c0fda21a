"""The DSGVO Auskunft (Art. 15) for people: a readable German document and the JSON beside it.

The document is an HTML page designed to print (its own print stylesheet; "Als PDF speichern"
in the browser's print dialogue makes a PDF). WeasyPrint would need system libraries (pango) on
every server, so the PDF is left to the browser. The JSON keeps the keys of
`privacy.export_person_data` unchanged, so programs reading it do not break.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from sozialraum.lib.text import search_key


@dataclass
class Section:
    title: str
    fields: list[tuple[str, str]] = field(default_factory=list)  # a list of label: value
    rows: list[dict[str, str]] = field(default_factory=list)  # a table
    empty: str = ""


def _text(value: Any) -> str:
    if value is True:
        return _("ja")
    if value is False:
        return _("nein")
    if value in (None, ""):
        return "–"
    if isinstance(value, dict):  # the changes of an audit entry: field: old -> new
        parts = []
        for label, change in value.items():
            if isinstance(change, dict):
                parts.append(f"{label}: {change.get('old') or '–'} → {change.get('new') or '–'}")
            else:
                parts.append(f"{label}: {change}")
        return "; ".join(parts) or "–"
    return str(value)


def sections(data: dict[str, Any]) -> list[Section]:
    """The export's parts as headings with label/value lists or tables, in German."""
    result = [
        Section(_("Person"), fields=[(k, _text(v)) for k, v in data["Person"].items()]),
        Section(
            _("Tätigkeiten für Organisationen"),
            rows=[{k: _text(v) for k, v in row.items()} for row in data["Zugehörigkeiten"]],
            empty=_("Keine gespeichert."),
        ),
    ]
    account = data.get("Zugang")
    if account:
        fields = [(k, _text(v)) for k, v in account.items() if k != "Rollen"]
        for role in account.get("Rollen", []):
            fields.append((_("Rolle"), ", ".join(_text(v) for v in role.values())))
        result.append(Section(_("Zugang zur Plattform"), fields=fields))
    else:
        result.append(Section(_("Zugang zur Plattform"), empty=_("Die Person hat keinen Zugang.")))
    result.append(
        Section(
            _("Änderungsprotokoll zu dieser Person"),
            rows=[{k: _text(v) for k, v in row.items()} for row in data["Änderungsprotokoll"]],
            empty=_("Keine Einträge."),
        )
    )
    return result


def _filename(person, extension: str) -> tuple[str, str]:
    """('Auskunft-Müller-2026-12-01.json', ASCII fallback 'auskunft-mueller-2026-12-01.json')."""
    day = f"{timezone.localdate():%Y-%m-%d}"
    name = "-".join(person.last_name.split()) or "Person"
    fallback = "-".join(search_key(person.last_name).split()) or "person"
    safe = "".join(ch for ch in name if ch.isalnum() or ch in "-_")
    return f"Auskunft-{safe}-{day}.{extension}", f"auskunft-{fallback}-{day}.{extension}"


def attachment(filename: str, fallback: str) -> str:
    """Content-Disposition with the UTF-8 name (RFC 5987/6266) and an ASCII name for old clients."""
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


def json_response(person, data: dict[str, Any]) -> HttpResponse:
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = attachment(*_filename(person, "json"))
    add_never_cache_headers(response)
    return response


def document_response(request: HttpRequest, person, data: dict[str, Any]) -> HttpResponse:
    response = render(
        request,
        "network/person_export_document.html",
        {
            "person": person,
            "data": data,
            "sections": sections(data),
            "created": data["Auskunft"]["erstellt am"],
        },
    )
    add_never_cache_headers(response)
    return response
