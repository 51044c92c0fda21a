"""lib.forms.GermanDateField: a typed date is parsed strictly, and nothing typed is dropped."""

from __future__ import annotations

import datetime

import pytest
from django import forms

from sozialraum.lib.forms import GermanDateField


class DateForm(forms.Form):
    since = GermanDateField(label="seit", required=False)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("01.08.2024", datetime.date(2024, 8, 1)),
        ("1.8.2024", datetime.date(2024, 8, 1)),
        (" 1.8.2024 ", datetime.date(2024, 8, 1)),
        ("2024-08-01", datetime.date(2024, 8, 1)),
        ("01082024", datetime.date(2024, 8, 1)),
        ("29.02.2024", datetime.date(2024, 2, 29)),
        ("31.12.2025", datetime.date(2025, 12, 31)),
        ("", None),
        ("   ", None),
    ],
)
def test_it_reads_german_iso_and_digit_dates(typed, expected):
    form = DateForm({"since": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["since"] == expected


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("31.02.2025", "Den 31. Februar gibt es nicht."),
        ("30.02.2024", "Den 30. Februar gibt es nicht."),
        ("29.02.2025", "Den 29. Februar gibt es 2025 nicht, es ist kein Schaltjahr."),
        ("31.04.2024", "Den 31. April gibt es nicht."),
        ("00.01.2024", "Den 0. Januar gibt es nicht."),
        ("2025-02-31", "Den 31. Februar gibt es nicht."),
        ("01.13.2024", "Einen 13. Monat gibt es nicht."),
        ("01.08.0024", "Bitte prüfen Sie das Jahr"),
        ("Ostern", "Bitte geben Sie das Datum als TT.MM.JJJJ ein, z. B. 01.08.2024."),
        ("1.8.24", "Bitte geben Sie das Datum als TT.MM.JJJJ ein, z. B. 01.08.2024."),
        ("01.08.2024x", "Bitte geben Sie das Datum als TT.MM.JJJJ ein, z. B. 01.08.2024."),
        ("١.٨.٢٠٢٤", "Bitte geben Sie das Datum als TT.MM.JJJJ ein, z. B. 01.08.2024."),
        ("9" * 300, "Bitte geben Sie das Datum als TT.MM.JJJJ ein, z. B. 01.08.2024."),
    ],
)
def test_it_names_what_is_wrong_and_keeps_the_typed_text(typed, message):
    form = DateForm({"since": typed})
    assert not form.is_valid()
    assert message in form.errors["since"][0]
    html = str(form["since"])
    assert f'value="{typed}"' in html
    assert 'type="text"' in html and 'inputmode="numeric"' in html


def test_it_shows_a_saved_date_in_german_format_with_the_hint():
    form = DateForm(initial={"since": datetime.date(2024, 8, 1)})
    assert 'value="01.08.2024"' in str(form["since"])
    assert "TT.MM.JJJJ" in str(form["since"].help_text)
