"""The JSON API under /api/v1/: session login, scoped to the user's youth offices."""

from __future__ import annotations

import pytest

from sozialraum.regions import services as region_services
from tests.helpers import assert_queries_constant

pytestmark = pytest.mark.django_db

OFFICES = "/api/v1/youth-offices"
SPACES_A = "/api/v1/youth-offices/heidekreis/social-spaces"


def test_it_answers_401_without_login(world, client):
    for url in (OFFICES, SPACES_A):
        response = client.get(url)
        assert response.status_code == 401
        assert "Soltau" not in response.content.decode()


def test_it_lists_only_the_users_youth_offices(world, client_for):
    assert client_for(world.reader).get(OFFICES).json() == [
        {
            "name": "Landkreis Heidekreis",
            "slug": "heidekreis",
            "kreis_key": "03358",
            "social_space_label": "Sozialraumbezirk",
        }
    ]
    assert client_for(world.outsider).get(OFFICES).json() == []
    slugs = [office["slug"] for office in client_for(world.operator).get(OFFICES).json()]
    assert slugs == ["heidekreis", "verden"]


def test_it_lists_the_social_spaces_with_municipalities(world, client_for):
    spaces = client_for(world.reader).get(SPACES_A).json()
    soltau = next(space for space in spaces if space["name"] == "Soltau/Wietzendorf")
    assert soltau["id"] == world.space_a.pk
    assert soltau["description"] == "Zwei Gemeinden in der Mitte des Kreises."
    assert sorted(m["ags"] for m in soltau["municipalities"]) == ["03358021", "03358023"]
    assert {space["name"] for space in spaces} == {"Soltau/Wietzendorf", "Walsrode"}


def test_it_answers_404_for_another_or_an_unknown_office(world, client_for):
    for persona in (world.coordinator_b, world.outsider):
        response = client_for(persona).get(SPACES_A)
        assert response.status_code == 404
        assert "Soltau" not in response.content.decode()
    assert (
        client_for(world.coordinator)
        .get("/api/v1/youth-offices/nirgends/social-spaces")
        .status_code
        == 404
    )


def test_it_refuses_writes(world, client_for):
    response = client_for(world.coordinator).post(SPACES_A, {"name": "Neu"})
    assert response.status_code == 405


def test_it_keeps_its_query_count_when_the_office_grows(world, client_for):
    def grow():
        for number in range(30):
            region_services.create_social_space(
                office=world.office_a, actor=world.coordinator, name=f"API-Raum {number}"
            )

    # 6 queries: the 4 of every office page (session, user, youth office, roles) + the spaces, their
    # municipalities.
    assert_queries_constant(client_for(world.reader), SPACES_A, grow, expected=5)


def test_it_loads_the_api_docs_from_nowhere_else(client, db):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    body = response.content.decode()
    assert "swagger-ui-bundle.js" in body
    assert "https://" not in body and "http://" not in body
    assert client.get("/api/v1/openapi.json").json()["info"]["title"] == "Sozialraum API"
