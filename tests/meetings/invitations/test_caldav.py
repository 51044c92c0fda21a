"""The .ics files of the mails in a real CalDAV server (Radicale on localhost): put into a
calendar collection with `requests`, read back and compared."""

from __future__ import annotations

import uuid
from datetime import timedelta

import icalendar
import pytest
import requests

from sozialraum.meetings import invitations
from sozialraum.meetings.models import MeetingStatus

pytestmark = pytest.mark.django_db

AUTH = ("sabine", "egal")  # Radicale without authentication takes any user
MKCALENDAR = """<?xml version="1.0" encoding="utf-8"?>
<C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
  <D:set><D:prop><D:displayname>Treffen</D:displayname></D:prop></D:set>
</C:mkcalendar>"""


@pytest.fixture
def collection(caldav) -> str:
    url = f"{caldav}/sabine/{uuid.uuid4().hex}/"
    response = requests.request(
        "MKCALENDAR",
        url,
        data=MKCALENDAR,
        auth=AUTH,
        timeout=10,
        headers={"Content-Type": "application/xml"},
    )
    assert response.status_code == 201, response.text
    return url


def as_resource(data: bytes) -> bytes:
    """A calendar resource holds no iTIP METHOD (RFC 4791, 4.1): a calendar program drops it
    when it files an invitation, and so do we."""
    calendar = icalendar.Calendar.from_ical(data)
    del calendar["METHOD"]
    return calendar.to_ical()


def put(collection: str, name: str, data: bytes) -> requests.Response:
    return requests.put(
        collection + name,
        data=data,
        auth=AUTH,
        timeout=10,
        headers={"Content-Type": "text/calendar; charset=utf-8"},
    )


def read_back(collection: str, name: str) -> icalendar.Event:
    response = requests.get(collection + name, auth=AUTH, timeout=10)
    assert response.status_code == 200
    return icalendar.Calendar.from_ical(response.content).walk("VEVENT")[0]


def test_it_files_invitation_update_and_cancellation_in_a_caldav_calendar(
    meeting, coordinator, smtp, collection, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitations.send_invitations(meeting=meeting, actor=coordinator)
    mail = smtp.to("schule@heidekreis.example")[0]
    sent = mail.attachment("treffen.ics")
    assert put(collection, "treffen.ics", as_resource(sent)).status_code == 201

    stored = read_back(collection, "treffen.ics")
    original = icalendar.Calendar.from_ical(sent).walk("VEVENT")[0]
    for name in ("UID", "SEQUENCE", "SUMMARY", "LOCATION", "DESCRIPTION", "URL", "STATUS"):
        assert str(stored[name]) == str(original[name]), name
    assert stored.decoded("DTSTART") == original.decoded("DTSTART")
    assert stored["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert str(stored["ATTENDEE"]) == "mailto:schule@heidekreis.example"
    assert stored["ATTENDEE"].params["RSVP"] == "TRUE"

    # The update replaces the entry: same UID, higher SEQUENCE, the new date.
    smtp.clear()
    meeting.date += timedelta(days=7)
    meeting.save()
    with django_capture_on_commit_callbacks(execute=True):
        invitations.send_update(meeting)
    update = smtp.to("schule@heidekreis.example")[0].attachment("treffen.ics")
    assert put(collection, "treffen.ics", as_resource(update)).status_code == 204
    stored = read_back(collection, "treffen.ics")
    assert str(stored["UID"]) == str(meeting.uid)
    assert stored["SEQUENCE"] == 1
    assert stored.decoded("DTSTART").date() == meeting.date

    # The cancellation, too.
    smtp.clear()
    meeting.status = MeetingStatus.CANCELLED
    meeting.save()
    with django_capture_on_commit_callbacks(execute=True):
        invitations.send_cancellation(meeting)
    cancel = smtp.to("schule@heidekreis.example")[0].attachment("treffen.ics")
    assert put(collection, "treffen.ics", as_resource(cancel)).status_code == 204
    stored = read_back(collection, "treffen.ics")
    assert stored["STATUS"] == "CANCELLED" and stored["SEQUENCE"] == 2

    listing = requests.request(
        "PROPFIND", collection, auth=AUTH, timeout=10, headers={"Depth": "1"}
    )
    assert listing.status_code == 207
    assert listing.text.count("treffen.ics") >= 1


def test_it_files_the_personal_feed_in_a_caldav_calendar(
    client_for, team_member, meeting, collection
):
    from django.test import Client

    client = client_for(team_member)
    client.post("/heidekreis/kalender/", {"aktion": "erneuern"})
    from sozialraum.meetings.invitation_models import CalendarFeed

    feed = CalendarFeed.objects.get(user=team_member)
    body = Client().get(f"/kalender/{feed.token}.ics").content
    event = icalendar.Calendar.from_ical(body).walk("VEVENT")[0]
    single = icalendar.Calendar.from_ical(body)
    assert put(collection, "feed.ics", as_resource(single.to_ical())).status_code == 201
    stored = read_back(collection, "feed.ics")
    assert str(stored["UID"]) == str(event["UID"]) == str(meeting.uid)
    assert stored.decoded("DTEND") == event.decoded("DTEND")
