"""Login with the e-mail address, logout, and throttling by django-axes (enabled in tests)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")
WRONG = "E-Mail-Adresse oder Passwort stimmen nicht."


def log_in(client, email: str, password: str = PASSWORD, **extra):
    return client.post(LOGIN, {"username": email, "password": password}, **extra)


def test_it_shows_the_login_form(client, db):
    response = client.get(LOGIN)
    assert response.status_code == 200
    assert "E-Mail-Adresse" in response.content.decode()


def test_it_logs_in_with_the_email_address(client, professional):
    response = log_in(client, "fachkraft@heidekreis.example")
    assert response.status_code == 302
    assert response.url == reverse("pages:home")
    assert client.session["_auth_user_id"] == str(professional.pk)
    # With one youth office the start page leads straight to it (no second factor needed).
    assert client.get("/").url == "/heidekreis/"


def test_it_ignores_the_case_of_the_email_address(client, coordinator):
    response = log_in(client, "  Koordination@HEIDEKREIS.example ")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(coordinator.pk)


def test_it_follows_a_local_next_parameter(client, coordinator):
    response = client.post(
        LOGIN + "?next=/heidekreis/zugaenge/",
        {"username": coordinator.email, "password": PASSWORD, "next": "/heidekreis/zugaenge/"},
    )
    assert response.url == "/heidekreis/zugaenge/"


def test_it_ignores_a_next_parameter_to_another_site(client, coordinator):
    response = client.post(
        LOGIN,
        {"username": coordinator.email, "password": PASSWORD, "next": "https://evil.example/"},
    )
    assert response.status_code == 302
    assert response.url == reverse("pages:home")


def test_it_explains_a_wrong_password_in_german(client, coordinator):
    response = log_in(client, coordinator.email, "falsch-falsch-falsch")
    assert response.status_code == 200
    assert WRONG in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_it_rejects_an_address_that_is_not_an_email(client, db):
    response = log_in(client, "keine-adresse", "irgendwas")
    assert response.status_code == 200
    assert "username" in response.context["form"].errors


def test_it_refuses_a_deactivated_account(client, coordinator):
    coordinator.is_active = False
    coordinator.save(update_fields=["is_active"])
    response = log_in(client, coordinator.email)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_it_sends_logged_in_users_away_from_the_login(client, coordinator):
    client.force_login(coordinator)
    assert client.get(LOGIN).status_code == 302


def test_it_logs_out_by_post(client, coordinator):
    client.force_login(coordinator)
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_it_does_not_log_out_by_get(client, coordinator):
    client.force_login(coordinator)
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert client.session["_auth_user_id"] == str(coordinator.pk)


# Throttling ---------------------------------------------------------------------------------


def test_it_has_axes_enabled_in_tests():
    assert settings.AXES_ENABLED is True
    assert settings.AXES_FAILURE_LIMIT == 5


def test_it_locks_the_login_after_five_failures(client, coordinator):
    for attempt in range(4):
        response = log_in(client, coordinator.email, f"falsch-{attempt}")
        assert response.status_code == 200, attempt
    response = log_in(client, coordinator.email, "falsch-5")
    assert response.status_code == 429
    assert "accounts/locked.html" in [t.name for t in response.templates]
    # Even the right password does not help during the lockout.
    response = log_in(client, coordinator.email)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert "15 Minuten" in response.content.decode()


def test_it_counts_failures_regardless_of_the_case_of_the_address(client, coordinator):
    variants = [
        "koordination@heidekreis.example",
        "Koordination@heidekreis.example",
        "KOORDINATION@heidekreis.example",
        "koordination@Heidekreis.Example",
        "KoOrDiNaTiOn@HeIdEkReIs.ExAmPlE",
    ]
    for variant in variants:
        response = log_in(client, variant, "falsch")
    assert response.status_code == 429
    assert log_in(client, coordinator.email).status_code == 429


def test_it_does_not_lock_other_addresses(client, coordinator, professional):
    for attempt in range(5):
        log_in(client, coordinator.email, f"falsch-{attempt}")
    response = log_in(client, professional.email)
    assert response.status_code == 302


def test_it_resets_the_failures_on_a_successful_login(client, coordinator):
    for attempt in range(4):
        log_in(client, coordinator.email, f"falsch-{attempt}")
    assert log_in(client, coordinator.email).status_code == 302
    client.post(reverse("accounts:logout"))
    for attempt in range(4):
        assert log_in(client, coordinator.email, f"falsch-{attempt}").status_code == 200
