"""The public Familienwegweiser: no login, only what is published, for families on a phone.

Every page resolves the youth office from the slug (404 if unknown) and reads only through
`Offer.objects.public(office)` (selectors), so a draft, a hidden or expired offer, a pending
proposal or another office's offer never shows. Answers to visitors without a session may be
kept by browsers and proxies for a few minutes (PUBLIC_MAX_AGE); logged-in people get
`no-store` from the middleware as everywhere.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.views.decorators.http import require_safe

from sozialraum.lib.http import query_without, url_for_rows
from sozialraum.lib.prepared import Prepared
from sozialraum.offers import guide_rows, guide_search, jsonld, selectors
from sozialraum.offers.forms import GuideFilterForm
from sozialraum.offers.models import Offer
from sozialraum.regions.models import YouthOffice

PAGE_SIZE = 20
# Families do not page through thousands of offers, and a deep page costs the database a long
# scan: a later page number shows this page (the count still says how many there are).
MAX_PAGES = 50
PUBLIC_MAX_AGE = 300  # seconds
COUNT_SECONDS = 60  # how long a result count is reused for the same filters


class GuidePaginator(Paginator):
    """Counts once per office data version, filters and minute (counting every public offer is
    the one part of a page that grows with the data); at most MAX_PAGES pages."""

    def __init__(self, object_list, per_page, *, count_key: str, counted) -> None:
        super().__init__(object_list, per_page)
        self.count_key, self.counted = count_key, counted

    @cached_property
    def count(self) -> int:
        cached = cache.get(self.count_key)
        if cached is None:
            # The offers themselves: the card rows' join of the provider adds nothing to count.
            cached = self.counted.count()
            cache.set(self.count_key, cached, COUNT_SECONDS)
        return cached

    @cached_property
    def num_pages(self) -> int:
        return min(super().num_pages, MAX_PAGES)


def _page(request: HttpRequest, office: YouthOffice, offers, filters: dict):
    wanted = sorted((name, str(getattr(value, "pk", value))) for name, value in filters.items())
    digest = hashlib.sha256(repr(wanted).encode()).hexdigest()[:32]
    key = f"offers:guide-count:{office.pk}:{office.data_version}:{digest}"
    rows = guide_rows.card_rows(offers)
    paginator = GuidePaginator(rows, PAGE_SIZE, count_key=key, counted=offers)
    return _with_cards(paginator.get_page(request.GET.get("seite")), office)


# Every page of the guide looks its office up: compiled once per connection (lib/prepared.py).
_OFFICE_BY_SLUG = Prepared(lambda slug: YouthOffice.objects.filter(slug=slug), str)


def public_office(slug: str) -> YouthOffice:
    """The youth office of `slug`, or 404."""
    office = _OFFICE_BY_SLUG.first(slug)
    if office is None:
        raise Http404
    return office


def _public(response: HttpResponse) -> HttpResponse:
    """Cacheable for a short while by anybody, unless this answer sets a cookie (the language
    form's CSRF cookie on a first visit): then only by the visitor's own browser."""
    scope = "private" if response.cookies else "public"
    response["Cache-Control"] = f"{scope}, max-age={PUBLIC_MAX_AGE}"
    return response


def _with_cards(page, office: YouthOffice):
    """The page's plain rows as a list, and `cards_html`: their cards (offers/guide_rows.py)."""
    rows = list(page.object_list)
    page.object_list = rows
    page.cards_html = guide_rows.cards_html(rows, office.slug)
    return page


def _ranked_page(request: HttpRequest, office: YouthOffice, ranked: guide_search.Ranked):
    """A page of a search's ranked ids (guide_search), its offers read by id through
    Offer.objects.public, in the ids' order."""
    page = Paginator(ranked.ids, PAGE_SIZE).get_page(request.GET.get("seite"))
    wanted = list(page.object_list)
    rows = guide_rows.card_rows(Offer.objects.public(office).filter(pk__in=wanted))
    by_pk = {row["id"]: row for row in rows}
    page.object_list = [by_pk[pk] for pk in wanted if pk in by_pk]  # type: ignore[misc]  # ids -> rows
    return _with_cards(page, office)


@require_safe
def guide(request: HttpRequest, office_slug: str) -> HttpResponse:
    office = public_office(office_slug)
    form = GuideFilterForm(request.GET or None, office=office)
    filters = form.filters() if request.GET else {}
    q = filters.get("q", "")
    ranked = None
    if q:
        # The search at scale: ranked ids, capped and cached (offers/guide_search.py); the
        # filtered offers are only built when the search is not cached.
        def filtered_offers():
            return selectors.guide_offers(office, **{**filters, "q": ""})

        ranked = guide_search.ranked(office, filtered_offers, q, filters)
        if ranked.parsed.groups:
            page = _ranked_page(request, office, ranked)
        else:  # only stop words, operators or emoji: every offer, with a note
            page = _page(request, office, filtered_offers(), {**filters, "q": ""})
    else:
        offers = selectors.guide_offers(office, **filters)
        page = _page(request, office, offers, filters)
    searched = bool(request.GET) and any(filters.values())
    filtered = any(value for name, value in filters.items() if name != "q")
    context = {
        "office": office,
        "form": form,
        "page": page,
        "query": query_without(request, "seite"),
        "searched": searched,
        "filtered": filtered,
        "ignored": form.ignored() if request.GET else [],
        "spaces": _space_links(office, form),
        "more": bool(ranked and ranked.more),
        "hints": guide_search.hints(ranked.parsed, q) if ranked else None,
        "without_filters": _url_with_query(office, q) if q and filtered else "",
    }
    return _public(render(request, "offers/guide.html", context))


def _space_links(office: YouthOffice, form: GuideFilterForm) -> list[dict[str, object]]:
    """The public social space pages, named and linked (the filter's cached spaces)."""
    url = url_for_rows("offers:public_space", office_slug=office.slug)
    return [{"url": url(pk), "name": name} for pk, name in form.public_spaces()]


def _url_with_query(office: YouthOffice, q: str) -> str:
    return reverse("offers:guide", kwargs={"office_slug": office.slug}) + "?" + urlencode({"q": q})


@require_safe
def guide_offer(request: HttpRequest, office_slug: str, pk: int) -> HttpResponse:
    office = public_office(office_slug)
    offer = selectors.public_offer(office, pk)
    if offer is None:
        raise Http404
    offer.youth_office = office  # the same row: its URL needs no second query
    url = request.build_absolute_uri(offer.get_public_url())
    context = {
        "office": office,
        "offer": offer,
        "jsonld": jsonld.script_text(jsonld.offer_data(offer, url)),
        "map_tiles": settings.MAP_TILES if offer.latitude is not None else "",
        "map_attribution": settings.MAP_ATTRIBUTION,
        # Written in Python (offers/guide_rows.py): an offer may have many dates.
        "dates_html": guide_rows.date_items(offer.dates.all()),
        "age": guide_rows.age_text(offer.age_from, offer.age_until),
    }
    return _public(render(request, "offers/guide_offer.html", context))


@require_safe
def easy_language(request: HttpRequest, office_slug: str) -> HttpResponse:
    office = public_office(office_slug)
    return _public(render(request, "offers/easy_language.html", {"office": office}))


@require_safe
def space_page(request: HttpRequest, office_slug: str, pk: int) -> HttpResponse:
    office = public_office(office_slug)
    page = selectors.public_space_page(office, pk)
    if page is None:
        raise Http404
    space = page.social_space
    offers = selectors.guide_offers(office, social_space=space)
    offer_page = _page(request, office, offers, {"social_space": space})
    context = {
        "office": office,
        "space_page": page,
        "space": space,
        "organisations": selectors.public_organisations(office, space),
        "decisions": selectors.public_decisions(office, space),
        "meetings": selectors.public_meetings(office, space),
        "page": offer_page,
        "query": query_without(request, "seite"),
    }
    return _public(render(request, "offers/space_page.html", context))
