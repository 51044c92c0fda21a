"""Planning in a real browser (issue 11), as the demo personas.

`test_from_a_team_meeting_to_the_evaluation` walks issue 11's "Done when": Jonas Albers
(Fachkraft, member of the Sozialraumteam Soltau/Wietzendorf) raises a need from an agenda item
of the team's meeting; Katrin Meyer (coordination) assesses, accepts and scores it; Jonas
describes the measure with a goal and its cost calculation (TVöD SuE S 12) and submits it;
Katrin approves it (up to 10.000 € coordination decides), commits it pooled over two
Sozialraumbezirke, records an expense on each share, evaluates the project and completes the
evaluation; the need is met and the dashboard shows what was committed and spent. Only the
world before (office, team, meeting, budgets, pay group, criteria, approval level) is made
with the ORM.

`test_a_project_from_notes_to_evaluation`: a project (built with the ORM) gets a progress note
from the team's member, is evaluated by coordination (a draft first, a negative value refused at
the field, then completed), feeds back to its need and is continued into the next period. Every
page passed is checked by axe-core at 1280 and 320 px.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from sozialraum.planning.measure_models import Goal, Measure
from sozialraum.planning.models import NeedStatus
from sozialraum.planning.project_models import Evaluation, ProgressNote, ProjectStatus
from tests.browser.conftest import NARROW, WIDE, assert_page_accessible, log_in
from tests.conftest import build_team_member, build_team_persona
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


def test_it_a_project_from_notes_to_evaluation(new_page, project_world):
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


# From a team meeting to the evaluation ----------------------------------------------------------

JONAS = "fachkraft@heidekreis.example"


@pytest.fixture
def cycle_world(office_a, team_a, coordinator, space_a, space_a2, org_a):
    from decimal import Decimal

    from sozialraum.meetings.models import AgendaItem
    from sozialraum.planning.budget_models import Budget
    from sozialraum.planning.models import ApprovalLevel, ApproverKind, PayGroup, PriorityCriterion
    from tests.minutes.world import make_meeting

    build_team_persona(office_a, team_a, email=JONAS, first_name="Jonas", last_name="Albers")
    meeting = make_meeting(team_a, days=-1)
    item = AgendaItem.objects.create(
        youth_office=office_a, meeting=meeting, position=1, title="Kein Treffpunkt für Eltern"
    )
    year = timezone.localdate().year
    for space in (space_a, space_a2):
        Budget.objects.create(
            youth_office=office_a, social_space=space, year=year, planned=Decimal("20000.00")
        )
    PayGroup.objects.create(youth_office=office_a, name="TVöD SuE S 12", hourly_rate="53.80")
    PriorityCriterion.objects.create(youth_office=office_a, name="Dringlichkeit", weight=3)
    ApprovalLevel.objects.create(
        youth_office=office_a,
        name="Koordination",
        kind=ApproverKind.COORDINATION,
        up_to=Decimal("10000.00"),
    )
    make_criteria(office_a)
    return item


def choose(field, value: str) -> None:
    """Select an option or type into a field, whichever the form offers."""
    if field.evaluate("e => e.tagName") == "SELECT":
        field.select_option(value)
    else:
        field.fill(value)


def submit(page, name: str) -> None:
    page.locator("main form").get_by_role("button", name=name).click()
    page.wait_for_load_state()


def raise_need(jonas, item):
    """Jonas raises the need from the agenda item of yesterday's meeting."""
    from sozialraum.planning.models import Need

    log_in(jonas, JONAS)
    jonas.goto(f"/heidekreis/treffen/{item.meeting_id}/tagesordnung/")
    jonas.get_by_role("link", name="Als Bedarf erfassen").click()
    jonas.wait_for_load_state()
    check_both_widths(jonas, "planning-need-from-item")
    jonas.get_by_label("Titel").fill("Treffpunkt für Eltern mit Kleinkindern")
    jonas.get_by_label("Begriffsbestimmung").fill(
        "Eltern mit Kindern unter drei Jahren ohne Treffpunkt."
    )
    jonas.get_by_label("Soltau/Wietzendorf").check()
    jonas.get_by_label("Walsrode").check()
    submit(jonas, "Bedarf erfassen")
    check_both_widths(jonas, "planning-need")
    return Need.objects.get(agenda_item=item)


