"""Signed answer links (Zusage, Absage, "Meine Vertretung kommt") for the mail, usable without
logging in.

A token is `django.core.signing` over [invitation id, person id, meeting id, answer] with a salt
of its own, so it is bound to one invitation of one person to one meeting and cannot be made or
altered without the SECRET_KEY. Nothing is stored: the link ends with the meeting (checked
against the meeting as it is now, so a moved meeting keeps its links), when the meeting is
cancelled, the invitation is gone, or the member has left the team. Opening a link (GET) only
shows the meeting and the preselected answer; the one button (POST) records it, because mail
scanners open links.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.core import signing
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from sozialraum.meetings.ical import BERLIN
from sozialraum.meetings.models import Answer, Invitation, MeetingStatus

SALT = "sozialraum.meetings.rsvp"
MAX_LENGTH = 200
CODES = {"z": Answer.YES, "a": Answer.NO, "v": Answer.SUBSTITUTE}
CODE_OF: dict[str, str] = {answer.value: code for code, answer in CODES.items()}


class LinkError(Exception):
    """The link cannot be used; `status` is the HTTP status of the page that says why."""

    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Link:
    invitation: Invitation
    answer: str


def make_token(invitation: Invitation, answer: str) -> str:
    payload = [invitation.pk, invitation.person_id, invitation.meeting_id, CODE_OF[answer]]
    return signing.dumps(payload, salt=SALT)


def meeting_end(invitation: Invitation) -> datetime:
    meeting = invitation.meeting
    return datetime.combine(meeting.date, meeting.ends_at, tzinfo=BERLIN)


def _altered() -> LinkError:
    return LinkError(
        _(
            "Dieser Link ist nicht gültig. Vielleicht wurde er beim Kopieren abgeschnitten oder "
            "verändert. Bitte öffnen Sie den Link aus der E-Mail noch einmal vollständig, oder "
            "melden Sie sich an und antworten Sie auf der Seite des Treffens."
        ),
        400,
    )


def _payload(token: str) -> tuple[int, int, int, str]:
    if len(token) > MAX_LENGTH:
        raise _altered()
    try:
        payload = signing.loads(token, salt=SALT)
    except (signing.BadSignature, ValueError, UnicodeError):
        raise _altered() from None
    if (
        not isinstance(payload, list)
        or len(payload) != 4
        or not all(isinstance(part, int) and not isinstance(part, bool) for part in payload[:3])
        or payload[3] not in CODES
    ):
        raise _altered()
    return payload[0], payload[1], payload[2], payload[3]


def check_link(token: str, *, office_slug: str) -> Link:
    """The invitation and answer of a link, or LinkError with a German reason."""
    invitation_id, person_id, meeting_id, code = _payload(token)
    invitation = (
        Invitation.objects.select_related(
            "meeting__team", "meeting__youth_office", "person", "membership", "substitute"
        )
        .filter(pk=invitation_id)
        .first()
    )
    if invitation is None:
        raise LinkError(
            _(
                "Diese Einladung gibt es nicht mehr. Wenn Sie zum Treffen kommen möchten, wenden "
                "Sie sich bitte an die Leitung des Teams."
            ),
            410,
        )
    meeting = invitation.meeting
    if (
        invitation.person_id != person_id
        or invitation.meeting_id != meeting_id
        or meeting.youth_office.slug != office_slug
    ):
        raise _altered()
    day = date_format(meeting.date, "DATE_FORMAT")
    if meeting.status == MeetingStatus.CANCELLED:
        raise LinkError(
            _("Das Treffen am %(day)s wurde abgesagt. Eine Antwort ist nicht mehr nötig.")
            % {"day": day},
            410,
        )
    if timezone.now() > meeting_end(invitation):
        raise LinkError(
            _(
                "Das Treffen am %(day)s ist vorbei. Der Link zum Antworten galt bis zum Ende "
                "des Treffens."
            )
            % {"day": day},
            410,
        )
    if not invitation.is_guest and (
        invitation.membership is None or not invitation.membership.is_current
    ):
        raise LinkError(
            _(
                "Sie gehören dem Team „%(team)s“ nicht mehr an. Der Link aus der früheren "
                "Einladung gilt deshalb nicht mehr; es wurde nichts geändert."
            )
            % {"team": meeting.team.name},
            403,
        )
    return Link(invitation=invitation, answer=CODES[code])
