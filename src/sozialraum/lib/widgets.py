"""A select widget rendered in Python, with exactly the markup of our templates.

Django's `Select` builds a context dict per option (`optgroups`, `create_option` with copies of
the attributes) and renders the result through two templates; for a filter form with a few
dozen options that is a fifth of a list page's CPU (issue 8). `Select.render` here writes the
same HTML as `templates/django/forms/widgets/select.html` with `attrs.html` directly;
tests/lib/test_widgets.py renders both ways and compares them.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.choices import BaseChoiceIterator
from django.utils.encoding import force_str
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeString

KERN_CLASS = "kern-form-input__select"


def attrs_html(attrs: dict[str, Any], kern_class: str = "") -> str:
    """The attributes as templates/django/forms/widgets/attrs.html writes them."""
    own = attrs.get("class") or ""
    html = ""
    if kern_class or own:
        joined = f"{kern_class} {own}" if kern_class and own else kern_class or own
        html = f' class="{escape(joined)}"'
    for name, value in attrs.items():
        if name != "class" and value is not False:
            html += f" {escape(name)}" if value is True else f' {escape(name)}="{escape(value)}"'
    return html


class Select(forms.Select):
    """`forms.Select` with the project's markup, rendered without templates."""

    def render(self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer=None):
        final = self.build_attrs(self.attrs, attrs)
        multiple = bool(final.get("multiple"))
        selected = set(self.format_value(value))
        found = False
        parts: list[str] = []
        for option_value, option_label in self.choices:
            if isinstance(option_label, (list, tuple)):
                parts.append(f'\n  <optgroup label="{conditional_escape(option_value)}">')
                for sub_value, sub_label in option_label:
                    found = self._option(parts, sub_value, sub_label, selected, found, multiple)
                parts.append("\n  </optgroup>")
            else:
                found = self._option(parts, option_value, option_label, selected, found, multiple)
        select = (
            f'<select name="{escape(name)}"'
            f"{attrs_html(final, '' if multiple else KERN_CLASS)}>{''.join(parts)}\n</select>"
        )
        if not multiple:
            select = f'<div class="kern-form-input__select-wrapper">{select}</div>'
        return SafeString(select)

    @staticmethod
    def _option(
        parts: list[str], value: Any, label: Any, selected: set[str], found: bool, multiple: bool
    ) -> bool:
        text = "" if value is None else str(value)
        is_selected = (not found or multiple) and text in selected
        mark = " selected" if is_selected else ""
        parts.append(
            f'\n  <option value="{escape(text)}"{mark}>'
            f"{conditional_escape(force_str(label))}</option>\n"
        )
        return found or is_selected


class RowChoices(BaseChoiceIterator):
    """Choices of a model select read as (pk, label) pairs once, when the select renders, for a
    `ModelChoiceField` whose widget only shows them (validation keeps the field's queryset):
    no model instances for the options, and no query where the form is not shown (htmx)."""

    def __init__(self, empty_label: Any, queryset: Any, label: str = "name") -> None:
        self.empty_label, self.queryset, self.label = empty_label, queryset, label
        self.rows: list | None = None

    def __iter__(self):
        if self.rows is None:
            self.rows = [("", self.empty_label), *self.queryset.values_list("pk", self.label)]
        return iter(self.rows)


def row_choices(empty_label: Any, queryset: Any, label: str = "name") -> RowChoices:
    return RowChoices(empty_label, queryset, label)
