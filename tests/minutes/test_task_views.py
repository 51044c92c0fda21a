"""Tasks: "Meine Aufgaben" (open first by due date, overdue named in words, done ones folded
away), a task's page and its status by the personas, and the selectors others call."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db.models import RestrictedError
from django.urls import reverse
from django.utils import timezone

from sozialraum.audit.models import AuditEntry
from sozialraum.minutes import selectors
from sozialraum.minutes.models import MinutesStatus, Task, TaskStatus
from sozialraum.teams.models import Membership, MembershipRole
from tests.helpers import assert_queries_constant
from tests.minutes.conftest import make_meeting, make_minutes, make_person, make_task, person_of

pytestmark = pytest.mark.django_db


def my_tasks_url(office) -> str:
    return reverse("minutes:my_tasks", kwargs={"office_slug": office.slug})


def task_url(task: Task) -> str:
    return reverse("minutes:task", kwargs={"office_slug": task.youth_office.slug, "pk": task.pk})


@pytest.fixture
def tasks(team_world):
    w = team_world
    today = timezone.localdate()
    me = person_of(w.team_member)
    w.me = me
    w.overdue = make_task(w.team_a, "Raum für das Fest anfragen", me, due=today - timedelta(days=3))
    w.soon = make_task(w.team_a, "Einladung an die Kitas", me, due=today + timedelta(days=5))
    w.today_task = make_task(w.team_a, "Protokoll rundschicken", me, due=today)
    w.open_ended = make_task(w.team_a, "Kontakt zur Gemeinde halten", me)
    w.done = make_task(w.team_a, "Flyer gestalten", me, status=TaskStatus.DONE)
    w.someone_else = make_task(
        w.team_a2, "Fremde Aufgabe", person_of(w.other_team_member), due=today
    )
    return w


def test_it_lists_my_open_tasks_by_due_date_with_overdue_in_words(tasks, client_for):
    response = client_for(tasks.team_member).get(my_tasks_url(tasks.office_a))
    titles = [task.title for task in response.context["page"].object_list]
    assert titles == [
        "Raum für das Fest anfragen",
        "Protokoll rundschicken",
        "Einladung an die Kitas",
        "Kontakt zur Gemeinde halten",
    ]
    body = response.content.decode()
    assert "überfällig seit 3 Tagen" in body
    assert "Eine Aufgabe ist überfällig." in body
    assert "heute fällig" in body
    assert "ohne Frist" in body
    # Done ones are folded away below; somebody else's tasks are not shown.
    assert "<details" in body and "Flyer gestalten" in body
    assert body.index("Flyer gestalten") > body.index("<details")
    assert "Fremde Aufgabe" not in body


def test_it_shows_an_empty_list_to_who_has_no_person(tasks, client_for):
    body = client_for(tasks.reader).get(my_tasks_url(tasks.office_a)).content.decode()
    assert "Sie haben keine offenen Aufgaben." in body


def test_it_keeps_the_query_count_of_my_tasks(tasks, client_for):
    def grow():
        for number in range(20):
            make_task(tasks.team_a, f"Aufgabe {number}", tasks.me, due=date(2030, 1, 1))
            make_task(tasks.team_a, f"Erledigt {number}", tasks.me, status=TaskStatus.DONE)

    # 4 of every office page + the count of open tasks, the page of them with their team,
    # the done ones with their team.
    assert_queries_constant(
        client_for(tasks.team_member), my_tasks_url(tasks.office_a), grow, expected=6
    )


def test_it_shows_a_task_to_the_office_once_its_minutes_are_approved(tasks, client_for):
    w = tasks
    draft = make_minutes(make_meeting(w.team_a, date(2026, 3, 1)), status=MinutesStatus.DRAFT)
    drafted = make_task(w.team_a, "Im Entwurf", person_of(w.other_team_member), minutes=draft)
    url = task_url(drafted)
    # The responsible person sees it even as a member of another team.
    for persona in (w.coordinator, w.team_member, w.other_team_member):
        assert client_for(persona).get(url).status_code == 200
    for persona in (w.reader, w.professional):
        assert client_for(persona).get(url).status_code == 403
    assert client_for(w.reader).get(task_url(w.soon)).status_code == 200
    other = reverse("minutes:task", kwargs={"office_slug": w.office_b.slug, "pk": w.soon.pk})
    assert client_for(w.coordinator_b).get(other).status_code == 404


def test_it_lets_the_responsible_person_mark_it_done_and_reopen_it(tasks, client_for):
    client = client_for(tasks.team_member)
    url = task_url(tasks.overdue)
    assert "Als erledigt markieren" in client.get(url).content.decode()
    assert client.post(url, {"status": "erledigt", "version": 1}).status_code == 302
    tasks.overdue.refresh_from_db()
    assert tasks.overdue.status == TaskStatus.DONE and tasks.overdue.completed_at is not None
    assert "Wieder öffnen" in client.get(url).content.decode()
    assert client.post(url, {"status": "offen", "version": 2}).status_code == 302
    tasks.overdue.refresh_from_db()
    assert tasks.overdue.status == TaskStatus.OPEN and tasks.overdue.completed_at is None
    entries = AuditEntry.objects.filter(object_type="minutes.task", object_id=str(tasks.overdue.pk))
    assert [e.changes["status"]["new"] for e in entries.order_by("pk")] == ["erledigt", "offen"]


def test_it_lets_coordination_and_the_lead_drop_it_but_nobody_else(tasks, client_for):
    w = tasks
    responsible = make_person(w.office_a, "Nora", "Nolte")
    task = make_task(w.team_a, "Elternbrief übersetzen", responsible)
    url = task_url(task)
    for persona in (w.team_member, w.other_team_member, w.reader, w.professional):
        assert (
            client_for(persona).post(url, {"status": "entfallen", "version": 1}).status_code == 403
        )
    Membership.objects.filter(team=w.team_a, person=w.me).update(role=MembershipRole.LEAD)
    response = client_for(w.team_member).post(
        url, {"status": "entfallen", "version": 1, "note": "Erledigt sich durch die Schule."}
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert (task.status, task.status_note) == ("entfallen", "Erledigt sich durch die Schule.")
    assert client_for(w.coordinator).post(url, {"status": "offen", "version": 2}).status_code == 302


def test_it_shows_a_conflict_from_a_second_tab(tasks, client_for):
    client = client_for(tasks.team_member)
    url = task_url(tasks.soon)
    assert client.post(url, {"status": "erledigt", "version": 1}).status_code == 302
    response = client.post(url, {"status": "entfallen", "version": 1})
    assert response.status_code == 200
    assert "Jemand anderes hat diesen Eintrag gespeichert" in response.content.decode()
    tasks.soon.refresh_from_db()
    assert tasks.soon.status == TaskStatus.DONE


def test_it_refuses_bad_input_without_change(tasks, client_for):
    client = client_for(tasks.team_member)
    url = task_url(tasks.soon)
    for data in ({}, {"status": "weg", "version": 1}, {"status": "erledigt", "version": "-1"}):
        assert client.post(url, data).status_code == 200
    tasks.soon.refresh_from_db()
    assert tasks.soon.version == 1


def test_it_requires_a_responsible_person(tasks):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Task.objects.create(youth_office=tasks.office_a, team=tasks.team_a, title="Ohne")
    # And a person with tasks cannot simply be deleted.
    with pytest.raises(RestrictedError):
        tasks.me.delete()


# The selectors others call -----------------------------------------------------------------------


def test_it_gives_the_open_tasks_of_a_team(tasks, django_assert_num_queries):
    with django_assert_num_queries(1):
        titles = [
            (task.title, task.responsible.last_name) for task in selectors.open_tasks(tasks.team_a)
        ]
    assert titles == [
        ("Raum für das Fest anfragen", "Hartmann"),
        ("Protokoll rundschicken", "Hartmann"),
        ("Einladung an die Kitas", "Hartmann"),
        ("Kontakt zur Gemeinde halten", "Hartmann"),
    ]


def test_it_gives_the_overdue_tasks_of_a_person(tasks):
    assert [t.title for t in selectors.overdue_tasks(tasks.me)] == ["Raum für das Fest anfragen"]
    later = timezone.localdate() + timedelta(days=6)
    assert [t.title for t in selectors.overdue_tasks(tasks.me, today=later)] == [
        "Raum für das Fest anfragen",
        "Protokoll rundschicken",
        "Einladung an die Kitas",
    ]
