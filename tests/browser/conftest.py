"""Browser tests: Django's live server, headless Chromium driven by Playwright, axe-core.

Chromium is Debian's package (/usr/bin/chromium, or $CHROMIUM_PATH); `make browser` installs it
where it can. Without it the browser tests are skipped loudly, except in CI (CI=true), where a
missing browser fails the run.

All browser tests are in one xdist group, so one worker starts Chromium and runs them in turn.
Every page a test looks at goes through `assert_page_accessible(page, name)`: axe-core, no
horizontal overflow at 320 px, no Content-Security-Policy violation, and a screenshot into
$SCREENSHOT_DIR when that is set (.ci/run sets it).
"""

from __future__ import annotations

import os
import re
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError

from tests.conftest import PASSWORD, totp_code, totp_device

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WIDE, NARROW = 1280, 320


def _browser_missing() -> str | None:
    if not (Path(CHROMIUM).is_file() and os.access(CHROMIUM, os.X_OK)):
        return f"Chromium not found at {CHROMIUM} (set CHROMIUM_PATH or run `make browser`)"
    return None


@pytest.fixture(scope="module")
def chromium() -> Iterator[object]:
    """One headless Chromium per test module."""
    problem = _browser_missing()
    if problem:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true and the browser tests cannot run: {problem}", pytrace=False)
        pytest.skip(f"BROWSER TESTS SKIPPED: {problem}")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an asyncio loop running in this thread; Django refuses ORM
    # calls from a thread with a running loop unless told that this is safe. It is here: the
    # test thread is the only one using these connections (the live server has its own).
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        playwright = sync_playwright().start()
        try:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
            )
            try:
                yield browser
            finally:
                browser.close()
        finally:
            playwright.stop()


@pytest.fixture
def new_page(chromium, live_server, transactional_db):
    """A function that opens a page in a fresh browser context (no cookies) at a width."""
    contexts = []

    def make(width: int = WIDE):
        context = chromium.new_context(
            viewport={"width": width, "height": 900}, locale="de-DE", base_url=live_server.url
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        page.csp_violations = []  # type: ignore[attr-defined]
        page.on(
            "console",
            lambda message: (
                page.csp_violations.append(message.text)  # type: ignore[attr-defined]
                if "Content Security Policy" in message.text
                else None
            ),
        )
        return page

    yield make
    for context in contexts:
        context.close()


def log_in(page, email: str, password: str = PASSWORD) -> None:
    """Log in through the real login form; coordination and the operator also enter a code.

    Users who must use the second factor get an authenticator first (if they have none), and
    the code step is filled with the code the app would show.
    """
    from sozialraum.accounts import mfa
    from sozialraum.accounts.models import User

    user = User.objects.filter(email__iexact=email).first()
    device = None
    if user is not None and (mfa.is_required(user) or mfa.has_device(user)):
        device = totp_device(user)
    page.goto("/konto/anmelden/")
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_label("Passwort", exact=True).fill(password)
    page.locator("main form").get_by_role("button", name="Anmelden").click()
    page.wait_for_load_state()
    if device is not None:
        assert "/konto/anmelden/code/" in page.url, f"no code step for {email}: {page.url}"
        page.get_by_label("Code", exact=True).fill(totp_code(device))
        page.locator("main form").get_by_role("button", name="Bestätigen").click()
        page.wait_for_load_state()
    assert "/konto/anmelden/" not in page.url, f"login as {email} failed: {page.url}"


def run_axe(page) -> list[dict]:
    """Run axe-core on the page; returns its violations."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Injected through the DevTools protocol: the page's CSP stays in force for the app.
        page.evaluate(AXE.read_text(encoding="utf-8") + "\n;void 0;")
    return page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
    )


def serious(violations: list[dict]) -> list[dict]:
    return [v for v in violations if v.get("impact") in ("serious", "critical")]


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"- [{violation['impact']}] {violation['id']}: {violation['help']} "
            f"({violation['helpUrl']})"
        )
        for node in violation["nodes"][:5]:
            target = " ".join(str(t) for t in node.get("target", []))
            summary = (node.get("failureSummary") or "").replace("\n", " / ")
            lines.append(f"    at {target}: {summary}")
            lines.append(f"       {node.get('html', '')[:200]}")
        if len(violation["nodes"]) > 5:
            lines.append(f"    ... and {len(violation['nodes']) - 5} more elements")
    return "\n".join(lines)


def screenshot(page, name: str) -> Path | None:
    """A full-page screenshot at the page's current width into $SCREENSHOT_DIR, when set."""
    folder = os.environ.get("SCREENSHOT_DIR")  # e.g. SCREENSHOT_DIR=test-results/screenshots
    if not folder:
        return None
    path = Path(folder)
    path.mkdir(parents=True, exist_ok=True)
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    target = path / f"{slug}-{page.viewport_size['width']}.png"
    # The screenshot is there to be looked at, it is not the check: Chromium now and then
    # answers "Unable to capture screenshot" on a busy machine (CI failed once on it). Try the
    # full page twice, then the viewport; if even that fails, say so and let the checks run.
    attempts = [{"full_page": True}, {"full_page": True}, {"full_page": False}]
    failure: PlaywrightError | None = None
    for number, options in enumerate(attempts, start=1):
        try:
            page.screenshot(path=target, timeout=15_000, **options)
            return target
        except PlaywrightError as error:
            failure = error
            if number < len(attempts):
                page.wait_for_timeout(250 * number)
    warnings.warn(f"No screenshot of {name}: {failure}", stacklevel=2)
    return None


OVERFLOWING = """() => [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
    .slice(0, 5)
    .map(e => e.tagName.toLowerCase() + '.' + e.className)"""


def accessibility_problems(page, name: str) -> list[str]:
    """What is wrong with the page as it is shown now, at its current width (empty: nothing).

    axe-core finds no violation of impact "serious" or "critical"; at 320 px nothing overflows
    horizontally; the console reports no Content-Security-Policy violation (an inline style or
    script would break the page in production). Takes the screenshot first, so that a failing
    page can be looked at.
    """
    width = page.viewport_size["width"]
    what = f"{name} at {width} px ({page.url})"
    screenshot(page, name)
    problems = []
    found = serious(run_axe(page))
    if found:
        problems.append(f"{what}:\n{describe(found)}")
    if width <= NARROW:
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        if scroll_width > width + 1:
            widest = page.evaluate(OVERFLOWING)
            problems.append(f"{what} overflows: scrollWidth {scroll_width}; widest: {widest}")
    violations = getattr(page, "csp_violations", [])
    if violations:
        problems.append(f"{what} breaks the CSP: {violations}")
    return problems


def assert_page_accessible(page, name: str) -> None:
    """The one accessibility check of every browser test (see `accessibility_problems`)."""
    problems = accessibility_problems(page, name)
    assert not problems, "\n\n".join(problems)
