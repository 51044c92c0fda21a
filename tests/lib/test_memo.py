"""{% memo %} renders its markup once per language and key values."""

from __future__ import annotations

from django.template import Context, Template
from django.utils import translation


def test_it_renders_once_per_key_and_language():
    calls = []

    class Counter:
        def __str__(self):
            calls.append(1)
            return "x"

    template = Template(
        "{% load kern i18n %}{% memo slug %}{{ counter }}{% translate 'Impressum' %}{% endmemo %}"
    )
    with translation.override("de"):
        first = template.render(Context({"counter": Counter(), "slug": "a"}))
        again = template.render(Context({"counter": Counter(), "slug": "a"}))
        other = template.render(Context({"counter": Counter(), "slug": "b"}))
    with translation.override("en"):
        english = template.render(Context({"counter": Counter(), "slug": "a"}))
    assert first == again == other == "xImpressum"
    assert english == "xLegal notice"
    assert len(calls) == 3  # "a" in German, "b" in German, "a" in English


def test_it_refuses_a_block_inside():
    import pytest
    from django.template import TemplateSyntaxError

    with pytest.raises(TemplateSyntaxError):
        Template("{% load kern %}{% memo %}{% block head %}{% endblock %}{% endmemo %}")
