"""One full meeting cycle in a real browser, as issue 9's "Done when" tells it.

A member brings in a topic; coordination schedules it into today's meeting and sends the
invitations (to a real SMTP server on localhost); the members answer from the link in the mail
they received, anonymously, with the one button; attendance is taken on a 320 px phone; the
suggested minute-taker writes the minutes with a decision and a task; an attendee comments
during the review; coordination approves; the task is on the next meeting's agenda ("Offene
Aufgaben") and the submitter got feedback by mail and on the topic page. Every page passed
through is checked by axe-core at 1280 and 320 px. Only the world before the cycle (office,
team, members, an earlier meeting whose minutes Sabine took) is built with services.

The meeting is today until 23:59 (attendance on the day, answers until its end): the test
does not run in the last minute before midnight.
"""

from __future__ import annotations

import re

import pytest

from sozialraum.meetings.models import (
    AgendaCarryOver,
    Answer,
    Invitation,
    Meeting,
    TimeSlot,
    Topic,
    TopicStatus,
)
from sozialraum.minutes import services
from sozialraum.minutes.models import Decision, Minutes, MinutesStatus, Task
from tests.browser.conftest import NARROW, WIDE, assert_page_accessible, log_in
from tests.conftest import build_team_member, build_team_persona
from tests.meetings.invitations.conftest import Mailbox
from tests.meetings.invitations.conftest import smtp as smtp  # the real SMTP server (a fixture)
from tests.minutes.world import attend, make_meeting, person_of

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

H = "/heidekreis"
COORDINATOR = "koordination@heidekreis.example"
SABINE = "schule@heidekreis.example"
JONAS = "jugendpflege@heidekreis.example"
TOPIC = "Schulweg an der B 3"
TASK = "Antrag an die Stadt Soltau schreiben"


def check_both_widths(page, name: str) -> None:
    """axe-core, CSP and overflow at 1280 px and on a 320 px phone, back at the page's width."""
    width = page.viewport_size["width"]
    assert_page_accessible(page, name)
    page.set_viewport_size({"width": NARROW if width != NARROW else WIDE, "height": 900})
    assert_page_accessible(page, name)
    page.set_viewport_size({"width": width, "height": 900})


def link_in(mail, label: str) -> str:
    """The URL on the line after "<label>:" in the mail's text."""
    match = re.search(rf"^{re.escape(label)}:\s*\n(http://\S+)", mail.body, re.MULTILINE)
    assert match, f"no link {label!r} in:\n{mail.body}"
    return match.group(1)


def mails_to(mailbox: Mailbox, address: str, subject_part: str) -> list:
    return [mail for mail in mailbox.to(address) if subject_part in mail.subject]


@pytest.fixture
def cycle_world(office_a, team_a, team_org, coordinator, smtp, settings, live_server):
    """The team before the cycle: Sabine (school) and Jonas (youth work) as members, an earlier
    meeting whose minutes Sabine took (so the rotation suggests Jonas now), today's meeting
    and the next one in six weeks."""
    settings.SITE_URL = live_server.url
    sabine = build_team_member(office_a, team_a, team_org)
    jonas = build_team_persona(
        office_a, team_a, email=JONAS, first_name="Jonas", last_name="Albers"
    )
    earlier = make_meeting(team_a, days=-42)
    attend(earlier, person_of(sabine), person_of(jonas))
    minutes = services.start_minutes(
        meeting=earlier, actor=coordinator, minute_taker=person_of(sabine)
    )
    minutes = services.submit_for_review(
        minutes=minutes, actor=coordinator, version=minutes.version
    )
    services.approve_minutes(minutes=minutes, actor=coordinator, version=minutes.version)
    today = make_meeting(team_a, days=0, starts="16:00", ends="23:59")
    Meeting.objects.filter(pk=today.pk).update(time_slot=TimeSlot.AFTERNOON)
    following = make_meeting(team_a, days=42)
    smtp.clear()
    return team_a, today, following


def bring_in_topic(new_page, team):
    """1. Sabine, a member, brings in a topic from the team page."""
    sabine = new_page()
    log_in(sabine, SABINE)
    sabine.goto(f"{H}/teams/")
    sabine.get_by_role("link", name=team.name).first.click()
    check_both_widths(sabine, "cycle: team page (member)")
    sabine.get_by_role("link", name="Thema einbringen").click()
    sabine.get_by_label("Thema", exact=True).fill(TOPIC)
    sabine.get_by_label("Warum ist das Thema wichtig?").fill(
        "Autos fahren vor der Grundschule zu schnell."
    )
    sabine.get_by_role("button", name="Thema einbringen").click()
    sabine.get_by_text("Ihr Thema ist eingebracht").wait_for()
    check_both_widths(sabine, "cycle: topic submitted")
    return sabine, Topic.objects.get(title=TOPIC)


