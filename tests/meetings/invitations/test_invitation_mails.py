"""Invitations, updates and cancellations through a real SMTP server: the received messages,
their text/calendar part parsed back with icalendar, and the signed links in them."""

from __future__ import annotations

import re
from datetime import timedelta

import icalendar
import pytest
from django.test import Client
from django.utils.formats import date_format

from sozialraum.meetings import invitations
from sozialraum.meetings.models import Answer, Invitation, MeetingStatus

pytestmark = pytest.mark.django_db

TEAM = "Sozialraumteam Soltau/Wietzendorf"
MEMBER = "schule@heidekreis.example"
LEAD = "leitung@heidekreis.example"


def invite(meeting, actor, capture, **kwargs):
    with capture(execute=True):
        return invitations.send_invitations(meeting=meeting, actor=actor, **kwargs)


def parse(received) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(received.calendar_part().get_content())


def checked_answer(html: str) -> str | None:
    for tag in re.findall(r"<input[^>]*>", html):
        if 'name="answer"' in tag and "checked" in tag:
            return re.search(r'value="([^"]*)"', tag).group(1)
    return None


def event_of(calendar: icalendar.Calendar) -> icalendar.Event:
    return calendar.walk("VEVENT")[0]


def test_it_mails_every_member_with_an_address_their_own_invitation(
    meeting, coordinator, smtp, django_capture_on_commit_callbacks, no_mail_member
):
    result = invite(meeting, coordinator, django_capture_on_commit_callbacks)

    assert sorted(address for mail in smtp.received for address in mail.rcpt_tos) == [
        LEAD,
        MEMBER,
    ]
    assert result.mailed == 2
    assert result.unreachable == [no_mail_member]
    assert Invitation.objects.filter(meeting=meeting).count() == 3
    mail = smtp.to(MEMBER)[0]
    day = date_format(meeting.date, "j. F Y")
    assert mail.subject == f"Einladung: {TEAM} am {day}"
    assert "Sabine Hartmann" in mail.message["To"]
    body = mail.body
    assert "Guten Tag Sabine Hartmann," in body
    assert "lädt Sie zum Treffen ein" in body
    assert "Tagesordnung:" in body
    assert "1. 09:00 Uhr  Begrüßung (10 Minuten)" in body
    assert "2. 09:10 Uhr  Ferienangebote für Grundschulkinder (45 Minuten)" in body
    assert "3. 09:55 Uhr  Verschiedenes (20 Minuten)" in body
    assert "Rathaus Soltau, Sitzungssaal" in body
    invitation = Invitation.objects.get(meeting=meeting, person__email=MEMBER)
    assert invitation.sent_at is not None and invitation.sent_sequence == 0
    meeting.refresh_from_db()
    assert meeting.invitations_sent_at is not None


def test_it_attaches_an_itip_request_per_recipient(
    meeting, coordinator, smtp, django_capture_on_commit_callbacks
):
    invite(meeting, coordinator, django_capture_on_commit_callbacks)

    mail = smtp.to(MEMBER)[0]
    part = mail.calendar_part()
    assert part.get_content_type() == "text/calendar"
    assert part.get_param("method") == "REQUEST"
    calendar = parse(mail)
    assert calendar["METHOD"] == "REQUEST"
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Europe/Berlin"
    event = event_of(calendar)
    assert str(event["UID"]) == str(meeting.uid)
    assert event["SEQUENCE"] == 0
    assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert event.decoded("DTSTART").hour == 9
    assert event.decoded("DTEND").hour == 11
    assert str(event["SUMMARY"]) == TEAM
    assert str(event["LOCATION"]) == "Rathaus Soltau, Sitzungssaal"
    assert str(event["URL"]) == "https://video.example/soltau"
    assert "Ferienangebote für Grundschulkinder" in str(event["DESCRIPTION"])
    assert str(event["ORGANIZER"]) == "mailto:jugendamt@heidekreis.example"
    attendees = event.get("ATTENDEE")
    assert not isinstance(attendees, list), "one ATTENDEE per file: the recipient's"
    assert str(attendees) == f"mailto:{MEMBER}"
    assert attendees.params["RSVP"] == "TRUE"
    assert attendees.params["CN"] == "Sabine Hartmann"
    assert attendees.params["PARTSTAT"] == "NEEDS-ACTION"
    # The same file as an attachment for programs that do not read the alternative.
    attached = icalendar.Calendar.from_ical(mail.attachment("treffen.ics"))
    assert str(event_of(attached)["UID"]) == str(meeting.uid)
    lead_event = event_of(parse(smtp.to(LEAD)[0]))
    assert str(lead_event["ATTENDEE"]) == f"mailto:{LEAD}"


