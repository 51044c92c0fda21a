"""The result cards of the public guide, written from a row template (lib/row_templates.py).

A card through `{% include %}` with its nested age include, two filters, a `{% with %}` over
the prefetched topics and per-card translations cost about 0.3 ms, most of a results page with
20 cards (issue 8). The cards now read plain rows (`values()`: only what a card shows, the
provider's name joined) and the topics' names of the page in one query, and are filled into
`templates/offers/rows/card.html`; tests/offers/test_guide_rows.py compares them with the
template loop they replace.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.dates import MONTHS, WEEKDAYS
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext

from sozialraum.lib.http import url_for_rows
from sozialraum.lib.row_templates import names_by_id, render_rows
from sozialraum.offers.models import Offer

CARD_TEMPLATE = "offers/rows/card.html"
DATE_TEMPLATE = "offers/rows/date.html"
# What a card shows of an offer (a plain row per card).
CARD_COLUMNS = (
    "id",
    "title",
    "description",
    "city",
    "age_from",
    "age_until",
    "is_free",
    "costs",
    "step_free",
    "organisation__name",
)
DESCRIPTION_WORDS = 24  # as `truncatewords:24` did
COSTS_CHARS = 60  # as `truncatechars:60` did


def card_rows(offers: QuerySet[Offer]) -> QuerySet:
    """The plain rows of `offers` for cards, in the queryset's order."""
    return offers.values(*CARD_COLUMNS)


def age_text(age_from: int | None, age_until: int | None) -> str:
    """What templates/offers/_age.html writes (the same messages)."""
    if age_from is not None and age_until is not None:
        text = gettext("%(from)s bis %(until)s Jahre") % {"from": age_from, "until": age_until}
    elif age_from is not None:
        text = gettext("ab %(from)s Jahren") % {"from": age_from}
    elif age_until is not None:
        text = gettext("bis %(until)s Jahre") % {"until": age_until}
    else:
        text = gettext("jedes Alter")
    return text


def truncated_words(text: str, length: int = DESCRIPTION_WORDS, ellipsis: str = " …") -> str:
    """`Truncator(text).words(length, truncate=ellipsis)` for plain text, without building a
    lazy Truncator per card: the first `length` words joined by single spaces, the ellipsis
    appended when words were left out (unless the text already ends with it)."""
    words = text.split()
    if len(words) <= length:
        return " ".join(words)
    shortened = " ".join(words[:length])
    return shortened if shortened.endswith(ellipsis) else shortened + ellipsis


def topic_names(ids: list[int]) -> dict[int, list[str]]:
    """The topics' names of these offers, in the vocabulary's order (one query, none without
    offers), as `names_by_id(Offer.topics, ids)` reads them."""
    return names_by_id(Offer.topics, ids)


# What format_html wrote for each card, filled with the standard library's escape (the text
# of Django's `escape`) instead, without the lazy wrappers (issue 8).
_BADGE = (
    '<span class="kern-badge kern-badge--info kern-badge--small"><span class="kern-label">{}'
    "</span></span>"
)
_COSTS = '<li><span class="sr-muted">{}</span> {}</li>'


def cards_html(rows: Iterable[dict[str, Any]], office_slug: str, level: str = "3") -> SafeString:
    """The `<li>` of each row's card (the rows of `card_rows`), as _card.html wrote them."""
    rows = list(rows)
    url = url_for_rows("offers:public_offer", office_slug=office_slug)
    topics = topic_names([row["id"] for row in rows])
    # Labels translated once per page, not per card.
    age_label = gettext("Alter:")
    costs_label = gettext("Kosten:")
    escaped_costs_label = html.escape(costs_label)
    free = format_html(
        '<li><span class="sr-muted">{}</span> {}</li>', costs_label, gettext("kostenlos")
    )
    step_free = format_html("<li>{}</li>", gettext("barrierefrei zugänglich"))
    ages: dict[tuple, str] = {}

    def card(row: dict[str, Any]) -> dict[str, Any]:
        span = (row["age_from"], row["age_until"])
        if span not in ages:
            ages[span] = age_text(*span)
        costs: Any = ""
        if row["is_free"]:
            costs = free
        elif row["costs"]:
            costs = SafeString(
                _COSTS.format(
                    escaped_costs_label, html.escape(Truncator(row["costs"]).chars(COSTS_CHARS))
                )
            )
        names = topics.get(row["id"])
        badges = (
            SafeString(
                '<p class="sr-badges">'
                + "".join(_BADGE.format(html.escape(name)) for name in names)
                + "</p>"
            )
            if names
            else ""
        )
        return {
            "pk": row["id"],
            "url": url(row["id"]),
            "title": row["title"],
            "provider": row["organisation__name"],
            "place": SafeString(" · " + html.escape(row["city"])) if row["city"] else "",
            "description": truncated_words(row["description"]),
            "age": ages[span],
            "costs": costs,
            "step_free": step_free if row["step_free"] else "",
            "topics": badges,
        }

    return render_rows(
        CARD_TEMPLATE,
        (card(row) for row in rows),
        separator="",
        shared={"level": level, "age_label": age_label},
    )


def date_items(dates: Iterable[Any]) -> SafeString:
    """The `<li>`s of an offer's dates (OfferDate rows) as the offer page's template loop wrote
    them: `<time>` with the local time as `date:'c'`, the day as `date:"l, j. F Y"` and, unless
    it is midnight, the time as `date:"G:i"` in "%(time)s Uhr" (offers/rows/date.html)."""
    at_time = gettext("%(time)s Uhr")
    items = []
    for row in dates:
        local = timezone.localtime(row.starts_at)
        day = f"{WEEKDAYS[local.weekday()]}, {local.day}. {MONTHS[local.month]} {local.year:04d}"
        text: str = escape(day)
        if local.hour or local.minute:
            # As blocktranslate: the value escaped, the translated text as it is.
            text += ", " + at_time % {"time": f"{local.hour}:{local.minute:02d}"}
        items.append({"datetime": local.isoformat(), "text": mark_safe(text)})  # noqa: S308
    return render_rows(DATE_TEMPLATE, items, separator="")
