# ruff: noqa: E501  (the old template loop is quoted as it was)
"""The register's rows from the row template (minutes/decision_rows.py) are what the template
loop they replace rendered, and the cached team select is what the select renders."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

from django.template import engines

from sozialraum.minutes.decision_rows import filled_rows, rows_html, truncated
from sozialraum.minutes.decision_views import minutes_link
from sozialraum.minutes.models import DecisionStatus, MinutesStatus

OLD_LOOP = """{% load i18n kern %}      <tbody class="kern-table__body">
        {% translate "Datum" as date_label %}{% translate "Team" as team_label %}{% translate "Beschluss" as text_label %}{% translate "Status" as status_label %}{% translate "Protokoll" as minutes_label %}{% translate "Protokoll öffnen" as open_label %}{% translate "Protokoll noch nicht freigegeben" as draft_label %}{% translate "Beschluss" as decision_word %}{% for decision in page.object_list %}
          <tr class="kern-table__row">
            <th scope="row" class="kern-table__header sr-table-name"><a class="kern-link" href="{{ decision.detail_url }}">{{ decision.label }}</a></th>
            <td class="kern-table__cell" data-label="{{ date_label }}">{{ decision.date|localdate }}</td>
            <td class="kern-table__cell" data-label="{{ team_label }}">{{ decision.team.name }}</td>
            <td class="kern-table__cell" data-label="{{ text_label }}">{{ decision.text|truncatechars:180 }}</td>
            <td class="kern-table__cell" data-label="{{ status_label }}">{{ decision.get_status_display }}{% if decision.is_draft %}<br><span class="sr-muted">{{ draft_label }}</span>{% endif %}</td>
            <td class="kern-table__cell" data-label="{{ minutes_label }}">{% if decision.minutes_url %}<a class="kern-link" href="{{ decision.minutes_url }}">{{ open_label }}<span class="kern-sr-only"> ({{ decision_word }} {{ decision.label }})</span></a>{% else %}–{% endif %}</td>
          </tr>
        {% endfor %}
      </tbody>"""
NEW_LOOP = """      <tbody class="kern-table__body">
        {{ page.rows_html }}
      </tbody>"""

LONG = "Die Ferienbetreuung " * 12  # 240 characters: cut at 180
# fmt: off
ROWS = [
    # (id, number, year, date, text, status, team, minutes id, meeting id, minutes' status)
    (1, 3, 2026, date(2026, 3, 4), "Ferien <b>& mehr</b> \"zitiert\"", DecisionStatus.VALID, "Team A & B", 7, 70, MinutesStatus.APPROVED),
    (2, 12, 2025, date(2025, 12, 31), LONG, DecisionStatus.DONE, "Soltau", 8, 80, MinutesStatus.DRAFT),
    (3, 1, 2024, date(2024, 1, 1), "ohne Protokoll", DecisionStatus.REVOKED, "Walsrode", None, None, None),
    (4, 2, 2024, date(2024, 1, 2), "Cafe\u0301 im Zentrum", "unbekannt", "<Team>", 9, 90, MinutesStatus.IN_REVIEW),
    (5, 4, 2024, date(2024, 1, 3), "x" * 180, DecisionStatus.VALID, "Team", 9, 90, MinutesStatus.APPROVED),
    (6, 5, 2024, date(2024, 1, 4), "x" * 181, DecisionStatus.VALID, "Team", 9, 90, MinutesStatus.APPROVED),
]
# fmt: on


def as_dict(row):
    keys = ("id", "number", "year", "date", "text", "status", "team_name", "minutes_id")
    keys += ("meeting_id", "minutes_status")
    return dict(zip(keys, row, strict=True))


def as_decision(row, link):
    """A decision as the former view gave it to the loop (with its display and URLs)."""
    values = as_dict(row)
    label = f"{values['number']}/{values['year']}"
    choices = dict(DecisionStatus.choices)
    has_minutes = values["minutes_id"] is not None
    return SimpleNamespace(
        detail_url=f"/heidekreis/beschluesse/{values['id']}/",
        label=label,
        date=values["date"],
        team=SimpleNamespace(name=values["team_name"]),
        text=values["text"],
        get_status_display=lambda: choices.get(values["status"], values["status"]),
        is_draft=has_minutes and values["minutes_status"] != MinutesStatus.APPROVED,
        minutes_url=link(values["meeting_id"]) if has_minutes else "",
    )


def render(source, **context):
    return engines["django"].from_string(source).render(context)


def test_it_writes_the_rows_the_loop_wrote():
    link = minutes_link("heidekreis")
    for rows in (ROWS, ROWS[:1]):
        old = render(OLD_LOOP, page={"object_list": [as_decision(row, link) for row in rows]})
        html = rows_html(filled_rows([as_dict(row) for row in rows], "heidekreis", link))
        assert render(NEW_LOOP, page={"rows_html": html}) == old


def test_it_writes_no_rows_as_the_empty_loop():
    old = render(OLD_LOOP, page={"object_list": []})
    assert render(NEW_LOOP, page={"rows_html": rows_html([])}) == old


def test_it_truncates_as_truncatechars():
    from django.template.defaultfilters import truncatechars

    for text in ("", "kurz", "x" * 180, "x" * 181, LONG, "e\u0301" * 200, "\u0958" * 100):
        assert truncated(text) == truncatechars(text, 180)
