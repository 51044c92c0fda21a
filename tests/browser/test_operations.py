"""The operator area (/betrieb/) and the emergency admin (/betrieb/admin/) in a real browser:
axe-core at 1280 and 320 px, no CSP violation in the console, and onboarding a youth office."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from sozialraum.accounts.models import Invitation, Role
from sozialraum.regions.models import YouthOffice
from tests.browser.conftest import NARROW, WIDE, describe, log_in, run_axe, serious

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

OPERATOR = "admin@sozialraum.example"


def submit_main_form(page) -> None:
    with page.expect_navigation():
        page.evaluate("document.querySelector('main form:not([role=search])').submit()")


@dataclass(frozen=True)
class Page:
    name: str
    path: str
    prepare: Callable | None = None

    def __str__(self) -> str:
        return self.name


PAGES = [
    Page("operator: youth offices", "/betrieb/"),
    Page("operator: choose the Kreis", "/betrieb/jugendaemter/neu/"),
    Page("operator: no Kreis chosen", "/betrieb/jugendaemter/neu/?kreis="),
    Page("operator: name and coordinator", "/betrieb/jugendaemter/neu/?kreis=03361"),
    Page(
        "operator: name and coordinator with errors",
        "/betrieb/jugendaemter/neu/?kreis=01003",
        prepare=submit_main_form,
    ),
    Page("operator: users", "/betrieb/personen/"),
    Page("operator: users without hits", "/betrieb/personen/?q=niemand-heisst-so"),
]


@pytest.mark.parametrize("spec", PAGES, ids=str)
def test_it_has_no_serious_accessibility_violation(spec: Page, world, new_page):
    problems = []
    for width in (WIDE, NARROW):
        page = new_page(width)
        log_in(page, OPERATOR)
        response = page.goto(spec.path)
        assert response is not None and response.status == 200, f"{spec}: {response.status}"
        if spec.prepare:
            spec.prepare(page)
        found = serious(run_axe(page))
        if found:
            problems.append(f"{spec} at {width} px ({page.url}):\n{describe(found)}")
        if width == NARROW:
            scroll_width = page.evaluate("document.documentElement.scrollWidth")
            if scroll_width > NARROW + 1:
                problems.append(f"{spec} at 320 px overflows: scrollWidth {scroll_width}")
        if page.csp_violations:
            problems.append(f"{spec} at {width} px breaks the CSP: {page.csp_violations}")
    assert not problems, "\n\n".join(problems)


ADMIN_PAGES = [
    "/betrieb/admin/",
    "/betrieb/admin/regions/youthoffice/",
    "/betrieb/admin/regions/youthoffice/add/",
    "/betrieb/admin/accounts/user/?q=a",
    "/betrieb/admin/accounts/officerole/add/",
    "/betrieb/admin/operations/operatorevent/",
    "/betrieb/admin/auth/group/add/",
]


def test_it_the_emergency_admin_is_german_and_keeps_to_the_csp(world, new_page):
    page = new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    log_in(page, OPERATOR)
    for path in ADMIN_PAGES:
        response = page.goto(path)
        page.wait_for_load_state("networkidle")
        assert response is not None and response.status == 200, path
        assert page.locator("html").get_attribute("lang") == "de", path
        assert "Notfallzugang" in page.title(), path
    # The scripts of the admin run: the sidebar toggle and the theme switch work.
    page.goto("/betrieb/admin/regions/youthoffice/")
    page.locator("#toggle-nav-sidebar").click()
    page.locator("button.theme-toggle").first.click()
    page.goto("/betrieb/admin/accounts/officerole/add/")
    assert "Rolle im Jugendamt hinzufügen" in page.locator("h1").inner_text()
    assert not page.csp_violations, page.csp_violations
    assert not errors, errors


def test_it_the_operator_onboards_a_youth_office(world, new_page):
    page = new_page()
    log_in(page, OPERATOR)
    page.goto("/heidekreis/")
    page.get_by_role("link", name="Betrieb", exact=True).click()
    page.get_by_role("link", name="Jugendamt anlegen").click()
    page.get_by_label("Kreis oder kreisfreie Stadt").select_option("01003")
    page.get_by_role("button", name="Weiter").click()
    assert page.get_by_label("Name des Jugendamts").input_value() == "Hansestadt Lübeck"
    page.get_by_label("Planungsraum").check()
    page.get_by_label("E-Mail-Adresse der ersten Koordination").fill("jugendamt@luebeck.example")
    page.get_by_role("button", name="Jugendamt anlegen und Koordination einladen").click()
    page.get_by_text("Hansestadt Lübeck ist angelegt.").wait_for()
    office = YouthOffice.objects.get(slug="luebeck")
    assert (office.kreis_key, office.social_space_label) == ("01003", "Planungsraum")
    invitation = Invitation.objects.get(youth_office=office)
    assert (invitation.email, invitation.role) == ("jugendamt@luebeck.example", Role.COORDINATION)
    row = page.get_by_role("row").filter(has_text="Hansestadt Lübeck")
    assert row.get_by_role("cell").nth(3).inner_text() == "1"  # the pending invitation
