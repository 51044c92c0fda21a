"""Password reset by e-mail."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

RESET = reverse("accounts:password_reset")
NEW_PASSWORD = "Lüneburger-Heide-2026"


def reset_link(client, email: str) -> str:
    response = client.post(RESET, {"email": email})
    assert response.status_code == 302
    assert response.url == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    found = re.search(
        r"https?://[^/\s]+(/konto/passwort-neu/[^/\s]+/[^/\s]+/)", mail.outbox[0].body
    )
    assert found, mail.outbox[0].body
    return found.group(1)


def test_it_shows_the_form(client):
    response = client.get(RESET)
    assert response.status_code == 200
    assert "E-Mail" in response.content.decode()


def test_it_mails_a_link_in_german(client, coordinator):
    reset_link(client, "Koordination@Heidekreis.example")
    message = mail.outbox[0]
    assert message.to == ["koordination@heidekreis.example"]
    assert "Passwort" in message.subject
    assert "Passwort" in message.body


def test_it_does_not_reveal_unknown_addresses(client, db):
    response = client.post(RESET, {"email": "unbekannt@example.org"})
    assert response.status_code == 302
    assert response.url == reverse("accounts:password_reset_done")
    assert mail.outbox == []


def test_it_rejects_a_malformed_address(client, db):
    response = client.post(RESET, {"email": "nicht-gültig"})
    assert response.status_code == 200
    assert "email" in response.context["form"].errors


def test_it_sets_a_new_password_through_the_link(client, coordinator):
    url = reset_link(client, coordinator.email)
    form_page = client.get(url, follow=True)
    assert form_page.status_code == 200
    set_url = form_page.redirect_chain[-1][0]
    response = client.post(set_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("accounts:password_reset_complete")
    assert client.get(response.url).status_code == 200
    coordinator.refresh_from_db()
    assert coordinator.check_password(NEW_PASSWORD)
    assert not coordinator.check_password(PASSWORD)
    # The link works only once.
    again = client.get(url, follow=True)
    assert again.context["validlink"] is False


def test_it_rejects_a_weak_new_password_in_german(client, coordinator):
    url = reset_link(client, coordinator.email)
    set_url = client.get(url, follow=True).redirect_chain[-1][0]
    response = client.post(set_url, {"new_password1": "kurz", "new_password2": "kurz"})
    assert response.status_code == 200
    assert "zu kurz" in response.content.decode()
    coordinator.refresh_from_db()
    assert coordinator.check_password(PASSWORD)


def test_it_explains_a_broken_link(client, coordinator):
    response = client.get(
        reverse(
            "accounts:password_reset_confirm", kwargs={"uidb64": "MQ", "token": "falsch-falsch"}
        )
    )
    assert response.status_code == 200
    assert response.context["validlink"] is False
