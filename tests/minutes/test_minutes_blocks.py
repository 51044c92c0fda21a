"""The blocks the meeting page includes (agenda, minutes) and the audit trail of the records."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory

from sozialraum.audit import registry
from sozialraum.audit.models import AuditEntry
from sozialraum.meetings import agenda, topics
from sozialraum.minutes import services
from sozialraum.minutes.services import ItemInput, MinutesInput
from tests.minutes.world import make_meeting, person_of

pytestmark = pytest.mark.django_db


def render_block(name: str, meeting, user) -> str:
    request = RequestFactory().get("/")
    request.user = user
    request.youth_office = meeting.youth_office
    return render_to_string(name, {"meeting": meeting}, request=request)


def test_it_shows_the_agenda_and_minutes_blocks_to_the_team_only(
    team_a, coordinator, team_member, other_team_member, reader
):
    meeting = make_meeting(team_a, days=-1)
    agenda.add_item(meeting=meeting, actor=coordinator, data={"title": "Ferienprogramm"})
    for user in (coordinator, team_member):
        shown = render_block("meetings/_agenda_block.html", meeting, user)
        assert "09:00" in shown and "Ferienprogramm" in shown and "Zur Tagesordnung" in shown
        assert "noch kein Protokoll" in render_block("minutes/_minutes_block.html", meeting, user)
    for user in (other_team_member, reader):
        assert "Ferienprogramm" not in render_block("meetings/_agenda_block.html", meeting, user)
        assert "Protokoll" not in render_block("minutes/_minutes_block.html", meeting, user)
    minutes = services.start_minutes(
        meeting=meeting, actor=coordinator, minute_taker=person_of(team_member)
    )
    minutes = services.submit_for_review(minutes=minutes, actor=coordinator, version=1)
    services.approve_minutes(minutes=minutes, actor=coordinator, version=minutes.version)
    block = render_block("minutes/_minutes_block.html", meeting, reader)
    assert "freigegeben" in block and "Protokoll: Sabine Hartmann" in block


def test_it_audits_topics_agenda_minutes_decisions_and_tasks(team_a, coordinator, team_member):
    keys = {key for key, _label in registry.known_types()}
    assert {
        "meetings.topic",
        "meetings.agendaitem",
        "minutes.minutes",
        "minutes.minutesitem",
        "minutes.decision",
        "minutes.task",
    } <= keys
    meeting = make_meeting(team_a, days=3)
    topic = topics.submit_topic(team=team_a, actor=team_member, data={"title": "Jugendtreff"})
    topics.schedule_topic(topic=topic, actor=coordinator, meeting=meeting, version=1)
    minutes = services.start_minutes(meeting=meeting, actor=coordinator, minute_taker=None)
    item = minutes.items.get()
    services.save_minutes(
        minutes=minutes,
        actor=coordinator,
        version=minutes.version,
        data=MinutesInput(
            items={
                item.pk: ItemInput(
                    discussion="Text",
                    decision="Ja.",
                    task_title="Flyer",
                    task_responsible=person_of(team_member),
                )
            }
        ),
    )
    written = set(AuditEntry.objects.values_list("object_type", flat=True))
    assert {
        "meetings.topic",
        "meetings.agendaitem",
        "minutes.minutes",
        "minutes.minutesitem",
        "minutes.decision",
        "minutes.task",
    } <= written
    change = AuditEntry.objects.get(object_type="minutes.minutesitem")
    assert change.changes["discussion"] == {"old": "", "new": "Text"}
