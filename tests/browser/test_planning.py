"""Planning in a real browser (issue 11), as the demo personas.

`test_a_project_from_notes_to_evaluation`: a project (built with the ORM) gets a progress note
from the team's member, is evaluated by coordination (a draft first, a negative value refused at
the field, then completed), feeds back to its need and is continued into the next period. Every
page passed is checked by axe-core at 1280 and 320 px.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from sozialraum.planning.measure_models import Goal, Measure
from sozialraum.planning.models import NeedStatus
from sozialraum.planning.project_models import Evaluation, ProgressNote, ProjectStatus
from tests.browser.conftest import NARROW, WIDE, assert_page_accessible, log_in
from tests.conftest import build_team_member
from tests.planning.project_fixtures import make_criteria, make_project

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

H = "/heidekreis/planung"
COORDINATOR = "koordination@heidekreis.example"
SABINE = "schule@heidekreis.example"


def check_both_widths(page, name: str) -> None:
    """axe-core, CSP and overflow at 1280 px and on a 320 px phone, back at the page's width."""
    width = page.viewport_size["width"]
    assert_page_accessible(page, name)
    page.set_viewport_size({"width": NARROW if width != NARROW else WIDE, "height": 900})
    assert_page_accessible(page, name)
    page.set_viewport_size({"width": width, "height": 900})


@pytest.fixture
def project_world(office_a, team_a, team_org, coordinator, space_a, space_a2):
    build_team_member(office_a, team_a, team_org)
    make_criteria(office_a)
    today = timezone.localdate()
    return make_project(
        office_a,
        spaces=[space_a, space_a2],
        team=team_a,
        title="Elterncafé am Heidering",
        start=today - timedelta(days=300),
        end=today - timedelta(days=1),
    )


def test_a_project_from_notes_to_evaluation(new_page, project_world):
    project = project_world
    # The team's member reports on the project from her phone.
    phone = new_page(NARROW)
    log_in(phone, SABINE)
    phone.goto(f"{H}/projekte/")
    check_both_widths(phone, "planning-projects")
    phone.get_by_role("link", name="Elterncafé am Heidering").click()
    check_both_widths(phone, "planning-project")
    phone.get_by_label("Datum").fill(
        (timezone.localdate() - timedelta(days=2)).strftime("%d.%m.%Y")
    )
    phone.get_by_label("Bericht", exact=True).fill(
        "Zum Abschluss kamen 25 Familien mit ihren Kindern."
    )
    phone.get_by_role("button", name="Bericht speichern").click()
    phone.wait_for_load_state()
    assert phone.get_by_text("Ihr Bericht wurde gespeichert.").is_visible()
    assert ProgressNote.objects.filter(project=project).count() == 1
    assert phone.get_by_role("link", name="Evaluation beginnen").count() == 0  # not hers

    # Coordination evaluates: a draft, a negative value refused, then the completion.
    page = new_page(WIDE)
    log_in(page, COORDINATOR)
    page.goto(project.get_absolute_url())
    page.get_by_role("link", name="Evaluation beginnen").click()
    check_both_widths(page, "planning-evaluation")
    first, second = Goal.objects.filter(measure=project.measure)
    page.locator(f"#id_result_{first.pk}").fill("-2")
    page.locator(f"#id_result_{second.pk}").fill("18,5")
    page.get_by_label("Was hat funktioniert?").fill("Der Nachmittagstermin.")
    page.get_by_role("button", name="Entwurf speichern").click()
    page.wait_for_load_state()
    assert page.get_by_text("Der erreichte Wert darf nicht negativ sein.").first.is_visible()
    check_both_widths(page, "planning-evaluation-error")
    assert not Evaluation.objects.exists()
    page.locator(f"#id_result_{first.pk}").fill("22")
    page.get_by_role("button", name="Entwurf speichern").click()
    page.wait_for_load_state()
    assert page.get_by_text("Der Entwurf der Evaluation wurde gespeichert.").is_visible()
    page.locator("#id_structure").fill("Der Raum im Familienzentrum passte gut.")
    page.get_by_label("Räume sind barrierefrei").select_option("4")
    page.get_by_label("teilweise gedeckt").check()
    page.get_by_role("button", name="Evaluation abschließen").click()
    page.wait_for_load_state()
    assert page.get_by_text("Die Evaluation ist abgeschlossen.").is_visible()
    check_both_widths(page, "planning-project-evaluated")
    project.refresh_from_db()
    assert project.status == ProjectStatus.EVALUATED
    assert project.measure.needs.get().status == NeedStatus.PARTLY_MET

    # ... and continues it into the next period.
    page.get_by_role("button", name="Im nächsten Zeitraum fortsetzen").click()
    page.wait_for_load_state()
    continued = Measure.objects.get(continued_from=project.measure)
    assert continued.period_start == project.ends + timedelta(days=1)
    assert continued.goals.count() == 2
    assert isinstance(continued.period_end, date)
