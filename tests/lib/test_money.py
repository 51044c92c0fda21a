"""German amounts in and out (lib/money.py): Decimal end to end."""

from decimal import Decimal

import pytest

from sozialraum.lib.money import AmountField, format_amount, parse_amount


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.234,56 €", "1234.56"),
        ("1234,5", "1234.50"),
        ("1234", "1234.00"),
        ("1.234", "1234.00"),
        ("1 234,56", "1234.56"),
        ("1\u00a0234,56 €", "1234.56"),
        ("12.345.678,90", "12345678.90"),
        ("0,01", "0.01"),
        ("1234.5", "1234.50"),
        ("-5,00", "-5.00"),
        ("  99 EUR ", "99.00"),
    ],
)
def test_it_parse_german_amounts(text, expected):
    assert parse_amount(text) == Decimal(expected)


@pytest.mark.parametrize(
    "text",
    ["", "abc", "1,2,3", "1.23.4", "12,345", "1,234.56", "1e5", "NaN", "∞", "99999999999,00"],
)
def test_it_parse_refuses_what_is_no_amount(text):
    with pytest.raises(ValueError):
        parse_amount(text)


def test_it_format_german():
    assert format_amount(Decimal("1234.5")) == "1.234,50 €"
    assert format_amount(Decimal("0")) == "0,00 €"
    assert format_amount(Decimal("-1234567.891")) == "−1.234.567,89 €"
    assert format_amount(None) == ""
    assert format_amount(Decimal("12.3"), currency=False) == "12,30"


def test_it_amount_field_refuses_negative_unless_allowed():
    field = AmountField(required=True)
    assert field.clean("1.234,56") == Decimal("1234.56")
    with pytest.raises(Exception, match="negativ"):
        field.clean("-1")
    assert AmountField(allow_negative=True).clean("-1") == Decimal("-1.00")
    assert AmountField(required=False).clean("") is None
    assert field.prepare_value(Decimal("1234.5")) == "1.234,50"
