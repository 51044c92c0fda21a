"""Landing in a real browser: the carrier editor finds their organisation, coordination sees its
open work, and logging out says so. axe-core at 1280 and 320 px on the start pages."""

from __future__ import annotations

import pytest

from sozialraum.accounts.models import OfficeRole, Role, User
from sozialraum.network import proposals, services
from sozialraum.network.models import OrganisationKind
from tests.browser.conftest import NARROW, WIDE, describe, log_in, run_axe, serious
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

EDITOR = "traeger@heidekreis.example"
COORDINATOR = "koordination@heidekreis.example"


@pytest.fixture
def organisation(world):
    org = services.create_organisation(
        office=world.office_a,
        actor=world.coordinator,
        data={"name": "Jugendhilfe Heideblick e. V.", "kind": OrganisationKind.FREE_CARRIER},
        social_spaces=[world.space_a],
    )
    editor = User.objects.create_user(EDITOR, PASSWORD, name="Tom Träger")
    OfficeRole.objects.create(
        youth_office=world.office_a, user=editor, role=Role.CARRIER_EDITOR, organisation=org
    )
    proposals.propose_organisation_change(
        organisation=org, actor=editor, data={"phone": "05191 1"}, social_spaces=None
    )
    return org


@pytest.mark.parametrize("email", [EDITOR, COORDINATOR])
def test_it_the_start_page_has_no_serious_accessibility_violation(email, organisation, new_page):
    problems = []
    for width in (WIDE, NARROW):
        page = new_page(width)
        log_in(page, email)
        page.goto("/heidekreis/")
        found = serious(run_axe(page))
        if found:
            problems.append(f"{email} at {width} px:\n{describe(found)}")
        if width == NARROW and page.evaluate("document.documentElement.scrollWidth") > NARROW + 1:
            problems.append(f"{email} at 320 px overflows")
        if page.csp_violations:
            problems.append(f"{email} at {width} px breaks the CSP: {page.csp_violations}")
    assert not problems, "\n\n".join(problems)


def test_it_the_carrier_editor_lands_with_a_way_to_their_organisation(organisation, new_page):
    page = new_page()
    log_in(page, EDITOR)
    assert page.url.endswith("/heidekreis/")
    main = page.locator("main")
    assert "Willkommen beim Landkreis Heidekreis" in main.inner_text()
    main.get_by_role("link", name="Eintrag ansehen und Änderungen vorschlagen").click()
    page.get_by_role("heading", name="Jugendhilfe Heideblick e. V.", level=1).wait_for()


def test_it_coordination_follows_the_count_of_waiting_proposals(organisation, new_page):
    page = new_page()
    log_in(page, COORDINATOR)
    page.get_by_role(
        "link", name="1 Änderungsvorschlag eines Trägers wartet auf Ihre Prüfung"
    ).click()
    assert page.url.endswith("/heidekreis/akteure/vorschlaege/")


def test_it_logging_out_says_so(organisation, new_page):
    page = new_page()
    log_in(page, COORDINATOR)
    page.get_by_role("button", name="Abmelden").click()
    page.get_by_text("Sie sind abgemeldet. Bis zum nächsten Mal!").wait_for()
    assert page.get_by_role("link", name="Anmelden").first.is_visible()
