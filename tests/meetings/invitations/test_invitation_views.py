"""The invite page, the logged-in answer page and the invitations block of the meeting page."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sozialraum.meetings import invitations
from sozialraum.meetings.models import Answer, Invitation, Meeting
from sozialraum.network.models import Person
from sozialraum.teams.models import Membership

pytestmark = pytest.mark.django_db


def invite_url(meeting) -> str:
    return reverse("meetings:invite", kwargs={"office_slug": "heidekreis", "pk": meeting.pk})


def answer_url(meeting) -> str:
    return reverse("meetings:answer", kwargs={"office_slug": "heidekreis", "pk": meeting.pk})


def add_members(meeting, count: int) -> None:
    for n in range(count):
        person = Person.objects.create(
            youth_office=meeting.youth_office,
            first_name="Mitglied",
            last_name=f"Nummer {n:02d}",
            email=f"mitglied{n}@example.org",
        )
        Membership.objects.create(
            youth_office=meeting.youth_office,
            team=meeting.team,
            person=person,
            joined=date(2024, 1, 1),
        )


def test_it_shows_the_members_and_who_cannot_get_mail(client_for, coordinator, meeting):
    page = client_for(coordinator).get(invite_url(meeting))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Sabine Hartmann" in html and "Petra Lindemann" in html
    assert "Gerd Ohnemail" in html and "nicht per E-Mail erreichbar" in html


def test_it_lets_the_team_lead_invite(client_for, team_lead, meeting):
    response = client_for(team_lead).post(invite_url(meeting))
    assert response.status_code == 302
    assert Invitation.objects.filter(meeting=meeting).count() == 3


def test_it_refuses_members_and_other_teams(client_for, team_member, other_team_member, meeting):
    assert client_for(team_member).post(invite_url(meeting)).status_code == 403
    assert client_for(other_team_member).post(invite_url(meeting)).status_code == 403
    assert not Invitation.objects.exists()


def test_it_finds_guests_and_invites_them(client_for, coordinator, meeting, guest):
    client = client_for(coordinator)
    page = client.get(invite_url(meeting), {"q": "Bürgermeister"})
    assert "Bürgermeister Gast" in page.content.decode()
    response = client.post(invite_url(meeting), {"guests": [str(guest.pk)]}, follow=True)
    assert "Die Einladungen werden an 3 Personen verschickt." in response.content.decode()
    assert "Nicht per E-Mail erreichbar: Gerd Ohnemail." in response.content.decode()
    assert Invitation.objects.get(person=guest).is_guest


@pytest.mark.parametrize("guests", [["999999999"], ["9" * 40], ["abc"]])
def test_it_refuses_unknown_guests(client_for, coordinator, meeting, guests):
    response = client_for(coordinator).post(invite_url(meeting), {"guests": guests})
    assert response.status_code == 200
    assert "kern-error" in response.content.decode()
    assert not Invitation.objects.exists()


def test_it_refuses_a_guest_of_another_office_on_the_page(
    client_for, coordinator, meeting, office_b
):
    stranger = Person.objects.create(youth_office=office_b, last_name="Fremd")
    response = client_for(coordinator).post(invite_url(meeting), {"guests": [str(stranger.pk)]})
    assert response.status_code == 200
    assert not Invitation.objects.exists()


def test_it_says_why_a_past_meeting_gets_no_invitation(client_for, coordinator, meeting):
    meeting.date = date(2020, 1, 6)
    meeting.save()
    response = client_for(coordinator).post(invite_url(meeting))
    assert response.status_code == 200
    assert "in der Vergangenheit" in response.content.decode()
    assert not Invitation.objects.exists()


def test_it_sends_with_as_many_queries_for_40_members_as_for_3(client_for, coordinator, meeting):
    """The page hands the mails to the worker: its cost does not grow with the team."""
    client = client_for(coordinator)

    def post_queries() -> int:
        Invitation.objects.all().delete()
        with CaptureQueriesContext(connection) as context:
            assert client.post(invite_url(meeting)).status_code == 302
        return len(context.captured_queries)

    small = post_queries()
    add_members(meeting, 37)
    assert post_queries() == small
    assert Invitation.objects.filter(meeting=meeting).count() == 40


def test_it_records_the_answer_of_the_logged_in_invitee(
    client_for, team_member, meeting, substitute
):
    invitations.send_invitations(meeting=meeting, actor=None)
    client = client_for(team_member)
    assert client.get(answer_url(meeting)).status_code == 200
    response = client.post(
        answer_url(meeting), {"answer": "vertretung", "substitute": str(substitute.pk)}
    )
    assert response.status_code == 302
    invitation = Invitation.objects.get(person__user=team_member)
    assert invitation.answer == Answer.SUBSTITUTE and invitation.substitute == substitute


def test_it_offers_every_substitute_of_the_team_when_logged_in(
    client_for, team_member, meeting, office_a
):
    invitations.send_invitations(meeting=meeting, actor=None)
    other = Person.objects.create(youth_office=office_a, first_name="Olga", last_name="Andere")
    Membership.objects.exclude(person__user=team_member).first().substitutes.add(other)
    client = client_for(team_member)
    assert "Olga Andere" in client.get(answer_url(meeting)).content.decode()
    client.post(answer_url(meeting), {"answer": "vertretung", "substitute": str(other.pk)})
    assert Invitation.objects.get(person__user=team_member).substitute == other


def test_it_refuses_somebody_not_invited(client_for, team_member, other_team_member, meeting):
    assert client_for(team_member).get(answer_url(meeting)).status_code == 403  # not invited yet
    invitations.send_invitations(meeting=meeting, actor=None)
    assert (
        client_for(other_team_member).post(answer_url(meeting), {"answer": "zusage"}).status_code
        == 403
    )


def test_it_refuses_an_answer_after_the_cancellation(client_for, team_member, meeting):
    invitations.send_invitations(meeting=meeting, actor=None)
    meeting.status = "abgesagt"
    meeting.save()
    response = client_for(team_member).post(answer_url(meeting), {"answer": "zusage"})
    assert response.status_code == 200
    assert "abgesagt" in response.content.decode()
    assert Invitation.objects.get(person__user=team_member).answer == Answer.OPEN


def render_block(meeting, user) -> str:
    request = RequestFactory().get("/")
    request.user = user
    template = Template('{% include "meetings/_invitations_block.html" %}')
    return template.render(Context({"meeting": meeting, "request": request}))


def test_it_renders_the_block_for_the_meeting_page(meeting, coordinator, team_member, reader):
    invitations.send_invitations(meeting=meeting, actor=None)
    for_coordinator = render_block(meeting, coordinator)
    assert "Einladen" in for_coordinator
    assert "Gerd Ohnemail" in for_coordinator and "nicht per E-Mail erreichbar" in for_coordinator
    assert "Ihre Antwort" not in for_coordinator
    for_member = render_block(meeting, team_member)
    assert "Ihre Antwort" in for_member and 'name="answer"' in for_member
    assert "Einladen</span>" not in for_member
    assert "Sabine Hartmann" in for_member  # the team sees who answered
    for_reader = render_block(meeting, reader)
    assert "Sabine Hartmann" not in for_reader and "Einladen</span>" not in for_reader


def test_it_audits_invitations_and_answers_without_names(meeting, coordinator, substitute):
    from sozialraum.audit.models import AuditEntry

    invitations.send_invitations(meeting=meeting, actor=coordinator)
    invitation = Invitation.objects.get(
        person__user__isnull=False, person__email__startswith="schule"
    )
    invitations.record_answer(
        invitation=invitation, answer=Answer.SUBSTITUTE, substitute=substitute, actor=None
    )
    entries = list(AuditEntry.objects.filter(object_type__startswith="meetings."))
    assert {entry.object_type for entry in entries} == {"meetings.meeting", "meetings.invitation"}
    answer = next(e for e in entries if e.object_type == "meetings.invitation")
    assert answer.changes["answer"] == {
        "old": "noch keine Antwort",
        "new": "Meine Vertretung kommt",
    }
    text = " ".join(f"{e.object_repr} {e.changes}" for e in entries)
    for name in ("Sabine", "Hartmann", "Vera"):
        assert name not in text, name


def test_it_tells_and_erases_a_persons_invitations(meeting, coordinator, substitute):
    from sozialraum.network import privacy

    invitations.send_invitations(meeting=meeting, actor=coordinator)
    invitation = Invitation.objects.get(person__email="schule@heidekreis.example")
    invitations.record_answer(
        invitation=invitation, answer=Answer.SUBSTITUTE, substitute=substitute, actor=None
    )
    data = privacy.export_person_data(person=invitation.person, actor=coordinator)
    rows = data["Einladungen zu Treffen"]
    assert rows[0]["antwort"] == "Meine Vertretung kommt"
    assert rows[0]["vertretung"] == "Vera Vertretung"
    named = privacy.export_person_data(person=substitute, actor=coordinator)
    assert named["Einladungen zu Treffen"][0]["als_vertretung_von"] == "Sabine Hartmann"
    privacy.erase_person(person=substitute, actor=coordinator)
    invitation.refresh_from_db()
    assert invitation.substitute is None


def test_it_offers_neither_inviting_nor_answering_once_the_meeting_is_over(
    meeting, coordinator, team_member
):
    invitations.send_invitations(meeting=meeting, actor=None)
    Meeting.objects.filter(pk=meeting.pk).update(date=date(2024, 3, 1))
    meeting.refresh_from_db()
    for_coordinator = render_block(meeting, coordinator)
    assert "Einladen</span>" not in for_coordinator
    assert "Sabine Hartmann" in for_coordinator  # the answers stay visible
    for_member = render_block(meeting, team_member)
    assert 'name="answer"' not in for_member
    assert "Ihre Antwort: noch keine Antwort" in for_member


def test_it_lists_the_invitations_as_the_orm_reads_them(meeting, substitute, guest):
    invitations.send_invitations(meeting=meeting, actor=None, guests=[guest])
    answered = Invitation.objects.filter(meeting=meeting, is_guest=False).first()
    assert answered is not None
    Invitation.objects.filter(pk=answered.pk).update(
        answer=Answer.SUBSTITUTE, substitute=substitute
    )
    expected = list(
        Invitation.objects.filter(meeting=meeting)
        .select_related("person", "substitute")
        .order_by("is_guest", "person__sort_key", "id")
    )
    with CaptureQueriesContext(connection) as queries:
        listed = invitations.overview(meeting)
        shown = [
            (i.pk, i.person.full_name, i.person.email, i.person.user_id, i.is_guest, i.answer)
            for i in listed
        ]
        substitutes = [i.substitute and i.substitute.full_name for i in listed]
    assert len(queries.captured_queries) == 1
    assert shown == [
        (i.pk, i.person.full_name, i.person.email, i.person.user_id, i.is_guest, i.answer)
        for i in expected
    ]
    assert substitutes == [i.substitute and i.substitute.full_name for i in expected]
    assert substitute.full_name in substitutes and listed[-1].is_guest
    # The columns the pages do not show are read when something asks for them.
    assert [i.answered_at for i in listed] == [i.answered_at for i in expected]
    assert all(i.meeting is meeting for i in listed)
