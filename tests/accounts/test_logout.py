"""Logging out says so on the next page."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_it_tells_the_user_after_logging_out(coordinator, client_for):
    client = client_for(coordinator)
    response = client.post("/konto/abmelden/", follow=True)
    assert response.redirect_chain[-1][0] == "/"
    assert "Sie sind abgemeldet. Bis zum nächsten Mal!" in response.content.decode()
    assert client.get("/heidekreis/").status_code == 302  # really logged out


def test_it_says_nothing_when_nobody_was_logged_in(client):
    response = client.post("/konto/abmelden/", follow=True)
    assert "Sie sind abgemeldet" not in response.content.decode()
