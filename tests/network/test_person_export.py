"""The DSGVO Auskunft: a readable German document to print, and the JSON beside it."""

from __future__ import annotations

import json
from urllib.parse import unquote

import pytest
from django.urls import reverse

from sozialraum.network import services

pytestmark = pytest.mark.django_db


def export_url(person) -> str:
    return reverse(
        "network:person_export", kwargs={"office_slug": person.youth_office.slug, "pk": person.pk}
    )


@pytest.fixture
def affiliation(coordinator, person_a, org_a):
    return services.add_affiliation(
        person=person_a, organisation=org_a, actor=coordinator, function="Teamleitung"
    )


def test_it_gives_a_readable_german_document_to_print(
    client_for, coordinator, person_a, affiliation
):
    response = client_for(coordinator).post(export_url(person_a))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert "no-store" in response["Cache-Control"]
    body = response.content.decode()
    assert "Auskunft über Ihre gespeicherten Daten" in body
    assert "Art. 15 der Datenschutz-Grundverordnung" in body
    assert "<dt>Nachname</dt><dd>Müller</dd>" in body
    assert "Tätigkeiten für Organisationen" in body
    assert "Jugendhilfe Heideblick e. V." in body
    assert "Teamleitung" in body
    assert "<td>nein</td>" in body  # "Ansprechperson": a yes/no, never True/False
    assert "False" not in body and "True" not in body
    assert "css/auskunft.css" in body  # the print stylesheet
    assert "Ihre Schlüssel" in body  # the page says the JSON keys stay the same


def test_it_gives_the_json_with_an_umlaut_file_name(client_for, coordinator, person_a):
    response = client_for(coordinator).post(export_url(person_a), {"format": "json"})
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="auskunft-mueller-')
    encoded = disposition.split("filename*=UTF-8''", 1)[1]
    assert unquote(encoded).startswith("Auskunft-Müller-")
    assert unquote(encoded).endswith(".json")
    assert "no-store" in response["Cache-Control"]
    assert json.loads(response.content)["Person"]["Nachname"] == "Müller"


def test_it_explains_both_forms_before_the_export(client_for, coordinator, person_a):
    body = client_for(coordinator).get(export_url(person_a)).content.decode()
    assert "Auskunft als Dokument öffnen" in body
    assert "Als JSON-Datei herunterladen" in body
