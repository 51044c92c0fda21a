"""The rows of the decisions register (`decision_list_page`), written from a row template
(lib/row_templates.py) instead of a template loop of six cells with filters per row (issue 8).

The markup is in templates/minutes/rows/decision.html; tests/minutes/test_decision_rows.py
compares it with the template loop it replaces.
"""

from __future__ import annotations

import html
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from typing import Any, cast

from django.core.paginator import Page, Paginator
from django.db.models import F, QuerySet
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from sozialraum.lib.http import PAGE_SIZE, url_for_rows
from sozialraum.lib.row_templates import render_rows
from sozialraum.lib.templatetags.kern import localdate
from sozialraum.minutes.models import Decision, DecisionStatus, MinutesStatus

ROW_TEMPLATE = "minutes/rows/decision.html"
# What a row shows: the decision's own columns, its team's name and its minutes' meeting and
# status (not the whole team, minutes and their texts).
COLUMNS = ("id", "number", "year", "date", "text", "status", "minutes_id")
TEXT_LENGTH = 180  # as the former `truncatechars:180`


def truncated(text: str, length: int = TEXT_LENGTH) -> str:
    """What `{{ text|truncatechars:length }}` writes: the text as it is (NFC-normalised) when
    it is short enough, else Django's Truncator."""
    normalised = unicodedata.normalize("NFC", text)
    if len(normalised) <= length:  # no more characters than `length`: nothing to cut
        return normalised
    return Truncator(normalised).chars(length)


def decision_list_page(
    register: QuerySet[Decision], number: Any, *, office_slug: str, minutes_link: Callable
) -> Page:
    """A page of the register (`selectors.decision_register`) as plain rows (dicts of
    `COLUMNS` with `team_name`, `meeting_id` and `minutes_status`); `page.rows_html` their
    table rows. Two queries: the count and the rows (team and minutes joined)."""
    page = Paginator(register, PAGE_SIZE).get_page(number)  # counted without the joins
    rows = list(
        cast(QuerySet[Decision], page.object_list).values(
            *COLUMNS,
            team_name=F("team__name"),
            meeting_id=F("minutes__meeting_id"),
            minutes_status=F("minutes__status"),
        )
    )
    page.object_list = rows
    page.rows_html = rows_html(filled_rows(rows, office_slug, minutes_link))  # type: ignore[attr-defined]
    return page


def rows_html(filled: list[dict[str, Any]]) -> SafeString:
    """The rows as the former loop wrote them in the `<tbody>`, whose line is now
    `        {{ page.rows_html }}`: each row after a line break, a line of eight spaces between
    two rows and after the last."""
    if not filled:
        return SafeString("")
    gap = "\n        "
    return SafeString("\n" + render_rows(ROW_TEMPLATE, filled, separator=gap + "\n") + gap)


@lru_cache(maxsize=8)
def _fixed(language: str | None) -> dict[str, Any]:
    """What every row shows alike: the labels, the draft's note, the statuses' labels and the
    minutes link's texts (escaped), per language (read-only: shared by all requests)."""
    return {
        "labels": {
            "date_label": _("Datum"),
            "team_label": _("Team"),
            "text_label": _("Beschluss"),
            "status_label": _("Status"),
            "minutes_label": _("Protokoll"),
        },
        "draft": format_html(
            '<br><span class="sr-muted">{}</span>', _("Protokoll noch nicht freigegeben")
        ),
        "statuses": {value: str(label) for value, label in DecisionStatus.choices},
        "open": html.escape(_("Protokoll öffnen")),
        "word": html.escape(_("Beschluss")),
    }


def filled_rows(
    rows: list[dict[str, Any]], office_slug: str, minutes_link: Callable
) -> list[dict[str, Any]]:
    fixed = _fixed(get_language())
    labels, draft, statuses = fixed["labels"], fixed["draft"], fixed["statuses"]
    open_text, word = fixed["open"], fixed["word"]
    detail_url = url_for_rows("minutes:decision", office_slug=office_slug)
    filled = []
    for row in rows:
        label = f"{row['number']}/{row['year']}"  # digits: nothing to escape
        has_minutes = row["minutes_id"] is not None
        link = minutes_link(row["meeting_id"]) if has_minutes else ""
        status = row["status"]
        filled.append(
            {
                **labels,
                "detail_url": detail_url(row["id"]),
                "label": label,
                "date": localdate(row["date"]),
                "team": row["team_name"],
                "text": truncated(row["text"]),
                "status": statuses.get(status, status),
                "draft": draft
                if has_minutes and row["minutes_status"] != MinutesStatus.APPROVED
                else "",
                # `{% if decision.minutes_url %}<a ...>...</a>{% else %}–{% endif %}`
                "minutes": SafeString(
                    f'<a class="kern-link" href="{html.escape(link)}">{open_text}'
                    f'<span class="kern-sr-only"> ({word} {label})</span></a>'
                )
                if link
                else "–",
            }
        )
    return filled
