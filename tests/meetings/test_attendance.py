"""The check-in list: members, substitutes, guests; saving twice and from two phones at once
merges instead of losing ticks; who may take attendance when."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from sozialraum.meetings.models import Attendance, MeetingStatus
from sozialraum.network import services as network_services
from sozialraum.teams.models import Membership
from tests.conftest import build_team_persona
from tests.helpers import assert_queries_constant
from tests.meetings.conftest import make_meeting

pytestmark = pytest.mark.django_db


def url(meeting) -> str:
    return reverse("meetings:attendance", kwargs={"office_slug": "heidekreis", "pk": meeting.pk})


@pytest.fixture
def meeting(today, team_a):
    return make_meeting(team_a, today)


@pytest.fixture
def members(office_a, team_a, team_org, team_member, coordinator):
    """Three members of team_a: the team member (school), Anke (school) and Bernd (no org);
    Anke has a named substitute, the school a colleague in the directory."""
    anke = build_team_persona(
        office_a,
        team_a,
        email="anke@x.example",
        first_name="Anke",
        last_name="Adler",
        organisation=team_org,
    )
    bernd = build_team_persona(
        office_a, team_a, email="bernd@x.example", first_name="Bernd", last_name="Brune"
    )
    substitute = network_services.create_person(
        office=office_a, actor=coordinator, data={"first_name": "Susi", "last_name": "Sommer"}
    )
    colleague = network_services.create_person(
        office=office_a, actor=coordinator, data={"first_name": "Carl", "last_name": "Kollege"}
    )
    network_services.add_affiliation(person=colleague, organisation=team_org, actor=coordinator)
    memberships = {m.person.first_name: m for m in Membership.objects.select_related("person")}
    memberships["Anke"].substitutes.add(substitute)
    return {
        "sabine": memberships["Sabine"],
        "anke": memberships["Anke"],
        "bernd": memberships["Bernd"],
        "substitute": substitute,
        "colleague": colleague,
        "users": (team_member, anke, bernd),
    }


def form_of(response) -> dict:
    """What the page's form would send as it is shown (checked boxes, hidden fields)."""
    form = response.context["form"]
    listing = response.context["listing"]
    data: dict = {"anwesend": [], "war_anwesend": [], "eintrag": [], "war_eintrag": []}
    for row in listing.rows:
        if row.present:
            data["anwesend"].append(str(row.pk))
            data["war_anwesend"].append(str(row.pk))
        if row.substitutes or row.colleagues:
            value = "" if row.substitute_id is None else str(row.substitute_id)
            data[f"vertretung_{row.pk}"] = value
            data[f"war_vertretung_{row.pk}"] = value
    for entry in listing.others:
        data["eintrag"].append(str(entry.pk))
        data["war_eintrag"].append(str(entry.pk))
    assert form is not None
    return data


def present(meeting) -> set[str]:
    return {str(a) for a in Attendance.objects.filter(meeting=meeting).select_related("person")}


def test_it_checks_in_members_a_substitute_and_a_guest(meeting, members, client_for, coordinator):
    client = client_for(coordinator)
    data = form_of(client.get(url(meeting)))
    data["anwesend"] += [str(members["sabine"].pk)]
    data[f"vertretung_{members['anke'].pk}"] = str(members["substitute"].pk)
    data.update(gast_name_1="Frau Gast", gast_org_1="Gemeinde Wietzendorf")
    response = client.post(url(meeting), data)
    assert response.status_code == 302
    assert present(meeting) == {"Sabine Hartmann", "Susi Sommer", "Frau Gast"}
    substitute = Attendance.objects.get(person=members["substitute"])
    assert substitute.is_substitute and substitute.membership == members["anke"]
    assert substitute.organisation == members["anke"].organisation
    guest = Attendance.objects.get(is_guest=True)
    assert (guest.person, guest.organisation_name) == (None, "Gemeinde Wietzendorf")


def test_it_offers_colleagues_of_the_organisation_as_substitutes(
    meeting, members, client_for, coordinator
):
    client = client_for(coordinator)
    data = form_of(client.get(url(meeting)))
    data[f"vertretung_{members['sabine'].pk}"] = str(members["colleague"].pk)
    assert client.post(url(meeting), data).status_code == 302
    assert present(meeting) == {"Carl Kollege"}


def test_it_refuses_a_substitute_who_is_not_offered(meeting, members, client_for, coordinator):
    client = client_for(coordinator)
    data = form_of(client.get(url(meeting)))
    data[f"vertretung_{members['bernd'].pk}"] = str(members["substitute"].pk)
    response = client.post(url(meeting), data)
    assert response.status_code == 200
    assert not Attendance.objects.exists()


def test_it_changes_nothing_when_the_same_form_is_sent_twice(
    meeting, members, client_for, coordinator
):
    client = client_for(coordinator)
    data = form_of(client.get(url(meeting)))
    data["anwesend"] += [str(members["sabine"].pk), str(members["bernd"].pk)]
    data.update(gast_name_1="Frau Gast", gast_org_1="Gemeinde")
    client.post(url(meeting), data)
    client.post(url(meeting), data)
    assert Attendance.objects.filter(meeting=meeting).count() == 3


