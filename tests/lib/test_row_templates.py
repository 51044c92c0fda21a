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


def test_it_fills_in_what_format_html_would():
    """The fast escaping gives format_html's text for every kind of value: text with all five
    special characters, marked-safe text, lazy translations, numbers, None, dates."""
    from datetime import date
    from decimal import Decimal

    from django.conf import settings
    from django.utils.safestring import mark_safe
    from django.utils.translation import gettext_lazy, override

    values = [
        "A & B <c> \"d\" 'e'",
        mark_safe("<b>sicher</b>"),
        gettext_lazy("Träger"),
        12,
        Decimal("1.50"),
        None,
        date(2026, 12, 1),
        "",
    ]
    file = settings.PACKAGE_DIR / "templates" / "network" / "rows" / "directory.html"
    source = file.read_text(encoding="utf-8").strip("\n")
    keys = ["detail_url", "name", "kind_header", "kind_label", "city_header", "city"]
    keys += ["spaces_header", "spaces"]
    with override("en"):
        for shift in range(len(values)):
            row = {key: values[(i + shift) % len(values)] for i, key in enumerate(keys)}
            assert render_rows("network/rows/directory.html", [row]) == format_html(source, **row)


def test_it_fills_shared_values_once_and_leaves_out_what_the_template_does_not_show():
    """`shared` values (a column's label) appear in every row as if each row carried them;
    keys the template does not name are ignored; a name the row lacks is an error, as for
    format_html."""
    from django.conf import settings

    file = settings.PACKAGE_DIR / "templates" / "network" / "rows" / "directory.html"
    source = file.read_text(encoding="utf-8").strip("\n")
    shared = {"kind_header": "Art & <Typ>", "city_header": "Ort", "spaces_header": "Räume"}
    rows = [
        {
            "detail_url": f"/x/{i}/",
            "name": f"Verein <{i}>",
            "kind_label": "Schule",
            "city": True if i else 0,
            "spaces": "–",
            "unused": object(),
        }
        for i in range(3)
    ]
    expected = "\n".join(format_html(source, **shared, **row) for row in rows)
    assert render_rows("network/rows/directory.html", rows, shared=shared) == expected
    assert render_rows("network/rows/directory.html", [], shared=shared) == ""
    with pytest.raises(KeyError):
        render_rows("network/rows/directory.html", [{"name": "A"}], shared=shared)


@pytest.mark.django_db
def test_it_names_the_targets_as_the_orm_does(office_a):
    """names_by_id (its query compiled once per number of ids) gives each owner's targets in
    their order, for any number of ids, repeated ids and none."""
    from sozialraum.lib.row_templates import names_by_id
    from sozialraum.network.models import Organisation
    from sozialraum.regions.models import SocialSpace

    spaces = [
        SocialSpace.objects.create(youth_office=office_a, name=name)
        for name in ("Walsrode", "Ahlden & <Rethem>", "Bad Fallingbostel", "Soltau")
    ]
    organisations = []
    for i in range(7):
        organisation = Organisation.objects.create(
            youth_office=office_a, name=f"Verein {i}", kind="verein"
        )
        organisation.social_spaces.set(spaces[: i % 5])
        organisations.append(organisation)
    ids = [organisation.pk for organisation in organisations]
    for chosen in (ids, ids[:1], ids[2:5], [ids[3], ids[3]], [], ids):
        expected = {
            organisation.pk: [s.name for s in organisation.social_spaces.order_by("sort_key", "id")]
            for organisation in Organisation.objects.filter(pk__in=chosen)
            if organisation.social_spaces.exists()
        }
        assert dict(names_by_id(Organisation.social_spaces, chosen)) == expected
