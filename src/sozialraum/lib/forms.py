"""Form helpers every app shares: optimistic locking and the conflict display.

An edit form carries the record's `version` as a hidden field. When the service raises
ConcurrentEditError (somebody saved in between), the view calls `show_conflict`: the form keeps
everything the user typed, a table shows their values next to the ones saved meanwhile, and the
hidden version moves on to the saved one, so a second "Speichern" deliberately keeps the user's
values. Nothing typed is lost, and nothing is overwritten without the user seeing it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.db import models
from django.utils.translation import gettext as _

from sozialraum.lib.fields import display_value


@dataclass(frozen=True)
class ConflictRow:
    label: str
    mine: str
    theirs: str


def field_text(form: forms.BaseForm, name: str, value: Any) -> str:
    """A form value as the user reads it: choice labels, names of chosen rows, ja/nein."""
    field = form.fields[name]
    if isinstance(field, forms.ModelMultipleChoiceField):
        return ", ".join(sorted(str(obj) for obj in (value or [])))
    if isinstance(field, forms.ModelChoiceField):
        return "" if value is None else str(value)
    if isinstance(field, forms.ChoiceField):
        choices: list[tuple[Any, Any]] = list(field.choices)  # type: ignore[arg-type]
        labels = {str(key): str(label) for key, label in choices}
        if isinstance(value, list | tuple):
            return ", ".join(labels.get(str(item), str(item)) for item in value)
        return labels.get(str(value), str(value)) if value not in (None, "") else ""
    if isinstance(value, models.QuerySet):
        return ", ".join(sorted(str(obj) for obj in value))
    if hasattr(value, "strftime"):
        from django.utils.formats import date_format

        return date_format(value, "SHORT_DATE_FORMAT")
    return display_value(value)


def show_conflict(
    form: forms.BaseForm, saved_initial: dict[str, Any], version: int | str
) -> list[ConflictRow]:
    """Turn a bound, valid form into the conflict display: rows for the fields where the saved
    record (`saved_initial`: its values as form initial data, e.g. ids for chosen rows) differs
    from the user's input; the hidden version becomes `version`, and an error above the form
    explains what happened."""
    saved: dict[str, Any] = {}
    for name, initial in saved_initial.items():
        if name in form.fields:
            try:
                saved[name] = form.fields[name].clean(initial)
            except forms.ValidationError:
                saved[name] = initial
    rows = []
    for name, mine in form.cleaned_data.items():
        if name == "version" or name not in saved:
            continue
        mine_text, theirs_text = field_text(form, name, mine), field_text(form, name, saved[name])
        if mine_text != theirs_text:
            label = str(form.fields[name].label or name)
            rows.append(ConflictRow(label=label, mine=mine_text, theirs=theirs_text))
    form.conflict_rows = rows  # type: ignore[attr-defined]  # read by includes/form_errors.html
    data = form.data.copy()  # type: ignore[attr-defined]
    data["version"] = str(version)
    form.data = data
    form.add_error(
        None,
        _(
            "Jemand anderes hat diesen Eintrag gespeichert, während Sie ihn bearbeitet haben. "
            "Ihre Eingaben stehen noch im Formular; die Tabelle zeigt, was inzwischen gespeichert "
            "ist. Prüfen Sie beides und speichern Sie erneut, wenn Ihre Angaben gelten sollen."
        ),
    )
    return rows
