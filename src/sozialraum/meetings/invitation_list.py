"""The invitations of one meeting as its pages list them (the meeting page's answers, the
invite page): one query, compiled once per connection (lib/prepared.py), read as rows; the
model instances only where a page needs them (issue 8: twenty invitations with their persons
cost a millisecond as models, a tenth of that as rows)."""

from __future__ import annotations

from typing import Any

from sozialraum.lib.prepared import Prepared
from sozialraum.meetings.columns import Columns, lookups, split
from sozialraum.meetings.models import Invitation, Meeting
from sozialraum.network.models import Person

_INVITATION = Columns(
    Invitation,
    (
        "id",
        "youth_office",
        "meeting",
        "person",
        "membership",
        "is_guest",
        "answer",
        "substitute",
        "sent_at",
    ),
)
_PERSON = Columns(
    Person,
    ("id", "youth_office", "title", "first_name", "last_name", "email", "user"),
    via="person",
)
_SUBSTITUTE = Columns(Person, ("id", "title", "first_name", "last_name"), via="substitute")
_LISTED = Prepared(
    lambda meeting_id: (
        Invitation.objects.filter(meeting_id=meeting_id)
        .order_by("is_guest", "person__sort_key", "id")
        .values_list(*lookups(_INVITATION, _PERSON, _SUBSTITUTE))
    ),
    int,
    rows=True,
)

# Where the values are in a row.
_IS_GUEST = _INVITATION.position("is_guest")
_ANSWER = _INVITATION.position("answer")
_SENT_AT = _INVITATION.position("sent_at")
_PERSON_AT = len(_INVITATION)
_EMAIL = _PERSON_AT + _PERSON.position("email")
_USER = _PERSON_AT + _PERSON.position("user")
_SUBSTITUTE_AT = _PERSON_AT + len(_PERSON)
_SUBSTITUTE_ID = _SUBSTITUTE_AT + _SUBSTITUTE.position("id")


def _name_at(columns: Columns, start: int) -> tuple[int, int, int]:
    return tuple(start + columns.position(name) for name in ("title", "first_name", "last_name"))  # type: ignore[return-value]


_PERSON_NAME = _name_at(_PERSON, _PERSON_AT)
_SUBSTITUTE_NAME = _name_at(_SUBSTITUTE, _SUBSTITUTE_AT)


def _full_name(values: tuple[Any, ...], at: tuple[int, int, int]) -> str:
    # Person.full_name of the person's columns.
    return " ".join(part for part in (values[at[0]], values[at[1]], values[at[2]]) if part)


class Listed:
    """One invitation as the pages list it: the invitee's name, the answer, the substitute's
    name (None without one), whether the invitee has an e-mail address and the mail went out,
    the invitee's account; `invitation()` gives the model instance."""

    __slots__ = (
        "answer",
        "has_email",
        "is_guest",
        "name",
        "sent",
        "substitute",
        "user_id",
        "values",
    )

    def __init__(self, values: tuple[Any, ...]):
        self.values = values
        self.name = _full_name(values, _PERSON_NAME)
        self.is_guest: bool = values[_IS_GUEST]
        self.answer: str = values[_ANSWER]
        has_substitute = values[_SUBSTITUTE_ID] is not None
        self.substitute = _full_name(values, _SUBSTITUTE_NAME) if has_substitute else None
        self.has_email = bool(values[_EMAIL])
        self.sent = values[_SENT_AT] is not None
        self.user_id: int | None = values[_USER]

    def invitation(self, meeting: Meeting) -> Invitation:
        """The invitation with its person and substitute (the columns listed loaded, the others
        deferred) and the given meeting."""
        invitation, person, substitute = split(self.values, _INVITATION, _PERSON, _SUBSTITUTE)
        invitation.meeting = meeting
        invitation.person = person
        invitation.substitute = substitute
        return invitation


def listed(meeting: Meeting) -> list[Listed]:
    """The meeting's invitations, guests last, by the invitees' names."""
    return [Listed(values) for values in _LISTED.all(meeting.pk)]
