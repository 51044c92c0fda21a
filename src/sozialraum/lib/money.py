"""Amounts in euros: German input ("1.234,56 €", "1234,5", "1 234,56") to `Decimal`, and
`Decimal` to German output ("1.234,56 €"). Money is never a float anywhere in the platform."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

CENT = Decimal("0.01")
MAX_AMOUNT = Decimal("9999999999.99")  # what a MoneyField (12 digits, 2 places) holds

# Digits with "." or a (narrow/no-break) space as thousands separators, "," as decimal mark.
_GERMAN = re.compile(
    r"^(?P<sign>[-−]?)(?P<int>\d{1,3}(?:[.\u00a0\u202f ]\d{3})+|\d+)(?:,(?P<frac>\d{1,2}))?$"
)
# A plain decimal point as people type it from other software: "1234.5" (not "1.234").
_POINT = re.compile(r"^(?P<sign>[-−]?)(?P<int>\d+)\.(?P<frac>\d{1,2})$")


def parse_amount(text: str) -> Decimal:
    """Parse a German amount; raises ValueError with a German message if it is none."""
    value = (text or "").strip().replace("€", "").replace("EUR", "").strip()
    match = _GERMAN.match(value)
    if match is None and not re.match(r"^[-−]?\d{1,3}\.\d{3}$", value):
        match = _POINT.match(value)
    if match is None:
        raise ValueError(_("Bitte geben Sie einen Betrag ein, zum Beispiel 1.234,56."))
    digits = re.sub(r"[.\u00a0\u202f ]", "", match["int"])
    try:
        amount = Decimal(f"{digits}.{match['frac'] or '0'}")
    except InvalidOperation as error:  # pragma: no cover - the patterns admit digits only
        raise ValueError(_("Bitte geben Sie einen Betrag ein, zum Beispiel 1.234,56.")) from error
    if match["sign"]:
        amount = -amount
    if abs(amount) > MAX_AMOUNT:
        raise ValueError(_("Der Betrag ist zu groß."))
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def format_amount(value: Decimal | int | None, *, currency: bool = True) -> str:
    """1234.5 -> "1.234,50 €" (German grouping, always two places); None -> ""."""
    if value is None:
        return ""
    amount = Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)
    sign = "−" if amount < 0 else ""
    whole, _dot, cents = f"{abs(amount):.2f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{sign}{grouped},{cents}" + (" €" if currency else "")


class AmountField(forms.CharField):
    """A form field for euros in German notation; cleans to a Decimal with two places.
    Negative amounts are refused unless `allow_negative=True`."""

    default_error_messages = {
        "negative": _("Der Betrag darf nicht negativ sein."),
    }

    def __init__(self, *, allow_negative: bool = False, **kwargs: Any) -> None:
        self.allow_negative = allow_negative
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("maxlength", "30")
        self.widget.attrs.setdefault("inputmode", "decimal")
        self.widget.attrs.setdefault("autocomplete", "off")

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Decimal | int):
            return format_amount(value, currency=False)
        return value

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        if len(text) > 30:
            raise ValidationError(_("Der Betrag ist zu lang."), code="invalid")
        try:
            amount = parse_amount(text)
        except ValueError as error:
            raise ValidationError(str(error), code="invalid") from error
        if amount < 0 and not self.allow_negative:
            raise ValidationError(self.error_messages["negative"], code="negative")
        return amount
