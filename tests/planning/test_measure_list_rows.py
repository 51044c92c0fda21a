# ruff: noqa: E501  (the old template loop is quoted as it was)
"""planning.measure_rows.measure_list_page: the measures list's rows write what the template
loop they replace wrote, in German and in English, for every status, with and without team and
cost calculation (the newest revision's amount), with text that must be escaped."""

from __future__ import annotations

import pytest
from django.core.paginator import Paginator
from django.template import Context, Template
from django.utils import translation

from sozialraum.lib.http import with_detail_urls
from sozialraum.planning.measure_models import CostEstimate, Measure, MeasureStatus
from sozialraum.planning.measure_rows import measure_list_page
from sozialraum.planning.selectors import measure_list
from sozialraum.teams.models import Team
from tests.planning.budget_world import D, make_measure

pytestmark = pytest.mark.django_db

# The tbody of planning/measures.html before issue 8's fifth round.
OLD_BODY = """{% load i18n kern %}      <tbody class="kern-table__body">
        {% translate "Träger" as carrier_label %}{% translate "Zeitraum" as period_label %}{% translate "Stand" as status_label %}{% translate "Beantragt" as requested_label %}
        {% for measure in page.object_list %}
          <tr class="kern-table__row">
            <th scope="row" class="kern-table__header sr-table-name"><a class="kern-link" href="{{ measure.detail_url }}">{{ measure.title }}</a>{% if measure.team %}<br><span class="sr-muted">{{ measure.team.name }}</span>{% endif %}</th>
            <td class="kern-table__cell" data-label="{{ carrier_label }}">{{ measure.carrier.name }}</td>
            <td class="kern-table__cell" data-label="{{ period_label }}"><span class="sr-nowrap">{{ measure.period_start|localdate }}</span> – <span class="sr-nowrap">{{ measure.period_end|localdate }}</span></td>
            <td class="kern-table__cell" data-label="{{ status_label }}">{% include "planning/_measure_status.html" with status=measure.status label=measure.get_status_display %}</td>
            <td class="kern-table__cell sr-number sr-nowrap" data-label="{{ requested_label }}">{% if measure.current %}{{ measure.current.requested|euro }}{% else %}<span class="sr-muted">{% translate "noch keine Kosten" %}</span>{% endif %}</td>
          </tr>
        {% endfor %}
      </tbody>"""
NEW_BODY = """      <tbody class="kern-table__body">
        {{ page.rows_html }}
      </tbody>"""


def _bodies(office, status=""):
    old_page = Paginator(measure_list(office, status=status), 25).get_page(1)
    old_page.object_list = with_detail_urls(
        old_page.object_list, "planning:measure", office_slug=office.slug
    )
    for measure in old_page.object_list:
        estimates = list(measure.estimates.all())
        measure.current = estimates[0] if estimates else None
    new_page = measure_list_page(measure_list(office, status=status), 1, office_slug=office.slug)
    old = Template(OLD_BODY).render(Context({"page": old_page}))
    new = Template(NEW_BODY).render(Context({"page": new_page}))
    return old, new


@pytest.mark.parametrize("language", ["de", "en"])
def test_it_writes_what_the_template_loop_wrote(office_a, language):
    team = Team.objects.create(youth_office=office_a, name='Team "Nord" & <Süd>')
    for number, status in enumerate(MeasureStatus.values):
        measure = make_measure(
            office_a, f'Maßnahme {number} <b>"{status}"</b> & mehr', status=status
        )
        if number % 2:
            Measure.objects.filter(pk=measure.pk).update(team=team)
        if number % 3 == 0:  # a newer revision asks for another amount
            CostEstimate.objects.create(
                youth_office=office_a,
                measure=measure,
                number=2,
                total=D("1234.56"),
                requested=D("1000.50"),
            )
    bare = make_measure(office_a, "Ohne Kosten")
    CostEstimate.objects.filter(measure=bare).delete()
    with translation.override(language):
        old, new = _bodies(office_a)
        assert new == old
        assert old.count("<tr") == len(MeasureStatus.values) + 1
        assert "&lt;b&gt;" in new and "&amp; &lt;Süd&gt;" in new
        old, new = _bodies(office_a, status=MeasureStatus.APPROVED)
        assert new == old and new.count("<tr") == 2
