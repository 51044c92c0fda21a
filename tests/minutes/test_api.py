"""The read API of teams, meetings (with attendance counts) and decisions under /api/v1/: only
the user's youth office, paginated, in the OpenAPI document; 401 without login."""

from __future__ import annotations

from datetime import date

import pytest

from sozialraum.minutes.models import MinutesStatus
from sozialraum.teams.models import Team
from tests.helpers import assert_queries_constant
from tests.minutes.conftest import attend, make_decision, make_meeting, make_minutes, person_of

pytestmark = pytest.mark.django_db

BASE = "/api/v1/youth-offices"


@pytest.fixture
def api_world(team_world):
    w = team_world
    meeting = make_meeting(w.team_a, date(2026, 3, 4))
    attend(meeting, person=person_of(w.team_member))
    attend(meeting, guest_name="Gast Gerda", is_guest=True)
    make_meeting(w.team_a2, date(2026, 3, 5))
    approved = make_minutes(meeting)
    draft = make_minutes(make_meeting(w.team_a, date(2026, 4, 1)), status=MinutesStatus.DRAFT)
    make_decision(w.team_a, "Ferienprogramm im Heidekreis.", minutes=approved)
    make_decision(w.team_a, "Entwurf im Team.", minutes=draft)
    verden = Team.objects.create(youth_office=w.office_b, name="Sozialraumteam Achim")
    make_decision(verden, "Beschluss in Verden, geheim.", day=date(2026, 1, 1))
    make_meeting(verden, date(2026, 1, 1), place="Achim")
    w.meeting = meeting
    return w


def test_it_answers_401_without_login(api_world, client):
    for path in ("teams", "meetings", "decisions"):
        response = client.get(f"{BASE}/heidekreis/{path}")
        assert response.status_code == 401
        assert "Soltau" not in response.content.decode()


def test_it_lists_the_teams_of_the_office(api_world, client_for):
    data = client_for(api_world.reader).get(f"{BASE}/heidekreis/teams").json()
    assert data["count"] == 2 and data["page"] == 1 and data["pages"] == 1
    soltau = next(team for team in data["results"] if team["id"] == api_world.team_a.pk)
    assert soltau == {
        "id": api_world.team_a.pk,
        "name": "Sozialraumteam Soltau/Wietzendorf",
        "kind": "sozialraumteam",
        "kind_label": "Sozialraumteam",
        "is_active": True,
        "social_spaces": [{"id": api_world.space_a.pk, "name": "Soltau/Wietzendorf"}],
    }


def test_it_lists_meetings_with_attendance_counts(api_world, client_for):
    client = client_for(api_world.professional)
    data = client.get(f"{BASE}/heidekreis/meetings").json()
    assert data["count"] == 3
    counted = next(m for m in data["results"] if m["id"] == api_world.meeting.pk)
    assert (counted["attendance_count"], counted["guest_count"]) == (2, 1)
    assert counted["date"] == "2026-03-04" and counted["starts_at"] == "09:00:00"
    only_a2 = client.get(f"{BASE}/heidekreis/meetings?team={api_world.team_a2.pk}").json()
    assert [m["team"] for m in only_a2["results"]] == ["Sozialraumteam Walsrode"]
    assert client.get(f"{BASE}/heidekreis/meetings?team=abc").status_code == 422


def test_it_lists_the_decisions_the_user_may_see(api_world, client_for):
    reader = client_for(api_world.reader).get(f"{BASE}/heidekreis/decisions").json()
    assert [d["text"] for d in reader["results"]] == ["Ferienprogramm im Heidekreis."]
    first = reader["results"][0]
    assert first["number"] == "1/2026" and first["status"] == "gilt"
    assert first["meeting_id"] == api_world.meeting.pk
    member = client_for(api_world.team_member).get(f"{BASE}/heidekreis/decisions").json()
    assert member["count"] == 2
    found = client_for(api_world.team_member).get(f"{BASE}/heidekreis/decisions?q=ferien").json()
    assert [d["text"] for d in found["results"]] == ["Ferienprogramm im Heidekreis."]
    bad = client_for(api_world.reader).get(f"{BASE}/heidekreis/decisions?year=abc")
    assert bad.status_code == 422


def test_it_never_shows_another_offices_data(api_world, client_for):
    for path in ("teams", "meetings", "decisions"):
        foreign = client_for(api_world.coordinator_b).get(f"{BASE}/heidekreis/{path}")
        assert foreign.status_code == 404
        assert "Soltau" not in foreign.content.decode()
        outsider = client_for(api_world.outsider).get(f"{BASE}/heidekreis/{path}")
        assert outsider.status_code == 404
        own = client_for(api_world.coordinator).get(f"{BASE}/heidekreis/{path}").content.decode()
        assert "Verden" not in own and "Achim" not in own
    verden = client_for(api_world.coordinator_b).get(f"{BASE}/verden/decisions").json()
    assert [d["text"] for d in verden["results"]] == ["Beschluss in Verden, geheim."]


def test_it_paginates(api_world, client_for):
    for number in range(2, 60):
        make_decision(api_world.team_a2, f"Beschluss {number}", number=number, day=date(2025, 1, 1))
    client = client_for(api_world.coordinator)
    first = client.get(f"{BASE}/heidekreis/decisions").json()
    assert (first["count"], first["pages"], len(first["results"])) == (60, 2, 50)
    second = client.get(f"{BASE}/heidekreis/decisions?page=2").json()
    assert len(second["results"]) == 10
    assert client.get(f"{BASE}/heidekreis/decisions?page=0").status_code == 422
    assert client.get(f"{BASE}/heidekreis/decisions?page=999").json()["results"] == []


def test_it_keeps_its_query_count(api_world, client_for):
    grown = [0]

    def grow():
        for _ in range(10):
            grown[0] += 1
            meeting = make_meeting(api_world.team_a2, date(2025, 2, grown[0] % 28 + 1))
            attend(meeting, guest_name=f"Gast {grown[0]}", is_guest=True)
            make_decision(api_world.team_a2, f"Mehr {grown[0]}", day=meeting.date)

    client = client_for(api_world.reader)
    # 4 of every office request (session, user, youth office, roles) + count + page.
    assert_queries_constant(client, f"{BASE}/heidekreis/decisions", grow, expected=5)
    assert_queries_constant(client, f"{BASE}/heidekreis/meetings", grow, expected=5)
    # Teams: + their social spaces.
    assert_queries_constant(client, f"{BASE}/heidekreis/teams", grow, expected=6)


def test_it_describes_the_lists_in_the_openapi_document(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    for path in ("teams", "meetings", "decisions"):
        operation = schema["paths"][f"/api/v1/youth-offices/{{slug}}/{path}"]["get"]
        assert operation["summary"]
        parameters = {parameter["name"] for parameter in operation["parameters"]}
        assert {"slug", "page"} <= parameters
    assert {"q", "team", "year"} <= {
        p["name"]
        for p in schema["paths"]["/api/v1/youth-offices/{slug}/decisions"]["get"]["parameters"]
    }
