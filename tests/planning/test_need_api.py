"""The read API of needs and measures under /api/v1/: only the user's youth office, paginated,
amounts as decimal strings, constant queries; carrier editors see their own measures."""

from __future__ import annotations

import pytest

from sozialraum.network.models import Organisation, OrganisationKind
from sozialraum.planning.models import NeedStatus
from tests.helpers import assert_queries_constant
from tests.planning.needs_world import make_measure, make_need

pytestmark = pytest.mark.django_db

BASE = "/api/v1/youth-offices"


def test_it_401_without_login_and_404_for_another_office(
    client, client_for, office_a, coordinator_b
):
    assert client.get(f"{BASE}/heidekreis/needs").status_code == 401
    assert client_for(coordinator_b).get(f"{BASE}/heidekreis/measures").status_code == 404


def test_it_needs_of_the_office_with_filters(client_for, office_a, space_a, space_b, reader):
    make_need(office_a, space_a, "Ferienbetreuung", status=NeedStatus.ACCEPTED, priority=12)
    make_need(office_a, space_a, "Schulweg")
    make_need(space_b.youth_office, space_b, "Geheim in Verden")
    client = client_for(reader)
    body = client.get(f"{BASE}/heidekreis/needs").json()
    assert body["count"] == 2 and body["pages"] == 1
    titles = {row["title"] for row in body["results"]}
    assert titles == {"Ferienbetreuung", "Schulweg"}
    body = client.get(f"{BASE}/heidekreis/needs", {"status": "anerkannt"}).json()
    [need] = body["results"]
    assert need["priority"] == 12 and need["status_label"] == "anerkannt"
    assert need["social_spaces"] == [{"id": space_a.pk, "name": space_a.name}]
    assert client.get(f"{BASE}/heidekreis/needs", {"team": "x"}).status_code == 422


def test_it_measures_with_their_current_costs(
    client_for, office_a, carrier, reader, carrier_editor
):
    make_measure(office_a, carrier, "Jugendtreff", requested="1234.50")
    other = Organisation.objects.create(
        youth_office=office_a, name="Andere Initiative", kind=OrganisationKind.FREE_CARRIER
    )
    make_measure(office_a, other, "Andere Maßnahme")
    body = client_for(reader).get(f"{BASE}/heidekreis/measures").json()
    assert body["count"] == 2
    row = next(r for r in body["results"] if r["title"] == "Jugendtreff")
    assert row["requested"] == "1234.50" and row["estimate_number"] == 1
    assert row["goals"][0]["indicator"] == "Besuche pro Woche"
    body = client_for(carrier_editor).get(f"{BASE}/heidekreis/measures").json()
    assert [r["title"] for r in body["results"]] == ["Jugendtreff"]


def test_it_the_measures_read_constant_queries(client_for, office_a, space_a, carrier, reader):
    make_measure(office_a, carrier)

    def grow() -> None:
        for n in range(20):
            make_measure(office_a, carrier, f"Maßnahme {n}").social_spaces.add(space_a)

    assert_queries_constant(client_for(reader), f"{BASE}/heidekreis/measures", grow, expected=9)
