"""Keyboard alone: the skip link comes first and leads to the content; logging in works."""

from __future__ import annotations

import pytest

from tests.browser.conftest import NARROW, WIDE, assert_page_accessible
from tests.conftest import PASSWORD, totp_code, totp_device

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

FOCUSED = """() => {
  const e = document.activeElement;
  return e ? {tag: e.tagName.toLowerCase(), id: e.id, name: e.getAttribute('name'),
              href: e.getAttribute('href'), text: (e.innerText || '').trim()} : null;
}"""


def press_tab_until(page, predicate, limit: int = 40) -> dict:
    """Press Tab until the focused element matches; fail after `limit` presses."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if predicate(focused):
            return focused
        seen.append(focused)
    raise AssertionError(f"never reached the element by Tab; focus went through {seen}")


@pytest.mark.parametrize("width", [WIDE, NARROW])
@pytest.mark.parametrize("path", ["/", "/konto/anmelden/", "/barrierefreiheit/"])
def test_it_focuses_the_skip_link_first_and_moves_to_main_on_enter(new_page, path, width):
    page = new_page(width)
    page.goto(path)
    page.keyboard.press("Tab")
    focused = page.evaluate(FOCUSED)
    main_id = page.evaluate("document.querySelector('main').id")
    assert main_id, "the <main> element needs an id for the skip link"
    assert focused["tag"] == "a" and focused["href"] == f"#{main_id}", focused
    # The focused skip link is visible on screen.
    box = page.locator(":focus").bounding_box()
    assert box and box["width"] > 1 and box["height"] > 1, box
    assert box["x"] >= 0 and box["x"] + box["width"] <= width + 1, box
    assert 0 <= box["y"] < 900, box

    page.keyboard.press("Enter")
    in_main = page.evaluate(
        "() => !!document.activeElement && !!document.activeElement.closest('main')"
    )
    assert in_main, f"after Enter the focus is on {page.evaluate(FOCUSED)}, not in <main>"


def test_it_logs_in_with_the_keyboard_alone(new_page, world):
    device = totp_device(world.coordinator)  # coordination logs in with a second factor
    page = new_page(WIDE)
    page.goto("/")
    # From the start page to the login page, by keyboard.
    press_tab_until(page, lambda f: f and f["tag"] == "a" and f["href"] == "/konto/anmelden/")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/konto/anmelden/")

    focused = page.evaluate(FOCUSED)
    if focused["name"] != "username":
        press_tab_until(page, lambda f: f and f["name"] == "username")
    page.keyboard.type("koordination@heidekreis.example")
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED)["name"] == "password"
    page.keyboard.type(PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert "/konto/anmelden/code/" in page.url, page.url
    press_tab_until(page, lambda f: f and f["name"] == "code")
    page.keyboard.type(totp_code(device))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert page.url.endswith("/heidekreis/"), page.url
    assert "Katrin Meyer" in page.content()


def test_it_announces_a_wrong_password_and_keeps_the_form_usable(new_page, world):
    page = new_page(WIDE)
    page.goto("/konto/anmelden/")
    page.get_by_label("E-Mail-Adresse").fill("koordination@heidekreis.example")
    page.get_by_label("Passwort", exact=True).fill("falsch-falsch")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "E-Mail-Adresse oder Passwort stimmen nicht." in page.content()
    alert = page.locator("[role=alert], .kern-alert, .errorlist").first
    assert alert.count() == 1
    assert_page_accessible(page, "login with a wrong password")
