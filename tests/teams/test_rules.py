"""teams.* rules for every persona: the office sees teams; coordination and the team's Leitung
manage them; a team's ordinary member and a member (or lead) of another team do not."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def personas(
    coordinator,
    professional,
    reader,
    coordinator_b,
    outsider,
    operator,
    carrier_editor,
    team_member,
    other_team_member,
    team_lead,
    lead_of_other_team,
):
    return {
        "coordinator": coordinator,
        "professional": professional,
        "reader": reader,
        "coordinator_b": coordinator_b,
        "outsider": outsider,
        "operator": operator,
        "carrier_editor": carrier_editor,
        "team_member": team_member,
        "other_team_member": other_team_member,
        "team_lead": team_lead,
        "lead_of_other_team": lead_of_other_team,
    }


# persona: (view_team, add_team, change_team, manage_members) on office A / team_a
EXPECTED = {
    "coordinator": (True, True, True, True),
    "operator": (True, True, True, True),
    "team_lead": (True, False, True, True),
    "team_member": (True, False, False, False),
    "other_team_member": (True, False, False, False),
    "lead_of_other_team": (True, False, False, False),
    "professional": (True, False, False, False),
    "reader": (True, False, False, False),
    "carrier_editor": (True, False, False, False),
    "coordinator_b": (False, False, False, False),
    "outsider": (False, False, False, False),
}


@pytest.mark.parametrize("name", list(EXPECTED))
def test_it_grants_each_persona_what_the_permission_model_says(name, personas, office_a, team_a):
    user = personas[name]
    got = (
        user.has_perm("teams.view_team", team_a) and user.has_perm("teams.view_team", office_a),
        user.has_perm("teams.add_team", office_a),
        user.has_perm("teams.change_team", team_a),
        user.has_perm("teams.manage_members", team_a),
    )
    assert got == EXPECTED[name]


def test_it_ends_the_leads_rights_when_they_leave(team_lead, team_a):
    from datetime import date

    from sozialraum.teams.models import Membership

    Membership.objects.filter(person__user=team_lead).update(left=date(2024, 6, 30))
    team_lead = type(team_lead).objects.get(pk=team_lead.pk)
    assert not team_lead.has_perm("teams.manage_members", team_a)
    assert team_lead.has_perm("teams.view_team", team_a)
