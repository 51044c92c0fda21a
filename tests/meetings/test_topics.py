"""Topics: members bring them in; coordination or the team's Leitung schedules, defers or
declines them; the submitter is told by mail and reads the status on the topic's page."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from sozialraum.lib.errors import ConcurrentEditError, InvalidData
from sozialraum.meetings import topics
from sozialraum.meetings.models import AgendaItem, Topic, TopicStatus
from tests.minutes.world import build_lead, make_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead(team_a):
    return build_lead(team_a)


@pytest.fixture
def meeting(team_a):
    return make_meeting(team_a)


def topic_url(topic: Topic) -> str:
    return reverse("meetings:topic", kwargs={"office_slug": "heidekreis", "pk": topic.pk})


def create_url(team) -> str:
    return reverse(
        "meetings:topic_create", kwargs={"office_slug": "heidekreis", "team_pk": team.pk}
    )


def submit(team, user, title="Schulweg an der B 3") -> Topic:
    return topics.submit_topic(
        team=team,
        actor=user,
        data={"title": title, "reason": "Zu schnell.", "wanted_people": "", "minutes_needed": 20},
    )


def test_it_lets_a_member_bring_in_a_topic(client_for, team_member, team_a):
    client = client_for(team_member)
    page = client.get(create_url(team_a))
    assert page.status_code == 200
    assert "Wer sollte dabei sein?" in page.content.decode()
    response = client.post(
        create_url(team_a),
        {
            "title": "Schulweg an der B 3",
            "reason": "Autos fahren zu schnell.",
            "minutes_needed": 20,
        },
    )
    topic = Topic.objects.get()
    assert response["Location"] == topic_url(topic)
    assert (topic.team, topic.submitted_by, topic.status) == (
        team_a,
        team_member,
        TopicStatus.SUBMITTED,
    )
    shown = client.get(topic_url(topic)).content.decode()
    assert "eingebracht" in shown and "Autos fahren zu schnell." in shown


def test_it_refuses_a_topic_for_another_team_with_a_clear_message(
    client_for, other_team_member, team_a
):
    client = client_for(other_team_member)
    for response in (
        client.get(create_url(team_a)),
        client.post(create_url(team_a), {"title": "Fremd", "minutes_needed": 10}),
    ):
        assert response.status_code == 403
        assert "Sie sind nicht Mitglied dieses Teams" in response.content.decode()
    assert not Topic.objects.exists()


def test_it_refuses_5000_characters_in_the_title_and_keeps_the_text(
    client_for, team_member, team_a
):
    client = client_for(team_member)
    long_reason = "x" * 5001
    response = client.post(
        create_url(team_a), {"title": "T" * 5000, "reason": long_reason, "minutes_needed": 20}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "höchstens 200 Zeichen" in body
    assert "höchstens 5000 Zeichen" in body or "höchstens 5.000 Zeichen" in body
    assert not Topic.objects.exists()
    ok = client.post(
        create_url(team_a), {"title": "Lang", "reason": "y" * 5000, "minutes_needed": 20}
    )
    assert ok.status_code == 302
    assert len(Topic.objects.get().reason) == 5000


def test_it_saves_a_double_submit_once(client_for, team_member, team_a):
    client = client_for(team_member)
    token = re.search(
        r'name="einmal" value="([^"]+)"', client.get(create_url(team_a)).content.decode()
    )
    assert token
    data = {"title": "Einmal", "minutes_needed": 15, "einmal": token.group(1)}
    first = client.post(create_url(team_a), data)
    second = client.post(create_url(team_a), data, follow=True)
    topic = Topic.objects.get()
    assert first["Location"] == topic_url(topic)
    assert "Das wurde schon gespeichert." in second.content.decode()


def test_it_mails_the_submitter_when_a_topic_is_scheduled(
    team_member, team_a, lead, meeting, django_capture_on_commit_callbacks
):
    topic = submit(team_a, team_member)
    with django_capture_on_commit_callbacks(execute=True):
        item = topics.schedule_topic(
            topic=topic, actor=lead, meeting=meeting, version=topic.version
        )
    topic.refresh_from_db()
    assert (topic.status, topic.meeting, item.topic) == (TopicStatus.SCHEDULED, meeting, topic)
    assert item.duration_minutes == 20 and item.title == "Schulweg an der B 3"
    (message,) = mail.outbox
    assert message.to == ["schule@heidekreis.example"]
    assert message.subject == "Ihr Thema „Schulweg an der B 3“ ist eingeplant"
    assert f"am {meeting.date:%d.%m.%Y}" in message.body
    assert f"/heidekreis/themen/{topic.pk}/" in message.body
    assert "Guten Tag Sabine Hartmann" in message.body


def test_it_requires_a_reason_to_decline_and_mails_it(
    client_for, team_member, team_a, lead, django_capture_on_commit_callbacks
):
    topic = submit(team_a, team_member)
    with pytest.raises(InvalidData, match="warum das Thema nicht aufgenommen wird"):
        topics.decline_topic(topic=topic, actor=lead, version=topic.version, reason="  ")
    client = client_for(lead)
    empty = client.post(
        topic_url(topic), {"aktion": "ablehnen", "ablehnen-reason": "", "ablehnen-version": 1}
    )
    assert "warum das Thema nicht aufgenommen wird" in empty.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            topic_url(topic),
            {
                "aktion": "ablehnen",
                "ablehnen-reason": "Gehört in den Verkehrsausschuss der Gemeinde.",
                "ablehnen-version": 1,
            },
        )
    assert response.status_code == 302
    topic.refresh_from_db()
    assert topic.status == TopicStatus.DECLINED
    (message,) = mail.outbox
    assert "wird nicht aufgenommen" in message.subject
    assert "Begründung: Gehört in den Verkehrsausschuss der Gemeinde." in message.body
    page = client_for(team_member).get(topic_url(topic)).content.decode()
    assert "abgelehnt" in page and "Gehört in den Verkehrsausschuss der Gemeinde." in page


def test_it_defers_a_topic_and_takes_it_off_a_pending_agenda(
    team_member, team_a, lead, meeting, django_capture_on_commit_callbacks
):
    topic = submit(team_a, team_member)
    topics.schedule_topic(topic=topic, actor=lead, meeting=meeting, version=topic.version)
    topic.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        topics.defer_topic(topic=topic, actor=lead, version=topic.version, reason="Erst im Mai.")
    topic.refresh_from_db()
    assert (topic.status, topic.meeting, topic.status_reason) == (
        TopicStatus.DEFERRED,
        None,
        "Erst im Mai.",
    )
    assert not AgendaItem.objects.filter(topic=topic).exists()
    assert [m.subject for m in mail.outbox] == [
        "Ihr Thema „Schulweg an der B 3“ ist zurückgestellt"
    ]


def test_it_refuses_a_stale_version_and_a_plain_member(client_for, team_member, team_a, lead):
    topic = submit(team_a, team_member)
    topics.defer_topic(topic=topic, actor=lead, version=topic.version)
    with pytest.raises(ConcurrentEditError):
        topics.decline_topic(topic=topic, actor=lead, version=1, reason="Nein.")
    stale = client_for(lead).post(
        topic_url(topic), {"aktion": "ablehnen", "ablehnen-reason": "Nein.", "ablehnen-version": 1}
    )
    assert "Jemand anderes hat das Thema inzwischen geändert" in stale.content.decode()
    topic.refresh_from_db()
    assert topic.status == TopicStatus.DEFERRED
    member = client_for(team_member).post(
        topic_url(topic), {"aktion": "ablehnen", "ablehnen-reason": "Nein.", "ablehnen-version": 2}
    )
    assert member.status_code == 403
    assert "Leitung des Teams" in member.content.decode()


def test_it_does_not_schedule_into_another_teams_or_a_past_meeting(
    team_member, team_a, team_a2, lead
):
    topic = submit(team_a, team_member)
    for other in (make_meeting(team_a2), make_meeting(team_a, days=-1)):
        with pytest.raises(ValueError):
            topics.schedule_topic(topic=topic, actor=lead, meeting=other, version=topic.version)
    topic.refresh_from_db()
    assert topic.status == TopicStatus.SUBMITTED


def test_it_lists_the_teams_topics_by_status_in_constant_queries(
    client_for, team_member, team_a, team_a2, other_team_member, lead
):
    from tests.helpers import assert_queries_constant

    first = submit(team_a, team_member, "Erstes Thema")
    topics.decline_topic(topic=first, actor=lead, version=first.version, reason="Passt nicht.")
    submit(team_a2, other_team_member, "Thema aus Walsrode")
    client = client_for(team_member)
    url = reverse("meetings:topics", kwargs={"office_slug": "heidekreis", "team_pk": team_a.pk})
    page = client.get(url).content.decode()
    assert "Erstes Thema" in page and "Thema aus Walsrode" not in page
    assert "Passt nicht." in page
    declined = client.get(url, {"status": "abgelehnt"}).content.decode()
    submitted = client.get(url, {"status": "eingebracht"}).content.decode()
    assert "Erstes Thema" in declined and "Erstes Thema" not in submitted

    def grow():
        for number in range(20):
            submit(team_a, team_member, f"Thema {number}")

    assert_queries_constant(client, url, grow, expected=8)
    assert client_for(other_team_member).get(url).status_code == 403


def test_it_shows_the_submitter_their_topic_after_leaving_the_team(
    client_for, team_member, team_a, lead, other_team_member
):
    from sozialraum.teams.models import Membership

    topic = submit(team_a, team_member)
    topics.decline_topic(topic=topic, actor=lead, version=topic.version, reason="Schon erledigt.")
    Membership.objects.filter(person__user=team_member).update(left="2025-01-01")
    page = client_for(team_member).get(topic_url(topic))
    assert page.status_code == 200 and "Schon erledigt." in page.content.decode()
    assert client_for(other_team_member).get(topic_url(topic)).status_code == 403


def test_it_schedules_into_todays_meeting_but_not_yesterdays(frozen_now, team_member, team_a, lead):
    import datetime

    from django.utils import timezone

    today = timezone.localdate()
    topic = submit(team_a, team_member)
    yesterday = make_meeting(team_a, date=today - datetime.timedelta(days=1))
    with pytest.raises(ValueError, match="vorbei"):
        topics.schedule_topic(topic=topic, actor=lead, meeting=yesterday, version=topic.version)
    todays = make_meeting(team_a, date=today)
    topics.schedule_topic(topic=topic, actor=lead, meeting=todays, version=topic.version)
    topic.refresh_from_db()
    assert topic.meeting == todays
