"""The minutes' services: rotation of the minute-taker, numbering of decisions per team and
year, tasks with a responsible person, the workflow, locking and corrections as versions."""

from __future__ import annotations

import datetime
import threading

import pytest
from django.core import mail
from django.db import connection

from sozialraum.audit.models import AuditEntry
from sozialraum.lib.errors import ConcurrentEditError, InvalidData
from sozialraum.meetings import agenda, topics
from sozialraum.meetings.models import TopicStatus
from sozialraum.minutes import services
from sozialraum.minutes.models import Decision, Minutes, MinutesRevision, MinutesStatus
from sozialraum.minutes.rotation import suggest_minute_taker
from sozialraum.minutes.services import ItemInput, MinutesInput
from tests.minutes.world import add_member, attend, make_meeting, person_of

pytestmark = pytest.mark.django_db


def held(team, actor, day: datetime.date, taker=None) -> Minutes:
    meeting = make_meeting(team, date=day)
    agenda.add_item(meeting=meeting, actor=actor, data={"title": "Bericht"})
    return services.start_minutes(meeting=meeting, actor=actor, minute_taker=taker)


def test_it_suggests_who_took_minutes_least_recently_among_those_present(team_a, coordinator):
    anna = add_member(team_a, "Anna", "Albrecht")
    bernd = add_member(team_a, "Bernd", "Berger")
    carla = add_member(team_a, "Carla", "Claus")
    dora = add_member(team_a, "Dora", "Dietz")
    held(team_a, coordinator, datetime.date(2025, 1, 10), anna)
    held(team_a, coordinator, datetime.date(2025, 3, 10), bernd)
    held(team_a, coordinator, datetime.date(2025, 5, 10), anna)  # Anna again, later
    held(team_a, coordinator, datetime.date(2025, 7, 10), carla)
    meeting = make_meeting(team_a, date=datetime.date(2025, 9, 10))

    attend(meeting, anna, bernd, carla)
    suggestion = suggest_minute_taker(meeting)
    assert suggestion.from_attendance
    assert suggestion.person == bernd  # March is longest ago (Anna's last time is May)
    assert [c.person for c in suggestion.candidates] == [bernd, anna, carla]
    assert "zuerst, wer noch nie Protokoll geführt hat" in suggestion.rule

    attend(meeting, dora)  # never took the minutes: first
    assert suggest_minute_taker(meeting).person == dora


def test_it_breaks_ties_by_name_and_falls_back_to_the_members(team_a, coordinator):
    zoe = add_member(team_a, "Zoe", "Zander")
    ben = add_member(team_a, "Ben", "Ahrens")
    meeting = make_meeting(team_a, date=datetime.date(2025, 9, 10))
    suggestion = suggest_minute_taker(meeting)
    assert not suggestion.from_attendance
    assert suggestion.person == ben  # never, never: Ahrens before Zander
    attend(meeting, zoe)
    assert suggest_minute_taker(meeting).person == zoe


def test_it_ignores_other_teams_and_later_meetings_in_the_rotation(team_a, team_a2, coordinator):
    anna = add_member(team_a, "Anna", "Albrecht")
    bernd = add_member(team_a, "Bernd", "Berger")
    held(team_a2, coordinator, datetime.date(2025, 1, 10), bernd)  # another team
    held(team_a, coordinator, datetime.date(2025, 2, 10), anna)
    held(team_a, coordinator, datetime.date(2026, 1, 10), bernd)  # after this meeting
    meeting = make_meeting(team_a, date=datetime.date(2025, 9, 10))
    attend(meeting, anna, bernd)
    assert suggest_minute_taker(meeting).person == bernd


