"""Template tags of a measure's page: `{% load measure_tags %}` (planning/measure_rows.py)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString

from sozialraum.planning import measure_rows

register = template.Library()


@register.simple_tag
def cost_item_rows(estimate: Any) -> SafeString:
    """The table rows of the estimate's cost items."""
    return measure_rows.cost_item_rows(estimate)


@register.simple_tag
def share_rows(allocation: Any) -> SafeString:
    """The table rows of the allocation's shares with their expenses."""
    return measure_rows.share_rows(allocation)


@register.simple_tag
def transition_rows(transitions: Any) -> SafeString:
    """The list items of the measure's approval steps."""
    return measure_rows.transition_rows(transitions)
