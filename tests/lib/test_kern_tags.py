"""The KERN template building blocks: pagination, breadcrumbs, dates in the locale's format."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.messages import constants
from django.core.paginator import Paginator
from django.template import Context, Template, TemplateSyntaxError
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation

from sozialraum.lib.templatetags import kern
from sozialraum.regions.models import YouthOffice


def render(source: str, **context) -> str:
    return Template("{% load kern %}" + source).render(Context(context))


def page(number: int, *, count: int = 100, per_page: int = 10):
    return Paginator(range(count), per_page).get_page(number)


def test_it_paginates_with_a_custom_parameter_and_keeps_the_other_parameters():
    request = RequestFactory().get("/liste/", {"q": "kita", "seite": "3", "seite_personen": "4"})
    html = render(
        '{% pagination people param="seite_personen" label="Seiten der Personen" %}',
        request=request,
        people=page(4),
    )
    assert 'aria-label="Seiten der Personen"' in html
    assert 'href="?q=kita&amp;seite=3&amp;seite_personen=3" rel="prev"' in html
    assert 'href="?q=kita&amp;seite=3&amp;seite_personen=5" rel="next"' in html
    assert 'href="?q=kita&amp;seite=3&amp;seite_personen=1">Erste Seite' in html
    assert 'href="?q=kita&amp;seite=3&amp;seite_personen=10">Letzte Seite' in html
    assert "Seite 4 von 10" in html


def test_it_leaves_out_links_that_lead_nowhere():
    request = RequestFactory().get("/")
    first = render("{% pagination p %}", request=request, p=page(1))
    assert 'rel="prev"' not in first and "Erste Seite" not in first
    assert 'href="?seite=2" rel="next"' in first
    second = render("{% pagination p %}", request=request, p=page(2, count=30))
    assert "Erste Seite" not in second  # the previous page is the first one
    assert "Letzte Seite" not in second  # the next page is the last one
    assert render("{% pagination p %}", request=request, p=page(1, count=5)).strip() == ""


def test_it_takes_other_link_texts():
    html = render(
        '{% pagination p param="einladungen" previous_label="Vorherige Einladungen" '
        'next_label="Weitere Einladungen" %}',
        request=RequestFactory().get("/"),
        p=page(2),
    )
    assert ">Vorherige Einladungen</a>" in html
    assert ">Weitere Einladungen</a>" in html


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize(
    ("number", "count", "options"),
    [
        (1, 100, {}),
        (2, 30, {}),
        (5, 100, {"param": "seite_personen", "label": "Seiten <der> Personen"}),
        (10, 100, {"previous_label": "Frühere & ältere", "next_label": "Weitere"}),
        (1, 5, {}),
        (1, 0, {}),
    ],
)
def test_it_writes_what_the_pagination_template_writes(language, number, count, options):
    request = RequestFactory().get("/liste/", {"q": 'Kita "Regenbogen" & Hort', "seite": "9"})
    context = Context({"request": request})
    p = page(number, count=count)
    with translation.override(language):
        written = kern.pagination(context, p, **options)
        expected = render_to_string(
            "includes/pagination.html", kern.pagination_context(context, p, **options)
        )
    assert written == expected


@pytest.mark.django_db
def test_it_builds_breadcrumbs_from_the_overview(office_a: YouthOffice):
    html = render(
        '{% breadcrumbs "Zugänge" "/heidekreis/zugaenge/" "" "" here="Zugang entfernen" %}',
        youth_office=office_a,
    )
    assert '<a class="kern-link" href="/heidekreis/">Übersicht</a>' in html
    assert '<a class="kern-link" href="/heidekreis/zugaenge/">Zugänge</a>' in html
    assert '<li aria-current="page">Zugang entfernen</li>' in html
    assert html.count("<li") == 3  # the pair without a label is left out
    with pytest.raises(TemplateSyntaxError):
        render('{% breadcrumbs "Zugänge" here="x" %}', youth_office=office_a)


def test_it_formats_dates_in_the_active_language():
    moment = datetime(2026, 12, 1, 7, 5, tzinfo=ZoneInfo("UTC"))  # 08:05 in Berlin
    source = "{{ day|localdate }} | {{ moment|localdatetime }} | {{ nothing|localdate }}"
    with translation.override("de"):
        assert (
            render(source, day=date(2026, 2, 3), moment=moment)
            == "03.02.2026 | 01.12.2026 08:05 | "
        )
    with translation.override("en"):
        english = render(source, day=date(2026, 2, 3), moment=moment)
    assert english.startswith("02/03/2026 | 12/01/2026 8:05")


def test_it_message_levels_map_to_kern_alert_variants(settings):
    assert settings.MESSAGE_TAGS[constants.ERROR] == "danger"
    assert settings.MESSAGE_TAGS[constants.SUCCESS] == "success"
    assert settings.MESSAGE_TAGS[constants.WARNING] == "warning"
    assert settings.MESSAGE_TAGS[constants.INFO] == "info"


def test_it_base_shows_every_message_level_as_its_kern_alert():
    from django.contrib.auth.models import AnonymousUser
    from django.contrib.messages.storage.base import Message
    from django.template.loader import get_template

    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    messages = [
        Message(constants.ERROR, "Das ging schief."),
        Message(constants.SUCCESS, "Gespeichert."),
        Message(constants.WARNING, "Achtung."),
        Message(constants.INFO, "Zur Info."),
    ]
    html = get_template("base.html").render({"messages": messages}, request)
    assert '<div class="kern-alert kern-alert--danger" role="alert">' in html
    assert '<span class="kern-icon kern-icon--danger" aria-hidden="true"></span>' in html
    for variant in ("success", "warning", "info"):
        assert f'<div class="kern-alert kern-alert--{variant}" role="status">' in html


# The loop select.html had before the options were built by {% select_options %} (issue 8).
OLD_SELECT_LOOP = (
    "{% for group_name, group_choices, group_index in widget.optgroups %}{% if group_name %}\n"
    '  <optgroup label="{{ group_name }}">{% endif %}{% for option in group_choices %}\n'
    '  {% include "django/forms/widgets/select_option.html" with widget=option %}{% endfor %}'
    "{% if group_name %}\n  </optgroup>{% endif %}{% endfor %}"
)


def test_it_renders_select_options_as_the_option_templates_did():
    from django import forms
    from django.template import engines

    class ChoiceForm(forms.Form):
        plain = forms.ChoiceField(choices=[("", "– alle –"), ("a&b", "Kita <Sonne>"), ("c", "C")])
        grouped = forms.MultipleChoiceField(
            choices=[("Schulen", [("gs", "Grundschule"), ("os", "Oberschule")]), ("x", "Andere")],
            widget=forms.SelectMultiple(attrs={"class": "sr-wide"}),
        )

    form = ChoiceForm({"plain": "a&b", "grouped": ["os", "x"]})
    engine = engines["django"]
    old = engine.from_string(OLD_SELECT_LOOP)
    new = engine.from_string("{% load kern %}{% select_options widget %}")
    for name in ("plain", "grouped"):
        widget = form[name].field.widget
        context = widget.get_context(name, form[name].value(), {"id": f"id_{name}"})
        assert new.render(context) == old.render(context), name
    assert 'value="a&amp;b" selected' in new.render(
        form["plain"].field.widget.get_context("plain", "a&b", {})
    )


def test_it_writes_a_date_in_the_language_active_when_asked():
    """The short dates are kept per language: the same date in German, then English, then
    German again."""
    from datetime import date, datetime

    from django.utils import formats, timezone
    from django.utils.translation import override

    from sozialraum.lib.templatetags.kern import localdate

    day = date(2026, 3, 4)
    with override("de"):
        assert localdate(day) == "04.03.2026"
    with override("en"):
        assert localdate(day) == formats.date_format(day, "SHORT_DATE_FORMAT") != "04.03.2026"
    with override("de"):
        assert localdate(day) == "04.03.2026"
        moment = timezone.make_aware(datetime(2026, 3, 4, 23, 30))
        assert localdate(moment) == formats.date_format(moment, "SHORT_DATE_FORMAT")
        assert localdate(None) == ""


def test_it_formats_a_lists_dates_in_the_language_active_when_the_list_began():
    """localdate_for_rows binds the language once; its answers are localdate's."""
    from datetime import date, datetime

    from django.utils import timezone
    from django.utils.translation import override

    from sozialraum.lib.templatetags.kern import localdate, localdate_for_rows

    day = date(2026, 3, 4)
    moment = timezone.make_aware(datetime(2026, 3, 4, 23, 30))
    for language in ("de", "en"):
        with override(language):
            short = localdate_for_rows()
            assert [short(day), short(moment), short(None)] == [
                localdate(day),
                localdate(moment),
                "",
            ]
    assert short(day) != "04.03.2026"  # the English list's formatter stays English