def test_it_uses_the_default_sender_as_organizer_without_an_office_address(
    meeting, coordinator, smtp, django_capture_on_commit_callbacks, settings
):
    meeting.youth_office.contact_email = ""
    meeting.youth_office.save()
    settings.DEFAULT_FROM_EMAIL = "Sozialraum <noreply@sozialraum.example>"
    invite(meeting, coordinator, django_capture_on_commit_callbacks)
    event = event_of(parse(smtp.to(MEMBER)[0]))
    assert str(event["ORGANIZER"]) == "mailto:noreply@sozialraum.example"


def test_it_invites_guests_and_nobody_twice(
    meeting, coordinator, guest, smtp, django_capture_on_commit_callbacks
):
    invite(meeting, coordinator, django_capture_on_commit_callbacks)
    smtp.clear()
    result = invite(meeting, coordinator, django_capture_on_commit_callbacks, guests=[guest])

    assert [mail.rcpt_tos for mail in smtp.received] == [["gast@soltau.example"]]
    assert result.already == 3
    mail = smtp.received[0]
    assert "Sie sind als Gast eingeladen." in mail.body
    assert event_of(parse(mail))["ATTENDEE"].params["ROLE"] == "OPT-PARTICIPANT"
    # A guest answers yes or no; "Meine Vertretung kommt" is for members.
    assert len(mail.links()) == 2
    assert Invitation.objects.get(person=guest).is_guest


def test_it_refuses_a_guest_of_another_office(meeting, coordinator, office_b):
    from sozialraum.lib.errors import InvalidData
    from sozialraum.network.models import Person

    stranger = Person.objects.create(youth_office=office_b, last_name="Fremd", email="f@x.de")
    with pytest.raises(InvalidData):
        invitations.send_invitations(meeting=meeting, actor=coordinator, guests=[stranger])
    assert not Invitation.objects.filter(meeting=meeting).exists()


def test_it_refuses_to_invite_to_a_past_or_cancelled_meeting(meeting, coordinator):
    from sozialraum.lib.errors import InvalidData

    meeting.status = MeetingStatus.CANCELLED
    meeting.save()
    with pytest.raises(InvalidData, match="abgesagt"):
        invitations.send_invitations(meeting=meeting, actor=coordinator)
    meeting.status = MeetingStatus.PLANNED
    meeting.date = meeting.date - timedelta(days=30)
    meeting.save()
    with pytest.raises(InvalidData, match="Vergangenheit"):
        invitations.send_invitations(meeting=meeting, actor=coordinator)
    assert not Invitation.objects.filter(meeting=meeting).exists()


def test_it_answers_from_the_received_link_only_on_post(
    meeting, coordinator, smtp, django_capture_on_commit_callbacks, substitute
):
    invite(meeting, coordinator, django_capture_on_commit_callbacks)
    yes, no, sub = smtp.to(MEMBER)[0].links()
    visitor = Client()
    invitation = Invitation.objects.get(meeting=meeting, person__email=MEMBER)

    page = visitor.get(sub)  # what a mail scanner does
    assert page.status_code == 200
    assert "Sabine Hartmann" in page.content.decode()
    assert checked_answer(page.content.decode()) == "vertretung"
    invitation.refresh_from_db()
    assert invitation.answer == Answer.OPEN and invitation.answered_at is None

    answered = visitor.post(sub, {"answer": "vertretung", "substitute": str(substitute.pk)})
    assert answered.status_code == 200
    assert "Ihre Antwort ist gespeichert" in answered.content.decode()
    invitation.refresh_from_db()
    assert invitation.answer == Answer.SUBSTITUTE
    assert invitation.substitute == substitute

    visitor.post(no, {"answer": "absage"})
    invitation.refresh_from_db()
    assert invitation.answer == Answer.NO and invitation.substitute is None
    assert visitor.get(yes).status_code == 200


