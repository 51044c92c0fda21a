"""The guard in the API: POST /api/v1/consultations/check (django-ninja, session login).

The text is checked against the vocabulary of the user's youth office: the office named in
`youth_office` (404 without a role there, as on the pages), or the user's only office."""

from __future__ import annotations

import json

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from pydantic import ValidationError

from sozialraum.consultations.guard import find_identifiers
from sozialraum.lib.tenancy import resolve_office
from sozialraum.regions.models import YouthOffice

router = Router(tags=["Anonyme Fallberatung"])

MAX_TEXT = 100_000


class CheckIn(Schema):
    text: str = Field(..., max_length=MAX_TEXT, description="Der zu prüfende Text")
    youth_office: str | None = Field(
        None, max_length=100, description="Kurzbezeichnung des Jugendamts (bei mehreren)"
    )


class FindingOut(Schema):
    start: int
    end: int
    kind: str
    text: str
    reason: str
    suggestion: str


class CheckOut(Schema):
    youth_office: str
    findings: list[FindingOut]


def _office(request: HttpRequest, slug: str | None) -> YouthOffice:
    if slug:
        office, _role = resolve_office(request, slug)
        return office
    ids = list(request.user.office_roles())  # type: ignore[union-attr]
    if not ids:
        raise Http404(_("Kein Jugendamt mit dieser Adresse."))
    if len(ids) > 1:
        raise HttpError(
            400, _("Sie gehören zu mehreren Jugendämtern. Bitte geben Sie „youth_office“ an.")
        )
    return YouthOffice.objects.get(pk=ids[0])


def _payload(request: HttpRequest) -> CheckIn:
    """The body as JSON ({"text": ..., "youth_office": ...}), or a form's fields; a German 422
    for anything else (a body that is no JSON object, a text that is too long or missing)."""
    if request.content_type == "application/json":
        try:
            data = json.loads(request.body or b"{}")
        except ValueError as error:
            raise HttpError(422, _("Der Inhalt ist kein gültiges JSON.")) from error
    else:
        data = {
            key: request.POST.get(key) for key in ("text", "youth_office") if key in request.POST
        }
    if not isinstance(data, dict) or not isinstance(data.get("text"), str):
        raise HttpError(422, _("Bitte senden Sie den zu prüfenden Text im Feld „text“."))
    try:
        return CheckIn(**data)
    except ValidationError as error:
        raise HttpError(
            422,
            _("Der Text darf höchstens %(max)s Zeichen lang sein.")
            % {"max": f"{MAX_TEXT:,}".replace(",", ".")},
        ) from error


@router.post(
    "/check",
    response=CheckOut,
    summary="Text auf erkennbare Angaben prüfen",
    openapi_extra={
        "requestBody": {
            "content": {"application/json": {"schema": CheckIn.model_json_schema()}},
            "required": True,
        }
    },
)
def check(request: HttpRequest) -> dict:
    payload = _payload(request)
    office = _office(request, payload.youth_office)
    findings = find_identifiers(payload.text, youth_office=office)
    return {"youth_office": office.slug, "findings": findings}