def accept_and_score(katrin, need) -> None:
    """Katrin assesses, accepts and scores the need; it is in the ranking."""
    katrin.goto(need.get_absolute_url())
    submit(katrin, "Als geprüft markieren")
    submit(katrin, "Anerkennen")
    katrin.get_by_role("link", name="Bewerten").click()
    choose(katrin.get_by_label("Dringlichkeit"), "5")
    submit(katrin, "Bewertung speichern")
    katrin.goto(f"{H}/bedarfe/rangfolge/")
    assert katrin.get_by_text("Treffpunkt für Eltern mit Kleinkindern").first.is_visible()
    check_both_widths(katrin, "planning-ranking")


def describe_measure(jonas, need, carrier, year: int):
    """Jonas describes the measure with a goal, calculates its costs and submits it."""
    from sozialraum.planning.measure_models import Measure
    from sozialraum.planning.models import PayGroup

    jonas.goto(need.get_absolute_url())
    jonas.get_by_role("link", name="Maßnahme dazu beschreiben").click()
    jonas.wait_for_load_state()
    jonas.get_by_label("Titel").fill("Elterncafé Soltau und Walsrode")
    jonas.locator("#id_carrier").select_option(str(carrier.pk))
    jonas.locator("#id_social_spaces_0").check()
    jonas.locator("#id_social_spaces_1").check()
    jonas.get_by_label("Beginn").fill(f"01.01.{year}")
    jonas.get_by_label("Ende").fill(f"31.12.{year}")
    for field, value in (
        ("description", "Familien ohne Anbindung erreichen"),
        ("indicator", "Familien, die mindestens dreimal kamen"),
        ("target_value", "30"),
        ("unit", "Familien"),
    ):
        jonas.locator(f"#id_ziele-0-{field}").fill(value)
    check_both_widths(jonas, "planning-measure-add")
    submit(jonas, "Weiter zu den Kosten")
    check_both_widths(jonas, "planning-measure-costs")
    jonas.locator("#id_posten-0-kind").select_option("personal")
    jonas.locator("#id_posten-0-description").fill("Sozialpädagogin")
    group = PayGroup.objects.get(name="TVöD SuE S 12")
    jonas.locator("#id_posten-0-pay_group").select_option(str(group.pk))
    jonas.locator("#id_posten-0-hours").fill("100")
    jonas.locator("#id_posten-1-kind").select_option("sachkosten")
    jonas.locator("#id_posten-1-description").fill("Spielmaterial")
    jonas.locator("#id_posten-1-quantity").fill("1")
    jonas.locator("#id_posten-1-unit_price").fill("500,00")
    submit(jonas, "Kosten berechnen und speichern")
    measure = Measure.objects.get(needs=need)
    jonas.goto(measure.get_absolute_url())
    assert jonas.get_by_text("5.880,00 €").first.is_visible()  # 100 h x 53,80 € + 500,00 €
    submit(jonas, "Einreichen")
    return measure


