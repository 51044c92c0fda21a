"""No data lost without a word, in a real browser (issue 7): an impossible date stays in the field
with a German message, and a double click on "Organisation anlegen" creates one organisation."""

from __future__ import annotations

import pytest

from sozialraum.network.models import Affiliation, Organisation
from tests.browser.conftest import describe, log_in, run_axe, serious
from tests.browser.test_network import COORDINATOR, H
from tests.browser.test_network import network as network

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_it_an_impossible_date_stays_in_the_field_with_a_german_message(network, new_page):
    affiliation = Affiliation.objects.get(person=network.person)
    page = new_page()
    log_in(page, COORDINATOR)
    page.goto(f"{H}/taetigkeiten/{affiliation.pk}/bearbeiten/")
    since = page.get_by_label("seit")
    assert since.get_attribute("type") == "text"
    assert since.get_attribute("inputmode") == "numeric"
    since.fill("31.02.2025")
    page.get_by_label("bis").fill("29.02.2025")
    page.locator("main form.sr-form").get_by_role("button").first.click()
    page.get_by_text("Den 31. Februar gibt es nicht.").first.wait_for()
    page.get_by_text("Den 29. Februar gibt es 2025 nicht").first.wait_for()
    assert page.get_by_label("seit").input_value() == "31.02.2025"
    assert page.get_by_label("bis").input_value() == "29.02.2025"
    affiliation.refresh_from_db()
    assert (affiliation.since, affiliation.until) == (None, None)
    assert not serious(run_axe(page)), describe(serious(run_axe(page)))
    assert not page.csp_violations, page.csp_violations

    page.get_by_label("seit").fill("1.8.2024")
    page.get_by_label("bis").fill("")
    page.locator("main form.sr-form").get_by_role("button").first.click()
    page.get_by_text("Ihre Änderungen wurden gespeichert.").wait_for()
    affiliation.refresh_from_db()
    assert str(affiliation.since) == "2024-08-01"


SUBMIT_TWICE = """() => new Promise((resolve) => {
  const form = document.querySelector("main form.sr-form");
  let sent = 0;
  // Runs after app.js (window comes after document); keeps the page where it is.
  window.addEventListener("submit", (event) => {
    if (!event.defaultPrevented) sent += 1;
    event.preventDefault();
  });
  form.requestSubmit();
  form.requestSubmit();
  setTimeout(() => resolve([sent, form.querySelector("[type=submit]").disabled]), 50);
})"""


def test_it_a_double_click_on_organisation_anlegen_creates_one_organisation(network, new_page):
    page = new_page()
    log_in(page, COORDINATOR)
    page.goto(f"{H}/akteure/neu/")
    # app.js lets the first submit through, holds the button and drops the second.
    assert page.evaluate(SUBMIT_TWICE) == [1, True]
    page.reload()
    page.locator("#id_name").fill("Jugendtreff Doppelklick")
    page.locator("#id_kind").select_option(index=1)
    page.get_by_role("button", name="Organisation anlegen").dblclick()
    page.get_by_role("heading", name="Jugendtreff Doppelklick").wait_for()
    org = Organisation.objects.get(name="Jugendtreff Doppelklick")
    assert page.url.endswith(org.get_absolute_url())
    assert not page.csp_violations, page.csp_violations


def test_it_a_form_that_reaches_the_server_twice_shows_the_first_result(
    network, chromium, live_server
):
    """Without script nothing holds the button. A double click on a slow line sends the form
    twice and the browser shows the answer to the second; here the first submit is sent by the
    browser's network layer and its answer dropped, as a cancelled navigation's is."""
    context = chromium.new_context(
        base_url=live_server.url, locale="de-DE", java_script_enabled=False
    )
    try:
        page = context.new_page()

        def send_twice(route):
            if route.request.method == "POST":
                route.fetch(max_redirects=0)  # the first submit; its answer never shows
            route.continue_()

        log_in(page, COORDINATOR)
        page.goto(f"{H}/akteure/neu/")
        page.route("**/akteure/neu/", send_twice)
        page.locator("#id_name").fill("Jugendtreff Doppelklick")
        page.locator("#id_kind").select_option(index=1)
        page.get_by_role("button", name="Organisation anlegen").click()
        page.get_by_text("Das wurde schon gespeichert.").wait_for()
        org = Organisation.objects.get(name="Jugendtreff Doppelklick")
        assert page.url.endswith(org.get_absolute_url())
    finally:
        context.close()