def test_it_merges_two_phones_checking_in_at_the_same_time(
    meeting, members, client_for, coordinator, team_member
):
    phone_a, phone_b = client_for(coordinator), client_for(team_member)
    shown_a, shown_b = form_of(phone_a.get(url(meeting))), form_of(phone_b.get(url(meeting)))
    shown_a["anwesend"] += [str(members["sabine"].pk)]
    shown_b["anwesend"] += [str(members["bernd"].pk)]
    shown_b.update(gast_name_1="Herr Gast")
    phone_a.post(url(meeting), shown_a)
    phone_b.post(url(meeting), shown_b)
    assert present(meeting) == {"Sabine Hartmann", "Bernd Brune", "Herr Gast"}
    # Phone A, still showing its old page, unticks Sabine: only that change is applied.
    again = form_of(phone_a.get(url(meeting)))
    again["anwesend"].remove(str(members["sabine"].pk))
    phone_a.post(url(meeting), again)
    assert present(meeting) == {"Bernd Brune", "Herr Gast"}


def test_it_removes_a_guest_who_was_unticked(meeting, members, client_for, coordinator):
    client = client_for(coordinator)
    data = form_of(client.get(url(meeting)))
    client.post(url(meeting), {**data, "gast_name_1": "Frau Gast"})
    data = form_of(client.get(url(meeting)))
    data["eintrag"] = []
    client.post(url(meeting), data)
    assert not Attendance.objects.exists()


def test_it_asks_for_the_name_of_a_guest_with_an_organisation(
    meeting, members, client_for, coordinator
):
    response = client_for(coordinator).post(
        url(meeting), {"gast_org_1": "Gemeinde", "gast_name_1": "  "}
    )
    assert "Bitte geben Sie auch den Namen des Gasts an." in response.content.decode()


def test_it_refuses_ids_of_another_list(
    meeting, members, client_for, coordinator, other_team_member
):
    other = Membership.objects.get(person__user=other_team_member)
    response = client_for(coordinator).post(url(meeting), {"anwesend": [str(other.pk)]})
    assert response.status_code == 200
    assert not Attendance.objects.exists()


def test_it_lets_members_take_attendance_on_the_day_only(
    today, team_a, members, client_for, team_member, team_lead
):
    tomorrow = make_meeting(team_a, today + timedelta(days=1))
    yesterday = make_meeting(team_a, today - timedelta(days=1))
    on_the_day = make_meeting(team_a, today)
    member = client_for(team_member)
    assert member.post(url(on_the_day), {"anwesend": [str(members["bernd"].pk)]}).status_code == 302
    assert member.post(url(yesterday), {}).status_code == 403
    assert member.get(url(yesterday)).status_code == 200  # sees it, read-only
    assert (
        client_for(team_lead)
        .post(url(yesterday), {"anwesend": [str(members["bernd"].pk)]})
        .status_code
        == 302
    )
    future = client_for(team_lead).post(url(tomorrow), {"anwesend": [str(members["bernd"].pk)]})
    assert "ab dem Tag des Treffens" in future.content.decode()
    assert not Attendance.objects.filter(meeting=tomorrow).exists()


def test_it_refuses_attendance_for_a_cancelled_meeting(
    today, team_a, members, client_for, coordinator
):
    cancelled = make_meeting(team_a, today, status=MeetingStatus.CANCELLED)
    client_for(coordinator).post(url(cancelled), {"anwesend": [str(members["bernd"].pk)]})
    assert not Attendance.objects.exists()


@pytest.mark.parametrize("persona", ["other_team_member", "professional", "reader"])
def test_it_keeps_the_list_from_people_outside_the_team(meeting, client_for, persona, request):
    user = request.getfixturevalue(persona)
    assert client_for(user).get(url(meeting)).status_code == 403
    assert client_for(user).post(url(meeting), {}).status_code == 403


def test_it_loads_the_check_in_list_with_constant_queries(
    meeting, members, office_a, team_a, team_org, client_for, coordinator
):
    def grow():
        for n in range(15):
            user = build_team_persona(
                office_a,
                team_a,
                email=f"m{n}@x.example",
                first_name=f"M{n}",
                last_name="Muster",
                organisation=team_org,
            )
            person = Membership.objects.filter(person__user=user).get().person
            Attendance.objects.create(youth_office=office_a, meeting=meeting, person=person)
            Attendance.objects.create(
                youth_office=office_a, meeting=meeting, guest_name=f"Gast {n}", is_guest=True
            )

    assert_queries_constant(client_for(coordinator), url(meeting), grow, expected=8)


def test_it_shows_an_erased_person_neutrally(meeting, members, client_for, coordinator):
    from sozialraum.meetings.models import Attendance as Row

    Row.objects.create(
        youth_office_id=meeting.youth_office_id,
        meeting=meeting,
        erased=True,
        organisation=members["sabine"].organisation,
    )
    assert "gelöschte Person" in client_for(coordinator).get(url(meeting)).content.decode()


def test_it_is_idle_on_an_unchanged_form(meeting, members, client_for, coordinator):
    from sozialraum.audit.models import AuditEntry

    client = client_for(coordinator)
    client.post(url(meeting), form_of(client.get(url(meeting))))
    assert not AuditEntry.objects.filter(object_type="meetings.meeting").exists()
