"""POST /api/v1/consultations/check: the user's youth office, JSON in and out."""

from __future__ import annotations

import json

from sozialraum.network.models import Person

URL = "/api/v1/consultations/check"


def post(client, body, **extra):
    return client.post(URL, json.dumps(body), content_type="application/json", **extra)


def test_it_findings_with_the_office_vocabulary(client, professional, office_a):
    Person.objects.create(youth_office=office_a, first_name="Okko", last_name="Quellhorst")
    client.force_login(professional)
    response = post(client, {"text": "Quellhorst sagt, Lena ist 7."})
    assert response.status_code == 200
    data = response.json()
    assert data["youth_office"] == office_a.slug
    assert [(f["kind"], f["text"]) for f in data["findings"]] == [
        ("name", "Quellhorst"),
        ("name", "Lena"),
        ("age", "ist 7"),
    ]
    assert data["findings"][0]["reason"] and data["findings"][0]["suggestion"]


def test_it_bad_bodies_get_a_german_422(client, professional):
    client.force_login(professional)
    assert post(client, {"text": "x" * 100_001}).status_code == 422
    assert post(client, {"nix": 1}).status_code == 422
    response = client.post(URL, "{kein json", content_type="application/json")
    assert response.status_code == 422
    assert "JSON" in response.json()["detail"]


def test_it_other_offices_and_anonymous(client, outsider, professional, office_b):
    assert post(client, {"text": "Lena"}).status_code == 401
    client.force_login(outsider)
    assert post(client, {"text": "Lena"}).status_code == 404
    client.force_login(professional)
    assert post(client, {"text": "Lena", "youth_office": office_b.slug}).status_code == 404
