"""The public read API of the Familienwegweiser: GET /api/v1/offers/ without login.

The same offers as the public guide (selectors.guide_offers: published, valid, confirmed; the
same filters and search), as JSON, in relevance order, paginated. Limited per client address
(accounts.throttling.allow; a clear 429 with Retry-After when over the limit).
"""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Query, Router, Schema

from sozialraum.accounts.throttling import allow, client_ip
from sozialraum.offers import selectors
from sozialraum.offers.forms import GuideFilterForm
from sozialraum.offers.models import OfferTopic
from sozialraum.regions.models import YouthOffice

PAGE_SIZE = 20
RATE_PERIOD = 60  # seconds
TOO_MANY = "Zu viele Anfragen von Ihrer Adresse. Bitte warten Sie eine Minute."


def rate_limit() -> int:
    """Requests per client address and minute (setting OFFERS_API_RATE, default 120)."""
    return int(getattr(settings, "OFFERS_API_RATE", 120))


router = Router(tags=["Familienwegweiser"])


class OfferFilters(Schema):
    youth_office: str
    q: str = ""
    topic: str = ""
    target_group: str = ""
    social_space: str = ""
    municipality: str = ""
    age: str = ""
    language: str = ""
    free: bool = False
    step_free: bool = False
    page: str = "1"


class OfferOut(Schema):
    id: int
    title: str
    organisation: str
    topics: list[str]
    target_groups: list[str]
    social_spaces: list[str]
    age_from: int | None
    age_until: int | None
    city: str
    is_free: bool
    url: str


class OfferPage(Schema):
    count: int
    page: int
    pages: int
    ignored: list[str]
    results: list[OfferOut]


class TooMany(Schema):
    detail: str


def _form_data(filters: OfferFilters, office: YouthOffice) -> dict[str, str]:
    """The API's parameters as the guide's filter form takes them (ids; a topic or a social
    space may also be given by its name)."""
    data = {
        "q": filters.q,
        "thema": _by_name(filters.topic, OfferTopic.objects.in_office(office)),
        "fuer": filters.target_group,
        "alter": filters.age,
        "raum": _by_name(filters.social_space, selectors.public_spaces(office)),
        "gemeinde": filters.municipality,
        "sprache": filters.language,
    }
    if filters.free:
        data["kostenlos"] = "on"
    if filters.step_free:
        data["barrierefrei"] = "on"
    return {name: value for name, value in data.items() if value}


def _by_name(value: str, queryset) -> str:
    value = (value or "").strip()[:200]
    if not value or value.isdigit():
        return value
    found = queryset.filter(name__iexact=value).values_list("pk", flat=True).first()
    return str(found) if found else value  # an unknown name: the form reports it as ignored


@router.get(
    "/",
    response={200: OfferPage, 429: TooMany},
    auth=None,
    summary="Angebote des Familienwegweisers (öffentlich)",
    description=(
        "Veröffentlichte Angebote eines Jugendamts, ohne Anmeldung. Mit `q` nach Relevanz "
        "sortiert (deutsche Suche), sonst nach Titel; 20 je Seite. Unbekannte Filterwerte "
        "werden nicht angewendet und in `ignored` genannt. Höchstens "
        "120 Anfragen je Minute und Adresse, darüber Status 429."
    ),
)
def list_offers(request: HttpRequest, filters: Query[OfferFilters]):
    if not allow("api_offers", client_ip(request), rate_limit(), RATE_PERIOD):
        response = JsonResponse({"detail": TOO_MANY}, status=429)
        response["Retry-After"] = str(RATE_PERIOD)
        return response
    office = get_object_or_404(YouthOffice, slug=filters.youth_office[:100])
    form = GuideFilterForm(_form_data(filters, office), office=office)
    offers = selectors.guide_offers(office, **form.filters())
    paginator = Paginator(
        selectors.with_card_parts(offers.prefetch_related("social_spaces")), PAGE_SIZE
    )
    page = paginator.get_page(filters.page)
    public_spaces = set(selectors.public_spaces(office).values_list("pk", flat=True))
    base = reverse("offers:public_offer", kwargs={"office_slug": office.slug, "pk": 0})[:-2]
    results = [
        {
            "id": offer.pk,
            "title": offer.title,
            "organisation": offer.organisation.name,
            "topics": [topic.name for topic in offer.topics.all()],
            "target_groups": [row.target_group for row in offer.target_group_rows.all()],
            "social_spaces": [
                space.name for space in offer.social_spaces.all() if space.pk in public_spaces
            ],
            "age_from": offer.age_from,
            "age_until": offer.age_until,
            "city": offer.city,
            "is_free": offer.is_free,
            "url": request.build_absolute_uri(f"{base}{offer.pk}/"),
        }
        for offer in page.object_list
    ]
    return {
        "count": paginator.count,
        "page": page.number,
        "pages": paginator.num_pages,
        "ignored": form.ignored(),
        "results": results,
    }
