"""Empty lists offer the next step; a search without hits offers to reset it."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

DIRECTORY = "/heidekreis/akteure/"
PEOPLE = "/heidekreis/personen/"


def test_it_an_empty_directory_offers_coordination_to_create_or_import(world, client_for):
    body = client_for(world.coordinator).get(DIRECTORY).content.decode()
    assert "Im Verzeichnis steht noch keine Organisation." in body
    assert 'href="/heidekreis/akteure/neu/"' in body
    assert "Akteure importieren" in body
    assert 'href="/heidekreis/akteure/import/"' in body


def test_it_an_empty_directory_offers_professionals_to_create_only(world, client_for):
    body = client_for(world.professional).get(DIRECTORY).content.decode()
    assert body.count('href="/heidekreis/akteure/neu/"') == 2  # page head and empty state
    assert "Akteure importieren" not in body


def test_it_an_empty_directory_tells_readers_who_fills_it(world, client_for):
    body = client_for(world.reader).get(DIRECTORY).content.decode()
    assert "Die Koordination und die Fachkräfte Ihres Jugendamts tragen" in body
    assert "/heidekreis/akteure/neu/" not in body


def test_it_a_directory_search_without_hits_offers_to_reset_the_filters(world, org_a, client_for):
    response = client_for(world.reader).get(DIRECTORY, {"q": "gibtesnicht"})
    body = response.content.decode()
    assert "Keine Organisation passt zu Ihrer Suche." in body
    assert "Alle Filter zurücksetzen" in body
    assert f'href="{DIRECTORY}"' in body


def test_it_an_empty_people_list_offers_to_create_a_person(world, client_for):
    body = client_for(world.professional).get(PEOPLE).content.decode()
    assert "Im Verzeichnis steht noch keine Person." in body
    assert body.count('href="/heidekreis/personen/neu/"') == 2
    reader_body = client_for(world.reader).get(PEOPLE).content.decode()
    assert "/heidekreis/personen/neu/" not in reader_body


def test_it_a_people_search_without_hits_offers_to_reset_it(world, person_a, client_for):
    body = client_for(world.reader).get(PEOPLE, {"q": "niemand"}).content.decode()
    assert "Keine Person passt zu Ihrer Suche." in body
    # Next to the search field and, as the next step, in the empty result.
    assert body.count("Suche zurücksetzen") == 2
