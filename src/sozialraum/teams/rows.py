"""The member rows of the team page and the rows of the list of teams, written from row
templates (lib/row_templates.py).

Each member's line had two `{% url %}`, a nested loop over the substitutes and three
conditions; for a team of 50 that was a third of the page's CPU (issue 8). The markup is in
`templates/teams/rows/member.html`; tests/teams/test_team_rows.py compares it with the template
loop it replaces.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from sozialraum.lib.choices import labels_of
from sozialraum.lib.http import PAGE_SIZE, url_for_rows
from sozialraum.lib.row_templates import render_rows
from sozialraum.lib.templatetags.kern import localdate
from sozialraum.teams.models import MembershipRole, Team
from sozialraum.teams.selectors import MemberGroup, MemberRow

ROW_TEMPLATE = "teams/rows/member.html"
TEAM_ROW_TEMPLATE = "teams/rows/team.html"


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


def team_list_page(teams: QuerySet[Team], number: Any, *, office_slug: str, spaces_header: str):
    """A page of the list of teams as plain rows (`values()`, the social spaces' names in one
    query as the prefetch did); `page.rows_html` the table rows (teams/rows/team.html)."""
    columns = ("id", "name", "kind", "is_active", "member_count", "next_meeting")
    page = Paginator(teams.prefetch_related(None).values(*columns), PAGE_SIZE).get_page(number)
    rows = list(page.object_list)
    spaces: dict[int, list[str]] = defaultdict(list)
    pairs = (
        Team.social_spaces.through.objects.filter(team_id__in=[row["id"] for row in rows])
        .order_by("socialspace__sort_key", "socialspace_id")
        .values_list("team_id", "socialspace__name")
    )
    for team_id, name in pairs:
        spaces[team_id].append(name)
    kinds = labels_of(Team._meta.get_field("kind"))
    url = url_for_rows("teams:team", office_slug=office_slug)
    resting = format_html(' <span class="sr-muted">({})</span>', _("ruht"))
    none_planned = format_html('<span class="sr-muted">{}</span>', _("keins geplant"))
    headers = {
        "kind_header": _("Art"),
        "spaces_header": spaces_header,
        "members_header": _("Mitglieder"),
        "next_header": _("Nächstes Treffen"),
    }
    for row in rows:
        row.update(headers)
        row["detail_url"] = url(row["id"])
        row["resting"] = "" if row["is_active"] else resting
        row["kind_label"] = kinds.get(row["kind"], row["kind"])
        row["spaces"] = ", ".join(spaces.get(row["id"], [])) or "–"
        day = row["next_meeting"]
        row["next_meeting_html"] = localdate(day) if day else none_planned
    page.object_list = rows
    page.rows_html = render_rows(TEAM_ROW_TEMPLATE, rows)  # type: ignore[attr-defined]
    return page
