"""Invitations in a real browser: the answer link from the mail opened by an anonymous visitor
on a 320 px phone and confirmed; the invite, answer, calendar and reminder pages through axe-core
at 1280 and 320 px."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from sozialraum.meetings import invitations, rsvp
from sozialraum.meetings.models import AgendaItem, Answer, Invitation, Meeting, TimeSlot
from sozialraum.network.models import Person
from sozialraum.teams.models import Membership, MembershipRole
from tests.browser.conftest import NARROW, WIDE, assert_page_accessible, log_in
from tests.conftest import build_team_persona

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

LEAD = "leitung@heidekreis.example"
MEMBER = "schule@heidekreis.example"


@pytest.fixture
def meeting(office_a, team_a, team_member) -> Meeting:
    build_team_persona(
        office_a,
        team_a,
        email=LEAD,
        first_name="Petra",
        last_name="Lindemann",
        role=MembershipRole.LEAD,
    )
    substitute = Person.objects.create(
        youth_office=office_a, first_name="Vera", last_name="Vertretung"
    )
    Membership.objects.get(person__user=team_member).substitutes.add(substitute)
    nobody = Person.objects.create(youth_office=office_a, first_name="Gerd", last_name="Ohnemail")
    Membership.objects.create(
        youth_office=office_a, team=team_a, person=nobody, joined=date(2024, 1, 1)
    )
    meeting = Meeting.objects.create(
        youth_office=office_a,
        team=team_a,
        date=timezone.localdate() + timedelta(days=10),
        starts_at=time(9),
        ends_at=time(11),
        time_slot=TimeSlot.MORNING,
        place="Rathaus Soltau, Sitzungssaal mit einem recht langen Namen im ersten Stock",
    )
    AgendaItem.objects.create(youth_office=office_a, meeting=meeting, title="Begrüßung")
    invitations.send_invitations(meeting=meeting, actor=None)
    return meeting


def test_it_confirms_an_answer_from_the_mail_link_on_a_phone(new_page, meeting):
    invitation = Invitation.objects.get(meeting=meeting, person__email=MEMBER)
    token = rsvp.make_token(invitation, Answer.SUBSTITUTE)
    url = reverse("meetings:rsvp", kwargs={"office_slug": "heidekreis", "token": token})
    page = new_page(NARROW)
    page.goto(url)
    assert page.get_by_label("Meine Vertretung kommt").is_checked()
    assert_page_accessible(page, "Antwort per Link")
    page.get_by_label("Wer vertritt Sie?").select_option(label="Vera Vertretung")
    page.get_by_role("button", name="Antwort bestätigen").click()
    page.wait_for_load_state()
    assert page.get_by_role(
        "heading", name="Vielen Dank, Ihre Antwort ist gespeichert"
    ).is_visible()
    assert_page_accessible(page, "Antwort per Link gespeichert")
    invitation.refresh_from_db()
    assert invitation.answer == Answer.SUBSTITUTE
    assert invitation.substitute.last_name == "Vertretung"

    wide = new_page(WIDE)
    wide.goto(url)
    assert_page_accessible(wide, "Antwort per Link")
    wide.goto(url[:-5] + "xxxx/")
    assert wide.get_by_role(
        "heading", name="Mit diesem Link lässt sich nicht antworten"
    ).is_visible()
    assert_page_accessible(wide, "Antwort-Link ungültig")


@pytest.mark.parametrize("width", [WIDE, NARROW])
def test_it_shows_the_invite_and_answer_pages_accessibly(new_page, meeting, width):
    kwargs = {"office_slug": "heidekreis", "pk": meeting.pk}
    page = new_page(width)
    log_in(page, LEAD)
    page.goto(reverse("meetings:invite", kwargs=kwargs) + "?q=Vertretung")
    assert page.get_by_text("nicht per E-Mail erreichbar").first.is_visible()
    assert_page_accessible(page, "Einladen")
    page.get_by_label("Vera Vertretung").check()
    page.get_by_role("button", name="Einladungen verschicken").click()
    page.wait_for_load_state()
    assert Invitation.objects.filter(meeting=meeting, is_guest=True).count() == 1

    page.goto(reverse("meetings:answer", kwargs=kwargs))
    assert_page_accessible(page, "Antworten")
    page.get_by_label("Zusage").check()
    page.get_by_role("button", name="Antwort speichern").click()
    page.wait_for_load_state()
    assert Invitation.objects.get(meeting=meeting, person__email=LEAD).answer == Answer.YES

    page.goto(reverse("meetings:calendar_feed_settings", kwargs={"office_slug": "heidekreis"}))
    page.get_by_role("button", name="Kalender-Adresse anlegen").click()
    page.wait_for_load_state()
    assert "/kalender/" in page.get_by_label("Adresse zum Abonnieren").input_value()
    assert_page_accessible(page, "Kalender-Abonnement")


def test_it_shows_the_reminder_settings_accessibly(new_page, coordinator):
    page = new_page(NARROW)
    log_in(page, coordinator.email)
    page.goto(reverse("meetings:reminder_settings", kwargs={"office_slug": "heidekreis"}))
    page.get_by_label("Erinnerung an alle: wie viele Tage vor dem Treffen?").fill("0")
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_load_state()
    assert_page_accessible(page, "Erinnerungen mit Fehler")
