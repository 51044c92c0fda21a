"""Who should take the minutes: rotation among the members present.

The rule, as the page states it: among the members at this meeting (its attendance list), the
one who took the minutes of this team least recently: first those who never did, then the one
whose last time is longest ago; equal standing goes by name (surname, first name).
Coordination or the team's Leitung may choose somebody else.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Max
from django.utils.translation import gettext_lazy

from sozialraum.meetings.models import Attendance, Meeting
from sozialraum.minutes.models import Minutes
from sozialraum.network.models import Person
from sozialraum.teams.models import Membership

RULE = gettext_lazy(
    "Vorgeschlagen wird, wer von den Anwesenden am längsten kein Protokoll für dieses Team "
    "geführt hat: zuerst, wer noch nie Protokoll geführt hat, sonst wessen letztes Protokoll am "
    "längsten zurückliegt; bei Gleichstand nach dem Namen."
)


@dataclass(frozen=True)
class Candidate:
    person: Person
    last_time: datetime.date | None  # date of the last meeting they took the minutes of


@dataclass(frozen=True)
class Suggestion:
    person: Person | None
    candidates: list[Candidate]
    from_attendance: bool  # False: nobody recorded as present yet, so all current members

    @property
    def rule(self) -> str:
        return str(RULE)


def rank(candidates: list[Candidate]) -> list[Candidate]:
    """Never first, then the oldest last time; ties by the person's sort key and id."""
    return sorted(
        candidates,
        key=lambda c: (
            c.last_time is not None,
            c.last_time or datetime.date.min,
            c.person.sort_key,
            c.person.pk,
        ),
    )


def suggest_minute_taker(meeting: Meeting) -> Suggestion:
    """The suggestion for this meeting (two queries, whatever the team's history)."""
    present = Person.objects.filter(
        pk__in=Attendance.objects.filter(
            meeting=meeting, person__isnull=False, is_guest=False
        ).values("person_id")
    )
    from_attendance = present.exists()
    people = present
    if not from_attendance:
        people = Person.objects.filter(
            pk__in=Membership.objects.current(meeting.date)
            .filter(team_id=meeting.team_id)
            .values("person_id")
        )
    last_times = dict(
        Minutes.objects.filter(meeting__team_id=meeting.team_id, meeting__date__lt=meeting.date)
        .exclude(meeting=meeting)
        .filter(minute_taker__isnull=False)
        .values_list("minute_taker_id")
        .annotate(last=Max("meeting__date"))
        .values_list("minute_taker_id", "last")
    )
    ranked = rank([Candidate(person=p, last_time=last_times.get(p.pk)) for p in people])
    return Suggestion(
        person=ranked[0].person if ranked else None,
        candidates=ranked,
        from_attendance=from_attendance,
    )
