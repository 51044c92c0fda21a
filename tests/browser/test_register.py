"""The decisions register and "Meine Aufgaben" in a real browser: a search as one types at 1280
and 320 px, a decision's page, marking a task done; axe-core on every page."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import NARROW, WIDE, assert_page_accessible, log_in
from tests.minutes.conftest import make_decision, make_meeting, make_minutes, make_task, person_of

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

MEMBER = "schule@heidekreis.example"  # the team_member persona


@pytest.fixture
def register(world, team_a, team_a2, team_member, other_team_member):
    w = world
    w.team_a, w.team_a2, w.team_member = team_a, team_a2, team_member
    minutes = make_minutes(make_meeting(w.team_a, date(2026, 2, 3)))
    texts = [
        "Das Ferienprogramm 2026 wird gemeinsam mit dem Jugendtreff geplant und im Mai "
        "in allen Schulen beworben. Die Kosten teilen sich die Träger.",
        "Die Sprechstunde der Schulsozialarbeit wird um zwei Stunden erweitert.",
        "Für die Sommerferien wird eine Betreuung an drei Standorten angeboten.",
    ]
    for text in texts:
        make_decision(w.team_a, text, minutes=minutes)
    make_decision(w.team_a2, "Walsrode plant ein Ferienlager am See.", day=date(2025, 6, 1))
    me = person_of(w.team_member)
    today = timezone.localdate()
    w.overdue = make_task(w.team_a, "Raum für das Fest anfragen", me, due=today - timedelta(2))
    make_task(w.team_a, "Einladung an die Kitas schicken", me, due=today + timedelta(days=9))
    make_task(w.team_a, "Flyer gestalten", me, status="erledigt")
    return w


def test_it_searches_the_register_as_one_types(register, new_page):
    for width in (WIDE, NARROW):
        page = new_page(width)
        log_in(page, MEMBER)
        page.goto(f"/{register.office_a.slug}/beschluesse/")
        assert_page_accessible(page, "Beschlüsse")
        page.get_by_label("Suchbegriff oder Nummer").fill("Ferien")
        expect(page.locator("#trefferzahl")).to_contain_text("3 Beschlüsse gefunden")
        rows = page.locator("#ergebnisse tbody tr")
        assert rows.count() == 3
        assert "Sprechstunde" not in page.locator("#ergebnisse").inner_text()
        assert "q=Ferien" in page.url
        assert_page_accessible(page, "Beschlüsse gesucht")
        page.locator("#ergebnisse tbody tr").first.get_by_role("link").first.click()
        page.wait_for_load_state()
        assert "/beschluesse/" in page.url
        assert_page_accessible(page, "Beschluss")


def test_it_filters_the_register_without_javascript_too(register, new_page):
    page = new_page(WIDE)
    page.context.set_extra_http_headers({})
    log_in(page, MEMBER)
    page.goto(f"/{register.office_a.slug}/beschluesse/?team={register.team_a2.pk}&jahr=2025")
    assert "1 Beschluss gefunden" in page.locator("#trefferzahl").inner_text()
    assert "Ferienlager" in page.locator("#ergebnisse").inner_text()


def test_it_shows_my_tasks_and_marks_one_done(register, new_page):
    for width in (WIDE, NARROW):
        page = new_page(width)
        log_in(page, MEMBER)
        page.goto(f"/{register.office_a.slug}/aufgaben/")
        assert "überfällig seit 2 Tagen" in page.content()
        assert_page_accessible(page, "Meine Aufgaben")
        page.get_by_text("Eine Aufgabe anzeigen").click()
        assert page.get_by_role("link", name="Flyer gestalten").is_visible()
    wide = new_page(WIDE)
    log_in(wide, MEMBER)
    wide.goto(f"/{register.office_a.slug}/aufgaben/{register.overdue.pk}/")
    assert_page_accessible(wide, "Aufgabe")
    page.get_by_role("link", name="Raum für das Fest anfragen").click()
    page.wait_for_load_state()
    assert_page_accessible(page, "Aufgabe")
    page.get_by_role("button", name="Als erledigt markieren").click()
    page.wait_for_load_state()
    assert "Der Status der Aufgabe ist gespeichert." in page.content()
    register.overdue.refresh_from_db()
    assert register.overdue.status == "erledigt"
    page.goto(f"/{register.office_a.slug}/aufgaben/")
    assert "überfällig" not in page.locator("main").inner_text()


def test_it_lets_coordination_revoke_a_decision_with_a_reason(register, new_page):
    from sozialraum.minutes.models import Decision

    decision = Decision.objects.filter(team=register.team_a).order_by("number").first()
    for width in (NARROW, WIDE):
        page = new_page(width)
        log_in(page, "koordination@heidekreis.example")
        page.goto(f"/{register.office_a.slug}/beschluesse/{decision.pk}/")
        assert_page_accessible(page, "Beschluss mit Status")
    page.get_by_role("button", name="Beschluss aufheben").click()
    page.wait_for_load_state()
    assert "warum der Beschluss aufgehoben wird" in page.content()
    assert_page_accessible(page, "Beschluss aufheben ohne Grund")
    page.get_by_label("Vermerk").fill("Ersetzt durch Beschluss 4/2026.")
    page.get_by_role("button", name="Beschluss aufheben").click()
    page.wait_for_load_state()
    assert "ist gespeichert" in page.content()
    assert "Ersetzt durch Beschluss 4/2026." in page.locator("main").inner_text()
    decision.refresh_from_db()
    assert decision.status == "aufgehoben"
