"""The agenda and minutes blocks of the meeting page (meetings/_agenda_block.html,
minutes/_minutes_block.html): `{% agenda_summary meeting as agenda %}`,
`{% minutes_summary meeting as minutes %}`. One query each, compiled once per connection
(lib/prepared.py, issue 8); they never write."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sozialraum.lib.prepared import Prepared
from sozialraum.lib.row_templates import render_rows
from sozialraum.meetings import agenda
from sozialraum.meetings.models import AgendaItem, Meeting

register = template.Library()

ROW_TEMPLATE = "meetings/rows/agenda_item.html"

_ITEMS = Prepared(
    lambda meeting_id: AgendaItem.objects.filter(meeting_id=meeting_id).order_by("position", "pk"),
    int,
)


def _minutes_of(meeting_id: Any) -> Any:
    # The minutes app adds this block; its models are imported only when it is asked for.
    from sozialraum.minutes.models import Minutes

    return Minutes.objects.select_related("minute_taker").filter(meeting_id=meeting_id)


_MINUTES = Prepared(_minutes_of, int)


def agenda_rows(timetable: agenda.Timetable) -> SafeString:
    """The `<li>`s of the agenda block's list, as its former loop wrote them."""
    past_end = format_html(
        ' <span class="kern-badge kern-badge--warning"><span class="kern-label">{}</span></span>',
        _("nach dem Ende des Treffens"),
    )
    return render_rows(
        ROW_TEMPLATE,
        (
            {
                "starts": row.starts.strftime("%H:%M"),
                "title": row.item.title,
                "minutes": ngettext(
                    "%(counter)s Minute", "%(counter)s Minuten", row.item.duration_minutes
                )
                % {"counter": row.item.duration_minutes},
                "past_end": past_end if row.past_end else "",
            }
            for row in timetable.rows
        ),
        separator="",
    )


@dataclass(frozen=True)
class AgendaSummary:
    rows: list[agenda.TimedItem]
    rows_html: SafeString  # the rows as the block lists them


@register.simple_tag
def agenda_summary(meeting: Meeting) -> AgendaSummary:
    """The meeting's timetable rows, and the same as the block's list items."""
    items = _ITEMS.all(meeting.pk)
    for item in items:
        item.meeting = meeting
    timetable = agenda.timetable(meeting, items)
    return AgendaSummary(rows=timetable.rows, rows_html=agenda_rows(timetable))


@register.simple_tag
def minutes_summary(meeting: Meeting) -> Any:
    """The meeting's minutes (with its minute-taker and the meeting) or None."""
    found = _MINUTES.first(meeting.pk)
    if found is not None:
        found.meeting = meeting
    return found
