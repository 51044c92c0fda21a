"""The rows of a measure's cost items and of an allocation's shares, written from row templates
(lib/row_templates.py) by the tags of `{% load measure_tags %}`, and the rows of the measures
list (`measure_list_page`).

Each cost item's row had a `{% blocktranslate %}`, two conditions and four filters, each share's
row a nested loop over its expenses (issue 8). The markup is in `templates/planning/rows/`;
tests/planning/test_measure_rows.py compares it with the template loops it replaces.
"""

from __future__ import annotations

from typing import Any, cast

from django.core.paginator import Page, Paginator
from django.db.models import Exists, F, OuterRef, QuerySet, Subquery
from django.template.defaultfilters import floatformat
from django.utils.formats import localize
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from sozialraum.lib.http import PAGE_SIZE, url_for_rows
from sozialraum.lib.money import format_amount
from sozialraum.lib.row_templates import loop_rows, render_rows
from sozialraum.lib.templatetags.kern import localdate, localdatetime
from sozialraum.planning.measure_models import CostEstimate, Measure, MeasureStatus

COST_ITEM_ROW = "planning/rows/cost_item.html"
SHARE_ROW = "planning/rows/share.html"


def cost_item_rows(estimate: Any) -> SafeString:
    """The `<tr>`s of the estimate's items (prefetched with their pay groups)."""
    labels = {
        "kind_label": _("Kostenart"),
        "calc_label": _("Berechnung"),
        "amount_label": _("Betrag"),
    }
    personal = _("%(hours)s Std. × %(rate)s (%(group)s)")

    def row(item: Any) -> dict[str, Any]:
        if item.kind == "personal":
            group = item.pay_group.name if item.pay_group is not None else ""
            calculation = SafeString(
                personal
                % {
                    "hours": conditional_escape(floatformat(item.hours, "-2g")),
                    "rate": conditional_escape(format_amount(item.hourly_rate)),
                    "group": conditional_escape(group),
                }
            )
        else:
            calculation = format_html(
                "{} × {}", floatformat(item.quantity, "-2g"), format_amount(item.unit_price)
            )
        return {
            **labels,
            "description": item.description,
            "kind": item.get_kind_display(),
            "calculation": calculation,
            "amount": format_amount(item.amount),
        }

    return render_rows(COST_ITEM_ROW, (row(item) for item in estimate.items.all()), separator="")


def share_rows(allocation: Any) -> SafeString:
    """The `<tr>`s of the allocation's shares (prefetched with budget and expenses), each with
    the whitespace the template loop around them had."""
    labels = {
        "amount_label": _("Anteil"),
        "spent_label": _("ausgegeben"),
        "expenses_label": _("Ausgaben"),
    }
    none_yet = format_html('<span class="sr-muted">{}</span>', _("noch keine"))

    def expenses(share: Any) -> SafeString:
        listed = list(share.expenses.all())
        if not listed:
            return none_yet
        return format_html_join(
            SafeString("<br>"),
            "{}: {} ({}){}",
            (
                (
                    localdate(expense.date),
                    format_amount(expense.amount),
                    expense.receipt,
                    f" {expense.description}" if expense.description else "",
                )
                for expense in listed
            ),
        )

    rows = [
        {
            **labels,
            "budget": str(share.budget),
            "amount": format_amount(share.amount),
            "spent": format_amount(share.spent),
            "expenses": expenses(share),
        }
        for share in allocation.shares.all()
    ]
    if not rows:
        return SafeString("")
    gap = "\n          "
    return SafeString(gap + render_rows(SHARE_ROW, rows, separator=gap + gap) + gap)


TRANSITION_ROW = "planning/rows/transition.html"


def _shown(value: Any) -> str:
    """A value as `{{ value }}` shows it inside a `{% blocktranslate %}`: localized, escaped."""
    return conditional_escape(localize(value))


