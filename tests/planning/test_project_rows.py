# ruff: noqa: E501  (the old template loop is quoted as it was)
"""planning.project_rows: the rows of the list of projects write what the template loop they
replace wrote, in German and in English."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from sozialraum.lib.http import with_detail_urls
from sozialraum.planning import project_rows, project_selectors
from sozialraum.planning.project_models import ProjectStatus
from tests.planning.project_fixtures import make_carrier, make_project

pytestmark = pytest.mark.django_db

# The loop of planning/projects.html before issue 8's fourth round.
OLD_LOOP = """{% load i18n kern %}        {% translate "Träger" as carrier_label %}{% translate "Zeitraum" as period_label %}{% translate "Stand" as state_label %}
        {% for project in page.object_list %}
          <tr class="kern-table__row">
            <th scope="row" class="kern-table__header sr-table-name"><a class="kern-link" href="{{ project.detail_url }}">{{ project.measure.title }}</a></th>
            <td class="kern-table__cell" data-label="{{ carrier_label }}">{{ project.measure.carrier.name }}</td>
            <td class="kern-table__cell" data-label="{{ youth_office.social_space_label_plural }}">{% for space in project.measure.social_spaces.all %}{{ space.name }}{% if not forloop.last %}, {% endif %}{% empty %}–{% endfor %}</td>
            <td class="kern-table__cell sr-nowrap" data-label="{{ period_label }}">{{ project.started|localdate }} – {{ project.ends|localdate }}</td>
            <td class="kern-table__cell" data-label="{{ state_label }}">{% include "planning/_project_state.html" with state=project.state %}</td>
          </tr>
        {% endfor %}"""


def _normalised(html: str) -> list[str]:
    return [line.strip() for line in html.splitlines() if line.strip()]


@pytest.mark.parametrize("language", ["de", "en"])
def test_it_project_rows_write_what_the_template_loop_wrote(
    office_a, space_a, space_a2, reader, language
):
    today = timezone.localdate()
    make_project(
        office_a,
        spaces=[space_a2, space_a],
        title='Läuft <noch> & "weiter"',
        carrier=make_carrier(office_a, "Träger <O'Brien> & Co"),
        start=today,
        end=today + timedelta(30),
    )
    make_project(office_a, spaces=[space_a], title="Ist vorbei")
    evaluated = make_project(office_a, spaces=[space_a2], title="Ist ausgewertet")
    evaluated.status = ProjectStatus.EVALUATED
    evaluated.save()
    ended = make_project(
        office_a, spaces=[], title="Beendet", start=today, end=today + timedelta(60)
    )
    ended.status = ProjectStatus.ENDED
    ended.save()

    projects = project_selectors.project_list(office_a, reader, {})
    with translation.override(language):
        old_rows = with_detail_urls(projects, "planning:project", office_slug=office_a.slug)
        old_page = {"object_list": project_selectors.mark_states(old_rows)}
        old = Template(OLD_LOOP).render(Context({"page": old_page, "youth_office": office_a}))
        page = project_rows.project_list_page(
            projects,
            None,
            office_slug=office_a.slug,
            spaces_label=office_a.social_space_label_plural,
        )
    new = str(page.rows_html)
    assert _normalised(new) == _normalised(old)
    assert len(page.object_list) == 4 and new.count("kern-badge--small") == 4
    assert "Läuft &lt;noch&gt; &amp; &quot;weiter&quot;" in new
    assert "Träger &lt;O&#x27;Brien&gt; &amp; Co" in new
    assert "kern-badge--success" in new and "kern-badge--warning" in new
    assert "kern-badge--info" in new and ">–<" in new