def test_it_numbers_decisions_per_team_and_year(team_a, team_a2, coordinator):
    late = held(team_a, coordinator, datetime.date(2025, 12, 30))
    first = services.create_decision(minutes=late, actor=coordinator, text="Ferienprogramm")
    second = services.create_decision(minutes=late, actor=coordinator, text="Spielplatz")
    other = services.create_decision(
        minutes=held(team_a2, coordinator, datetime.date(2025, 12, 30)),
        actor=coordinator,
        text="Walsrode",
    )
    new_year = services.create_decision(
        minutes=held(team_a, coordinator, datetime.date(2026, 1, 5)),
        actor=coordinator,
        text="Neues Jahr",
    )
    assert [str(d) for d in (first, second, other, new_year)] == [
        "1/2025",
        "2/2025",
        "1/2025",
        "1/2026",
    ]
    assert new_year.date == datetime.date(2026, 1, 5)
    assert AuditEntry.objects.filter(object_type="minutes.decision").count() == 4


@pytest.mark.django_db(transaction=True)
def test_it_numbers_two_decisions_saved_at_once_without_a_gap_or_a_clash(team_a, coordinator):
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers; the race is tested on PostgreSQL")
    minutes = held(team_a, coordinator, datetime.date(2026, 2, 1))
    errors: list[BaseException] = []

    def save(text: str) -> None:
        try:
            services.create_decision(minutes=minutes, actor=coordinator, text=text)
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(f"Beschluss {n}",)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert sorted(Decision.objects.values_list("number", flat=True)) == [1, 2, 3, 4]


def test_it_retries_the_next_number_when_another_save_took_it(team_a, coordinator, monkeypatch):
    minutes = held(team_a, coordinator, datetime.date(2026, 2, 1))
    first = services.create_decision(minutes=minutes, actor=coordinator, text="Erster")
    # Another save took number 2 after this one had read the highest number (1).
    Decision.objects.create(
        youth_office=first.youth_office,
        team=team_a,
        minutes=minutes,
        year=first.year,
        number=2,
        date=first.date,
        text="Parallel",
    )
    real_filter = Decision.objects.filter
    calls: list[int] = []

    class Stale:
        def aggregate(self, **kwargs):
            return {"last": 1}

    def stale_filter(*args, **kwargs):
        if not calls:
            calls.append(1)
            return Stale()
        return real_filter(*args, **kwargs)

    monkeypatch.setattr(Decision.objects, "filter", stale_filter)
    decision = services.create_decision(minutes=minutes, actor=coordinator, text="Zweiter")
    assert (decision.number, decision.text) == (3, "Zweiter")


def test_it_requires_a_responsible_person_for_a_task(team_a, coordinator, team_member):
    minutes = held(team_a, coordinator, datetime.date(2026, 2, 1))
    with pytest.raises(InvalidData, match="wer für die Aufgabe zuständig ist"):
        services.create_task(minutes=minutes, actor=coordinator, title="Flyer", responsible=None)
    item = minutes.items.get()
    with pytest.raises(InvalidData) as refused:
        services.save_minutes(
            minutes=minutes,
            actor=coordinator,
            version=minutes.version,
            data=MinutesInput(items={item.pk: ItemInput(discussion="Text", task_title="Flyer")}),
        )
    assert f"item_{item.pk}_task_responsible" in refused.value.errors
    item.refresh_from_db()
    assert item.discussion == ""  # nothing saved
    task = services.create_task(
        minutes=minutes,
        actor=coordinator,
        title="Flyer",
        responsible=person_of(team_member),
        due=datetime.date(2026, 3, 1),
    )
    assert (task.team, task.minutes) == (team_a, minutes)


def test_it_refuses_a_stale_version(team_a, coordinator, team_member):
    minutes = held(team_a, coordinator, datetime.date(2026, 2, 1), person_of(team_member))
    item = minutes.items.get()
    services.save_minutes(
        minutes=minutes,
        actor=team_member,
        version=1,
        data=MinutesInput(items={item.pk: ItemInput(discussion="Erste Fassung")}),
    )
    with pytest.raises(ConcurrentEditError):
        services.save_minutes(
            minutes=minutes,
            actor=coordinator,
            version=1,
            data=MinutesInput(items={item.pk: ItemInput(discussion="Zweite Fassung")}),
        )
    item.refresh_from_db()
    assert item.discussion == "Erste Fassung"


