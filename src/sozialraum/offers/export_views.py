"""The public guide, filtered as on the page, as a table for download (CSV or XLSX).

The columns are the import's (offers.imports.HEADERS), so coordination can correct an export
in Excel and import it again. Only what the guide shows: public offers, and of their social
spaces only those with a public page. Cells are neutralised against formula injection
(lib.exports). Limited per client address, like the API.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from sozialraum.accounts.throttling import allow, client_ip
from sozialraum.lib import exports as lib_exports
from sozialraum.offers import selectors
from sozialraum.offers.forms import GuideFilterForm
from sozialraum.offers.imports import HEADERS
from sozialraum.offers.models import Language, Offer, TargetGroup
from sozialraum.regions.models import YouthOffice

MAX_ROWS = 5000
EXPORTS_PER_HOUR = 60
SEPARATOR = " | "


def _row(offer: Offer, public_spaces: set[int]) -> list[object]:
    address = ", ".join(
        part for part in (offer.street, f"{offer.postcode} {offer.city}".strip()) if part
    )
    groups = {code: str(label) for code, label in TargetGroup.choices}
    languages = {code: str(label) for code, label in Language.choices}
    return [
        offer.title,
        offer.description,
        offer.organisation.name,
        SEPARATOR.join(topic.name for topic in offer.topics.all()),
        SEPARATOR.join(groups[row.target_group] for row in offer.target_group_rows.all()),
        offer.age_from,
        offer.age_until,
        SEPARATOR.join(s.name for s in offer.social_spaces.all() if s.pk in public_spaces),
        offer.municipality.ags if offer.municipality else "",
        address,
        _("kostenlos") if offer.is_free else offer.costs,
        SEPARATOR.join(languages[row.language] for row in offer.language_rows.all()),
        offer.step_free,
        offer.phone,
        offer.email,
        offer.website,
        offer.external_id,
    ]


@require_safe
def guide_export(request: HttpRequest, office_slug: str, file_format: str) -> HttpResponse:
    office = YouthOffice.objects.filter(slug=office_slug).first()
    if office is None or file_format not in ("csv", "xlsx"):
        raise Http404
    if not allow("guide_export", client_ip(request), EXPORTS_PER_HOUR):
        response = HttpResponse(
            _("Zu viele Downloads von Ihrer Adresse. Bitte versuchen Sie es später noch einmal."),
            status=429,
            content_type="text/plain; charset=utf-8",
        )
        response["Retry-After"] = "3600"
        return response
    form = GuideFilterForm(request.GET or None, office=office)
    filters = form.filters() if request.GET else {}
    offers = selectors.with_card_parts(
        selectors.guide_offers(office, **filters).prefetch_related("social_spaces", "language_rows")
    )
    public_spaces = set(selectors.public_spaces(office).values_list("pk", flat=True))
    rows = [_row(offer, public_spaces) for offer in offers[:MAX_ROWS]]
    filename = f"familienwegweiser-{office.slug}.{file_format}"
    if file_format == "csv":
        return lib_exports.csv_response(filename, HEADERS, rows)
    return lib_exports.xlsx_response(filename, HEADERS, rows)
