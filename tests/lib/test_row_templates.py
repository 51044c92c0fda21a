"""lib.row_templates: rows from str.format files, escaped like a template escapes."""

from __future__ import annotations

import pytest
from django.template import TemplateDoesNotExist
from django.utils.html import format_html

from sozialraum.lib.row_templates import render_rows


def test_it_escapes_what_a_row_brings_and_keeps_what_is_marked_safe():
    rows = [
        {
            "detail_url": "/heidekreis/akteure/1/",
            "name": 'Kita "Sonne" & <Mond>',
            "kind_header": "Art",
            "kind_label": "Kindertagesstätte",
            "city_header": "Ort",
            "city": "Soltau",
            "spaces_header": "Sozialräume",
            "spaces": format_html("<em>{}</em>", "Soltau/Wietzendorf"),
        }
    ]
    html = render_rows("network/rows/directory.html", rows)
    assert "Kita &quot;Sonne&quot; &amp; &lt;Mond&gt;" in html
    assert "<em>Soltau/Wietzendorf</em>" in html
    assert html.count("<tr") == 1


def test_it_joins_the_rows_and_answers_nothing_for_none():
    row = {
        "detail_url": "/x/",
        "name": "A",
        "kind_header": "Art",
        "kind_label": "Schule",
        "city_header": "Ort",
        "city": "–",
        "spaces_header": "Räume",
        "spaces": "–",
    }
    assert render_rows("network/rows/directory.html", [row, row]).count("<tr") == 2
    assert render_rows("network/rows/directory.html", []) == ""


def test_it_names_a_missing_row_template():
    with pytest.raises(TemplateDoesNotExist):
        render_rows("network/rows/gibt-es-nicht.html", [{}])
