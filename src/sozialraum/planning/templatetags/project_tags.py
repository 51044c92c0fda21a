"""Template filters of the projects: `{% load project_tags %}`."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template

register = template.Library()


@register.filter
def number(value: Any) -> str:
    """A goal's value in German notation without needless zeros: 12 -> "12", 12.50 -> "12,5",
    1200 -> "1.200"; None -> ""."""
    if value is None or value == "":
        return ""
    amount = Decimal(value).quantize(Decimal("0.01"))
    whole, _dot, cents = f"{abs(amount):.2f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    cents = cents.rstrip("0")
    sign = "−" if amount < 0 else ""
    return f"{sign}{grouped},{cents}" if cents else f"{sign}{grouped}"
