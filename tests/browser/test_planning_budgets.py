"""Budgets in a real browser: the dashboard, a budget page, the allocation form and the expense
form through axe-core at 1280 and 320 px; a pooled allocation bound through the form."""

from __future__ import annotations

from datetime import date

import pytest

from sozialraum.planning import budget_services
from sozialraum.planning.budget_models import Allocation
from tests.browser.conftest import NARROW, WIDE, assert_page_accessible, log_in
from tests.planning.budget_world import D, allocate, make_budget, make_measure

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

COORDINATOR = "koordination@heidekreis.example"
H = "/heidekreis/planung"


@pytest.fixture
def budgets(world):
    office = world.office_a
    a = make_budget(world.space_a, "45000", earmark="5000")
    b = make_budget(world.space_a2, "30000")
    pooled = make_measure(office, "Ferienprogramm Heidesee", spaces=(world.space_a, world.space_a2))
    share = allocate(pooled, (a, "6000"), (b, "4000")).shares.get(budget=a)
    budget_services.record_expense(
        share=share, date=date(2026, 4, 2), amount=D("1250.40"), receipt="RE-2026-041", by=None
    )
    budget_services.transfer(
        source=b, target=a, amount=D("2500"), reason="Mehr Familien in Soltau", by=None
    )
    new = make_measure(office, "Elterncafé am Heidering", requested="2400")
    return {"a": a, "b": b, "pooled": pooled, "new": new}


@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("dashboard", lambda r: f"{H}/budgets/?jahr=2026"),
        ("budget", lambda r: f"{H}/budgets/{r['a'].pk}/"),
        ("allocation form", lambda r: f"{H}/massnahmen/{r['new'].pk}/mittelbindung/"),
        ("expense form", lambda r: f"{H}/massnahmen/{r['pooled'].pk}/ausgabe/"),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_it_has_no_serious_accessibility_violation(name, path, budgets, new_page):
    for width in (WIDE, NARROW):
        page = new_page(width)
        log_in(page, COORDINATOR)
        response = page.goto(path(budgets))
        assert response is not None and response.status == 200, f"{name}: {response.status}"
        assert_page_accessible(page, f"budgets {name}")


def test_it_pools_an_allocation_through_the_form(budgets, new_page):
    page = new_page(NARROW)
    log_in(page, COORDINATOR)
    page.goto(f"{H}/massnahmen/{budgets['new'].pk}/mittelbindung/")
    page.get_by_label("Soltau/Wietzendorf 2026").fill("1.400")
    page.get_by_label("Walsrode 2026").fill("900")
    page.get_by_role("button", name="Mittel binden").click()
    page.get_by_text("Die Anteile ergeben zusammen 2.300,00 €").first.wait_for()
    assert_page_accessible(page, "budgets allocation refused")
    page.get_by_label("Walsrode 2026").fill("1.000")
    page.get_by_role("button", name="Mittel binden").click()
    page.get_by_text("Die Mittel wurden gebunden.").wait_for()
    assert Allocation.objects.get(measure=budgets["new"]).total == D("2400.00")
