"""The member rows of the team page and the rows of the list of teams, written from row
templates (lib/row_templates.py).

Each member's line had two `{% url %}`, a nested loop over the substitutes and three
conditions; for a team of 50 that was a third of the page's CPU (issue 8). The markup is in
`templates/teams/rows/member.html`; tests/teams/test_team_rows.py compares it with the template
loop it replaces.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from sozialraum.lib.choices import label_texts
from sozialraum.lib.http import PAGE_SIZE, url_for_rows
from sozialraum.lib.row_templates import render_rows
from sozialraum.lib.templatetags.kern import localdate, localdate_for_rows
from sozialraum.teams.listing import TeamListRows, space_names
from sozialraum.teams.models import MembershipRole, Team
from sozialraum.teams.selectors import MemberGroup, MemberRow

ROW_TEMPLATE = "teams/rows/member.html"
TEAM_ROW_TEMPLATE = "teams/rows/team.html"
TASK_ROW_TEMPLATE = "teams/rows/task.html"
DECISION_ROW_TEMPLATE = "teams/rows/decision.html"
FORMER_ROW_TEMPLATE = "teams/rows/former.html"


def _in_loop_layout(name: str, rows) -> SafeString:
    """The rows with the white space the template loop they replace wrote around each row (a
    `{% url ... as %}` line before every `<li>`), so the page stays byte for byte the same."""
    html = render_rows(name, rows, separator="\n      \n        \n")
    return SafeString(f"      \n        \n{html}\n      ")


def task_rows(tasks: list, office_slug: str) -> SafeString:
    """The team page's open tasks (`<li>`s, teams/rows/task.html)."""
    url = url_for_rows("minutes:task", office_slug=office_slug)
    overdue = format_html(
        '<span class="kern-badge kern-badge--small kern-badge--danger"><span class="kern-icon '
        'kern-icon--warning" aria-hidden="true"></span><span class="kern-label">{}</span></span>',
        _("überfällig"),
    )
    due_text = _("fällig am %(date)s")
    return _in_loop_layout(
        TASK_ROW_TEMPLATE,
        (
            {
                "url": url(task.pk),
                "title": task.title,
                "responsible": task.responsible.full_name,
                "due": mark_safe(", " + due_text % {"date": escape(localdate(task.due))})  # noqa: S308
                if task.due
                else "",
                "overdue": overdue if task.is_overdue else "",
            }
            for task in tasks
        ),
    )


def decision_rows(decisions: list, office_slug: str) -> SafeString:
    """The team page's latest decisions (`<li>`s, teams/rows/decision.html)."""
    url = url_for_rows("minutes:decision", office_slug=office_slug)
    label = _("Beschluss %(number)s/%(year)s")
    return _in_loop_layout(
        DECISION_ROW_TEMPLATE,
        (
            {
                "url": url(decision.pk),
                "label": label % {"number": decision.number, "year": decision.year},
                "date": localdate(decision.date),
                "status": decision.get_status_display(),
                "text": Truncator(decision.text).chars(200),
            }
            for decision in decisions
        ),
    )


def former_rows(former: list[MemberRow], office_slug: str) -> SafeString:
    """The team page's former members (`<li>`s, teams/rows/former.html) with the white space
    of the template loop they replace around each."""
    person_url = url_for_rows("network:person", office_slug=office_slug)
    period = _("%(joined)s bis %(left)s")
    html = render_rows(
        FORMER_ROW_TEMPLATE,
        (
            {
                "person_url": person_url(member.person_id),
                "name": member.person.full_name,
                "organisation": SafeString(", ") + escape(member.organisation.name)
                if member.organisation is not None
                else "",
                "period": mark_safe(  # noqa: S308  (both dates escaped)
                    period
                    % {
                        "joined": escape(localdate(member.joined)),
                        "left": escape(localdate(member.left)),
                    }
                ),
            }
            for member in former
        ),
        separator="\n        \n          ",
    )
    return SafeString(f"\n          {html}\n        ") if former else SafeString("")


def member_rows(groups: list[MemberGroup], office_slug: str) -> None:
    """Sets `rows_html` on every group: its members' `<li>`s (`selectors.team_members`)."""
    person_url = url_for_rows("network:person", office_slug=office_slug)
    org_url = url_for_rows("network:organisation", office_slug=office_slug)
    substitute_label = _("Vertretung:")

    def row(member: MemberRow) -> dict:
        org = member.organisation
        organisation = (
            format_html(', <a class="kern-link" href="{}">{}</a>', org_url(org.pk), org.name)
            if org is not None
            else ""
        )
        badge = ""
        if member.role != MembershipRole.MEMBER:
            badge = format_html(
                '<span class="kern-badge kern-badge--small {}"><span class="kern-label">{}'
                "</span></span>",
                "kern-badge--success" if member.role == MembershipRole.LEAD else "kern-badge--info",
                member.get_role_display(),
            )
        substitutes = member.substitutes
        named = ""
        if substitutes:
            links = format_html_join(
                ", ",
                '<a class="kern-link" href="{}">{}</a>',
                ((person_url(person.pk), person.full_name) for person in substitutes),
            )
            named = format_html(
                '\n            <span class="sr-people__contact">{} {}</span>',
                substitute_label,
                links,
            )
        return {
            "person_url": person_url(member.person_id),
            "name": member.person.full_name,
            "organisation": organisation,
            "badge": badge,
            "substitutes": named,
        }

    for group in groups:
        group.rows_html = render_rows(ROW_TEMPLATE, (row(m) for m in group.members))


def team_list_page(teams: TeamListRows, number: Any, *, office_slug: str, spaces_header: str):
    """A page of the list of teams as plain rows (listing.TeamListRows: compiled queries, the
    social spaces' names in one query as the prefetch did); `page.rows_html` the table rows
    (teams/rows/team.html)."""
    paginator: Paginator = Paginator(teams, PAGE_SIZE)  # type: ignore[arg-type]  # a sequence
    page = paginator.get_page(number)
    rows = list(page.object_list)
    spaces = space_names([row["id"] for row in rows])
    kinds = label_texts(Team._meta.get_field("kind"))
    url = url_for_rows("teams:team", office_slug=office_slug)
    resting = format_html(' <span class="sr-muted">({})</span>', _("ruht"))
    none_planned = format_html('<span class="sr-muted">{}</span>', _("keins geplant"))
    short_date = localdate_for_rows()
    headers = {
        "kind_header": _("Art"),
        "spaces_header": spaces_header,
        "members_header": _("Mitglieder"),
        "next_header": _("Nächstes Treffen"),
    }
    for row in rows:
        row["detail_url"] = url(row["id"])
        row["resting"] = "" if row["is_active"] else resting
        row["kind_label"] = kinds.get(row["kind"], row["kind"])
        row["spaces"] = ", ".join(spaces.get(row["id"], [])) or "–"
        day = row["next_meeting"]
        row["next_meeting_html"] = short_date(day) if day else none_planned
    page.object_list = rows
    page.rows_html = render_rows(TEAM_ROW_TEMPLATE, rows, shared=headers)  # type: ignore[attr-defined]
    return page
