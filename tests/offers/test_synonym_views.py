"""Coordination maintains the search's synonyms."""

from __future__ import annotations

from sozialraum.audit.models import AuditEntry
from sozialraum.offers.search_models import OfferSynonym

URL = "/heidekreis/angebote/synonyme/"


def test_it_shows_the_defaults_and_adds_a_pair(client_for, coordinator, office_a):
    client = client_for(coordinator)
    page = client.get(URL).content.decode()
    assert "Kita = Kindertagesstätte" in page
    response = client.post(URL, {"word": "Schwimmkurs", "synonym": "Seepferdchen"})
    assert response.status_code == 302
    assert OfferSynonym.objects.filter(youth_office=office_a, word="Schwimmkurs").exists()
    assert AuditEntry.objects.filter(object_type="offers.offersynonym").count() == 1


def test_it_refuses_pairs_that_mean_nothing_new(client_for, coordinator):
    client = client_for(coordinator)
    client.get(URL)
    for word, synonym, message in (
        ("Kindertagesstätte", "Kita", "Dieses Paar gibt es schon"),
        ("Mütter", "Muetter", "schon als dasselbe Wort"),
        ("🙂", "Kita", "mit Buchstaben"),
        ("x" * 101, "Kita", "höchstens 100 Zeichen"),
    ):
        response = client.post(URL, {"word": word, "synonym": synonym})
        assert response.status_code == 200
        assert message in response.content.decode(), word
    assert OfferSynonym.objects.count() == 3


def test_it_deletes_a_pair(client_for, coordinator):
    client = client_for(coordinator)
    client.get(URL)
    synonym = OfferSynonym.objects.get(word="Kita")
    assert client.post(f"{URL}{synonym.pk}/loeschen/").status_code == 302
    assert not OfferSynonym.objects.filter(pk=synonym.pk).exists()
    assert client.post(f"{URL}{synonym.pk}/loeschen/").status_code == 404


def test_it_is_for_coordination_only(client_for, professional, coordinator_b):
    assert client_for(professional).get(URL).status_code == 403
    assert client_for(coordinator_b).get(URL).status_code == 404
