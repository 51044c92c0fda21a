"""The invitations in the DSGVO requests about a person (lib.privacy.PersonPart): the Auskunft
lists their invitations and answers and where they were named as a substitute; the erasure
deletes their invitations and removes them as a named substitute."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from sozialraum.lib.privacy import PersonPart
from sozialraum.meetings.models import Invitation


def export(person: Any) -> list[dict[str, Any]]:
    rows = (
        Invitation.objects.filter(person=person)
        .select_related("meeting__team", "substitute")
        .order_by("meeting__date", "id")
    )
    named = (
        Invitation.objects.filter(substitute=person)
        .select_related("meeting__team", "person")
        .order_by("meeting__date", "id")
    )
    return [
        {
            "team": row.meeting.team.name,
            "datum": row.meeting.date.isoformat(),
            "gast": row.is_guest,
            "antwort": str(row.get_answer_display()),
            "vertretung": row.substitute.full_name if row.substitute else "",
            "beantwortet": row.answered_at.isoformat() if row.answered_at else "",
        }
        for row in rows
    ] + [
        {
            "team": row.meeting.team.name,
            "datum": row.meeting.date.isoformat(),
            "als_vertretung_von": row.person.full_name,
        }
        for row in named
    ]


def erase(person: Any) -> int:
    named = Invitation.objects.filter(substitute=person).update(substitute=None)
    deleted, _by_model = Invitation.objects.filter(person=person).delete()
    return named + deleted


PART = PersonPart(
    key="meeting_invitations", label=_("Einladungen zu Treffen"), export=export, erase=erase
)
