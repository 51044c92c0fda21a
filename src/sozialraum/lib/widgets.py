"""Select and input widgets rendered in Python, with exactly the markup of our templates.

Django's `Select` builds a context dict per option (`optgroups`, `create_option` with copies of
the attributes) and renders the result through two templates; for a filter form with a few
dozen options that is a fifth of a list page's CPU (issue 8). `Select.render` here writes the
same HTML as `templates/django/forms/widgets/select.html` with `attrs.html` directly;
tests/lib/test_widgets.py renders both ways and compares them.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.cache import cache
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
        parts = self._cached_options(selected, multiple)
        if parts is None:
            parts = self._options(selected, multiple)
        select = (
            f'<select name="{escape(name)}"'
            f"{attrs_html(final, '' if multiple else KERN_CLASS)}>{''.join(parts)}\n</select>"
        )
        if not multiple:
            select = f'<div class="kern-form-input__select-wrapper">{select}</div>'
        return SafeString(select)

    def use_required_attribute(self, initial: Any) -> bool:
        # Django's Select reads the first choice to see whether it is the empty one; that of
        # `RowChoices` always is (its empty label), so its rows need not be read for it.
        if isinstance(self.choices, RowChoices) and not self.allow_multiple_selected:
            return super(forms.Select, self).use_required_attribute(initial)
        return super().use_required_attribute(initial)

    def _cached_options(self, selected: set[str], multiple: bool) -> list[str] | None:
        """The options of `RowChoices` with a cache key: rendered once per key into one string
        (a thousand teams unpickle from the cache as one string in microseconds, as a list of
        strings in milliseconds), then the chosen values marked in it (a register's filter
        lists every team of the office)."""
        choices = self.choices
        if not isinstance(choices, RowChoices) or not choices.cache_key:
            return None
        key = f"{choices.cache_key}:options-html"
        html = cache.get(key)
        if html is None:
            html = "".join(self._options(set(), multiple))
            cache.set(key, html, CACHE_SECONDS)
        # As `_options` marks them: a single select its first option whose value is chosen,
        # a multiple select every chosen one (the values are the rows' keys, each once).
        for text in selected:
            opening = f'\n  <option value="{escape(text)}">'
            at = html.find(opening)
            if at < 0:
                continue
            end = at + len(opening) - 1
            html = f"{html[:end]} selected{html[end:]}"
            if not multiple:
                break
        return [html]

    def _options(self, selected: set[str], multiple: bool) -> list[str]:
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
        return parts

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


# The class templates/django/forms/widgets/input.html gives each input type.
INPUT_CLASSES = {"checkbox": "kern-form-check__checkbox", "radio": "kern-form-check__radio"}


class PythonInput:
    """For `forms.Input` subclasses: the markup of templates/django/forms/widgets/input.html
    with attrs.html, written in Python (through the templates an input costs two template
    renders; a filter form of half a dozen fields spent more on its inputs than on its data)."""

    def render(self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]  # type: ignore[attr-defined]
        kind = widget["type"]
        kern_class = "" if kind == "hidden" else INPUT_CLASSES.get(kind, "kern-form-input__input")
        shown = "" if widget["value"] is None else f' value="{escape(widget["value"])}"'
        return SafeString(
            f'<input type="{escape(kind)}" name="{escape(widget["name"])}"{shown}'
            f"{attrs_html(widget['attrs'], kern_class)}>"
        )


class TextInput(PythonInput, forms.TextInput):
    pass


class NumberInput(PythonInput, forms.NumberInput):
    pass


class CheckboxInput(PythonInput, forms.CheckboxInput):
    pass


# How long cached choices are kept; their key changes with the office's data anyway.
CACHE_SECONDS = 600


class RowChoices(BaseChoiceIterator):
    """Choices of a model select read as (pk, label) pairs once, when the select renders, for a
    `ModelChoiceField` whose widget only shows them (validation keeps the field's queryset):
    no model instances for the options, and no query where the form is not shown (htmx).

    With a `cache_key` that changes whenever the rows may change (the youth office's
    `data_version`, which every audited write raises), the pairs and the options' HTML are
    cached under it: a register's filter of a thousand teams then costs no query and no
    option rendering."""

    def __init__(
        self, empty_label: Any, queryset: Any, label: str = "name", cache_key: str = ""
    ) -> None:
        self.empty_label, self.queryset, self.label = empty_label, queryset, label
        self.cache_key = cache_key
        self.rows: list | None = None

    def __iter__(self):
        if self.rows is None:
            rows = cache.get(f"{self.cache_key}:rows") if self.cache_key else None
            if rows is None:
                rows = list(self.queryset.values_list("pk", self.label))
                if self.cache_key:
                    cache.set(f"{self.cache_key}:rows", rows, CACHE_SECONDS)
            self.rows = [("", self.empty_label), *rows]
        return iter(self.rows)


def row_choices(
    empty_label: Any, queryset: Any, label: str = "name", cache_key: str = ""
) -> RowChoices:
    return RowChoices(empty_label, queryset, label, cache_key)


def office_cache_key(office: Any, name: str) -> str:
    """A key for `row_choices` that changes with every audited write to the office and with the
    language (the empty choice's label is translated)."""
    from django.utils.translation import get_language

    return f"choices:{name}:{office.pk}:{office.data_version}:{get_language()}"


class FilterBoundField(forms.BoundField):
    """`as_field_group()` with the markup of templates/includes/filter_field.html (label, hint,
    widget; no "(freiwillig)"; stripped like the form renderer strips it), written in Python
    instead of a template render per field. A filter form opts in with
    `bound_field_class = FilterBoundField`."""

    def as_field_group(self) -> SafeString:
        hint = ""
        if self.help_text:
            hint = (
                f'<div class="kern-hint" id="{escape(self.auto_id)}_helptext">'
                f"{conditional_escape(self.help_text)}</div>"
            )
        return SafeString(
            '<div class="kern-form-input sr-field">\n'
            f'  <label class="kern-label" for="{escape(self.id_for_label)}">'
            f"{conditional_escape(self.label)}</label>\n"
            f"  {hint}\n"
            f"  {self}\n"
            "</div>"
        )
