"""The rows of the ranked needs (planning/need_ranking.html), written from a row template
(lib/row_templates.py).

Each row had a cell per criterion with two `{% blocktranslate %}` (the cell's `data-label` and
its points), a loop over the social spaces and a `{% url %}`: for a page of 25 needs and five
criteria that was most of the page's CPU (issue 8). The needs are read as plain rows
(`values()`); the social spaces' names and the scores come in one query each, as the prefetches
did. Every translated cell text is looked up once per request and filled per cell with `%`
(its values are numbers). The markup is in `templates/planning/rows/ranking.html`;
tests/planning/test_ranking_rows.py compares it with the template loop it replaces.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any, cast

from django.core.paginator import Page, Paginator
from django.db.models import F, QuerySet
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from sozialraum.lib.http import PAGE_SIZE, url_for_rows
from sozialraum.lib.row_templates import loop_rows, names_by_id, render_rows
from sozialraum.lib.templatetags.kern import localdate
from sozialraum.planning import selectors
from sozialraum.planning.models import Need, NeedScore, NeedStatus, PriorityCriterion
from sozialraum.regions.models import YouthOffice

ROW_TEMPLATE = "planning/rows/ranking.html"
CELL_SEPARATOR = "\n            "


def criterion_label(criterion: PriorityCriterion) -> str:
    """The criterion's column header: its name and weight (escaped)."""
    return SafeString(
        _("%(name)s (Gewicht %(weight)s)")
        % {
            "name": conditional_escape(criterion.name),
            "weight": criterion.weight,
        }
    )


def ranking_page(
    office: YouthOffice, criteria: list[PriorityCriterion], number: Any, *, can_score: bool
) -> Page:
    """A page of the ranked needs; `page.rows_html` their table rows."""
    page = Paginator(selectors.ranked_needs(office), PAGE_SIZE).get_page(number)
    needs = list(page.object_list)
    ids = [need["id"] for need in needs]
    spaces = names_by_id(Need.social_spaces, ids)
    scores: dict[int, dict[int, int]] = defaultdict(dict)
    triples = NeedScore.objects.filter(need_id__in=ids, criterion__is_active=True).values_list(
        "need_id", "criterion_id", "score"
    )
    for need_id, criterion_id, score in triples:
        scores[need_id][criterion_id] = score
    page.object_list = needs
    page.rows_html = render_rows(  # type: ignore[attr-defined]
        ROW_TEMPLATE, _rows(office, criteria, needs, spaces, scores, page.start_index(), can_score)
    )
    return page


def _rows(
    office: YouthOffice,
    criteria: list[PriorityCriterion],
    needs: list[dict[str, Any]],
    spaces: dict[int, list[str]],
    scores: dict[int, dict[int, int]],
    first_rank: int,
    can_score: bool,
) -> list[dict[str, Any]]:
    points = _('%(points)s von %(max)s <span class="sr-muted">(× %(weight)s = %(weighted)s)</span>')
    not_scored = format_html('<span class="sr-muted">{}</span>', _("nicht bewertet"))
    # Per criterion: the cell's opening tag and the values of its points text.
    columns = [
        (
            criterion.pk,
            format_html(
                '<td class="kern-table__cell" data-label="{}">', criterion_label(criterion)
            ),
            criterion.max_score,
            criterion.weight,
        )
        for criterion in criteria
    ]
    detail_url = url_for_rows("planning:need", office_slug=office.slug)
    scores_url = url_for_rows("planning:need_scores", office_slug=office.slug)
    rate = _('Bewerten<span class="kern-sr-only">: %(title)s</span>')
    labels = {"rank_label": _("Rang"), "priority_label": _("Priorität")}
    rows = []
    for index, need in enumerate(needs):
        pk = need["id"]
        title = conditional_escape(need["title"])
        by_criterion = scores.get(pk, {})
        cells = []
        for criterion_id, opening, max_score, weight in columns:
            score = by_criterion.get(criterion_id)
            if score is None:
                text: str = not_scored
            else:
                text = points % {
                    "points": score,
                    "max": max_score,
                    "weight": weight,
                    "weighted": score * weight,
                }
            cells.append(f"{opening}{text}</td>")
        priority = need["priority"]
        action = ""
        if can_score:
            action = format_html(
                '<td class="kern-table__cell"><a class="kern-link" href="{}">{}</a></td>',
                scores_url(pk),
                SafeString(rate % {"title": title}),  # the title escaped above
            )
        rows.append(
            {
                **labels,
                "rank": "–" if priority is None else first_rank + index,
                "detail_url": detail_url(pk),
                "title": title,
                "spaces": ", ".join(spaces.get(pk, ())),
                "cells": SafeString(CELL_SEPARATOR.join(cells)),  # every part escaped
                "priority": "–" if priority is None else priority,
                "action": action,
            }
        )
    return rows


# The needs list (planning/needs.html): the same markup as its former template loop, whose
# rows each included the status badge, looped over the social spaces and formatted the date.
LIST_ROW_TEMPLATE = "planning/rows/need.html"
LIST_COLUMNS = ("id", "title", "status", "priority", "created_at", "measure_count")
# The badge of templates/planning/_need_status.html per status (the include ended in a newline).
BADGE_KINDS: dict[str, str] = {
    NeedStatus.ACCEPTED: "success",
    NeedStatus.MET: "success",
    NeedStatus.REJECTED: "danger",
    NeedStatus.PARTLY_MET: "warning",
}
BADGE = '<span class="kern-badge kern-badge--{}"><span class="kern-label">{}</span></span>\n'


def need_list_page(office: YouthOffice, filters: dict[str, Any], number: Any) -> Page:
    """A page of the office's needs (selectors.need_list with `filters`) as plain rows;
    `page.rows_html` their table rows. Three queries: the count, the rows with the team's
    name and the measures' count, the social spaces' names."""
    needs = selectors.need_list(office, **filters).select_related(None).prefetch_related(None)
    # Counted without the team's join, the page's rows then read with it.
    page = Paginator(needs, PAGE_SIZE).get_page(number)
    rows = list(
        cast(QuerySet[Need], page.object_list).values(*LIST_COLUMNS, team_name=F("team__name"))
    )
    spaces = names_by_id(Need.social_spaces, (row["id"] for row in rows))
    labels = {
        "status_label": _("Stand"),
        "spaces_label": office.social_space_label_plural,
        "team_label": _("Team"),
        "priority_label": _("Priorität"),
        "measures_label": _("Maßnahmen"),
        "date_label": _("Erfasst am"),
    }
    badges = {
        status: format_html(BADGE, BADGE_KINDS.get(status, "info"), label)
        for status, label in NeedStatus.choices
    }
    detail_url = url_for_rows("planning:need", office_slug=office.slug)
    no_priority = SafeString('<span class="sr-muted">–</span>')
    filled = []
    for row in rows:
        priority = row["priority"]
        filled.append(
            {
                **labels,
                "detail_url": detail_url(row["id"]),
                "title": row["title"],
                "status": badges.get(row["status"], row["status"]),
                "spaces": ", ".join(spaces.get(row["id"], ())) or "–",
                "team": row["team_name"] or "–",
                "priority": no_priority if priority is None else priority,
                "measure_count": row["measure_count"],
                "created": localdate(localtime(row["created_at"])),
            }
        )
    page.object_list = rows
    page.rows_html = loop_rows(LIST_ROW_TEMPLATE, filled)  # type: ignore[attr-defined]
    return page
