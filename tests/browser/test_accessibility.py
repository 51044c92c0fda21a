"""Every main page in headless Chromium at 1280 px and at 320 px width, through
`assert_page_accessible` (tests/browser/conftest.py): axe-core finds nothing serious or
critical, nothing overflows at 320 px, the Content-Security-Policy holds."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from sozialraum.accounts import services as account_services
from sozialraum.accounts.models import Role
from tests.browser.conftest import NARROW, WIDE, assert_page_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


@dataclass(frozen=True)
class Page:
    name: str
    path: Callable[[dict], str]
    as_user: str | None = None  # e-mail of the persona to log in as, None: anonymous
    status: int = 200
    prepare: Callable | None = None  # called with the Playwright page after loading

    def __str__(self) -> str:
        return self.name


def submit_main_form(page) -> None:
    """Submit the page's main form as it is (bypassing browser validation) to show errors."""
    with page.expect_navigation():
        page.evaluate("document.querySelector('main form').submit()")


COORDINATOR = "koordination@heidekreis.example"

PAGES = [
    Page("home (anonymous)", lambda d: "/"),
    Page("login", lambda d: "/konto/anmelden/"),
    Page("password reset", lambda d: "/konto/passwort-vergessen/"),
    Page("imprint", lambda d: "/impressum/"),
    Page("privacy", lambda d: "/datenschutz/"),
    Page("accessibility statement", lambda d: "/barrierefreiheit/"),
    Page(
        "accessibility feedback with errors",
        lambda d: "/barrierefreiheit/",
        prepare=submit_main_form,
    ),
    Page("invitation accept", lambda d: f"/konto/einladung/{d['token']}/"),
    Page("invitation invalid", lambda d: "/konto/einladung/ausgedacht/", status=410),
    Page("404 page", lambda d: "/gibt-es-nicht/irgendwo/", status=404),
    Page("404 page (logged in)", lambda d: "/gibt-es-nicht/", as_user=COORDINATOR, status=404),
    Page("office start page", lambda d: "/heidekreis/", as_user=COORDINATOR),
    Page("social space", lambda d: f"/heidekreis/raeume/{d['space']}/", as_user=COORDINATOR),
    Page(
        "social space form",
        lambda d: f"/heidekreis/raeume/{d['space']}/bearbeiten/",
        as_user=COORDINATOR,
    ),
    Page(
        "social space form with errors",
        lambda d: "/heidekreis/raeume/neu/",
        as_user=COORDINATOR,
        prepare=submit_main_form,
    ),
    Page("people", lambda d: "/heidekreis/zugaenge/", as_user=COORDINATOR),
    Page("audit trail", lambda d: "/heidekreis/aenderungen/", as_user=COORDINATOR),
    Page(
        "403 page",
        lambda d: "/heidekreis/zugaenge/",
        as_user="lesend@heidekreis.example",
        status=403,
    ),
    Page("operator chooses an office", lambda d: "/", as_user="admin@sozialraum.example"),
]


@pytest.fixture
def data(world) -> dict:
    _invitation, token = account_services.invite(
        office=world.office_a,
        actor=world.coordinator,
        email="neu@heidekreis.example",
        role=Role.PROFESSIONAL,
        name="Nina Neu",
    )
    return {"token": token, "space": world.space_a.pk}


@pytest.mark.parametrize("spec", PAGES, ids=str)
def test_it_has_no_serious_accessibility_violation(spec: Page, data, new_page):
    for width in (WIDE, NARROW):
        page = new_page(width)
        if spec.as_user:
            log_in(page, spec.as_user)
        response = page.goto(spec.path(data))
        assert response is not None and response.status == spec.status, (
            f"{spec} at {width} px: status {response and response.status}"
        )
        if spec.prepare:
            spec.prepare(page)
        assert_page_accessible(page, spec.name)
