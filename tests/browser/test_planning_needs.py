"""Needs, their ranking and a measure with its cost calculation in a real browser at 1280 and
320 px: axe-core finds nothing serious, nothing overflows; a professional raises a need and a
coordinator sees the ranked list with every criterion's score."""

from __future__ import annotations

from decimal import Decimal

import pytest

from sozialraum.planning.measure_models import MeasureStatus
from sozialraum.planning.models import NeedScore, NeedStatus
from tests.browser.conftest import NARROW, WIDE, assert_page_accessible, log_in
from tests.conftest import build_org_a
from tests.planning.needs_world import make_criteria, make_measure, make_need, submitted_by

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


@pytest.fixture
def planning(world):
    w = world
    office, space = w.office_a, w.space_a
    criteria = make_criteria(office)
    first = make_need(
        office, space, "Treffpunkt für Jugendliche in Wietzendorf", status=NeedStatus.ACCEPTED
    )
    make_need(office, space, "Ferienbetreuung für Grundschulkinder", status=NeedStatus.ACCEPTED)
    make_need(office, w.space_a2, "Schulweg-Begleitung Walsrode")
    for criterion, score in zip(criteria, (5, 3), strict=True):
        NeedScore.objects.create(youth_office=office, need=first, criterion=criterion, score=score)
    first.priority = 5 * 3 + 3 * 2
    first.save()
    carrier = build_org_a(office, w.coordinator, space)
    measure = make_measure(office, carrier, "Offener Jugendtreff „Heidehaus“", requested="12345.67")
    measure.needs.add(first)
    w.measure = submitted_by(measure, w.professional)
    assert w.measure.status == MeasureStatus.SUBMITTED
    w.requested = Decimal("12345.67")
    return w


def test_it_the_needs_pages_are_accessible(planning, new_page):
    slug = planning.office_a.slug
    for width in (WIDE, NARROW):
        page = new_page(width)
        log_in(page, "koordination@heidekreis.example")
        page.goto(f"/{slug}/planung/bedarfe/")
        assert "Treffpunkt für Jugendliche in Wietzendorf" in page.locator("main").inner_text()
        assert_page_accessible(page, "Bedarfe")
        page.goto(f"/{slug}/planung/bedarfe/rangfolge/")
        table = page.locator("main table").inner_text()
        assert "Dringlichkeit (Gewicht 3)" in table and "21" in table
        assert "nicht bewertet" in table
        assert_page_accessible(page, "Rangfolge der Bedarfe")
        page.goto(f"/{slug}/planung/massnahmen/{planning.measure.pk}/")
        main = page.locator("main").inner_text()
        assert "12.345,67 €" in main and "Besuche pro Woche" in main
        assert_page_accessible(page, "Maßnahme")


def test_it_a_professional_raises_a_need(planning, new_page):
    slug = planning.office_a.slug
    page = new_page(NARROW)
    log_in(page, "fachkraft@heidekreis.example")
    page.goto(f"/{slug}/planung/bedarfe/neu/")
    assert_page_accessible(page, "Bedarf erfassen")
    page.get_by_label("Titel").fill("Elterncafé in Soltau")
    page.get_by_label("Begriffsbestimmung").fill("Ein offener Treff für Eltern mit Kleinkindern.")
    page.get_by_label(planning.space_a.name).check()
    page.locator("main form").get_by_role("button", name="Bedarf erfassen").click()
    page.wait_for_load_state()
    assert "Der Bedarf ist erfasst." in page.locator("body").inner_text()
    assert_page_accessible(page, "Bedarf")
