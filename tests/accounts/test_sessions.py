"""Session lifetime (idle and absolute timeouts) and logging out on all devices."""

from __future__ import annotations

import time

import pytest
from django.test import Client
from django.urls import reverse

from sozialraum.accounts import middleware
from tests.conftest import PASSWORD
from tests.test_settings import start_django

pytestmark = pytest.mark.django_db

OFFICE = "/heidekreis/"
LOGIN = reverse("accounts:login")
IDLE_MESSAGE = "ohne Aktivität abgemeldet"


@pytest.fixture
def clock(monkeypatch):
    """The timeouts' clock, moved forward by the test."""

    class Clock:
        offset = 0.0

        def advance(self, *, minutes: float = 0, hours: float = 0) -> None:
            self.offset += minutes * 60 + hours * 3600

    moving = Clock()
    monkeypatch.setattr(middleware, "now", lambda: time.time() + moving.offset)
    return moving


def test_it_logs_out_after_thirty_idle_minutes(client_for, professional, office_a, clock):
    client = client_for(professional)
    assert client.get(OFFICE).status_code == 200
    clock.advance(minutes=29)
    assert client.get(OFFICE).status_code == 200
    clock.advance(minutes=31)
    response = client.get(OFFICE)
    assert response.status_code == 302
    assert response.url == LOGIN + "?next=%2Fheidekreis%2F"
    assert "_auth_user_id" not in client.session
    login_page = client.get(response.url)
    assert IDLE_MESSAGE in login_page.content.decode()


def test_it_activity_keeps_the_session_alive(client_for, professional, office_a, clock):
    client = client_for(professional)
    for _ in range(6):  # two hours in all, a request every 20 minutes
        clock.advance(minutes=20)
        assert client.get(OFFICE).status_code == 200


def test_it_ends_every_session_after_twelve_hours(client_for, coordinator, office_a, clock):
    client = client_for(coordinator)
    for _ in range(47):  # 11 h 45 min of steady work
        clock.advance(minutes=15)
        assert client.get(OFFICE).status_code == 200
    clock.advance(minutes=16)
    response = client.get(OFFICE)
    assert response.url.startswith(LOGIN)
    assert "höchstens 12 Stunden" in client.get(response.url).content.decode()


def test_it_the_idle_time_comes_from_the_settings(
    client_for, professional, office_a, clock, settings
):
    settings.SESSION_IDLE_MINUTES = 5
    client = client_for(professional)
    clock.advance(minutes=6)
    assert client.get(OFFICE).url.startswith(LOGIN)


def test_it_htmx_requests_after_a_timeout_load_the_login_page(
    client_for, professional, office_a, clock
):
    client = client_for(professional)
    clock.advance(minutes=31)
    response = client.get(OFFICE, headers={"HX-Request": "true"})
    assert response["HX-Redirect"].startswith(LOGIN)


def test_it_a_real_login_starts_the_clock(client, professional, office_a, clock):
    client.post(LOGIN, {"username": professional.email, "password": PASSWORD})
    clock.advance(minutes=31)
    assert client.get(OFFICE).url.startswith(LOGIN)


def test_it_logout_on_all_devices_ends_every_session(client_for, coordinator, office_a):
    laptop, phone = client_for(coordinator), client_for(coordinator)
    assert phone.get(OFFICE).status_code == 200
    response = laptop.post(reverse("accounts:logout_everywhere"))
    assert response.url == LOGIN
    assert "auf allen Geräten abgemeldet" in laptop.get(LOGIN).content.decode()
    assert laptop.get(OFFICE).url.startswith(LOGIN)
    assert phone.get(OFFICE).url.startswith(LOGIN)
    # A new login works as before.
    coordinator.refresh_from_db()
    assert client_for(coordinator).get(OFFICE).status_code == 200


def test_it_logout_on_all_devices_leaves_other_people_logged_in(
    client_for, coordinator, professional, office_a
):
    other = client_for(professional)
    client_for(coordinator).post(reverse("accounts:logout_everywhere"))
    assert other.get(OFFICE).status_code == 200


def test_it_the_account_page_offers_it(client_for, professional, office_a):
    page = client_for(professional).get(reverse("accounts:account")).content.decode()
    assert "Auf allen Geräten abmelden" in page
    assert "30 Minuten" in page and "12 Stunden" in page
    assert Client().get(reverse("accounts:account")).url.startswith(LOGIN)


def test_it_a_malformed_timeout_stops_start_up_naming_the_variable(tmp_path):
    result = start_django(tmp_path, SESSION_IDLE_MINUTES="dreißig")
    assert result.returncode != 0
    assert "SESSION_IDLE_MINUTES must be a whole number" in result.stderr
    assert start_django(tmp_path, SESSION_MAX_HOURS="8").returncode == 0
