# ruff: noqa: E501  (the old template loop is quoted as it was)
"""The trail's changes are built in the view (issue 8), with the markup the template had."""

from __future__ import annotations

import pytest
from django.template import engines
from django.utils import translation

from sozialraum.audit.models import Action, AuditEntry
from sozialraum.audit.views import changes_html

OLD_LOOP = """
                    {% for field, old, new in row.changes %}
                      <dt>{{ field }}</dt>
                      <dd>
                        {% if old or entry.action == "update" or entry.action == "role" %}
                          <span class="sr-muted">{% translate "vorher:" %}</span> {{ old|default:"–"|linebreaksbr }}<br>
                          <span class="sr-muted">{% translate "nachher:" %}</span> {{ new|default:"–"|linebreaksbr }}
                        {% else %}
                          {{ new|default:"–"|linebreaksbr }}
                        {% endif %}
                      </dd>
                    {% endfor %}
"""

CHANGES = [
    ("Name", "Kita <Alt> & Co", "Kita „Neu“"),
    ("Anschrift", "", "Weg 1\r\nSoltau\nHaus 2"),
    ("Telefon", "05191 1", ""),
]


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("action", [Action.CREATE, Action.UPDATE, Action.ROLE, Action.DELETE])
def test_it_renders_the_changes_as_the_template_did(action, language):
    entry = AuditEntry(action=action)
    template = engines["django"].from_string("{% load i18n %}" + OLD_LOOP)
    with translation.override(language):
        old = template.render({"row": {"changes": CHANGES}, "entry": entry})
        new = "\n" + " " * 20 + changes_html(entry, CHANGES) + "\n"
    assert new == old
    assert "&lt;Alt&gt; &amp; Co" in new


@pytest.mark.parametrize("language", ["de", "en"])
def test_it_formats_the_time_as_django_does(language):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from django.utils import dateformat, formats

    from sozialraum.audit.views import datetime_formatter

    moment = datetime(2027, 1, 3, 7, 5, 9, tzinfo=ZoneInfo("Europe/Berlin"))
    with translation.override(language):
        format_string = formats.get_format("SHORT_DATETIME_FORMAT")
        assert datetime_formatter(format_string)(moment) == dateformat.format(moment, format_string)
    for format_string in ("d.m.Y H:i", "Y-m-d H:i:s", "j. F Y", "m/d/Y P"):
        assert datetime_formatter(format_string)(moment) == dateformat.format(moment, format_string)
