"""axe-core on every main page in headless Chromium, at 1280 px and at 320 px width.

No violation of impact "serious" or "critical" is allowed; at 320 px nothing may overflow
horizontally. Pages are also checked for Content-Security-Policy violations in the console
(an inline style or script would break the page in production).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from sozialraum.accounts import services as account_services
from sozialraum.accounts.models import Role
from tests.browser.conftest import NARROW, WIDE, describe, log_in, run_axe, serious

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
    problems = []
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
        if os.environ.get("SCREENSHOT_DIR"):  # e.g. SCREENSHOT_DIR=test-results/screenshots
            folder = Path(os.environ["SCREENSHOT_DIR"])
            folder.mkdir(parents=True, exist_ok=True)
            name = re.sub(r"[^a-z0-9]+", "-", spec.name.lower()).strip("-")
            page.screenshot(path=folder / f"{name}-{width}.png", full_page=True)
        found = serious(run_axe(page))
        if found:
            problems.append(f"{spec} at {width} px ({page.url}):\n{describe(found)}")
        if width == NARROW:
            scroll_width = page.evaluate("document.documentElement.scrollWidth")
            if scroll_width > NARROW + 1:
                wide = page.evaluate(
                    """() => [...document.querySelectorAll('body *')]
                        .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
                        .slice(0, 5)
                        .map(e => e.tagName.toLowerCase() + '.' + e.className)"""
                )
                problems.append(
                    f"{spec} at 320 px overflows: scrollWidth {scroll_width}; widest: {wide}"
                )
        if page.csp_violations:
            problems.append(f"{spec} at {width} px breaks the CSP: {page.csp_violations}")
    assert not problems, "\n\n".join(problems)
