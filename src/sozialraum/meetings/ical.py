"""iCalendar (RFC 5545) and iTIP (RFC 5546) for meetings, written with the `icalendar` package.

- an invitation or an update: METHOD:REQUEST, one file per recipient with their ATTENDEE
  (RSVP=TRUE); the UID is the meeting's for its whole life, the SEQUENCE grows with every change;
- a cancellation: METHOD:CANCEL, STATUS:CANCELLED, same UID, higher SEQUENCE;
- the personal feed: METHOD:PUBLISH with every meeting of the user's teams.

Times are local times with TZID=Europe/Berlin and the VTIMEZONE that defines it (the EU rule
since 1996 as a yearly RRULE, as calendar programs write it themselves).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from sozialraum.meetings.models import AgendaItem, Meeting, MeetingStatus

PRODID = "-//Sozialraum//Treffen//DE"
TZID = "Europe/Berlin"
BERLIN = ZoneInfo(TZID)


@dataclass(frozen=True)
class Recipient:
    email: str
    name: str
    is_guest: bool = False
    partstat: str = "NEEDS-ACTION"
    delegated_to: str = ""  # the substitute's address when "Meine Vertretung kommt"


@dataclass(frozen=True)
class AgendaLine:
    starts_at: time
    title: str
    minutes: int
    presenter: str = ""


def agenda_lines(meeting: Meeting, items: Iterable[AgendaItem]) -> list[AgendaLine]:
    """The agenda in its order, each item with its start time (the meeting's start plus the
    durations before it)."""
    clock = datetime.combine(meeting.date, meeting.starts_at)
    lines = []
    for item in items:
        lines.append(AgendaLine(clock.time(), item.title, item.duration_minutes, item.presenter))
        clock += timedelta(minutes=item.duration_minutes)
    return lines


def agenda_text(lines: Sequence[AgendaLine]) -> str:
    return "\n".join(
        f"{number}. {line.starts_at:%H:%M} {line.title} "
        + (_("(%(minutes)d Min.)") % {"minutes": line.minutes})
        + (f", {line.presenter}" if line.presenter else "")
        for number, line in enumerate(lines, start=1)
    )


def organizer_email(meeting: Meeting) -> str:
    """The youth office's contact address, else the address the platform sends from."""
    from email.utils import parseaddr

    return meeting.youth_office.contact_email or parseaddr(settings.DEFAULT_FROM_EMAIL)[1]


def berlin_timezone() -> icalendar.Timezone:
    zone = icalendar.Timezone()
    zone.add("tzid", TZID)
    for kind, start, offset_from, offset_to, name, month in (
        (icalendar.TimezoneDaylight, datetime(1970, 3, 29, 2), 1, 2, "CEST", 3),
        (icalendar.TimezoneStandard, datetime(1970, 10, 25, 3), 2, 1, "CET", 10),
    ):
        part = kind()
        part.add("dtstart", start)
        part.add("tzoffsetfrom", timedelta(hours=offset_from))
        part.add("tzoffsetto", timedelta(hours=offset_to))
        part.add("tzname", name)
        part.add("rrule", {"freq": "yearly", "bymonth": month, "byday": "-1su"})
        zone.add_component(part)
    return zone


def _calendar(method: str) -> icalendar.Calendar:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    calendar.add_component(berlin_timezone())
    return calendar


def _local(day: date, clock: time) -> datetime:
    return datetime.combine(day, clock, tzinfo=BERLIN)


def _address(email: str, name: str, **params: str) -> icalendar.vCalAddress:
    address = icalendar.vCalAddress(f"mailto:{email}")
    if name:
        address.params["CN"] = name
    for key, value in params.items():
        address.params[key.upper().replace("_", "-")] = value
    return address


def _description(
    meeting: Meeting, *, agenda: Sequence[AgendaLine], url: str, cancelled: bool
) -> str:
    parts = []
    if cancelled and meeting.cancel_reason:
        parts.append(_("Abgesagt: %(reason)s") % {"reason": meeting.cancel_reason})
    if agenda:
        parts += [_("Tagesordnung:") + "\n" + agenda_text(agenda)]
    if meeting.video_link:
        parts.append(_("Videokonferenz: %(link)s") % {"link": meeting.video_link})
    if meeting.note:
        parts.append(meeting.note)
    if url:
        parts.append(_("Zum Treffen: %(url)s") % {"url": url})
    return "\n\n".join(parts)


def meeting_event(
    meeting: Meeting,
    *,
    sequence: int,
    agenda: Sequence[AgendaLine] = (),
    url: str = "",
    recipient: Recipient | None = None,
    cancelled: bool = False,
    stamp: datetime | None = None,
) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", str(meeting.uid))
    event.add("sequence", sequence)
    event.add("dtstamp", (stamp or timezone.now()).astimezone(ZoneInfo("UTC")))
    event.add("dtstart", _local(meeting.date, meeting.starts_at))
    event.add("dtend", _local(meeting.date, meeting.ends_at))
    event.add("summary", meeting.team.name)
    if meeting.place:
        event.add("location", meeting.place)
    elif meeting.video_link:
        event.add("location", meeting.video_link)
    if meeting.video_link:
        event.add("url", meeting.video_link)
    elif url:
        event.add("url", url)
    description = _description(meeting, agenda=agenda, url=url, cancelled=cancelled)
    if description:
        event.add("description", description)
    cancelled = cancelled or meeting.status == MeetingStatus.CANCELLED
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("transp", "OPAQUE")
    office = meeting.youth_office
    event.add("organizer", _address(organizer_email(meeting), office.name))
    if recipient is not None:
        delegate = recipient.delegated_to
        extra = {"delegated_to": f"mailto:{delegate}"} if delegate else {}
        event.add(
            "attendee",
            _address(
                recipient.email,
                recipient.name,
                cutype="INDIVIDUAL",
                role="OPT-PARTICIPANT" if recipient.is_guest else "REQ-PARTICIPANT",
                partstat=recipient.partstat,
                rsvp="TRUE",
                **extra,
            ),
        )
    return event


def invitation_ics(
    meeting: Meeting,
    *,
    recipient: Recipient,
    sequence: int,
    agenda: Sequence[AgendaLine] = (),
    url: str = "",
    cancel: bool = False,
) -> bytes:
    """The iTIP file of one recipient: METHOD:REQUEST (invitation, update) or METHOD:CANCEL."""
    calendar = _calendar("CANCEL" if cancel else "REQUEST")
    calendar.add_component(
        meeting_event(
            meeting,
            sequence=sequence,
            agenda=agenda,
            url=url,
            recipient=recipient,
            cancelled=cancel,
        )
    )
    return calendar.to_ical()


def feed_ics(meetings: Iterable[Meeting], *, url_for: dict[int, str], name: str) -> bytes:
    """The personal feed: METHOD:PUBLISH, cancelled meetings as STATUS:CANCELLED."""
    calendar = _calendar("PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", TZID)
    stamp = timezone.now()
    for meeting in meetings:
        calendar.add_component(
            meeting_event(
                meeting, sequence=meeting.sequence, url=url_for.get(meeting.pk, ""), stamp=stamp
            )
        )
    return calendar.to_ical()