def schedule_and_invite(new_page, team, meeting, following, topic):
    """2. Coordination finds the topic among the team's topics, schedules it into today's
    meeting and invites from the meeting page."""
    coordination = new_page()
    log_in(coordination, COORDINATOR)
    coordination.goto(f"{H}/teams/{team.pk}/")
    coordination.get_by_role("link", name="Themen", exact=True).click()
    check_both_widths(coordination, "cycle: topics")
    coordination.get_by_role("link", name=TOPIC).click()
    coordination.get_by_role("button", name="In die Tagesordnung aufnehmen").click()
    coordination.get_by_text("Das Thema ist eingeplant.").wait_for()
    topic.refresh_from_db()
    assert topic.status == TopicStatus.SCHEDULED and topic.meeting_id == meeting.pk

    # A look at the following meeting's agenda prepares it, before any task exists: the open
    # task must still join it later.
    coordination.goto(f"{H}/treffen/{following.pk}/tagesordnung/")
    coordination.get_by_text("Offene Aufgaben").wait_for(state="detached")
    assert AgendaCarryOver.objects.filter(meeting=following).exists()

    coordination.goto(f"{H}/teams/{team.pk}/")
    coordination.get_by_role("link", name="Alle Treffen").click()
    coordination.locator(f"a[href$='/treffen/{meeting.pk}/']").first.click()
    coordination.get_by_role("region", name="Tagesordnung").get_by_text(TOPIC).wait_for()
    check_both_widths(coordination, "cycle: meeting before invitations")
    coordination.get_by_role("link", name="Einladen").click()
    check_both_widths(coordination, "cycle: invite")
    coordination.get_by_role("button", name="Einladungen verschicken").click()
    coordination.wait_for_load_state()
    check_both_widths(coordination, "cycle: meeting with invitations")
    return coordination


def answer_from_the_mail(new_page, mailbox, meeting):
    """3. Both members answer from the link in the mail the SMTP server received: anonymously,
    in a fresh browser on a phone, the answer preselected, one button."""
    for address in (SABINE, JONAS):
        received = mails_to(mailbox, address, "Einladung")
        assert len(received) == 1, [mail.subject for mail in mailbox.received]
        assert received[0].calendar_part() is not None
        assert TOPIC in received[0].body
        anonymous = new_page(NARROW)
        anonymous.goto(link_in(received[0], "Zusage"))
        assert anonymous.get_by_label("Zusage", exact=True).is_checked()
        check_both_widths(anonymous, "cycle: answer from the mail")
        anonymous.get_by_role("button", name="Antwort bestätigen").click()
        thanks = "Vielen Dank, Ihre Antwort ist gespeichert"
        anonymous.get_by_role("heading", name=thanks).wait_for()
        invitation = Invitation.objects.get(meeting=meeting, person__email=address)
        assert invitation.answer == Answer.YES


def take_attendance_on_a_phone(new_page, meeting):
    """4. On the day, Sabine takes the attendance on her phone."""
    phone = new_page(NARROW)
    log_in(phone, SABINE)
    phone.goto(f"{H}/treffen/{meeting.pk}/")
    phone.get_by_role("link", name="Anwesenheitsliste").click()
    check_both_widths(phone, "cycle: attendance on the phone")
    phone.get_by_label("Sabine Hartmann").check()
    phone.get_by_label("Jonas Albers").check()
    phone.get_by_role("button", name="Anwesenheit speichern").click()
    phone.wait_for_load_state()
    assert meeting.attendances.count() == 2
    assert_page_accessible(phone, "cycle: attendance saved")


def begin_minutes_with_the_suggestion(coordination, meeting) -> Minutes:
    """5. Coordination begins the minutes with the suggested minute-taker: Jonas (Sabine took
    the last ones)."""
    coordination.goto(f"{H}/treffen/{meeting.pk}/")
    coordination.get_by_role("link", name="Zum Protokoll").click()
    coordination.get_by_text("Vorschlag für das Protokoll: Jonas Albers.").wait_for()
    check_both_widths(coordination, "cycle: minutes not begun")
    coordination.get_by_role("button", name="Protokoll beginnen").click()
    coordination.wait_for_load_state()
    minutes = Minutes.objects.get(meeting=meeting)
    assert minutes.minute_taker.last_name == "Albers"
    return minutes


