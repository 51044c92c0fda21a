"""The members page: search a person of the network, add them for one of their organisations
with a role and substitutes, change a membership, let a member leave; only coordination and
the team's Leitung; bad input answered in German without changing anything."""

from __future__ import annotations

from datetime import date

import pytest

from sozialraum.teams.models import Membership, MembershipRole
from tests.helpers import assert_queries_constant
from tests.teams.conftest import member, membership_url, organisation, person_at, team_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def kita(office_a):
    return organisation(office_a, "Kita Pusteblume")


@pytest.fixture
def janssen(office_a, kita):
    return person_at(office_a, kita, "Sören", "Janßen")


def test_it_finds_people_of_the_network_by_name(client_for, coordinator, team_a, janssen, office_b):
    person_at(office_b, None, "Sören", "Janßen-Verden")
    response = client_for(coordinator).get(team_url("members", team_a) + "?q=jans")
    assert [p.pk for p in response.context["found"]] == [janssen.pk]
    content = response.content.decode()
    assert "Kita Pusteblume" in content
    assert f"?person={janssen.pk}" in content
    assert "Janßen-Verden" not in content


def test_it_answers_the_search_as_you_type_with_the_results_only(
    client_for, coordinator, team_a, janssen
):
    response = client_for(coordinator).get(
        team_url("members", team_a) + "?q=Janssen", HTTP_HX_REQUEST="true"
    )
    content = response.content.decode()
    assert "Sören" in content and "<html" not in content


def test_it_keeps_the_members_page_constant_in_queries(
    client_for, coordinator, team_a, office_a, janssen
):
    def add(number: int) -> None:
        org = organisation(office_a, f"Org {number}")
        membership = member(team_a, person_at(office_a, org, "Anna", f"Arndt{number}"), org)
        membership.substitutes.add(person_at(office_a, org, "Sub", f"Stitut{number}"))

    add(0)
    # 9 queries: the 4 of every office page + the team, the people found with their current
    # affiliations (2), the memberships and their substitutes (2).
    assert_queries_constant(
        client_for(coordinator),
        team_url("members", team_a) + "?q=arndt",
        lambda: [add(number) for number in range(1, 16)],
        expected=8,
    )


def test_it_adds_a_member_with_role_and_substitute(
    client_for, coordinator, team_a, kita, janssen, office_a
):
    colleague = person_at(office_a, kita, "Ina", "Imke")
    client = client_for(coordinator)
    form = client.get(team_url("members", team_a) + f"?person={janssen.pk}")
    assert form.status_code == 200
    assert "Ina Imke" in form.content.decode()
    response = client.post(
        team_url("members", team_a) + f"?person={janssen.pk}",
        {
            "person": janssen.pk,
            "organisation": kita.pk,
            "role": MembershipRole.GUEST,
            "joined": "01.02.2025",
            "substitutes": [colleague.pk],
        },
    )
    assert response.status_code == 302
    membership = Membership.objects.get(team=team_a, person=janssen)
    assert (membership.organisation, membership.role, membership.joined) == (
        kita,
        "gast",
        date(2025, 2, 1),
    )
    assert list(membership.substitutes.all()) == [colleague]


def test_it_refuses_a_person_of_another_office_by_id(client_for, coordinator, team_a, office_b):
    stranger = person_at(office_b, None, "Olga", "Peters")
    client = client_for(coordinator)
    response = client.get(team_url("members", team_a) + f"?person={stranger.pk}")
    assert "gibt es im Netzwerk dieses Jugendamts nicht" in response.content.decode()
    assert "Olga" not in response.content.decode()
    response = client.post(
        team_url("members", team_a) + f"?person={stranger.pk}",
        {"person": stranger.pk, "role": "mitglied", "joined": "01.02.2025"},
    )
    assert response.status_code == 200
    assert not Membership.objects.filter(person=stranger).exists()