def test_it_locks_approved_minutes_and_keeps_corrections_as_versions(
    team_a, coordinator, lead, team_member, django_capture_on_commit_callbacks
):
    meeting = make_meeting(team_a, days=3)
    topic = topics.submit_topic(team=team_a, actor=team_member, data={"title": "Jugendtreff"})
    topics.schedule_topic(topic=topic, actor=lead, meeting=meeting, version=topic.version)
    minutes = services.start_minutes(meeting=meeting, actor=lead, minute_taker=None)
    (item,) = minutes.items.all()
    minutes = services.save_minutes(
        minutes=minutes,
        actor=lead,
        version=minutes.version,
        data=MinutesInput(items={item.pk: ItemInput(discussion="Besprochen.", decision="Ja.")}),
    )
    minutes = services.submit_for_review(minutes=minutes, actor=lead, version=minutes.version)
    services.add_comment(minutes=minutes, actor=team_member, item=item, text="Bitte ergänzen.")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        minutes = services.approve_minutes(minutes=minutes, actor=lead, version=minutes.version)
    assert (minutes.status, minutes.revision) == (MinutesStatus.APPROVED, 1)
    topic.refresh_from_db()
    assert topic.status == TopicStatus.DISCUSSED
    assert [m.subject for m in mail.outbox] == ["Ihr Thema „Jugendtreff“ wurde besprochen"]

    change = MinutesInput(items={item.pk: ItemInput(discussion="Geändert.")})
    with pytest.raises(services.MinutesLocked, match="freigegeben"):
        services.save_minutes(minutes=minutes, actor=lead, version=minutes.version, data=change)
    with pytest.raises(services.MinutesLocked):
        services.create_decision(minutes=minutes, actor=lead, text="Nachträglich")
    with pytest.raises(services.MinutesLocked):
        services.add_comment(minutes=minutes, actor=team_member, text="Noch was")
    with pytest.raises(InvalidData, match="warum das Protokoll korrigiert wird"):
        services.correct_minutes(
            minutes=minutes, actor=lead, version=minutes.version, data=change, reason=" "
        )
    corrected = services.correct_minutes(
        minutes=minutes,
        actor=coordinator,
        version=minutes.version,
        data=change,
        reason="Tippfehler im Namen.",
    )
    assert (corrected.status, corrected.revision) == (MinutesStatus.APPROVED, 2)
    (revision,) = MinutesRevision.objects.filter(minutes=minutes)
    assert (revision.number, revision.reason, revision.created_by) == (
        1,
        "Tippfehler im Namen.",
        coordinator,
    )
    assert revision.snapshot["items"][0]["discussion"] == "Besprochen."
    assert revision.snapshot["decisions"] == [{"number": f"1/{meeting.date.year}", "text": "Ja."}]
    item.refresh_from_db()
    assert item.discussion == "Geändert."


def test_it_asks_the_attendees_to_comment_when_the_minutes_go_into_review(
    team_a, coordinator, lead, team_member, django_capture_on_commit_callbacks
):
    meeting = make_meeting(team_a, days=-1)
    guest = add_member(team_a, "Gerda", "Gast")
    guest.email = "gerda@example.org"
    guest.save()
    attend(meeting, person_of(team_member), person_of(lead), guest)
    minutes = services.start_minutes(meeting=meeting, actor=lead, minute_taker=None)
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_for_review(minutes=minutes, actor=lead, version=minutes.version)
    assert sorted(m.to[0] for m in mail.outbox) == [
        "gerda@example.org",
        "schule@heidekreis.example",
    ]
    message = mail.outbox[0]
    assert message.subject.startswith("Protokoll zur Abstimmung: Sozialraumteam Soltau")
    assert f"/heidekreis/treffen/{meeting.pk}/protokoll/" in message.body
