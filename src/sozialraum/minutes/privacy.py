"""What the minutes app keeps about a person of the network, for the DSGVO requests
(lib/privacy.py): the tasks they are responsible for and the minutes they took.

The erasure deletes their tasks (a task has one responsible person; without it the task says
nothing) and leaves the minutes they took without a minute-taker (the minutes belong to the
team). The minutes' text is the team's record and stays as written.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from sozialraum.lib.privacy import PersonPart
from sozialraum.minutes.models import Minutes, Task


def export(person: Any) -> dict[str, list[dict[str, Any]]]:
    tasks = Task.objects.filter(responsible=person).select_related("team").order_by("due", "pk")
    taken = (
        Minutes.objects.filter(minute_taker=person)
        .select_related("meeting", "meeting__team")
        .order_by("meeting__date", "pk")
    )
    return {
        "aufgaben": [
            {
                "aufgabe": task.title,
                "team": task.team.name,
                "faellig": task.due.isoformat() if task.due else "",
                "status": str(task.get_status_display()),
            }
            for task in tasks
        ],
        "protokolle": [
            {"team": row.meeting.team.name, "datum": row.meeting.date.isoformat()} for row in taken
        ],
    }


def erase(person: Any) -> int:
    untaken = Minutes.objects.filter(minute_taker=person).update(minute_taker=None)
    deleted, _by_model = Task.objects.filter(responsible=person).delete()
    return untaken + deleted


PART = PersonPart(
    key="minutes_tasks", label=_("Aufgaben und Protokolle"), export=export, erase=erase
)
