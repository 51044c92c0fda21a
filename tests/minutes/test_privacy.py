"""The DSGVO requests about a person reach their tasks and the minutes they took: exported,
and erased without a ProtectedError (Task.responsible restricts deleting the person alone)."""

from __future__ import annotations

import pytest

from sozialraum.lib.privacy import person_parts
from sozialraum.minutes import services
from sozialraum.minutes.models import Minutes, Task
from sozialraum.network.models import Person
from sozialraum.network.privacy import erase_person
from tests.minutes.world import attend, make_meeting, person_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def responsible(office_a, team_a, team_member, coordinator):
    person = person_of(team_member)
    meeting = make_meeting(team_a, days=-7)
    attend(meeting, person)
    services.start_minutes(meeting=meeting, actor=coordinator, minute_taker=person)
    Task.objects.create(
        youth_office=office_a, team=team_a, title="Antrag schreiben", responsible=person
    )
    return person


def part():
    return next(p for p in person_parts() if p.key == "minutes_tasks")


def test_it_exports_a_persons_tasks_and_minutes(responsible):
    data = part().export(responsible)
    assert [row["aufgabe"] for row in data["aufgaben"]] == ["Antrag schreiben"]
    assert [row["team"] for row in data["protokolle"]] == ["Sozialraumteam Soltau/Wietzendorf"]


def test_it_erases_a_person_responsible_for_a_task(responsible, coordinator):
    erase_person(person=responsible, actor=coordinator)
    assert not Person.objects.filter(pk=responsible.pk).exists()
    assert not Task.objects.exists()
    assert Minutes.objects.get().minute_taker is None
