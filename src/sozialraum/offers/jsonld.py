"""schema.org JSON-LD of an offer page: a Service, or an Event when the offer has dates.

The data is written into `<script type="application/ld+json">`: a data block that browsers
never execute, so the CSP (script-src 'self') neither blocks nor needs a nonce for it. "<",
">" and "&" are written as JSON escapes, so no text of an offer can end the block.
"""

from __future__ import annotations

import json
from typing import Any

from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from sozialraum.offers.models import Offer

_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def _address(offer: Offer) -> dict[str, Any] | None:
    if not (offer.street or offer.postcode or offer.city):
        return None
    address = {"@type": "PostalAddress", "addressCountry": "DE"}
    if offer.street:
        address["streetAddress"] = offer.street
    if offer.postcode:
        address["postalCode"] = offer.postcode
    if offer.city:
        address["addressLocality"] = offer.city
    return address


def _place(offer: Offer) -> dict[str, Any]:
    place: dict[str, Any] = {"@type": "Place", "name": offer.city or offer.organisation.name}
    address = _address(offer)
    if address:
        place["address"] = address
    if offer.latitude is not None and offer.longitude is not None:
        place["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(offer.latitude),
            "longitude": float(offer.longitude),
        }
    return place


def _provider(offer: Offer) -> dict[str, Any]:
    organisation = offer.organisation
    provider: dict[str, Any] = {"@type": "Organization", "name": organisation.name}
    if organisation.is_public and organisation.website:
        provider["url"] = organisation.website
    contact = {
        key: value for key, value in (("telephone", offer.phone), ("email", offer.email)) if value
    }
    if contact:
        provider["contactPoint"] = {"@type": "ContactPoint", **contact}
    return provider


def _audience(offer: Offer) -> dict[str, Any] | None:
    if offer.age_from is None and offer.age_until is None:
        return None
    audience: dict[str, Any] = {"@type": "PeopleAudience"}
    if offer.age_from is not None:
        audience["suggestedMinAge"] = offer.age_from
    if offer.age_until is not None:
        audience["suggestedMaxAge"] = offer.age_until
    return audience


def offer_data(offer: Offer, url: str) -> dict[str, Any]:
    """The offer as schema.org data; `url`: the absolute URL of its public page."""
    now = timezone.now()
    upcoming = [d.starts_at for d in offer.dates.all() if d.starts_at >= now]
    areas = [space.name for space in offer.social_spaces.all()]
    if offer.municipality is not None:
        areas.append(offer.municipality.short_name)
    area_served = [{"@type": "AdministrativeArea", "name": name} for name in areas]
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event" if upcoming else "Service",
        "name": offer.title,
        "description": offer.description,
        "url": url,
        "inLanguage": [row.language for row in offer.language_rows.all()] or ["de"],
    }
    place = _place(offer)
    if upcoming:
        if area_served:
            place["containedInPlace"] = area_served
        data.update(
            startDate=timezone.localtime(upcoming[0]).isoformat(),
            organizer=_provider(offer),
            location=place,
            eventAttendanceMode="https://schema.org/OfflineEventAttendanceMode",
            isAccessibleForFree=offer.is_free,
        )
    else:
        data["provider"] = _provider(offer)
        data["serviceType"] = ", ".join(topic.name for topic in offer.topics.all())
        if len(place) > 2:
            data["availableChannel"] = {"@type": "ServiceChannel", "serviceLocation": place}
        if area_served:
            data["areaServed"] = area_served
    audience = _audience(offer)
    if audience:
        data["audience"] = audience
    return data


def script_text(data: dict[str, Any]) -> SafeString:
    """The JSON for inside the script element (escaped so it cannot close it)."""
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_ESCAPES))  # noqa: S308  # escaped above