def test_it_sends_an_update_with_the_same_uid_and_a_higher_sequence(
    meeting, coordinator, smtp, django_capture_on_commit_callbacks
):
    invite(meeting, coordinator, django_capture_on_commit_callbacks)
    first = event_of(parse(smtp.to(MEMBER)[0]))
    smtp.clear()
    old_day = date_format(meeting.date, "j. F Y")
    meeting.date += timedelta(days=7)
    meeting.place = "Jugendzentrum Wietzendorf"
    meeting.save()

    with django_capture_on_commit_callbacks(execute=True):
        assert invitations.send_update(meeting, actor=coordinator) == 2

    mail = smtp.to(MEMBER)[0]
    assert mail.subject.startswith("Geändert: ")
    body = mail.body
    assert "Was sich geändert hat:" in body
    assert "Ort: bisher Rathaus Soltau, Sitzungssaal, jetzt Jugendzentrum Wietzendorf" in body
    assert "Datum: bisher" in body
    assert mail.calendar_part().get_param("method") == "REQUEST"
    calendar = parse(mail)
    assert calendar["METHOD"] == "REQUEST"
    event = event_of(calendar)
    assert str(event["UID"]) == str(first["UID"])
    assert event["SEQUENCE"] > first["SEQUENCE"]
    assert event.decoded("DTSTART").date() == meeting.date
    assert str(event["ATTENDEE"]) == f"mailto:{MEMBER}"
    assert old_day not in mail.subject


def test_it_sends_a_cancellation(meeting, coordinator, smtp, django_capture_on_commit_callbacks):
    invite(meeting, coordinator, django_capture_on_commit_callbacks)
    smtp.clear()
    meeting.status = MeetingStatus.CANCELLED
    meeting.cancel_reason = "Zu wenige Zusagen."
    meeting.save()

    with django_capture_on_commit_callbacks(execute=True):
        invitations.send_cancellation(meeting)

    mail = smtp.to(MEMBER)[0]
    assert mail.subject.startswith("Abgesagt: ")
    assert "fällt aus" in mail.body and "Zu wenige Zusagen." in mail.body
    assert mail.links() == []
    assert mail.calendar_part().get_param("method") == "CANCEL"
    calendar = parse(mail)
    assert calendar["METHOD"] == "CANCEL"
    event = event_of(calendar)
    assert event["STATUS"] == "CANCELLED"
    assert event["SEQUENCE"] == 1
    assert str(event["UID"]) == str(meeting.uid)


def test_it_never_sends_a_task_twice(
    meeting, coordinator, smtp, django_capture_on_commit_callbacks
):
    from sozialraum.meetings.tasks import send_meeting_mails

    invite(meeting, coordinator, django_capture_on_commit_callbacks)
    ids = list(Invitation.objects.filter(meeting=meeting).values_list("pk", flat=True))
    smtp.clear()
    send_meeting_mails.call(meeting_id=meeting.pk, kind="invitation", invitation_ids=ids)
    assert smtp.received == []


def test_it_names_the_answer_and_the_delegate_in_the_update(
    meeting, coordinator, smtp, django_capture_on_commit_callbacks, substitute
):
    invite(meeting, coordinator, django_capture_on_commit_callbacks)
    member = Invitation.objects.get(meeting=meeting, person__email=MEMBER)
    invitations.record_answer(
        invitation=member, answer=Answer.SUBSTITUTE, substitute=substitute, actor=None
    )
    lead = Invitation.objects.get(meeting=meeting, person__email=LEAD)
    invitations.record_answer(invitation=lead, answer=Answer.YES, actor=None)
    smtp.clear()
    meeting.starts_at = meeting.starts_at.replace(hour=10)
    meeting.save()
    with django_capture_on_commit_callbacks(execute=True):
        invitations.send_update(meeting)

    attendee = event_of(parse(smtp.to(MEMBER)[0]))["ATTENDEE"]
    assert attendee.params["PARTSTAT"] == "DELEGATED"
    assert attendee.params["DELEGATED-TO"] == "mailto:v@example.org"
    assert "Ihre Antwort bisher: Meine Vertretung kommt." in smtp.to(MEMBER)[0].body
    assert "Beginn: bisher 09:00, jetzt 10:00" in smtp.to(MEMBER)[0].body
    assert event_of(parse(smtp.to(LEAD)[0]))["ATTENDEE"].params["PARTSTAT"] == "ACCEPTED"
