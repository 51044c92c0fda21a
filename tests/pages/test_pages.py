"""The platform's own pages: start, legal pages, accessibility feedback, health, errors, headers."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client, RequestFactory
from django.urls import reverse

from sozialraum.pages import views as page_views
from tests.conftest import PASSWORD

ACCESSIBILITY = reverse("pages:accessibility")


def template_names(response) -> list[str]:
    return [t.name for t in response.templates]


def assert_in_design(response) -> None:
    """A page in the platform's frame: base layout with skip link and legal footer."""
    assert "base.html" in template_names(response)
    body = response.content.decode()
    assert 'href="#inhalt"' in body
    assert reverse("pages:imprint") in body
    assert reverse("pages:accessibility") in body


# Start page ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_it_welcomes_anonymous_visitors(client):
    response = client.get("/")
    assert response.status_code == 200
    assert_in_design(response)
    assert reverse("accounts:login") in response.content.decode()


@pytest.mark.django_db
def test_it_leads_a_member_of_one_office_straight_there(client_for, reader):
    response = client_for(reader).get("/")
    assert response.status_code == 302
    assert response.url == "/heidekreis/"


@pytest.mark.django_db
def test_it_lets_the_operator_choose_an_office(client_for, operator, office_a, office_b):
    response = client_for(operator).get("/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Landkreis Heidekreis" in body
    assert "Landkreis Verden" in body


@pytest.mark.django_db
def test_it_shows_an_outsider_no_office(client_for, outsider, office_a):
    response = client_for(outsider).get("/")
    assert response.status_code == 200
    assert list(response.context["offices"]) == []
    assert "Landkreis Heidekreis" not in response.content.decode()


# Legal pages --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_it_shows_the_imprint_with_the_operator(client):
    response = client.get(reverse("pages:imprint"))
    assert response.status_code == 200
    assert_in_design(response)
    assert settings.OPERATOR["name"] in response.content.decode()


@pytest.mark.django_db
def test_it_shows_the_privacy_statement(client):
    response = client.get(reverse("pages:privacy"))
    assert response.status_code == 200
    assert_in_design(response)
    assert "Datenschutz" in response.content.decode()


@pytest.mark.django_db
def test_it_shows_the_accessibility_statement_with_a_feedback_form(client):
    response = client.get(ACCESSIBILITY)
    assert response.status_code == 200
    assert_in_design(response)
    body = response.content.decode()
    assert "Barrierefreiheit" in body
    assert 'name="message"' in body


@pytest.mark.django_db
def test_it_mails_accessibility_feedback(client):
    response = client.post(
        ACCESSIBILITY,
        {
            "message": "Der Kalender lässt sich nicht mit der Tastatur bedienen.",
            "page": "/heidekreis/",
            "email": "leserin@example.org",
        },
    )
    assert response.status_code == 302
    assert response.url == ACCESSIBILITY
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [settings.FEEDBACK_EMAIL]
    assert message.reply_to == ["leserin@example.org"]
    assert message.subject == "Rückmeldung zur Barrierefreiheit"
    assert "nicht mit der Tastatur" in message.body
    assert "/heidekreis/" in message.body
    follow = client.get(ACCESSIBILITY)
    assert "Vielen Dank! Ihre Rückmeldung ist angekommen." in follow.content.decode()


@pytest.mark.django_db
def test_it_takes_feedback_without_an_address(client):
    response = client.post(ACCESSIBILITY, {"message": "Kontrast zu schwach."})
    assert response.status_code == 302
    assert mail.outbox[0].reply_to == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"message": ""}, "message", "Bitte füllen Sie dieses Feld aus."),
        ({"message": "   "}, "message", "Bitte füllen Sie dieses Feld aus."),
        (
            {"message": "Hallo", "email": "kaputt@"},
            "email",
            "Bitte geben Sie eine gültige E-Mail-Adresse ein.",
        ),
        ({"message": "x" * 5001}, "message", "höchstens 5000 Zeichen"),
    ],
)
def test_it_answers_bad_feedback_in_german_at_the_field(client, data, field, message):
    response = client.post(ACCESSIBILITY, data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors
    assert any(message in error for error in errors[field]), errors[field]
    assert message in response.content.decode()
    assert mail.outbox == []


# Health -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_healthz_answers_ok_without_touching_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Content-Type"].startswith("text/plain")
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_needs_no_database_for_a_logged_in_user_either(
    client_for, coordinator, django_assert_num_queries
):
    client = client_for(coordinator)
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200


# Headers and cookies ------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/healthz", "/impressum/", "/konto/anmelden/"])
def test_it_sends_csp_and_security_headers(client, path):
    response = client.get(path)
    csp = response["Content-Security-Policy"]
    for directive in (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "frame-ancestors 'none'",
        "object-src 'none'",
    ):
        assert directive in csp
    assert "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


def test_the_cookies_are_secure_outside_debug():
    assert settings.HTTPS is True
    assert settings.SESSION_COOKIE_SECURE is True
    assert settings.CSRF_COOKIE_SECURE is True
    assert settings.SESSION_COOKIE_HTTPONLY is True
    assert settings.SESSION_COOKIE_NAME.startswith("__Host-")
    assert settings.CSRF_COOKIE_NAME.startswith("__Host-")
    assert settings.SECURE_HSTS_SECONDS >= 60 * 60 * 24 * 365


@pytest.mark.django_db
def test_the_session_cookie_is_secure_httponly_and_lax(client, coordinator):
    response = client.post(
        reverse("accounts:login"), {"username": coordinator.email, "password": PASSWORD}
    )
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["secure"]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert cookie["path"] == "/"


def test_passwords_are_hashed_with_argon2_in_production():
    assert "Argon2PasswordHasher" in "".join(settings.PASSWORD_HASHERS)


# Error pages in the design ------------------------------------------------------------------


@pytest.mark.django_db
def test_the_404_page_is_in_the_design(client):
    response = client.get("/gibt-es-nicht/irgendwo/")
    assert response.status_code == 404
    assert "errors/404.html" in template_names(response)
    assert_in_design(response)


@pytest.mark.django_db
def test_the_403_page_is_in_the_design(client_for, reader):
    response = client_for(reader).get(reverse("access:list", kwargs={"office_slug": "heidekreis"}))
    assert response.status_code == 403
    assert "errors/403.html" in template_names(response)
    assert_in_design(response)


@pytest.mark.django_db
def test_the_500_page_renders_without_the_database(django_assert_num_queries):
    request = RequestFactory().get("/")
    with django_assert_num_queries(0):
        response = page_views.server_error(request)
    assert response.status_code == 500
    body = response.content.decode()
    assert "<html" in body
    assert 'href="#inhalt"' in body


@pytest.mark.django_db
def test_a_failed_csrf_check_gets_a_page_in_the_design(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post(ACCESSIBILITY, {"message": "Hallo"})
    assert response.status_code == 403
    assert "errors/csrf.html" in template_names(response)
    assert mail.outbox == []


# Language -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_it_speaks_german_by_default_and_english_on_request(client):
    german = client.get("/")
    assert '<html lang="de">' in german.content.decode()
    assert "Zum Inhalt springen" in german.content.decode()
    response = client.post(reverse("set_language"), {"language": "en", "next": "/impressum/"})
    assert response.status_code == 302
    assert response.url == "/impressum/"
    english = client.get("/").content.decode()
    assert '<html lang="en">' in english
    assert "Skip to content" in english
    assert "Sign in" in english


@pytest.mark.django_db
def test_it_ignores_a_language_it_does_not_offer(client):
    client.post(reverse("set_language"), {"language": "fr", "next": "/"})
    assert '<html lang="de">' in client.get("/").content.decode()