def transition_rows(transitions: list[Any]) -> SafeString:
    """The `<li>`s of the approval steps (by, level and decision joined), each with the
    whitespace the template loop around them had."""
    amount_text, level_text = _("Betrag %(amount)s"), _("Stufe „%(name)s“")
    decision_text = _("Beschluss %(number)s/%(year)s")

    def row(step: Any) -> dict[str, Any]:
        by = step.by
        decision = step.decision
        return {
            "at": localdatetime(localtime(step.at)),
            "status": step.get_to_status_display(),
            "by": format_html(" – {}", by.name or by.email) if by else "",
            "amount": (
                SafeString(", " + amount_text % {"amount": _shown(format_amount(step.amount))})
                if step.amount is not None
                else ""
            ),
            "level": (
                SafeString(", " + level_text % {"name": _shown(step.level.name)})
                if step.level
                else ""
            ),
            "decision": (
                SafeString(
                    ", "
                    + decision_text
                    % {"number": _shown(decision.number), "year": _shown(decision.year)}
                )
                if decision
                else ""
            ),
            "comment": (
                format_html('<br><span class="sr-preline">{}</span>', step.comment)
                if step.comment
                else ""
            ),
        }

    rows = [row(step) for step in transitions]
    if not rows:
        return SafeString("")
    return SafeString(
        "\n      " + render_rows(TRANSITION_ROW, rows, separator="\n    \n      ") + "\n    "
    )


# The measures list (planning/measures.html): the same markup as its former template loop.
LIST_ROW_TEMPLATE = "planning/rows/measure.html"
LIST_COLUMNS = ("id", "title", "status", "period_start", "period_end")
# The badge of templates/planning/_measure_status.html (the include ended in a newline).
BADGE_KINDS: dict[str, str] = {
    MeasureStatus.APPROVED: "success",
    MeasureStatus.REJECTED: "danger",
    MeasureStatus.RETURNED: "warning",
}
BADGE = '<span class="kern-badge kern-badge--{}"><span class="kern-label">{}</span></span>\n'


def measure_list_page(measures: QuerySet[Measure], number: Any, *, office_slug: str) -> Page:
    """A page of `measures` (selectors.measure_list, filtered) as plain rows, with the newest
    revision's requested amount; `page.rows_html` their table rows. Two queries: the count and
    the rows (team, carrier and the amount joined)."""
    newest = CostEstimate.objects.filter(measure=OuterRef("pk")).order_by("-number")
    # Counted without the joins that only add columns, the page's rows then read with them.
    plain = measures.select_related(None).prefetch_related(None)
    page = Paginator(plain, PAGE_SIZE).get_page(number)
    rows = list(
        cast(QuerySet[Measure], page.object_list).values(
            *LIST_COLUMNS,
            team_name=F("team__name"),
            carrier_name=F("carrier__name"),
            estimated=Exists(newest),
            requested=Subquery(newest.values("requested")[:1]),
        )
    )
    labels = {
        "carrier_label": _("Träger"),
        "period_label": _("Zeitraum"),
        "status_label": _("Stand"),
        "requested_label": _("Beantragt"),
    }
    badges = {
        status: format_html(BADGE, BADGE_KINDS.get(status, "info"), label)
        for status, label in MeasureStatus.choices
    }
    no_costs = format_html('<span class="sr-muted">{}</span>', _("noch keine Kosten"))
    detail_url = url_for_rows("planning:measure", office_slug=office_slug)
    filled = [
        {
            **labels,
            "detail_url": detail_url(row["id"]),
            "title": row["title"],
            "team": format_html('<br><span class="sr-muted">{}</span>', row["team_name"])
            if row["team_name"] is not None
            else "",
            "carrier": row["carrier_name"],
            "start": localdate(row["period_start"]),
            "end": localdate(row["period_end"]),
            "status": badges.get(row["status"], row["status"]),
            "requested": format_amount(row["requested"]) if row["estimated"] else no_costs,
        }
        for row in rows
    ]
    page.object_list = rows
    page.rows_html = loop_rows(LIST_ROW_TEMPLATE, filled)  # type: ignore[attr-defined]
    return page
