"""The personal calendar feed: secret URL, renew, revoke, what it lists, constant queries."""

from __future__ import annotations

import re
from datetime import time, timedelta

import icalendar
import pytest
from django.test import Client
from django.utils import timezone

from sozialraum.meetings import feeds
from sozialraum.meetings.invitation_models import CalendarFeed, hash_token
from sozialraum.meetings.models import Meeting, MeetingStatus, TimeSlot
from sozialraum.teams.models import Membership
from tests.helpers import assert_queries_constant

pytestmark = pytest.mark.django_db

SETTINGS = "/heidekreis/kalender/"


def feed_path(client) -> str:
    html = client.get(SETTINGS).content.decode()
    match = re.search(r'value="http://[^/"]+(/kalender/[^"]+\.ics)"', html)
    assert match, "the settings page shows no feed URL"
    return match.group(1)


def add_meetings(team, count: int, **fields) -> list[Meeting]:
    day = timezone.localdate()
    return [
        Meeting.objects.create(
            youth_office=team.youth_office,
            team=team,
            date=day + timedelta(days=7 * (n + 1)),
            starts_at=time(9),
            ends_at=time(11),
            time_slot=TimeSlot.MORNING,
            **fields,
        )
        for n in range(count)
    ]


def test_it_creates_shows_and_serves_the_feed(client_for, team_member, meeting, team_a2):
    client = client_for(team_member)
    assert "noch keine Kalender-Adresse" in client.get(SETTINGS).content.decode()
    assert client.post(SETTINGS, {"aktion": "erneuern"}).status_code == 302
    path = feed_path(client)
    assert feed_path(client) == path, "the page shows the same URL again"
    other_team_meeting = add_meetings(team_a2, 1)[0]

    response = Client().get(path)  # a calendar program: no session
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    calendar = icalendar.Calendar.from_ical(response.content)
    assert calendar["METHOD"] == "PUBLISH"
    uids = [str(event["UID"]) for event in calendar.walk("VEVENT")]
    assert uids == [str(meeting.uid)]
    assert str(other_team_meeting.uid) not in uids
    event = calendar.walk("VEVENT")[0]
    assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert "ATTENDEE" not in event


def test_it_stores_only_a_hash_and_a_nonce(client_for, team_member):
    client = client_for(team_member)
    client.post(SETTINGS, {"aktion": "erneuern"})
    token = feed_path(client).removeprefix("/kalender/").removesuffix(".ics")
    feed = CalendarFeed.objects.get(user=team_member)
    assert feed.token_hash == hash_token(token)
    assert token not in (feed.nonce, feed.token_hash)


def test_it_marks_cancelled_meetings(client_for, team_member, meeting):
    meeting.status = MeetingStatus.CANCELLED
    meeting.save()
    client = client_for(team_member)
    client.post(SETTINGS, {"aktion": "erneuern"})
    calendar = icalendar.Calendar.from_ical(Client().get(feed_path(client)).content)
    assert calendar.walk("VEVENT")[0]["STATUS"] == "CANCELLED"


def test_it_stops_the_old_url_when_renewed(client_for, team_member, meeting):
    client = client_for(team_member)
    client.post(SETTINGS, {"aktion": "erneuern"})
    old = feed_path(client)
    response = client.post(SETTINGS, {"aktion": "erneuern"}, follow=True)
    assert "Die bisherige Adresse gilt nicht mehr." in response.content.decode()
    new = feed_path(client)
    assert new != old
    assert Client().get(old).status_code == 404
    assert Client().get(new).status_code == 200


def test_it_stops_the_url_when_revoked(client_for, team_member, meeting):
    client = client_for(team_member)
    client.post(SETTINGS, {"aktion": "erneuern"})
    path = feed_path(client)
    client.post(SETTINGS, {"aktion": "widerrufen"})
    response = Client().get(path)
    assert response.status_code == 404
    assert "errors/404.html" in [t.name for t in response.templates]
    assert not CalendarFeed.objects.exists()


@pytest.mark.parametrize("token", ["falsch", "x" * 5000, "%00", "a" * 43, "..%2f..%2fetc"], ids=str)
def test_it_refuses_wrong_tokens(client, token):
    assert client.get(f"/kalender/{token}.ics").status_code in (400, 404)


def test_it_refuses_a_post_to_the_feed_and_unknown_actions(client_for, team_member):
    client = client_for(team_member)
    client.post(SETTINGS, {"aktion": "erneuern"})
    path = feed_path(client)
    assert Client().post(path).status_code == 405
    response = client.post(SETTINGS, {"aktion": "x" * 5000}, follow=True)
    assert "Bitte wählen Sie" in response.content.decode()


def test_it_lists_nothing_of_a_team_the_user_left(client_for, team_member, meeting):
    client = client_for(team_member)
    client.post(SETTINGS, {"aktion": "erneuern"})
    Membership.objects.filter(person__user=team_member).update(
        left=timezone.localdate() - timedelta(days=1)
    )
    calendar = icalendar.Calendar.from_ical(Client().get(feed_path(client)).content)
    assert calendar.walk("VEVENT") == []


def test_it_includes_the_teams_of_a_substitute(client_for, other_team_member, meeting, team_member):
    from sozialraum.network.models import Person

    person = Person.objects.get(user=other_team_member)
    Membership.objects.get(person__user=team_member).substitutes.add(person)
    feed = feeds.renew_feed(user=other_team_member)
    uids = [str(m.uid) for m in feeds.feed_meetings(other_team_member)]
    assert str(meeting.uid) in uids
    assert feed.token


def test_it_answers_with_constant_queries(client_for, team_member, team_a, meeting):
    client = client_for(team_member)
    client.post(SETTINGS, {"aktion": "erneuern"})
    path = feed_path(client)
    anonymous = Client()
    anonymous.get(path)  # marks the feed as used (once an hour)
    assert_queries_constant(anonymous, path, lambda: add_meetings(team_a, 30), expected=3)
