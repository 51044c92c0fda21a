"""The minutes page's compiled reads (minutes/minutes_reads.py) give what the ORM querysets
they replace gave, and the page shows every persona what it showed: the edit, approve and
comment buttons by status and role, 404 outside the office, 403 outside the team."""

from __future__ import annotations

import pytest
from django.http import Http404
from django.test import RequestFactory
from django.urls import reverse

from sozialraum.meetings.agenda_views import get_meeting
from sozialraum.meetings.models import Attendance, Meeting, MeetingStatus
from sozialraum.minutes import minutes_reads as reads
from sozialraum.minutes import services
from sozialraum.minutes.models import Minutes
from sozialraum.network.models import Organisation
from tests.minutes.world import attend, make_meeting, person_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(team_a, coordinator, team_member, lead):
    meeting = make_meeting(team_a, days=-1)
    attend(meeting, person_of(team_member), person_of(lead))
    return meeting


def office_request(office, user):
    request = RequestFactory().get("/")
    request.youth_office, request.user = office, user
    return request


def url(meeting) -> str:
    kwargs = {"office_slug": "heidekreis", "meeting_pk": meeting.pk}
    return reverse("minutes:minutes", kwargs=kwargs)


def test_it_reads_the_meeting_and_its_minutes_as_the_orm(held, office_a, office_b, lead):
    request = office_request(office_a, lead)
    meeting, minutes = reads.meeting_with_minutes(request, held.pk)
    assert minutes is None
    assert (meeting, meeting.team, meeting.youth_office) == (held, held.team, office_a)
    services.start_minutes(meeting=held, actor=lead, minute_taker=person_of(lead))
    meeting, minutes = reads.meeting_with_minutes(request, held.pk)
    expected = Minutes.objects.select_related("minute_taker", "approved_by").get(
        meeting=get_meeting(request, held.pk)
    )
    assert minutes == expected and minutes.meeting is meeting
    assert minutes.youth_office is meeting.youth_office
    assert minutes.minute_taker == expected.minute_taker == person_of(lead)
    assert minutes.approved_by is None
    for field in ("status", "sections", "revision", "version", "approved_at"):
        assert getattr(minutes, field) == getattr(expected, field)
    for pk in (held.pk + 1000, 99999999999999999999):
        with pytest.raises(Http404):
            reads.meeting_with_minutes(request, pk)
    with pytest.raises(Http404):  # another office's meeting is not found
        reads.meeting_with_minutes(office_request(office_b, lead), held.pk)


def test_it_finds_the_next_meeting_as_the_orm(held, team_a, team_a2):
    def orm(meeting):
        return (
            Meeting.objects.filter(
                team_id=meeting.team_id, status=MeetingStatus.PLANNED, date__gt=meeting.date
            )
            .order_by("date", "starts_at")
            .first()
        )

    assert reads.NEXT_MEETING.first(held.pk, held.pk) is None
    make_meeting(team_a2, days=1)  # another team's
    make_meeting(team_a, date=held.date, starts="14:00", ends="15:00")  # the same day
    cancelled = make_meeting(team_a, days=2)
    Meeting.objects.filter(pk=cancelled.pk).update(status=MeetingStatus.CANCELLED)
    later = make_meeting(team_a, days=9)
    sooner = make_meeting(team_a, days=5, starts="13:00", ends="14:00")
    make_meeting(team_a, days=5, starts="15:00", ends="16:00")
    for meeting in (held, sooner, later):
        assert reads.NEXT_MEETING.first(meeting.pk, meeting.pk) == orm(meeting)
    assert reads.NEXT_MEETING.first(held.pk, held.pk) == sooner


def test_it_lists_the_attendance_as_the_orm(client_for, held, lead, office_a):
    organisation = Organisation.objects.create(youth_office=office_a, name="Kita <Pusteblume>")
    lead_person = person_of(lead)
    lead_person.title = "Dr."
    lead_person.save()
    Attendance.objects.filter(meeting=held, person=lead_person).update(
        organisation=organisation, is_substitute=True
    )
    Attendance.objects.create(
        youth_office=office_a,
        meeting=held,
        guest_name="Gerda Gast",
        organisation_name="Elternrat",
        is_guest=True,
    )
    expected = list(
        Attendance.objects.filter(meeting=held)
        .select_related("person", "organisation")
        .order_by("person__sort_key", "guest_name", "pk")
    )
    found = reads.attendances(held.pk)
    assert len(found) == len(expected) == 3
    for row, attendance in zip(found, expected, strict=True):
        if attendance.person is None:
            assert row.person is None
        else:
            assert row.person.full_name == attendance.person.full_name
            assert row.person.user_id == attendance.person.user_id
        if attendance.organisation is None:
            assert row.organisation is None
        else:
            assert row.organisation.name == attendance.organisation.name
        for name in ("guest_name", "organisation_name", "is_substitute", "is_guest"):
            assert getattr(row, name) == getattr(attendance, name)
    services.start_minutes(meeting=held, actor=lead, minute_taker=None)
    html = client_for(lead).get(url(held)).content.decode()
    assert "<li>Dr. Lea Leitner (Kita &lt;Pusteblume&gt;), als Vertretung</li>" in html
    assert "<li>Gerda Gast (Elternrat), Gast</li>" in html


def test_it_shows_each_persona_its_buttons(
    client_for, held, lead, team_member, coordinator, reader, other_team_member, coordinator_b
):
    edit, approve, comment = "Protokoll bearbeiten", "Protokoll freigeben", "Anmerkung senden"
    minutes = services.start_minutes(meeting=held, actor=lead, minute_taker=person_of(team_member))

    def page(user):
        response = client_for(user).get(url(held))
        return response.status_code, response.content.decode()

    # A draft: the minute-taker, the lead and coordination edit; nobody comments or approves.
    for user in (team_member, lead, coordinator):
        status, html = page(user)
        assert status == 200 and edit in html and approve not in html and comment not in html
    for user in (reader, other_team_member):
        assert page(user)[0] == 403
    assert page(coordinator_b)[0] == 404
    minutes = services.submit_for_review(minutes=minutes, actor=lead, version=minutes.version)
    # In review: the minute-taker edits, the lead approves, the attendees comment.
    status, html = page(team_member)
    assert edit in html and approve not in html and comment in html
    status, html = page(lead)
    assert edit not in html and approve in html and comment in html
    status, html = page(coordinator)
    assert edit in html and approve in html and comment in html
    services.approve_minutes(minutes=minutes, actor=lead, version=minutes.version)
    # Approved: every member of the office reads them; the lead and coordination correct.
    for user in (reader, other_team_member, team_member):
        status, html = page(user)
        assert status == 200 and edit not in html and "Korrigieren" not in html
    assert "Korrigieren (neue Fassung)" in page(lead)[1]
    assert page(coordinator_b)[0] == 404