def write_minutes(new_page, meeting, minutes) -> None:
    """6. Jonas writes the minutes with a decision and a task, and asks for the review."""
    jonas = new_page()
    log_in(jonas, JONAS)
    jonas.goto(f"{H}/treffen/{meeting.pk}/protokoll/")
    jonas.get_by_role("link", name="Protokoll bearbeiten").click()
    check_both_widths(jonas, "cycle: minutes editor")
    jonas.get_by_text(f"TOP 1: {TOPIC}").first.wait_for()  # the only item of the agenda
    jonas.get_by_label("TOP 1: Besprechung").fill("Die Schule berichtet von Beinaheunfällen.")
    jonas.get_by_label("TOP 1: neuer Beschluss").fill(
        "Das Team bittet die Stadt um Tempo 30 vor der Grundschule."
    )
    jonas.get_by_label("TOP 1: neue Aufgabe").fill(TASK)
    jonas.get_by_label("TOP 1: zuständig für die Aufgabe").select_option(label="Sabine Hartmann")
    jonas.get_by_role("button", name="Protokoll speichern").click()
    jonas.get_by_text("Das Protokoll ist gespeichert.").wait_for()
    check_both_widths(jonas, "cycle: minutes draft")
    jonas.get_by_role("button", name="Zur Abstimmung geben").click()
    jonas.wait_for_load_state()
    minutes.refresh_from_db()
    assert minutes.status == MinutesStatus.IN_REVIEW
    assert Decision.objects.filter(minutes=minutes).count() == 1
    assert Task.objects.get(minutes=minutes).responsible.last_name == "Hartmann"


def comment_and_approve(sabine, coordination, meeting, minutes) -> None:
    """7. Sabine, an attendee, comments during the review; 8. coordination approves."""
    sabine.goto(f"{H}/treffen/{meeting.pk}/protokoll/")
    sabine.get_by_label("Anmerkung zu TOP 1").fill("Bitte auch den Elternrat nennen.")
    sabine.get_by_role("button", name="Anmerkung senden").first.click()
    sabine.get_by_text("Danke, Ihre Anmerkung ist gespeichert.").wait_for()
    check_both_widths(sabine, "cycle: minutes in review")

    coordination.goto(f"{H}/treffen/{meeting.pk}/protokoll/")
    coordination.get_by_text("Bitte auch den Elternrat nennen.").first.wait_for()
    coordination.get_by_role("button", name="Protokoll freigeben").click()
    coordination.get_by_text("Das Protokoll ist freigegeben.").wait_for()
    check_both_widths(coordination, "cycle: minutes approved")
    minutes.refresh_from_db()
    assert minutes.status == MinutesStatus.APPROVED


def task_carried_over(sabine, coordination, following) -> None:
    """9. The task is on the next meeting's agenda under "Offene Aufgaben", and on Sabine's
    "Meine Aufgaben"."""
    coordination.goto(f"{H}/treffen/{following.pk}/")
    coordination.get_by_role("link", name="Zur Tagesordnung").click()
    item = coordination.locator("li", has_text="Offene Aufgaben").first
    item.get_by_text(TASK).wait_for()
    check_both_widths(coordination, "cycle: next agenda with the open task")

    sabine.goto(f"{H}/teams/")
    sabine.get_by_role("link", name="Meine Aufgaben").click()
    sabine.get_by_text(TASK).first.wait_for()
    check_both_widths(sabine, "cycle: my tasks")


def submitter_got_feedback(sabine, mailbox, topic) -> None:
    """10. Sabine got feedback: by mail (scheduled, then discussed) and on the topic page."""
    subjects = [mail.subject for mail in mailbox.to(SABINE)]
    assert mails_to(mailbox, SABINE, "ist eingeplant"), subjects
    discussed = mails_to(mailbox, SABINE, "wurde besprochen")
    assert discussed, subjects
    link = re.search(r"http://\S+/themen/\d+/", discussed[0].body)
    assert link, discussed[0].body
    sabine.goto(link.group(0))
    sabine.get_by_role("region", name="Rückmeldung").get_by_text(
        "Besprochen beim Treffen"
    ).wait_for()
    check_both_widths(sabine, "cycle: topic with feedback")
    topic.refresh_from_db()
    assert topic.status == TopicStatus.DISCUSSED


def test_it_plays_one_full_meeting_cycle(new_page, cycle_world, smtp):
    team, meeting, following = cycle_world
    sabine, topic = bring_in_topic(new_page, team)
    coordination = schedule_and_invite(new_page, team, meeting, following, topic)
    answer_from_the_mail(new_page, smtp, meeting)
    take_attendance_on_a_phone(new_page, meeting)
    minutes = begin_minutes_with_the_suggestion(coordination, meeting)
    write_minutes(new_page, meeting, minutes)
    comment_and_approve(sabine, coordination, meeting, minutes)
    task_carried_over(sabine, coordination, following)
    submitter_got_feedback(sabine, smtp, topic)
