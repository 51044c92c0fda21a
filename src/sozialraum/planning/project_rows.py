"""The rows of the list of projects (planning/projects.html), written from a row template
(lib/row_templates.py).

The list read every project with its measure, carrier and evaluation as model instances and
the measures' social spaces by a prefetch, and each row had a loop, two date filters and an
`{% include %}` of the state's badge: most of the page's CPU (issue 8). It reads the five
columns with `values()`, the social spaces' names in one query (as the prefetch did) and writes
each badge once per request. The markup is in `templates/planning/rows/project.html`;
tests/planning/test_project_rows.py compares it with the template loop it replaces.
"""

from __future__ import annotations

from typing import Any, cast

from django.core.paginator import Page, Paginator
from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

from sozialraum.lib.http import PAGE_SIZE, url_for_rows
from sozialraum.lib.row_templates import names_by_id, render_rows
from sozialraum.lib.templatetags.kern import localdate
from sozialraum.planning.measure_models import Measure
from sozialraum.planning.project_forms import STATE_ENDED, STATE_EVALUATED, STATE_RUNNING
from sozialraum.planning.project_models import Project, ProjectStatus

ROW_TEMPLATE = "planning/rows/project.html"
COLUMNS = ("id", "status", "started", "ends", "measure_id", "measure__title")
BADGE = (
    '<span class="kern-badge kern-badge--small kern-badge--{}"><span class="kern-label">{}'
    "</span></span>\n"  # the included template's file ended with a line break
)


def _badges() -> dict[str, str]:
    """The state badges of templates/planning/_project_state.html."""
    return {
        STATE_EVALUATED: format_html(BADGE, "success", _("evaluiert")),
        STATE_ENDED: format_html(BADGE, "warning", _("beendet, Evaluation offen")),
        STATE_RUNNING: format_html(BADGE, "info", _("läuft")),
    }


def project_list_page(
    projects: QuerySet[Project], number: Any, *, office_slug: str, spaces_label: str
) -> Page:
    """A page of `projects` (project_selectors.project_list) as plain rows; `page.rows_html`
    their table rows."""
    # Counted without the joins that only add columns (SQLite would join every project to
    # count them), the page's rows then read with them.
    plain = projects.select_related(None).prefetch_related(None)
    page = Paginator(plain, PAGE_SIZE).get_page(number)
    rows = list(
        cast(QuerySet[Project], page.object_list).values(
            *COLUMNS, carrier=F("measure__carrier__name")
        )
    )
    spaces = names_by_id(Measure.social_spaces, (row["measure_id"] for row in rows))
    today = timezone.localdate()
    badges = _badges()
    url = url_for_rows("planning:project", office_slug=office_slug)
    labels = {
        "carrier_label": _("Träger"),
        "spaces_label": spaces_label,
        "period_label": _("Zeitraum"),
        "state_label": _("Stand"),
    }
    for row in rows:
        row.update(labels)
        row["detail_url"] = url(row["id"])
        row["title"] = row["measure__title"]
        row["spaces"] = ", ".join(spaces.get(row["measure_id"], ())) or "–"
        ends = row["ends"]
        if row["status"] == ProjectStatus.EVALUATED:
            state = STATE_EVALUATED
        elif row["status"] == ProjectStatus.ENDED or ends < today:
            state = STATE_ENDED
        else:
            state = STATE_RUNNING
        row["state"] = badges[state]
        row["started"] = localdate(row["started"])
        row["ends"] = localdate(ends)
    page.object_list = rows
    page.rows_html = render_rows(ROW_TEMPLATE, rows)  # type: ignore[attr-defined]
    return page