def approve_and_commit(katrin, measure, year: int) -> None:
    """Katrin approves the measure, commits it over two Sozialraumbezirke, records expenses."""
    from sozialraum.planning.budget_models import AllocationShare, Expense

    katrin.goto(measure.get_absolute_url())
    check_both_widths(katrin, "planning-measure-submitted")
    katrin.get_by_label("bewilligen", exact=True).check()
    submit(katrin, "Entscheidung speichern")
    katrin.get_by_role("link", name="Mittel binden").click()
    katrin.wait_for_load_state()
    check_both_widths(katrin, "planning-allocation")
    katrin.get_by_label("Zu bindender Betrag (€)").fill("5.880,00")
    katrin.get_by_label(f"Soltau/Wietzendorf {year}").fill("3.000,00")
    katrin.get_by_label(f"Walsrode {year}").fill("2.880,00")
    submit(katrin, "Mittel binden")
    shares = list(AllocationShare.objects.filter(allocation__measure=measure).order_by("pk"))
    assert sorted(s.amount for s in shares) == [Decimal("2880.00"), Decimal("3000.00")]
    for share, amount, receipt in zip(shares, ("1.200,00", "800,00"), ("B-1", "B-2"), strict=True):
        katrin.goto(f"{H}/massnahmen/{measure.pk}/ausgabe/")
        katrin.locator(f"input[name=share][value='{share.pk}']").check()
        katrin.get_by_label("Datum").fill(timezone.localdate().strftime("%d.%m.%Y"))
        katrin.get_by_label("Betrag (€)").fill(amount)
        katrin.get_by_label("Belegnummer").fill(receipt)
        submit(katrin, "Ausgabe speichern")
    check_both_widths(katrin, "planning-expense")
    assert Expense.objects.filter(share__allocation__measure=measure).count() == 2


def evaluate(katrin, measure) -> None:
    """Katrin evaluates the project and completes the evaluation: the need is met."""
    katrin.goto(measure.get_absolute_url())
    katrin.get_by_role("link", name="Zum Projekt: Berichte, Evaluation, Fortsetzung").click()
    katrin.wait_for_load_state()
    check_both_widths(katrin, "planning-project-running")
    katrin.get_by_role("link", name="Evaluation beginnen").click()
    goal = measure.goals.get()
    katrin.locator(f"#id_result_{goal.pk}").fill("32")
    katrin.get_by_label("Erreichte Teilnehmende").fill("41")
    katrin.get_by_label("Was hat funktioniert?").fill("Der offene Nachmittag in beiden Orten.")
    katrin.get_by_label("gedeckt", exact=True).check()
    katrin.get_by_role("button", name="Evaluation abschließen").click()
    katrin.wait_for_load_state()
    assert katrin.get_by_text("Die Evaluation ist abgeschlossen.").is_visible()


def _other_planning_pages() -> bool:
    """The needs', measures' and budgets' pages (planning-needs, planning-budgets)."""
    from django.urls import NoReverseMatch, reverse

    try:
        reverse("planning:need_from_item", kwargs={"office_slug": "x", "pk": 1})
        reverse("planning:allocation_add", kwargs={"office_slug": "x", "pk": 1})
    except NoReverseMatch:
        return False
    return True


@pytest.mark.skipif(
    not _other_planning_pages(), reason="needs the branches planning-needs and planning-budgets"
)
def test_it_from_a_team_meeting_to_the_evaluation(new_page, cycle_world, org_a):
    from sozialraum.planning.budget_models import Budget
    from sozialraum.planning.project_models import Project

    year = timezone.localdate().year
    jonas, katrin = new_page(WIDE), new_page(WIDE)
    need = raise_need(jonas, cycle_world)
    log_in(katrin, COORDINATOR)
    accept_and_score(katrin, need)
    measure = describe_measure(jonas, need, org_a, year)
    approve_and_commit(katrin, measure, year)
    evaluate(katrin, measure)
    need.refresh_from_db()
    assert Project.objects.get(measure=measure).status == ProjectStatus.EVALUATED
    assert need.status == NeedStatus.MET

    # The dashboard shows what was committed and spent in each Sozialraumbezirk.
    katrin.goto(f"{H}/budgets/?jahr={year}")
    body = katrin.locator("main").inner_text()
    soltau = Budget.objects.get(social_space__name="Soltau/Wietzendorf", year=year)
    assert (soltau.committed, soltau.spent) == (Decimal("3000.00"), Decimal("1200.00"))
    for amount in ("3.000,00", "1.200,00", "2.880,00", "800,00"):
        assert amount in body, amount
    check_both_widths(katrin, "planning-dashboard")
