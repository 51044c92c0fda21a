"""What the meetings app keeps about a person of the network, for the DSGVO requests
(lib/privacy.py): their attendance at meetings.

The erasure keeps the rows but drops the person (`person` NULL, `erased` set): the figures of
the participation review stay true (the organisation was there), and the row shows as
"gelöschte Person". Guests have no person record; their names are not found by this part.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from sozialraum.lib.privacy import PersonPart
from sozialraum.meetings.models import Attendance


def export(person: Any) -> list[dict[str, Any]]:
    rows = (
        Attendance.objects.filter(person=person)
        .select_related("meeting", "meeting__team", "organisation")
        .order_by("meeting__date", "pk")
    )
    return [
        {
            "date": row.meeting.date.isoformat(),
            "team": row.meeting.team.name,
            "organisation": row.organisation.name if row.organisation else row.organisation_name,
            "as_substitute": row.is_substitute,
        }
        for row in rows
    ]


def erase(person: Any) -> int:
    return Attendance.objects.filter(person=person).update(person=None, erased=True)


PART = PersonPart(key="attendance", label=_("Anwesenheit bei Treffen"), export=export, erase=erase)
