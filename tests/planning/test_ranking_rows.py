# ruff: noqa: E501  (the old template loop is quoted as it was)
"""planning.need_rows: the rows of the ranked needs write what the template loop they replace
wrote, in German and in English, with and without the right to score."""

from __future__ import annotations

import pytest
from django.db.models import F, Prefetch
from django.template import Context, Template
from django.utils import translation

from sozialraum.lib.http import with_detail_urls
from sozialraum.planning import need_rows
from sozialraum.planning.models import Need, NeedScore, NeedStatus, PriorityCriterion
from sozialraum.planning.selectors import RANKED_STATUSES
from tests.planning.needs_world import make_criteria, make_need

pytestmark = pytest.mark.django_db

# The loop of planning/need_ranking.html before issue 8's fourth round.
OLD_LOOP = """{% load i18n %}        {% translate "Rang" as rank_label %}{% translate "Priorität" as priority_label %}
        {% for row in rows %}
          <tr class="kern-table__row">
            <td class="kern-table__cell" data-label="{{ rank_label }}">{{ row.rank|default:"–" }}</td>
            <th scope="row" class="kern-table__header sr-table-name"><a class="kern-link" href="{{ row.need.detail_url }}">{{ row.need.title }}</a><br><span class="sr-muted">{% for space in row.need.social_spaces.all %}{{ space.name }}{% if not forloop.last %}, {% endif %}{% endfor %}</span></th>
            {% for cell in row.cells %}
              {% blocktranslate with name=cell.criterion.name weight=cell.criterion.weight asvar cell_label %}{{ name }} (Gewicht {{ weight }}){% endblocktranslate %}
              <td class="kern-table__cell" data-label="{{ cell_label }}">{% if cell.score is not None %}{% blocktranslate with points=cell.score max=cell.criterion.max_score weight=cell.criterion.weight weighted=cell.weighted trimmed %}{{ points }} von {{ max }} <span class="sr-muted">(× {{ weight }} = {{ weighted }})</span>{% endblocktranslate %}{% else %}<span class="sr-muted">{% translate "nicht bewertet" %}</span>{% endif %}</td>
            {% endfor %}
            <td class="kern-table__cell" data-label="{{ priority_label }}"><strong>{% if row.need.priority is not None %}{{ row.need.priority }}{% else %}–{% endif %}</strong></td>
            {% if can_score %}<td class="kern-table__cell"><a class="kern-link" href="{% url 'planning:need_scores' office_slug=youth_office.slug pk=row.need.pk %}">{% blocktranslate with title=row.need.title %}Bewerten<span class="kern-sr-only">: {{ title }}</span>{% endblocktranslate %}</a></td>{% endif %}
          </tr>
        {% endfor %}"""


def _old_rows(office, criteria):
    """The rows as planning/selectors.py built them before (model instances, prefetches)."""
    needs = (
        Need.objects.in_office(office)
        .filter(status__in=RANKED_STATUSES)
        .prefetch_related(
            "social_spaces",
            Prefetch("scores", queryset=NeedScore.objects.filter(criterion__is_active=True)),
        )
        .order_by(F("priority").desc(nulls_last=True), "-created_at", "-id")
    )
    needs = with_detail_urls(needs, "planning:need", office_slug=office.slug)
    rows = []
    for index, need in enumerate(needs):
        by_criterion = {score.criterion_id: score.score for score in need.scores.all()}
        cells = []
        for criterion in criteria:
            score = by_criterion.get(criterion.pk)
            weighted = None if score is None else score * criterion.weight
            cells.append({"criterion": criterion, "score": score, "weighted": weighted})
        rank = 1 + index if need.priority is not None else None
        rows.append({"need": need, "rank": rank, "cells": cells})
    return rows


def _normalised(html: str) -> list[str]:
    return [line.strip() for line in html.splitlines() if line.strip()]


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("can_score", [True, False])
def test_it_ranking_rows_write_what_the_template_loop_wrote(
    office_a, space_a, space_a2, language, can_score
):
    urgency, reach = make_criteria(office_a)
    resting = PriorityCriterion.objects.create(
        youth_office=office_a, name="Ruht <alt>", weight=5, position=2, is_active=False
    )
    PriorityCriterion.objects.create(
        youth_office=office_a, name="Kein <anderes> Angebot & mehr", weight=4, position=3
    )
    criteria = list(PriorityCriterion.objects.in_office(office_a).filter(is_active=True))
    first = make_need(
        office_a, space_a, 'Treff <b>für</b> "alle" & O\'Brien', status=NeedStatus.ACCEPTED
    )
    first.social_spaces.add(space_a2)
    second = make_need(office_a, space_a2, "Schulweg", status=NeedStatus.PARTLY_MET)
    make_need(office_a, space_a, "Unbewertet", status=NeedStatus.ACCEPTED)
    make_need(office_a, space_a, "Nicht anerkannt", status=NeedStatus.RAISED)
    for need, criterion, score in [
        (first, urgency, 4),
        (first, reach, 0),
        (first, resting, 3),
        (second, urgency, 5),
    ]:
        NeedScore.objects.create(youth_office=office_a, need=need, criterion=criterion, score=score)
    Need.objects.filter(pk=first.pk).update(priority=12)
    Need.objects.filter(pk=second.pk).update(priority=15)

    with translation.override(language):
        old = Template(OLD_LOOP).render(
            Context(
                {
                    "rows": _old_rows(office_a, criteria),
                    "youth_office": office_a,
                    "can_score": can_score,
                }
            )
        )
        page = need_rows.ranking_page(office_a, criteria, None, can_score=can_score)
    new = str(page.rows_html)
    assert _normalised(new) == _normalised(old)
    assert len(page.object_list) == 3
    assert "Treff &lt;b&gt;für&lt;/b&gt; &quot;alle&quot; &amp; O&#x27;Brien" in new
    assert "Kein &lt;anderes&gt; Angebot &amp; mehr" in new and "Ruht" not in new
    assert ("kern-sr-only" in new) is can_score
