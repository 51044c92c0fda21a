"""The signed answer links without login: every bad link gets a clear German page and changes
nothing; GET never changes anything; the page shows no more than it may."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from sozialraum.meetings import invitations, rsvp
from sozialraum.meetings.ical import BERLIN
from sozialraum.meetings.models import Answer, Invitation, MeetingStatus
from sozialraum.network.models import Person
from sozialraum.teams.models import Membership

pytestmark = pytest.mark.django_db


@pytest.fixture
def invitation(meeting, coordinator) -> Invitation:
    invitations.send_invitations(meeting=meeting, actor=coordinator)
    return Invitation.objects.select_related("meeting__youth_office").get(
        meeting=meeting, person__email="schule@heidekreis.example"
    )


def link(invitation: Invitation, answer: str = Answer.YES, slug: str = "heidekreis") -> str:
    token = rsvp.make_token(invitation, answer)
    return reverse("meetings:rsvp", kwargs={"office_slug": slug, "token": token})


def unchanged(invitation: Invitation) -> bool:
    invitation.refresh_from_db()
    return invitation.answer == Answer.OPEN and invitation.answered_at is None


def test_it_shows_the_link_and_records_only_the_post(client, invitation):
    url = link(invitation, Answer.NO)
    page = client.get(url)
    assert page.status_code == 200
    assert page["Cache-Control"].startswith("max-age=0") or "no-cache" in page["Cache-Control"]
    assert unchanged(invitation)
    done = client.post(url, {"answer": "absage"})
    assert done.status_code == 200
    invitation.refresh_from_db()
    assert invitation.answer == Answer.NO and invitation.answered_at is not None


def test_it_shows_nothing_but_team_date_place_and_the_own_name(client, invitation, guest):
    invitations.send_invitations(meeting=invitation.meeting, actor=None, guests=[guest])
    html = client.get(link(invitation)).content.decode()
    assert "Sozialraumteam Soltau/Wietzendorf" in html
    assert "Rathaus Soltau, Sitzungssaal" in html
    assert "Sabine Hartmann" in html
    for secret in (
        "Petra Lindemann",  # another member
        "Gerd Ohnemail",
        "Bürgermeister",  # a guest
        "Ferienangebote",  # the agenda
        "video.example",  # the video link
        "Landkreis Heidekreis",  # the office's name and navigation
        "Akteure",
        "schule@heidekreis.example",
    ):
        assert secret not in html, secret


@pytest.mark.parametrize(
    "mangle",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),  # signature altered
        lambda token: token[: len(token) // 2],  # cut off in the mail program
        lambda token: "x" * 5000,  # 5,000 characters
        lambda token: "kein-token",
        lambda token: "%00",
    ],
    ids=["altered", "truncated", "huge", "garbage", "nul"],
)
def test_it_refuses_an_altered_link(client, invitation, mangle):
    token = rsvp.make_token(invitation, Answer.YES)
    url = f"/heidekreis/antwort/{mangle(token)}/"
    for response in (client.get(url), client.post(url, {"answer": "zusage"})):
        assert response.status_code == 400
        assert (
            "nicht gültig" in response.content.decode() or "Ungültige" in response.content.decode()
        )
    assert unchanged(invitation)


def test_it_refuses_a_token_made_for_another_purpose(client, invitation):
    from django.core import signing

    forged = signing.dumps([invitation.pk, invitation.person_id, invitation.meeting_id, "z"])
    response = client.post(f"/heidekreis/antwort/{forged}/", {"answer": "zusage"})
    assert response.status_code == 400
    assert unchanged(invitation)


def test_it_refuses_the_link_under_another_office(client, invitation, office_b):
    response = client.post(link(invitation, slug="verden"), {"answer": "zusage"})
    assert response.status_code == 400
    assert unchanged(invitation)


def test_it_refuses_the_link_after_the_meeting(client, invitation, time_machine):
    meeting = invitation.meeting
    end = datetime.combine(meeting.date, meeting.ends_at, tzinfo=BERLIN)
    url = link(invitation)
    time_machine.move_to(end - timedelta(minutes=1), tick=False)
    assert client.get(url).status_code == 200
    time_machine.move_to(end + timedelta(minutes=1), tick=False)
    response = client.post(url, {"answer": "zusage"})
    assert response.status_code == 410
    assert "ist vorbei" in response.content.decode()
    assert unchanged(invitation)


def test_it_refuses_the_link_of_a_cancelled_meeting(client, invitation):
    url = link(invitation)
    invitation.meeting.status = MeetingStatus.CANCELLED
    invitation.meeting.save()
    response = client.post(url, {"answer": "zusage"})
    assert response.status_code == 410
    assert "abgesagt" in response.content.decode()
    assert unchanged(invitation)


def test_it_refuses_a_member_who_left_the_team(client, invitation):
    url = link(invitation)
    Membership.objects.filter(pk=invitation.membership_id).update(
        left=timezone.localdate() - timedelta(days=1)
    )
    response = client.post(url, {"answer": "zusage"})
    assert response.status_code == 403
    assert "nicht mehr an" in response.content.decode()
    assert unchanged(invitation)


def test_it_refuses_a_deleted_invitation(client, invitation):
    url = link(invitation)
    Invitation.objects.filter(pk=invitation.pk).delete()
    response = client.get(url)
    assert response.status_code == 410
    assert "gibt es nicht mehr" in response.content.decode()


def test_it_refuses_somebody_else_logged_in(client_for, invitation, other_team_member):
    url = link(invitation)
    response = client_for(other_team_member).post(url, {"answer": "zusage"})
    assert response.status_code == 403
    assert "andere Person" in response.content.decode()
    assert unchanged(invitation)


def test_it_lets_the_invitee_answer_logged_in_too(client_for, invitation, team_member):
    response = client_for(team_member).post(link(invitation), {"answer": "zusage"})
    assert response.status_code == 200
    invitation.refresh_from_db()
    assert invitation.answer == Answer.YES


def test_it_offers_only_own_substitutes_on_the_link(client, invitation, substitute, office_a):
    stranger = Person.objects.create(youth_office=office_a, last_name="Fremd", first_name="Fritz")
    other = Membership.objects.exclude(pk=invitation.membership_id).first()
    other.substitutes.add(stranger)
    url = link(invitation, Answer.SUBSTITUTE)
    html = client.get(url).content.decode()
    assert "Vera Vertretung" in html
    assert "Fritz Fremd" not in html
    refused = client.post(url, {"answer": "vertretung", "substitute": str(stranger.pk)})
    assert refused.status_code == 200
    assert "Bitte wählen Sie" in refused.content.decode() or "Auswahl" in refused.content.decode()
    assert unchanged(invitation)
    client.post(url, {"answer": "vertretung", "substitute": str(substitute.pk)})
    invitation.refresh_from_db()
    assert invitation.substitute == substitute


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"answer": "vielleicht"},
        {"answer": "zusage" * 1000},
        {"answer": "vertretung", "substitute": "9" * 30},
    ],
)
def test_it_refuses_bad_answers(client, invitation, substitute, data):
    response = client.post(link(invitation), data)
    assert response.status_code == 200
    assert "kern-error" in response.content.decode()
    assert unchanged(invitation)


def test_it_offers_no_substitute_to_a_guest(client, meeting, guest):
    invitations.send_invitations(meeting=meeting, actor=None, guests=[guest])
    invitation = Invitation.objects.get(person=guest)
    response = client.post(link(invitation, Answer.SUBSTITUTE), {"answer": "vertretung"})
    assert response.status_code == 200
    invitation.refresh_from_db()
    assert invitation.answer == Answer.OPEN
    assert client.post(link(invitation), {"answer": "zusage"}).status_code == 200
    invitation.refresh_from_db()
    assert invitation.answer == Answer.YES
