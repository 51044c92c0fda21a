"""The repeated parts of the minutes page written in Python (issue 8): the attendance list, and
per agenda item, decision and task the texts a `{% blocktranslate %}` or `{% url %}` wrote in
the template's loops (a few dozen tags a page, the largest part of its template's cost).

Each text is what the tag wrote: the translation with its values escaped and localised as
`render_value_in_context` does; tests/minutes/test_minutes_rows.py renders both ways.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.template.defaultfilters import time as time_filter
from django.urls import reverse
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from sozialraum.lib.http import url_for_rows
from sozialraum.lib.templatetags.kern import localdate


def _value(value: Any) -> str:
    """A value as `{{ value }}` writes it (localised, escaped)."""
    return conditional_escape(localize(value))


def attendance_html(attendances: Iterable[Any]) -> SafeString:
    """The `<li>`s of the attendance (minutes_reads.attendances), as the loop wrote them."""
    substitute, guest = _value(_("als Vertretung")), _value(_("Gast"))
    parts = []
    for attendance in attendances:
        person = attendance.person
        text = _value(person.full_name if person else attendance.guest_name)
        if attendance.organisation:
            text += f" ({_value(attendance.organisation.name)})"
        elif attendance.organisation_name:
            text += f" ({_value(attendance.organisation_name)})"
        if attendance.is_substitute:
            text += f", {substitute}"
        if attendance.is_guest:
            text += f", {guest}"
        parts.append(f"<li>{text}</li>")
    return SafeString("".join(parts))


def due_text(due: Any) -> SafeString:
    return SafeString(_("fällig am %(date)s") % {"date": _value(localdate(due))})


def label_rows(office_slug: str, items: list[Any], decisions: list[Any], tasks: list[Any]) -> None:
    """Give the items their `heading` ("TOP 1: …") and `comment_label`, the decisions their
    `heading` ("Beschluss 3/2026:") and `detail_url`, the tasks their `detail_url` and
    `due_text` ("fällig am …")."""
    top = _("TOP %(number)s: %(title)s")
    comment = _("Anmerkung zu TOP %(number)s")
    for number, item in enumerate(items, 1):
        shown = _value(number)
        item.heading = SafeString(top % {"number": shown, "title": _value(item.title)})
        item.comment_label = SafeString(comment % {"number": shown})
    decision_heading = _("Beschluss %(number)s:")
    decision_url = url_for_rows("minutes:decision", office_slug=office_slug)
    for decision in decisions:
        decision.heading = SafeString(decision_heading % {"number": _value(str(decision))})
        decision.detail_url = decision_url(decision.pk)
    task_url = url_for_rows("minutes:task", office_slug=office_slug)
    for task in tasks:
        task.detail_url = task_url(task.pk)
        task.due_text = due_text(task.due) if task.due else ""


def next_meeting_link(office_slug: str, meeting: Any) -> dict[str, str]:
    """The next meeting's URL and its "date, start–end Uhr" text."""
    text = _("%(date)s, %(start)s–%(end)s Uhr") % {
        "date": _value(localdate(meeting.date)),
        "start": _value(time_filter(meeting.starts_at, "H:i")),
        "end": _value(time_filter(meeting.ends_at, "H:i")),
    }
    url = reverse("meetings:meeting", kwargs={"office_slug": office_slug, "pk": meeting.pk})
    return {"url": url, "text": SafeString(text)}


def page_texts(office_slug: str, context: dict[str, Any]) -> dict[str, Any]:
    """What the minutes page's body needs besides `minutes_context`: the attendance's HTML,
    the next meeting's link, and the labels of items, decisions and tasks (set on them)."""
    label_rows(office_slug, context["items"], context["decisions"], context["tasks"])
    following = context["next_meeting"]
    return {
        "attendance_html": attendance_html(context["attendances"]),
        "next_meeting_link": next_meeting_link(office_slug, following) if following else None,
    }
