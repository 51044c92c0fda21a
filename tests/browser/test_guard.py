"""The guard's pages in a real browser: the rare-feature list (with entries, with a form error)
and trying the check with its highlighted findings, through axe-core at 1280 and 320 px."""

from __future__ import annotations

import pytest

from sozialraum.consultations.models import RareFeature
from tests.browser.conftest import NARROW, WIDE, assert_page_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

COORDINATOR = "koordination@heidekreis.example"
H = "/heidekreis/fallberatung/merkmale"
TEXT = (
    "Lena (7) aus der Klasse 2b der Grundschule Rethem wohnt in der Lindenstraße 14. "
    "Die Mutter, Frau Yilmaz, ist unter 0171 4482913 erreichbar. Das Kind hat Mukoviszidose."
    " <script>alert(1)</script>"
)


@pytest.fixture
def features(world):
    RareFeature.objects.create(
        youth_office=world.office_a, term="Mukoviszidose", reason="Nur wenige Kinder im Landkreis."
    )
    RareFeature.objects.create(youth_office=world.office_a, term="eritreisch")


def test_it_the_rare_feature_list_is_accessible(features, new_page):
    for width in (WIDE, NARROW):
        page = new_page(width)
        log_in(page, COORDINATOR)
        response = page.goto(f"{H}/")
        assert response is not None and response.status == 200
        assert_page_accessible(page, "rare features")
        page.get_by_role("button", name="Hinzufügen").click()
        page.locator("#id_term[aria-invalid=true]").wait_for()
        assert_page_accessible(page, "rare features with an error")


def test_it_trying_the_check_highlights_the_findings(features, new_page):
    for width in (WIDE, NARROW):
        page = new_page(width)
        log_in(page, COORDINATOR)
        page.goto(f"{H}/pruefen/")
        page.get_by_label("Text").fill(TEXT)
        page.get_by_role("button", name="Prüfen").click()
        page.locator("mark.sr-guard-mark").first.wait_for()
        kinds = page.locator("mark.sr-guard-mark").evaluate_all(
            "marks => marks.map(m => m.dataset.kind)"
        )
        assert kinds == ["name", "age", "school_class", "address", "name", "phone", "rare_feature"]
        assert page.locator("main script").count() == 0
        assert_page_accessible(page, "guard check with findings")
        if width == WIDE:
            page.screenshot(path="/tmp/cg_check_wide.png", full_page=True)
        else:
            page.screenshot(path="/tmp/cg_check_narrow.png", full_page=True)
