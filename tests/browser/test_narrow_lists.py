"""Lists on a phone (320 px): every table is a stack of cards whose cells, with their column
names, lie inside the viewport; nothing scrolls sideways. The county overview fits 1280 px."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from sozialraum.network.models import Organisation
from tests.browser.conftest import NARROW, WIDE, describe, log_in, run_axe, serious
from tests.browser.test_network import COORDINATOR, H, Network, network  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

LISTS = {
    "directory": (lambda n: f"{H}/akteure/", ["Grundschule Am Markt", "Schule", "Soltau"]),
    "people": (lambda n: f"{H}/personen/", ["Müller, Anna", "Jugendhilfe Heideblick e. V."]),
    "access list": (lambda n: f"{H}/zugaenge/", ["Ändern", "Entfernen"]),
    "proposals": (lambda n: f"{H}/akteure/vorschlaege/", ["Grundschule Am Markt", "Prüfen"]),
    "proposal review": (
        lambda n: f"{H}/akteure/vorschlaege/{n.change.pk}/",
        ["Telefon", "05191 1"],
    ),
    "county overview": (lambda n: f"{H}/akteure/uebersicht/", ["Laut Checkliste fehlt", "fehlt"]),
    "due for a check": (lambda n: f"{H}/akteure/zu-pruefen/", ["Kita Sonnenschein", "Bestätigen"]),
}

# Cells of stacked tables that lie (partly) outside the viewport, or are cut off.
OUTSIDE = """() => [...document.querySelectorAll('table.sr-stack th, table.sr-stack td')]
    .filter(cell => cell.closest('thead') === null && getComputedStyle(cell).display !== 'none')
    .filter(cell => {
        const box = cell.getBoundingClientRect();
        return box.width === 0 || box.left < 0 || box.right > window.innerWidth
            || cell.scrollWidth > cell.clientWidth + 1;
    })
    .map(cell => cell.outerHTML.slice(0, 120))"""

LABELS = """() => [...document.querySelectorAll('table.sr-stack td[data-label]')]
    .filter(cell => getComputedStyle(cell).display !== 'none')
    .map(cell => getComputedStyle(cell, '::before').content)"""


@pytest.mark.parametrize("name", list(LISTS), ids=str)
def test_it_shows_every_cell_of_a_list_inside_a_phone_screen(name, network, new_page):  # noqa: F811
    path, texts = LISTS[name]
    Organisation.objects.filter(pk=network.kita.pk).update(
        confirmed_at=timezone.now() - timedelta(days=800)
    )
    page = new_page(NARROW)
    log_in(page, COORDINATOR)
    response = page.goto(path(network))
    assert response is not None and response.status == 200
    assert page.evaluate("document.documentElement.scrollWidth") <= NARROW
    assert page.locator("table.sr-stack").count() >= 1, f"{name}: no stacked table"
    assert page.evaluate(OUTSIDE) == []
    labels = page.evaluate(LABELS)
    assert labels and all(label not in ("none", "normal", '""') for label in labels), labels
    for text in texts:
        cell = page.locator("table.sr-stack").get_by_text(text).first
        box = cell.bounding_box()
        assert box is not None, f"{name}: {text!r} is not shown"
        assert box["x"] >= 0 and box["x"] + box["width"] <= NARROW, f"{name}: {text!r} {box}"
    found = serious(run_axe(page))
    assert not found, describe(found)
    assert not page.csp_violations


def test_it_fits_the_county_overview_into_1280_px(network, new_page):  # noqa: F811
    page = new_page(WIDE)
    log_in(page, COORDINATOR)
    page.goto(f"{H}/akteure/uebersicht/")
    sizes = page.evaluate(
        """() => { const box = document.querySelector('.sr-table-scroll');
                   return [box.scrollWidth, box.clientWidth]; }"""
    )
    assert sizes[0] <= sizes[1], f"the overview scrolls at 1280 px: {sizes}"
    assert not page.locator(".sr-scroll-hint").is_visible()
    last = page.locator("table.sr-matrix thead th").last.bounding_box()
    assert last is not None and last["x"] + last["width"] <= WIDE


def test_it_says_that_the_county_overview_scrolls_on_a_tablet(network, new_page):  # noqa: F811
    page = new_page(700)
    log_in(page, COORDINATOR)
    page.goto(f"{H}/akteure/uebersicht/")
    assert page.locator(".sr-scroll-hint").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 700
    first = page.locator("table.sr-matrix tbody th").first
    page.locator(".sr-table-scroll").evaluate("box => { box.scrollLeft = box.scrollWidth; }")
    box = first.bounding_box()
    assert box is not None and box["x"] >= 0, "the first column scrolled out of sight"
