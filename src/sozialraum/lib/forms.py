"""Form helpers every app shares: optimistic locking and the conflict display.

An edit form carries the record's `version` as a hidden field. When the service raises
ConcurrentEditError (somebody saved in between), the view calls `show_conflict`: the form keeps
everything the user typed, a table shows their values next to the ones saved meanwhile, and the
hidden version moves on to the saved one, so a second "Speichern" deliberately keeps the user's
values. Nothing typed is lost, and nothing is overwritten without the user seeing it.

Dates are typed into `GermanDateField` (TT.MM.JJJJ), never into the browser's date input, which
drops an impossible date without a word.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass
from typing import Any

from django import forms
from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

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
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M")
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


# ---------------------------------------------------------------------------------------------
# Dates

_GERMAN_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", re.ASCII)
# 01082024: the number pad that inputmode="numeric" opens on phones has no "."
_DIGITS_ONLY = re.compile(r"(\d{2})(\d{2})(\d{4})", re.ASCII)
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})", re.ASCII)

MONTH_NAMES = (
    gettext_lazy("Januar"),
    gettext_lazy("Februar"),
    gettext_lazy("März"),
    gettext_lazy("April"),
    gettext_lazy("Mai"),
    gettext_lazy("Juni"),
    gettext_lazy("Juli"),
    gettext_lazy("August"),
    gettext_lazy("September"),
    gettext_lazy("Oktober"),
    gettext_lazy("November"),
    gettext_lazy("Dezember"),
)


class GermanDateInput(forms.TextInput):
    """A text field for a date in German format: the browser's own date input is avoided on
    purpose, because it empties a date that does not exist (31.02.) and sends nothing, so the
    server cannot tell a typo from a field left empty."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(
            attrs={
                "inputmode": "numeric",
                "autocomplete": "off",
                "placeholder": gettext_lazy("TT.MM.JJJJ"),
                "size": "10",
                "maxlength": "20",
                **(attrs or {}),
            }
        )

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, datetime.date):
            return value.strftime("%d.%m.%Y")
        return super().format_value(value)


class GermanDateField(forms.DateField):
    """A date typed as TT.MM.JJJJ (also 1.8.2024, 01082024 and 2024-08-01), parsed strictly.

    Whatever the user typed stays in the field with a message that says what is wrong: a date
    that does not exist names its day and month ("Den 31. Februar gibt es nicht."), anything else
    shows the expected format. Nothing typed is ever dropped silently. Use it for every date a
    person types; `help_text` is added after the format hint.
    """

    widget = GermanDateInput
    FORMAT_MESSAGE = gettext_lazy("Bitte geben Sie das Datum als TT.MM.JJJJ ein, z. B. 01.08.2024.")

    def __init__(
        self, *, min_year: int = 1900, max_year: int = 2100, help_text: Any = "", **kwargs: Any
    ) -> None:
        self.min_year, self.max_year = min_year, max_year
        hint = gettext_lazy("Im Format TT.MM.JJJJ, z. B. 01.08.2024.")
        kwargs["help_text"] = format_lazy("{} {}", hint, help_text) if help_text else hint
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> datetime.date | None:
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        text = str(value).strip()
        if not text:
            return None
        if match := _GERMAN_DATE.fullmatch(text) or _DIGITS_ONLY.fullmatch(text):
            day, month, year = (int(part) for part in match.groups())
        elif match := _ISO_DATE.fullmatch(text):
            year, month, day = (int(part) for part in match.groups())
        else:
            raise forms.ValidationError(self.FORMAT_MESSAGE, code="invalid")
        return self.checked_date(year, month, day)

    def checked_date(self, year: int, month: int, day: int) -> datetime.date:
        if not 1 <= month <= 12:
            raise forms.ValidationError(
                _("Einen %(month)s. Monat gibt es nicht. %(format)s"),
                code="invalid_month",
                params={"month": month, "format": self.FORMAT_MESSAGE},
            )
        if not self.min_year <= year <= self.max_year:
            raise forms.ValidationError(
                _("Bitte prüfen Sie das Jahr: Es sollte zwischen %(min)s und %(max)s liegen."),
                code="invalid_year",
                params={"min": self.min_year, "max": self.max_year},
            )
        last_day = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last_day:
            names = {"day": day, "month": MONTH_NAMES[month - 1], "year": year}
            if month == 2 and day == 29:
                message = _("Den 29. Februar gibt es %(year)s nicht, es ist kein Schaltjahr.")
            else:
                message = _("Den %(day)s. %(month)s gibt es nicht.")
            raise forms.ValidationError(message, code="invalid_day", params=names)
        return datetime.date(year, month, day)
