"""The screenshot helper: an artefact to look at, which never fails the check it belongs to."""

from __future__ import annotations

import pytest
from playwright.sync_api import Error as PlaywrightError

from tests.browser.conftest import screenshot


class FlakyPage:
    """Stands in for a Playwright page whose screenshots fail a given number of times."""

    viewport_size = {"width": 320, "height": 900}

    def __init__(self, failures: int):
        self.failures = failures
        self.calls: list[bool] = []
        self.waited: list[int] = []

    def screenshot(self, path, timeout, full_page):
        self.calls.append(full_page)
        if len(self.calls) <= self.failures:
            raise PlaywrightError("Unable to capture screenshot")
        path.write_bytes(b"png")

    def wait_for_timeout(self, milliseconds):
        self.waited.append(milliseconds)


def test_it_takes_nothing_without_a_folder(monkeypatch):
    monkeypatch.delenv("SCREENSHOT_DIR", raising=False)
    page = FlakyPage(failures=0)
    assert screenshot(page, "Netzwerk") is None
    assert page.calls == []


def test_it_tries_a_failed_full_page_again(monkeypatch, tmp_path):
    monkeypatch.setenv("SCREENSHOT_DIR", str(tmp_path))
    page = FlakyPage(failures=1)
    target = screenshot(page, "Netzwerk: zur Prüfung")
    assert target == tmp_path / "netzwerk-zur-pr-fung-320.png"
    assert target.read_bytes() == b"png"
    assert page.calls == [True, True]


def test_it_takes_the_viewport_as_the_last_resort(monkeypatch, tmp_path):
    monkeypatch.setenv("SCREENSHOT_DIR", str(tmp_path))
    page = FlakyPage(failures=2)
    assert screenshot(page, "Netzwerk") is not None
    assert page.calls == [True, True, False]
    assert page.waited == [250, 500]


def test_it_warns_instead_of_failing_without_any_screenshot(monkeypatch, tmp_path):
    monkeypatch.setenv("SCREENSHOT_DIR", str(tmp_path))
    page = FlakyPage(failures=3)
    with pytest.warns(UserWarning, match="No screenshot of Netzwerk"):
        assert screenshot(page, "Netzwerk") is None
    assert page.calls == [True, True, False]
    assert not list(tmp_path.iterdir())
