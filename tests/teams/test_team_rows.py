# ruff: noqa: E501  (the old template loop is quoted as it was)
"""teams.rows: the team page's member rows write what the template loop they replace wrote."""

from __future__ import annotations

from django.template import Context, Template

from sozialraum.teams import rows, selectors
from sozialraum.teams.models import MembershipRole
from tests.teams.conftest import member, organisation, person_at

# The loop of teams/team.html before issue 8's third round.
OLD_LOOP = """{% load i18n %}{% for member in group.members %}
        <li>
          <a class="kern-link" href="{% url 'network:person' office_slug=youth_office.slug pk=member.person_id %}">{{ member.person.full_name }}</a>{% if member.organisation %}, <a class="kern-link" href="{% url 'network:organisation' office_slug=youth_office.slug pk=member.organisation_id %}">{{ member.organisation.name }}</a>{% endif %}
          {% if member.role != "mitglied" %}<span class="kern-badge kern-badge--small {% if member.role == 'leitung' %}kern-badge--success{% else %}kern-badge--info{% endif %}"><span class="kern-label">{{ member.get_role_display }}</span></span>{% endif %}
          {% with substitutes=member.substitutes.all %}{% if substitutes %}
            <span class="sr-people__contact">{% translate "Vertretung:" %} {% for person in substitutes %}<a class="kern-link" href="{% url 'network:person' office_slug=youth_office.slug pk=person.pk %}">{{ person.full_name }}</a>{% if not forloop.last %}, {% endif %}{% endfor %}</span>
          {% endif %}{% endwith %}
        </li>
      {% endfor %}"""


def _normalised(html: str) -> list[str]:
    return [line.strip() for line in html.splitlines() if line.strip()]


def test_member_rows_write_what_the_template_loop_wrote(office_a, team_a):
    kita = organisation(office_a, "Kita <Sonnenschein> & Co")
    lead = person_at(office_a, kita, "Lea", "Leitner")
    member(team_a, lead, kita, role=MembershipRole.LEAD)
    guest = person_at(office_a, None, "Gustav", "Gast")
    member(team_a, guest, None, role=MembershipRole.GUEST)
    plain = member(team_a, person_at(office_a, kita, "Mia", "O'Brien"), kita)
    plain.substitutes.add(person_at(office_a, kita, "Sven", "Stellvertreter"))
    plain.substitutes.add(person_at(office_a, kita, "Anna", "Zweite <b>"))

    current, _former, _upcoming = selectors.memberships(team_a)
    groups = selectors.group_by_kind(current)
    rows.member_rows(groups, office_a.slug)
    assert sum(len(group.members) for group in groups) == 3
    for group in groups:
        old = Template(OLD_LOOP).render(Context({"group": group, "youth_office": office_a}))
        assert _normalised(group.rows_html) == _normalised(old)
    html = "".join(group.rows_html for group in groups)
    assert "Kita &lt;Sonnenschein&gt; &amp; Co" in html
    assert "Vertretung:" in html and "kern-badge--success" in html and "kern-badge--info" in html
