"""The daily reminder command through a real SMTP server: N days before the meeting (per
youth office), a question to who has not answered, overdue tasks named, each only once."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from sozialraum.meetings import invitations
from sozialraum.meetings.ical import BERLIN
from sozialraum.meetings.invitation_models import ReminderSettings
from sozialraum.meetings.models import Answer, Invitation, MeetingStatus
from sozialraum.minutes.models import Task, TaskStatus
from sozialraum.network.models import Person

pytestmark = pytest.mark.django_db

MEMBER = "schule@heidekreis.example"
LEAD = "leitung@heidekreis.example"


@pytest.fixture
def invited(meeting, coordinator, smtp, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invitations.send_invitations(meeting=meeting, actor=coordinator)
    smtp.clear()
    return meeting


def run(capture) -> str:
    out = StringIO()
    with capture(execute=True):
        call_command("send_meeting_reminders", stdout=out)
    return out.getvalue()


def days_before(time_machine, meeting, days: int) -> None:
    moment = datetime.combine(meeting.date - timedelta(days=days), time(7, 0), tzinfo=BERLIN)
    time_machine.move_to(moment, tick=False)


def test_it_reminds_three_days_before_with_overdue_tasks_once(
    invited, smtp, time_machine, django_capture_on_commit_callbacks, team_a
):
    member = Person.objects.get(email=MEMBER)
    Invitation.objects.filter(person=member).update(answer=Answer.YES)
    Invitation.objects.filter(person__email=LEAD).update(answer=Answer.NO)
    Task.objects.create(
        youth_office=team_a.youth_office,
        team=team_a,
        title="Flyer für das Ferienprogramm drucken",
        responsible=member,
        due=invited.date - timedelta(days=20),
    )
    Task.objects.create(
        youth_office=team_a.youth_office,
        team=team_a,
        title="Schon erledigt",
        responsible=member,
        due=invited.date - timedelta(days=20),
        status=TaskStatus.DONE,
    )
    days_before(time_machine, invited, 4)
    assert "Erinnerungen: 0" in run(django_capture_on_commit_callbacks)
    assert smtp.received == []

    days_before(time_machine, invited, 3)
    assert "Erinnerungen: 1" in run(django_capture_on_commit_callbacks)
    # Who declined is not reminded.
    assert [mail.rcpt_tos for mail in smtp.received] == [[MEMBER]]
    mail = smtp.received[0]
    assert mail.subject.startswith("Erinnerung: Sozialraumteam Soltau/Wietzendorf am ")
    assert "wir erinnern Sie an das Treffen" in mail.body
    assert "Diese Aufgaben sind überfällig:" in mail.body
    assert "Flyer für das Ferienprogramm drucken" in mail.body
    assert "Schon erledigt" not in mail.body
    assert "Ihre Antwort bisher: Zusage." in mail.body
    assert len(mail.links()) == 3

    smtp.clear()
    run(django_capture_on_commit_callbacks)
    days_before(time_machine, invited, 1)
    run(django_capture_on_commit_callbacks)
    assert smtp.received == [], "each reminder goes out once"


def test_it_asks_who_has_not_answered(
    invited, smtp, time_machine, django_capture_on_commit_callbacks
):
    Invitation.objects.filter(person__email=LEAD).update(answer=Answer.YES)
    days_before(time_machine, invited, 7)
    assert "Nachfragen ohne Antwort: 1" in run(django_capture_on_commit_callbacks)
    assert [mail.rcpt_tos for mail in smtp.received] == [[MEMBER]]
    mail = smtp.received[0]
    assert mail.subject.startswith("Bitte antworten Sie: ")
    assert "noch nicht geantwortet" in mail.body
    yes = mail.links()[0]
    smtp.clear()
    run(django_capture_on_commit_callbacks)
    assert smtp.received == []
    # The reminder three days before still comes, to both.
    days_before(time_machine, invited, 3)
    run(django_capture_on_commit_callbacks)
    assert sorted(m.rcpt_tos[0] for m in smtp.received) == [LEAD, MEMBER]
    assert yes


def test_it_does_both_in_one_mail_when_both_are_due(
    invited, smtp, time_machine, django_capture_on_commit_callbacks
):
    days_before(time_machine, invited, 2)
    run(django_capture_on_commit_callbacks)
    assert sorted(m.rcpt_tos[0] for m in smtp.received) == [LEAD, MEMBER]
    assert all(m.subject.startswith("Erinnerung: ") for m in smtp.received)
    assert "Bitte antworten Sie mit einem Klick" in smtp.received[0].body
    assert (
        not Invitation.objects.filter(answer_reminded_at__isnull=True)
        .exclude(person__email="")
        .exists()
    )


def test_it_follows_the_office_setting(
    invited, smtp, time_machine, django_capture_on_commit_callbacks, office_a
):
    ReminderSettings.objects.create(youth_office=office_a, days_before=5, answer_days_before=1)
    Invitation.objects.update(answer=Answer.YES)
    days_before(time_machine, invited, 5)
    run(django_capture_on_commit_callbacks)
    assert len(smtp.received) == 2


def test_it_leaves_cancelled_and_past_meetings_alone(
    invited, smtp, time_machine, django_capture_on_commit_callbacks
):
    invited.status = MeetingStatus.CANCELLED
    invited.save()
    days_before(time_machine, invited, 1)
    run(django_capture_on_commit_callbacks)
    invited.status = MeetingStatus.PLANNED
    invited.save()
    time_machine.move_to(datetime.combine(invited.date, time(12, 0), tzinfo=BERLIN), tick=False)
    run(django_capture_on_commit_callbacks)
    assert smtp.received == []


def test_it_reminds_again_after_a_move(
    invited, smtp, time_machine, django_capture_on_commit_callbacks
):
    days_before(time_machine, invited, 2)
    run(django_capture_on_commit_callbacks)
    invited.date += timedelta(days=14)
    invited.save()
    with django_capture_on_commit_callbacks(execute=True):
        invitations.send_update(invited)
    smtp.clear()
    days_before(time_machine, invited, 2)
    run(django_capture_on_commit_callbacks)
    assert len(smtp.received) == 2


def test_it_has_a_german_help(capsys):
    with pytest.raises(SystemExit):
        call_command("send_meeting_reminders", "--help")
    assert "Erinnerungen" in capsys.readouterr().out


def test_it_lets_coordination_set_the_days(client_for, coordinator, professional):
    url = reverse("meetings:reminder_settings", kwargs={"office_slug": "heidekreis"})
    client = client_for(coordinator)
    assert client.get(url).status_code == 200
    assert client.post(url, {"days_before": "5", "answer_days_before": "10"}).status_code == 302
    assert client.post(url, {"days_before": "4", "answer_days_before": "10"}).status_code == 302
    assert ReminderSettings.objects.get().days_before == 4
    for bad in ("0", "61", "drei", "9" * 30, ""):
        response = client.post(url, {"days_before": bad, "answer_days_before": "7"})
        assert response.status_code == 200 and "kern-error" in response.content.decode(), bad
    assert ReminderSettings.objects.get().days_before == 4
    assert client_for(professional).get(url).status_code == 403
