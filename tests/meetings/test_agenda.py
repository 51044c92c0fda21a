"""The agenda: timed from the meeting's start, ordered with buttons, and prepared by itself
with the open tasks, unfinished items and deferred topics (once, never twice)."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from sozialraum.meetings import agenda, topics
from sozialraum.meetings.models import AgendaItem, AgendaItemKind, TopicStatus
from sozialraum.minutes import services as minutes_services
from sozialraum.minutes.models import TaskStatus
from sozialraum.minutes.services import ItemInput, MinutesInput
from tests.minutes.world import build_lead, make_meeting, person_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead(team_a):
    return build_lead(team_a)


@pytest.fixture
def meeting(team_a):
    return make_meeting(team_a)


def agenda_url(meeting) -> str:
    return reverse("meetings:agenda", kwargs={"office_slug": "heidekreis", "pk": meeting.pk})


def titles(meeting) -> list[str]:
    return list(
        AgendaItem.objects.filter(meeting=meeting)
        .order_by("position", "pk")
        .values_list("title", flat=True)
    )


def test_it_times_each_item_from_the_start_and_warns_past_the_end(client_for, lead, meeting):
    for title, minutes in (("Begrüßung", 10), ("Bericht", 50), ("Planung", 70)):
        agenda.add_item(
            meeting=meeting, actor=lead, data={"title": title, "duration_minutes": minutes}
        )
    table = agenda.timetable(meeting, list(meeting.agenda_items.order_by("position")))
    assert [(row.starts, row.ends) for row in table.rows] == [
        (datetime.time(9, 0), datetime.time(9, 10)),
        (datetime.time(9, 10), datetime.time(10, 0)),
        (datetime.time(10, 0), datetime.time(11, 10)),
    ]
    assert [row.past_end for row in table.rows] == [False, False, True]
    assert table.overrun_minutes == 10
    page = client_for(lead).get(agenda_url(meeting)).content.decode()
    assert "10:00–11:10" in page
    assert "10 Minuten über das Ende des Treffens (11:00 Uhr)" in page


def test_it_moves_items_up_and_down_with_buttons(client_for, lead, meeting):
    for title in ("A", "B", "C"):
        agenda.add_item(meeting=meeting, actor=lead, data={"title": title})
    client = client_for(lead)
    c = AgendaItem.objects.get(title="C")
    client.post(agenda_url(meeting), {"aktion": "hoch", "punkt": c.pk})
    assert titles(meeting) == ["A", "C", "B"]
    a = AgendaItem.objects.get(title="A")
    client.post(agenda_url(meeting), {"aktion": "runter", "punkt": a.pk})
    assert titles(meeting) == ["C", "A", "B"]
    client.post(agenda_url(meeting), {"aktion": "hoch", "punkt": c.pk})  # already first
    assert titles(meeting) == ["C", "A", "B"]
    gone = client.post(agenda_url(meeting), {"aktion": "hoch", "punkt": "9" * 30}, follow=True)
    assert "Diesen Punkt gibt es nicht mehr" in gone.content.decode()


def test_it_edits_an_item_and_shows_a_conflict(client_for, lead, coordinator, meeting):
    item = agenda.add_item(meeting=meeting, actor=lead, data={"title": "Bericht"})
    agenda.update_item(item=item, actor=coordinator, version=1, data={"title": "Bericht Kita"})
    response = client_for(lead).post(
        agenda_url(meeting),
        {
            "aktion": "speichern",
            "punkt": item.pk,
            "punkt-title": "Bericht Schule",
            "punkt-duration_minutes": 15,
            "punkt-version": 1,
        },
    )
    body = response.content.decode()
    assert "Jemand anderes hat diesen Eintrag gespeichert" in body
    assert "Bericht Schule" in body and "Bericht Kita" in body
    item.refresh_from_db()
    assert item.title == "Bericht Kita"


def test_it_refuses_5000_characters_in_a_title_and_a_plain_member(
    client_for, lead, team_member, meeting
):
    response = client_for(lead).post(
        agenda_url(meeting),
        {"aktion": "hinzufuegen", "neu-title": "x" * 5000, "neu-duration_minutes": 15},
    )
    assert "höchstens 200 Zeichen" in response.content.decode()
    member = client_for(team_member).post(
        agenda_url(meeting), {"aktion": "hinzufuegen", "neu-title": "Neu"}
    )
    assert member.status_code == 403
    assert not AgendaItem.objects.filter(meeting=meeting).exclude(kind="offene_aufgaben").exists()


def _previous_with_minutes(team_a, team_member, coordinator):
    previous = make_meeting(team_a, days=-14)
    agenda.add_item(meeting=previous, actor=coordinator, data={"title": "Ferienprogramm"})
    agenda.add_item(meeting=previous, actor=coordinator, data={"title": "Spielplatz"})
    minutes = minutes_services.start_minutes(
        meeting=previous, actor=coordinator, minute_taker=person_of(team_member)
    )
    first, second = minutes.items.order_by("position")
    minutes_services.save_minutes(
        minutes=minutes,
        actor=coordinator,
        version=minutes.version,
        data=MinutesInput(
            items={
                first.pk: ItemInput(
                    discussion="Noch offen.",
                    carry_over=True,
                    task_title="Flyer drucken",
                    task_responsible=person_of(team_member),
                ),
                second.pk: ItemInput(discussion="Erledigt."),
            }
        ),
    )
    return previous, first


def test_it_carries_over_open_tasks_unfinished_items_and_deferred_topics_once(
    client_for, team_a, team_member, coordinator, lead, django_capture_on_commit_callbacks
):
    previous, unfinished = _previous_with_minutes(team_a, team_member, coordinator)
    topic = topics.submit_topic(
        team=team_a, actor=team_member, data={"title": "Jugendtreff", "minutes_needed": 25}
    )
    topics.defer_topic(topic=topic, actor=lead, version=topic.version)
    upcoming = make_meeting(team_a, days=7)
    client = client_for(team_member)
    with django_capture_on_commit_callbacks(execute=True):
        page = client.get(agenda_url(upcoming)).content.decode()
    assert titles(upcoming) == ["Offene Aufgaben", "Ferienprogramm", "Jugendtreff"]
    assert "Flyer drucken" in page and "Sabine Hartmann" in page
    carried = AgendaItem.objects.get(meeting=upcoming, title="Ferienprogramm")
    assert carried.carried_from == unfinished.agenda_item
    assert AgendaItem.objects.get(meeting=upcoming, kind=AgendaItemKind.OPEN_TASKS)
    topic.refresh_from_db()
    assert (topic.status, topic.meeting) == (TopicStatus.SCHEDULED, upcoming)
    assert [m.subject for m in mail.outbox] == ["Ihr Thema „Jugendtreff“ ist eingeplant"]

    # Opened again, by someone else, after an item was removed: nothing twice, nothing back.
    agenda.remove_item(item=carried, actor=lead)
    client_for(coordinator).get(agenda_url(upcoming))
    assert agenda.prepare_agenda(meeting=upcoming, actor=lead) is False
    assert titles(upcoming) == ["Offene Aufgaben", "Jugendtreff"]

    # The open-tasks item lists the tasks as they stand.
    task = previous.minutes.tasks.get()
    task.status = TaskStatus.DONE
    task.save()
    assert "Alle Aufgaben sind erledigt." in client.get(agenda_url(upcoming)).content.decode()


def test_it_leaves_a_meeting_with_minutes_or_cancelled_alone(team_a, team_member, coordinator):
    _previous_with_minutes(team_a, team_member, coordinator)
    cancelled = make_meeting(team_a, days=3)
    cancelled.status = "abgesagt"
    cancelled.save()
    assert agenda.prepare_agenda(meeting=cancelled, actor=coordinator) is False
    assert titles(cancelled) == []


def test_it_locks_the_agenda_once_the_minutes_are_approved(client_for, team_a, coordinator):
    meeting = make_meeting(team_a, days=-1)
    item = agenda.add_item(meeting=meeting, actor=coordinator, data={"title": "Bericht"})
    minutes = minutes_services.start_minutes(meeting=meeting, actor=coordinator, minute_taker=None)
    minutes = minutes_services.submit_for_review(
        minutes=minutes, actor=coordinator, version=minutes.version
    )
    minutes_services.approve_minutes(minutes=minutes, actor=coordinator, version=minutes.version)
    with pytest.raises(agenda.AgendaLocked):
        agenda.add_item(meeting=meeting, actor=coordinator, data={"title": "Zu spät"})
    response = client_for(coordinator).post(
        agenda_url(meeting), {"aktion": "entfernen", "punkt": item.pk}, follow=True
    )
    assert "Das Protokoll dieses Treffens ist freigegeben" in response.content.decode()
    assert AgendaItem.objects.filter(pk=item.pk).exists()


def test_it_carries_items_into_an_agenda_prepared_before_the_minutes_were_approved(
    client_for, team_a, team_member, coordinator
):
    previous = make_meeting(team_a, days=-7)
    agenda.add_item(meeting=previous, actor=coordinator, data={"title": "Ferienprogramm"})
    upcoming = make_meeting(team_a, days=7)
    client_for(coordinator).get(agenda_url(upcoming))  # prepared: nothing to carry yet
    assert titles(upcoming) == []
    minutes = minutes_services.start_minutes(meeting=previous, actor=coordinator, minute_taker=None)
    item = minutes.items.get()
    minutes = minutes_services.save_minutes(
        minutes=minutes,
        actor=coordinator,
        version=minutes.version,
        data=MinutesInput(items={item.pk: ItemInput(discussion="Weiter.", carry_over=True)}),
    )
    minutes = minutes_services.submit_for_review(
        minutes=minutes, actor=coordinator, version=minutes.version
    )
    minutes_services.approve_minutes(minutes=minutes, actor=coordinator, version=minutes.version)
    assert titles(upcoming) == ["Ferienprogramm"]
    assert AgendaItem.objects.get(meeting=upcoming).carried_from == item.agenda_item


def test_it_adds_open_tasks_to_an_agenda_prepared_before_the_tasks_existed(
    team_a, team_member, coordinator
):
    previous = make_meeting(team_a, days=-7)
    agenda.add_item(meeting=previous, actor=coordinator, data={"title": "Ferienprogramm"})
    upcoming = make_meeting(team_a, days=7)
    agenda.add_item(meeting=upcoming, actor=coordinator, data={"title": "Spielplatz"})
    assert titles(upcoming) == ["Spielplatz"]  # prepared: no open tasks yet
    minutes = minutes_services.start_minutes(meeting=previous, actor=coordinator, minute_taker=None)
    item = minutes.items.get()
    minutes = minutes_services.save_minutes(
        minutes=minutes,
        actor=coordinator,
        version=minutes.version,
        data=MinutesInput(
            items={
                item.pk: ItemInput(
                    task_title="Bus bestellen", task_responsible=person_of(team_member)
                )
            }
        ),
    )
    minutes = minutes_services.submit_for_review(
        minutes=minutes, actor=coordinator, version=minutes.version
    )
    minutes_services.approve_minutes(minutes=minutes, actor=coordinator, version=minutes.version)
    assert titles(upcoming) == ["Spielplatz", "Offene Aufgaben"]
    assert list(agenda.open_tasks_before(upcoming).values_list("title", flat=True)) == [
        "Bus bestellen"
    ]
    agenda.carry_into_next(previous=previous, actor=coordinator)  # again: nothing twice
    assert titles(upcoming) == ["Spielplatz", "Offene Aufgaben"]
