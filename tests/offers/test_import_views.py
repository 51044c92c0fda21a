"""The upload page of the offer import (coordination): upload, preview, apply, discard."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sozialraum.network.models import Organisation, OrganisationKind
from sozialraum.offers.import_models import PendingOfferImport
from sozialraum.offers.models import Offer, OfferStatus

IMPORT = "/heidekreis/angebote/import/"


@pytest.fixture
def provider(office_a):
    return Organisation.objects.create(
        youth_office=office_a, name="Familienzentrum Sonnenschein", kind=OrganisationKind.OTHER
    )


def upload(client, content: bytes, name="angebote.csv"):
    return client.post(IMPORT, {"file": SimpleUploadedFile(name, content)})


GOOD = "Titel;Beschreibung;Anbieter\r\nKrabbelgruppe;Spielen;Familienzentrum Sonnenschein\r\n"


def test_it_previews_then_publishes(client_for, coordinator, provider):
    client = client_for(coordinator)
    response = upload(client, GOOD.encode("cp1252"))
    pending = PendingOfferImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{IMPORT}{pending.pk}/"
    preview = client.get(response["Location"]).content.decode()
    assert "Die Datei ist in Ordnung: 1 neu, 0 zu aktualisieren" in preview
    assert "Krabbelgruppe" in preview
    assert not Offer.objects.exists()
    done = client.post(f"{IMPORT}{pending.pk}/ausfuehren/")
    assert done.status_code == 302
    assert Offer.objects.get().status == OfferStatus.PUBLISHED
    assert not PendingOfferImport.objects.exists()


def test_it_creates_drafts_when_asked(client_for, coordinator, provider):
    client = client_for(coordinator)
    upload(client, GOOD.encode())
    pending = PendingOfferImport.objects.get()
    client.post(f"{IMPORT}{pending.pk}/ausfuehren/", {"draft": "1"})
    assert Offer.objects.get().status == OfferStatus.DRAFT


def test_it_shows_every_error_and_imports_nothing(client_for, coordinator, provider):
    client = client_for(coordinator)
    upload(client, b"Titel;Anbieter;Alter von\r\nKurs;Unbekannt;200\r\n")
    pending = PendingOfferImport.objects.get()
    page = client.get(f"{IMPORT}{pending.pk}/").content.decode()
    assert "Die Datei enthält 2 Fehler" in page
    assert "steht nicht im Verzeichnis der Akteure" in page
    response = client.post(f"{IMPORT}{pending.pk}/ausfuehren/")
    assert response.status_code == 200
    assert "Es wurde nichts importiert" in response.content.decode()
    assert not Offer.objects.exists()


def test_it_refuses_files_it_cannot_read(client_for, coordinator):
    client = client_for(coordinator)
    response = upload(client, b"\x00\x01binary", name="angebote.pdf")
    assert response.status_code == 200
    assert "CSV- oder Excel-Datei" in response.content.decode()
    upload(client, b"PK\x03\x04kaputt", name="angebote.xlsx")
    pending = PendingOfferImport.objects.get()
    assert "lässt sich nicht importieren" in client.get(f"{IMPORT}{pending.pk}/").content.decode()


def test_it_discards_and_keeps_uploads_per_office(client_for, coordinator, coordinator_b):
    client = client_for(coordinator)
    upload(client, GOOD.encode())
    pending = PendingOfferImport.objects.get()
    other = client_for(coordinator_b)
    assert other.get(f"/verden/angebote/import/{pending.pk}/").status_code == 404
    assert client.post(f"{IMPORT}{pending.pk}/verwerfen/").status_code == 302
    assert not PendingOfferImport.objects.exists()
    assert client.post(f"{IMPORT}{pending.pk}/ausfuehren/").status_code == 404  # double click


def test_it_offers_an_empty_template(client_for, coordinator):
    response = client_for(coordinator).get(f"{IMPORT}vorlage.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
