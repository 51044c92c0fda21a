"""The participation review: figures computed on a small hand-made history, the members who
missed the last three meetings, kinds that never came, the exports, constant queries."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from django.urls import reverse

from sozialraum.meetings.models import Attendance, MeetingStatus
from sozialraum.meetings.participation import review, year_before
from sozialraum.network import services as network_services
from sozialraum.network.models import OrganisationKind
from sozialraum.teams.models import Membership
from tests.conftest import build_team_persona
from tests.helpers import assert_queries_constant
from tests.meetings.conftest import make_meeting

pytestmark = pytest.mark.django_db


def url(team, suffix: str = "") -> str:
    return reverse(
        f"meetings:participation{suffix}", kwargs={"office_slug": "heidekreis", "team_pk": team.pk}
    )


@pytest.fixture
def history(today, office_a, coordinator, space_a, team_a, team_org, team_member):
    """Five meetings in the last 12 months (one cancelled, one without attendance recorded,
    one older than 12 months). The school (team_org, Sabine) came to 3 of 4 held, the carrier
    "=Heideblick" (Kurt) to 1 via a substitute, the Kita never."""
    network_services.set_expected_kinds(
        office=office_a,
        actor=coordinator,
        kinds=[OrganisationKind.SCHOOL, OrganisationKind.KITA, OrganisationKind.HEALTH],
    )
    carrier = network_services.create_organisation(
        office=office_a,
        actor=coordinator,
        data={"name": "=Heideblick", "kind": OrganisationKind.FREE_CARRIER},
        social_spaces=[space_a],
    )
    kita = network_services.create_organisation(
        office=office_a,
        actor=coordinator,
        data={"name": "Kita Sonnenschein", "kind": OrganisationKind.KITA},
        social_spaces=[space_a],
    )
    kurt = build_team_persona(
        office_a,
        team_a,
        email="kurt@x.example",
        first_name="Kurt",
        last_name="Kaiser",
        organisation=carrier,
    )
    kurt_membership = Membership.objects.get(person__user=kurt)
    sabine = Membership.objects.get(person__user=team_member)
    substitute = network_services.create_person(
        office=office_a, actor=coordinator, data={"first_name": "Vera", "last_name": "Vogt"}
    )
    days = [today - timedelta(days=n) for n in (300, 200, 100, 50, 20, 10)]
    old = make_meeting(team_a, today - timedelta(days=400))
    m1, m2, m3, m4, cancelled, unrecorded = (make_meeting(team_a, d) for d in days)
    cancelled.status = MeetingStatus.CANCELLED
    cancelled.save()

    def came(meeting, membership, person=None, substitute=False):
        Attendance.objects.create(
            youth_office=office_a,
            meeting=meeting,
            person=person or membership.person,
            organisation=membership.organisation,
            membership=membership,
            is_substitute=substitute,
        )

    for meeting in (old, m1, m2, m4):
        came(meeting, sabine)
    came(m1, kurt_membership, substitute, substitute=True)
    Attendance.objects.create(
        youth_office=office_a, meeting=m3, guest_name="Frau Gast", is_guest=True
    )
    Attendance.objects.create(
        youth_office=office_a, meeting=cancelled, guest_name="Nie", is_guest=True
    )
    return {
        "carrier": carrier,
        "kita": kita,
        "kurt": kurt_membership,
        "sabine": sabine,
        "held": [m1, m2, m3, m4],
        "unrecorded": unrecorded,
    }


def test_it_computes_attendance_by_organisation(history, team_a, today):
    result = review(team_a)
    assert [m.pk for m in result.held] == [m.pk for m in history["held"]]
    assert result.unrecorded == 1
    figures = {f.organisation.name: (f.attended, f.held, f.rate) for f in result.organisations}
    assert figures == {"Grundschule am Heidering": (3, 4, 75), "=Heideblick": (1, 4, 25)}
    assert result.guests == 1
    assert result.since == date(2025, 3, 11)


def test_it_names_members_who_missed_the_last_three_meetings(history, team_a):
    result = review(team_a)
    assert [m.pk for m in result.last_meetings] == [m.pk for m in history["held"][1:]]
    assert [m.pk for m in result.absentees] == [history["kurt"].pk]


def test_it_does_not_blame_a_member_who_joined_after_the_first_of_the_three(history, team_a, today):
    kurt = history["kurt"]
    kurt.joined = today - timedelta(days=60)
    kurt.save()
    assert review(team_a).absentees == []


def test_it_lists_the_kinds_of_the_checklist_that_never_came(history, team_a):
    missing = {m.kind: [o.name for o in m.organisations] for m in review(team_a).missing_kinds}
    assert missing == {
        OrganisationKind.KITA: ["Kita Sonnenschein"],
        OrganisationKind.HEALTH: [],
    }


def test_it_counts_twelve_months_back_from_a_leap_day():
    assert year_before(date(2028, 2, 29)) == date(2027, 3, 1)
    assert year_before(date(2026, 3, 10)) == date(2025, 3, 11)


def test_it_shows_table_chart_and_exports(history, team_a, client_for, team_member):
    client = client_for(team_member)
    body = client.get(url(team_a)).content.decode()
    assert "Grundschule am Heidering" in body and "75 %" in body
    assert "<svg" in body and 'role="img"' in body and 'width="75%"' in body
    assert "Kurt Kaiser" in body
    csv = client.get(url(team_a, "_csv")).content.decode("utf-8-sig")
    assert "'=Heideblick;Freier Träger;1;4;25" in csv
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(client.get(url(team_a, "_xlsx")).content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert ["=Heideblick", "Freier Träger", "1", "4", "25"] in rows
    assert sheet["A2"].data_type == "s"


@pytest.mark.parametrize(
    "persona", ["other_team_member", "professional", "reader", "carrier_editor"]
)
def test_it_is_for_the_team_and_coordination_only(today, team_a, client_for, persona, request):
    user = request.getfixturevalue(persona)
    for suffix in ("", "_csv", "_xlsx"):
        assert client_for(user).get(url(team_a, suffix)).status_code == 403


def test_it_runs_a_constant_number_of_queries(
    history, office_a, team_a, client_for, coordinator, today
):
    def grow():
        for n in range(20):
            meeting = make_meeting(team_a, today - timedelta(days=30 + n))
            Attendance.objects.create(
                youth_office=office_a,
                meeting=meeting,
                person=history["sabine"].person,
                organisation=history["sabine"].organisation,
                membership=history["sabine"],
            )
            Attendance.objects.create(
                youth_office=office_a, meeting=meeting, guest_name=f"Gast {n}", is_guest=True
            )

    # 9 queries: the 4 of every office page + the team, the meetings of the window with who
    # came to them (and their organisations), the memberships, the checklist, its organisations.
    assert_queries_constant(client_for(coordinator), url(team_a), grow, expected=8)