def test_it_refuses_bad_input_in_the_add_form(
    client_for, coordinator, team_a, kita, janssen, office_b
):
    foreign = person_at(office_b, None, "X", "Fremd")
    other_org = organisation(team_a.youth_office, "Fremde Schule")
    response = client_for(coordinator).post(
        team_url("members", team_a) + f"?person={janssen.pk}",
        {
            "person": janssen.pk,
            "organisation": other_org.pk,
            "role": "chef",
            "joined": "31.02.2025",
            "substitutes": [foreign.pk, "9" * 30],
        },
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Den 31. Februar gibt es nicht." in content
    assert "Bitte wählen Sie eine der Rollen." in content
    assert "kann hier nicht als Vertretung gewählt werden" in content
    assert not Membership.objects.filter(person=janssen).exists()


def test_it_refuses_to_add_a_current_member_again(client_for, coordinator, team_a, kita, janssen):
    member(team_a, janssen, kita)
    response = client_for(coordinator).post(
        team_url("members", team_a) + f"?person={janssen.pk}",
        {"person": janssen.pk, "organisation": kita.pk, "role": "mitglied", "joined": "01.02.2025"},
    )
    assert "ist schon Mitglied in diesem Team" in response.content.decode()
    assert Membership.objects.filter(person=janssen).count() == 1


def test_it_lets_a_member_leave_keeping_the_history(client_for, coordinator, team_a, kita, janssen):
    membership = member(team_a, janssen, kita, joined=date(2024, 3, 1))
    client = client_for(coordinator)
    url = membership_url("membership_leave", membership)
    response = client.post(url, {"left": "28.02.2024", "version": 1})
    assert "liegt vor dem Eintritt" in response.content.decode()
    assert Membership.objects.get(pk=membership.pk).left is None
    response = client.post(url, {"left": "30.06.2025", "version": 1})
    assert response.status_code == 302
    assert Membership.objects.get(pk=membership.pk).left == date(2025, 6, 30)
    page = client.get(team_url("members", team_a)).content.decode()
    assert "Ehemalige Mitglieder" in page and "01.03.2024 bis 30.06.2025" in page


def test_it_shows_a_conflict_when_two_people_edit_a_membership(
    client_for, coordinator, team_a, kita, janssen
):
    membership = member(team_a, janssen, kita)
    Membership.objects.filter(pk=membership.pk).update(role=MembershipRole.LEAD, version=2)
    client = client_for(coordinator)
    url = membership_url("membership_edit", membership)
    response = client.post(
        url, {"organisation": kita.pk, "role": "gast", "joined": "01.01.2024", "version": 1}
    )
    content = response.content.decode()
    assert "Jemand anderes hat diesen Eintrag gespeichert" in content
    assert Membership.objects.get(pk=membership.pk).role == MembershipRole.LEAD
    response = client.post(
        url, {"organisation": kita.pk, "role": "gast", "joined": "01.01.2024", "version": 2}
    )
    assert response.status_code == 302
    assert Membership.objects.get(pk=membership.pk).role == MembershipRole.GUEST


def test_it_lets_the_lead_manage_and_refuses_everybody_else(
    client_for,
    team_lead,
    team_member,
    other_team_member,
    lead_of_other_team,
    professional,
    team_a,
    kita,
    janssen,
):
    assert client_for(team_lead).get(team_url("members", team_a)).status_code == 200
    membership = member(team_a, janssen, kita)
    for user in (team_member, other_team_member, lead_of_other_team, professional):
        client = client_for(user)
        assert client.get(team_url("members", team_a)).status_code == 403
        assert (
            client.post(
                membership_url("membership_leave", membership), {"left": "01.01.2026", "version": 1}
            ).status_code
            == 403
        )
        assert (
            client.post(
                team_url("members", team_a) + f"?person={janssen.pk}",
                {
                    "person": janssen.pk,
                    "organisation": kita.pk,
                    "role": "leitung",
                    "joined": "01.01.2025",
                },
            ).status_code
            == 403
        )
    assert Membership.objects.get(pk=membership.pk).left is None


def test_it_answers_404_for_another_offices_membership(
    client_for, coordinator_b, team_a, kita, janssen
):
    membership = member(team_a, janssen, kita)
    assert (
        client_for(coordinator_b).get(membership_url("membership_edit", membership)).status_code
        == 404
    )
