"""The mails of invitations: invitation, update, cancellation and the two reminders.

Each recipient gets a mail of their own: their name, their signed answer links and their own
`.ics` (one ATTENDEE). The calendar data travels twice, as iTIP mail clients expect it: as the
`text/calendar; method=…` alternative of the body (Outlook, Thunderbird and Gmail show their
"accept/decline" bar from it) and as an attachment `treffen.ics` for everybody else.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from email.utils import formataddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from sozialraum.meetings import ical, rsvp
from sozialraum.meetings.models import Answer, Invitation, Meeting

KINDS = ("invitation", "update", "cancellation", "reminder", "answer_reminder")
WITH_CALENDAR = {"invitation": "REQUEST", "update": "REQUEST", "cancellation": "CANCEL"}
PARTSTAT: dict[str, str] = {
    Answer.OPEN: "NEEDS-ACTION",
    Answer.YES: "ACCEPTED",
    Answer.NO: "DECLINED",
    Answer.SUBSTITUTE: "DELEGATED",
}


def details(meeting: Meeting) -> dict[str, str]:
    """What a mail says about the meeting's time and place (stored with the invitation, so an
    update can name what changed)."""
    return {
        "date": meeting.date.isoformat(),
        "starts_at": meeting.starts_at.strftime("%H:%M"),
        "ends_at": meeting.ends_at.strftime("%H:%M"),
        "place": meeting.place,
        "video_link": meeting.video_link,
    }


def _shown(name: str, value: str) -> str:
    if not value:
        return _("(keine Angabe)")
    if name == "date":
        from datetime import date

        return date_format(date.fromisoformat(value), "l, j. F Y")
    return value


def changes(sent: dict[str, str], now: dict[str, str]) -> list[tuple[str, str, str]]:
    labels = {
        "date": _("Datum"),
        "starts_at": _("Beginn"),
        "ends_at": _("Ende"),
        "place": _("Ort"),
        "video_link": _("Videokonferenz"),
    }
    return [
        (str(label), _shown(name, sent.get(name, "")), _shown(name, now[name]))
        for name, label in labels.items()
        if name in sent and sent.get(name, "") != now[name]
    ]


def site_url(path: str) -> str:
    return settings.SITE_URL + path


def meeting_url(meeting: Meeting) -> str:
    """The meeting's page (meetcore's), or the answer page while that does not exist."""
    kwargs = {"office_slug": meeting.youth_office.slug, "pk": meeting.pk}
    try:
        return site_url(reverse("meetings:meeting", kwargs=kwargs))
    except NoReverseMatch:
        return site_url(reverse("meetings:answer", kwargs=kwargs))


def answer_links(invitation: Invitation) -> list[tuple[str, str]]:
    office_slug = invitation.meeting.youth_office.slug
    answers = [Answer.YES, Answer.NO] + ([] if invitation.is_guest else [Answer.SUBSTITUTE])
    return [
        (
            str(answer.label),
            site_url(
                reverse(
                    "meetings:rsvp",
                    kwargs={
                        "office_slug": office_slug,
                        "token": rsvp.make_token(invitation, answer),
                    },
                )
            ),
        )
        for answer in answers
    ]


@dataclass(frozen=True)
class Shared:
    """What every mail of one batch shares (read once per batch, not per recipient)."""

    meeting: Meeting
    kind: str
    agenda: Sequence[ical.AgendaLine]
    page_url: str


def subject(shared: Shared) -> str:
    meeting = shared.meeting
    values = {"team": meeting.team.name, "day": date_format(meeting.date, "DATE_FORMAT")}
    texts = {
        "invitation": _("Einladung: %(team)s am %(day)s"),
        "update": _("Geändert: %(team)s am %(day)s"),
        "cancellation": _("Abgesagt: %(team)s am %(day)s"),
        "reminder": _("Erinnerung: %(team)s am %(day)s"),
        "answer_reminder": _("Bitte antworten Sie: %(team)s am %(day)s"),
    }
    return texts[shared.kind] % values


def recipient_of(invitation: Invitation) -> ical.Recipient:
    """The ATTENDEE: a substitute with an address is the DELEGATED-TO, one without makes it a
    plain DECLINED (RFC 5545 wants the delegate named)."""
    person = invitation.person
    partstat = PARTSTAT.get(invitation.answer, "NEEDS-ACTION")
    delegate = invitation.substitute.email if invitation.substitute else ""
    if partstat == "DELEGATED" and not delegate:
        partstat = "DECLINED"
    return ical.Recipient(
        email=person.email,
        name=person.full_name,
        is_guest=invitation.is_guest,
        partstat=partstat,
        delegated_to=delegate if partstat == "DELEGATED" else "",
    )


def build_message(
    invitation: Invitation, shared: Shared, *, overdue: Sequence = ()
) -> EmailMultiAlternatives:
    meeting = shared.meeting
    person = invitation.person
    context = {
        "invitation": invitation,
        "person": person,
        "meeting": meeting,
        "team": meeting.team,
        "office": meeting.youth_office,
        "day": date_format(meeting.date, "l, j. F Y"),
        "agenda": shared.agenda,
        "page_url": shared.page_url,
        "links": answer_links(invitation) if shared.kind != "cancellation" else [],
        "answered": invitation.answer != Answer.OPEN,
        "changes": changes(invitation.sent_details, details(meeting))
        if shared.kind == "update"
        else [],
        "overdue": overdue,
    }
    body = render_to_string(f"meetings/mail/{shared.kind}.txt", context)
    organizer = ical.organizer_email(meeting)
    message = EmailMultiAlternatives(
        subject=subject(shared),
        body=body,
        to=[formataddr((person.full_name, person.email))],
        reply_to=[organizer],
    )
    method = WITH_CALENDAR.get(shared.kind)
    if method:
        recipient = recipient_of(invitation)
        data = ical.invitation_ics(
            meeting,
            recipient=recipient,
            sequence=meeting.sequence,
            agenda=shared.agenda,
            url=shared.page_url,
            cancel=method == "CANCEL",
        )
        message.attach_alternative(data.decode(), f"text/calendar; method={method}")
        message.attach("treffen.ics", data, "application/ics")
    return message
