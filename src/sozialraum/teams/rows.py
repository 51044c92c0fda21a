"""The member rows of the team page, written from a row template (lib/row_templates.py).

Each member's line had two `{% url %}`, a nested loop over the substitutes and three
conditions; for a team of 50 that was a third of the page's CPU (issue 8). The markup is in
`templates/teams/rows/member.html`; tests/teams/test_team_rows.py compares it with the template
loop it replaces.
"""

from __future__ import annotations

from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from sozialraum.lib.http import url_for_rows
from sozialraum.lib.row_templates import render_rows
from sozialraum.teams.models import Membership, MembershipRole
from sozialraum.teams.selectors import MemberGroup

ROW_TEMPLATE = "teams/rows/member.html"


def member_rows(groups: list[MemberGroup], office_slug: str) -> None:
    """Sets `rows_html` on every group: its members' `<li>`s."""
    person_url = url_for_rows("network:person", office_slug=office_slug)
    org_url = url_for_rows("network:organisation", office_slug=office_slug)
    substitute_label = _("Vertretung:")

    def row(member: Membership) -> dict:
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
        substitutes = list(member.substitutes.all())
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
