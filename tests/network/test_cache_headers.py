"""Pages and files with personal data are never stored by browsers or proxies."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

NO_STORE = "no-store, private"


def test_it_a_person_page_is_not_stored(client_for, coordinator, person_a):
    url = reverse("network:person", kwargs={"office_slug": "heidekreis", "pk": person_a.pk})
    response = client_for(coordinator).get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == NO_STORE


def test_it_the_dsgvo_export_is_not_stored(client_for, coordinator, person_a):
    url = reverse("network:person_export", kwargs={"office_slug": "heidekreis", "pk": person_a.pk})
    response = client_for(coordinator).get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == NO_STORE


def test_it_the_access_list_is_not_stored(client_for, coordinator):
    response = client_for(coordinator).get(
        reverse("access:list", kwargs={"office_slug": "heidekreis"})
    )
    assert response["Cache-Control"] == NO_STORE


def test_it_the_api_is_not_stored_even_for_anonymous_clients(client):
    response = client.get("/api/v1/openapi.json")
    assert response["Cache-Control"] == NO_STORE


def test_it_public_pages_keep_their_caching(client):
    response = client.get(reverse("pages:imprint"))
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
