# ruff: noqa: E501  (the old template loop is quoted as it was)
"""planning.need_rows.need_list_page: the needs list's rows write what the template loop they
replace wrote, in German and in English, for every status, with and without team, priority and
social spaces, and with text that must be escaped."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.utils import translation

from sozialraum.lib.http import with_detail_urls
from sozialraum.planning import need_rows
from sozialraum.planning.models import Need, NeedStatus
from sozialraum.planning.selectors import need_list
from sozialraum.teams.models import Team
from tests.planning.needs_world import make_need

pytestmark = pytest.mark.django_db

# The tbody of planning/needs.html before issue 8's fifth round.
OLD_BODY = """{% load i18n kern %}      <tbody class="kern-table__body">
        {% translate "Stand" as status_label %}{% translate "Team" as team_label %}{% translate "Priorität" as priority_label %}{% translate "Maßnahmen" as measures_label %}{% translate "Erfasst am" as date_label %}
        {% for need in page.object_list %}
          <tr class="kern-table__row">
            <th scope="row" class="kern-table__header sr-table-name"><a class="kern-link" href="{{ need.detail_url }}">{{ need.title }}</a></th>
            <td class="kern-table__cell" data-label="{{ status_label }}">{% include "planning/_need_status.html" with status=need.status label=need.get_status_display %}</td>
            <td class="kern-table__cell" data-label="{{ youth_office.social_space_label_plural }}">{% for space in need.social_spaces.all %}{{ space.name }}{% if not forloop.last %}, {% endif %}{% empty %}–{% endfor %}</td>
            <td class="kern-table__cell" data-label="{{ team_label }}">{{ need.team.name|default:"–" }}</td>
            <td class="kern-table__cell" data-label="{{ priority_label }}">{% if need.priority is not None %}{{ need.priority }}{% else %}<span class="sr-muted">–</span>{% endif %}</td>
            <td class="kern-table__cell" data-label="{{ measures_label }}">{{ need.measure_count }}</td>
            <td class="kern-table__cell sr-nowrap" data-label="{{ date_label }}">{{ need.created_at|localdate }}</td>
          </tr>
        {% endfor %}
      </tbody>"""
NEW_BODY = """      <tbody class="kern-table__body">
        {{ page.rows_html }}
      </tbody>"""


def _bodies(office, filters):
    from django.core.paginator import Paginator

    old_page = Paginator(need_list(office, **filters), 25).get_page(1)
    old_page.object_list = with_detail_urls(
        old_page.object_list, "planning:need", office_slug=office.slug
    )
    new_page = need_rows.need_list_page(office, filters, 1)
    context = {"youth_office": office}
    old = Template(OLD_BODY).render(Context({**context, "page": old_page}))
    new = Template(NEW_BODY).render(Context({**context, "page": new_page}))
    return old, new


@pytest.mark.parametrize("language", ["de", "en"])
def test_it_writes_what_the_template_loop_wrote(office_a, space_a, space_a2, language):
    team = Team.objects.create(youth_office=office_a, name='Team "Nord" & <Süd>')
    for number, status in enumerate(NeedStatus.values):
        need = make_need(
            office_a, space_a, f'Bedarf {number} <b>"{status}"</b> & mehr', status=status
        )
        if number % 2:
            need.social_spaces.add(space_a2)
        if number % 3 == 0:
            Need.objects.filter(pk=need.pk).update(team=team, priority=number * 7)
    lonely = make_need(office_a, space_a, "Ohne Raum")
    lonely.social_spaces.clear()
    with translation.override(language):
        old, new = _bodies(office_a, {"status": "", "space": None, "team": None})
        assert new == old
        assert old.count("<tr") == len(NeedStatus.values) + 1
        assert "&lt;b&gt;" in new and "&amp; &lt;Süd&gt;" in new
        old, new = _bodies(office_a, {"status": NeedStatus.ACCEPTED, "space": None, "team": None})
        assert new == old and new.count("<tr") == 1


def test_it_writes_an_empty_body_as_the_loop_did(office_a):
    old, new = _bodies(office_a, {"status": "", "space": None, "team": None})
    assert new == old
