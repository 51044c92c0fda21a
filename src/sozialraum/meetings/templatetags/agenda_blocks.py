"""The agenda and minutes blocks of the meeting page (meetings/_agenda_block.html,
minutes/_minutes_block.html): `{% agenda_summary meeting as agenda %}`,
`{% minutes_summary meeting as minutes %}`. Three queries each at most; they never write."""

from __future__ import annotations

from typing import Any

from django import template

from sozialraum.meetings import agenda
from sozialraum.meetings.models import AgendaItem, Meeting

register = template.Library()


@register.simple_tag
def agenda_summary(meeting: Meeting) -> agenda.Timetable:
    items = list(AgendaItem.objects.filter(meeting=meeting).order_by("position", "pk"))
    return agenda.timetable(meeting, items)


@register.simple_tag
def minutes_summary(meeting: Meeting) -> Any:
    """The meeting's minutes (with its minute-taker) or None."""
    from sozialraum.minutes.models import Minutes

    return Minutes.objects.select_related("minute_taker").filter(meeting=meeting).first()
