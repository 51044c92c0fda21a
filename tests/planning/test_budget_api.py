"""The budgets' read API: scoped to the user's youth office, amounts as decimal strings."""

from __future__ import annotations

import pytest

from tests.planning.budget_world import allocate, make_budget, make_measure

pytestmark = pytest.mark.django_db


def test_it_lists_the_budgets_of_the_office(client_for, reader, office_a, space_a, space_b):
    budget = make_budget(space_a, "10000")
    make_budget(space_b, "777")  # another office
    make_budget(space_a, "5000", year=2025)
    allocate(make_measure(office_a, "Elterncafé"), (budget, "1234.50"))
    client = client_for(reader)
    data = client.get("/api/v1/youth-offices/heidekreis/budgets?year=2026").json()
    assert data["count"] == 1
    row = data["results"][0]
    assert row["social_space"]["name"] == "Soltau/Wietzendorf"
    assert (row["planned"], row["committed"], row["available"]) == (
        "10000.00",
        "1234.50",
        "8765.50",
    )
    assert client.get("/api/v1/youth-offices/heidekreis/budgets").json()["count"] == 2
    detail = client.get(f"/api/v1/youth-offices/heidekreis/budgets/{budget.pk}").json()
    assert detail["shares"][0]["measure"] == "Elterncafé"


def test_it_answers_outsiders_and_other_offices_with_404(
    client_for, coordinator_b, carrier_editor, space_a
):
    budget = make_budget(space_a)
    client = client_for(coordinator_b)
    assert client.get("/api/v1/youth-offices/heidekreis/budgets").status_code == 404
    assert client.get(f"/api/v1/youth-offices/verden/budgets/{budget.pk}").status_code == 404
    assert (
        client_for(carrier_editor).get("/api/v1/youth-offices/heidekreis/budgets").status_code
        == 403
    )
    assert client_for(None).get("/api/v1/youth-offices/heidekreis/budgets").status_code == 401


def test_it_bad_parameters_get_422(client_for, reader, office_a):
    client = client_for(reader)
    assert client.get("/api/v1/youth-offices/heidekreis/budgets?year=abc").status_code == 422
    assert client.get("/api/v1/youth-offices/heidekreis/budgets/0").status_code == 422
