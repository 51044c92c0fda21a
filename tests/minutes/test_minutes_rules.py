"""The minutes' rules, asked as every persona, for draft, in review and approved minutes."""

from __future__ import annotations

import pytest

from sozialraum.minutes import services
from tests.conftest import build_world
from tests.minutes.world import attend, build_lead, make_meeting, person_of

pytestmark = pytest.mark.django_db

PERSONAS = (
    "outsider",
    "coordinator_b",
    "reader",
    "professional",
    "coordinator",
    "operator",
    "carrier_editor",
    "team_member",
    "other_team_member",
    "lead",
)


@pytest.fixture
def setting():
    world = build_world(carrier_editor=True, teams=True)
    lead = build_lead(world.team_a)
    meeting = make_meeting(world.team_a, days=-1)
    taker = person_of(world.team_member)
    attend(meeting, taker)
    minutes = services.start_minutes(meeting=meeting, actor=world.coordinator, minute_taker=taker)
    users = {name: world.persona(name) for name in PERSONAS if name != "lead"}
    users["lead"] = lead
    return world, meeting, minutes, users


def allowed(users, perm, obj) -> set[str]:
    return {name for name, user in users.items() if user.has_perm(perm, obj)}


TEAM = {"coordinator", "operator", "team_member", "lead"}
OFFICE = TEAM | {"reader", "professional", "carrier_editor", "other_team_member"}


def test_it_shows_drafts_to_the_team_and_approved_minutes_to_the_office(setting):
    _world, meeting, minutes, users = setting
    assert allowed(users, "minutes.view_minutes", meeting) == TEAM  # no minutes yet
    assert allowed(users, "minutes.view_minutes", minutes) == TEAM
    assert allowed(users, "minutes.edit_minutes", minutes) == TEAM  # the member takes them
    assert allowed(users, "minutes.start_minutes", minutes) == {"coordinator", "operator", "lead"}
    assert allowed(users, "minutes.comment_minutes", minutes) == set()
    assert allowed(users, "minutes.approve_minutes", minutes) == set()

    minutes = services.submit_for_review(minutes=minutes, actor=users["lead"], version=1)
    assert allowed(users, "minutes.view_minutes", minutes) == TEAM
    assert allowed(users, "minutes.edit_minutes", minutes) == {
        "coordinator",
        "operator",
        "team_member",
    }
    assert allowed(users, "minutes.comment_minutes", minutes) == TEAM
    assert allowed(users, "minutes.approve_minutes", minutes) == {"coordinator", "operator", "lead"}

    minutes = services.approve_minutes(
        minutes=minutes, actor=users["lead"], version=minutes.version
    )
    assert allowed(users, "minutes.view_minutes", minutes) == OFFICE
    assert allowed(users, "minutes.edit_minutes", minutes) == set()
    assert allowed(users, "minutes.comment_minutes", minutes) == set()
    assert allowed(users, "minutes.approve_minutes", minutes) == set()
    assert allowed(users, "minutes.correct_minutes", minutes) == {"coordinator", "operator", "lead"}


def test_it_lets_only_coordination_manage_the_template(setting):
    world, _meeting, _minutes, users = setting
    assert allowed(users, "minutes.manage_sections", world.office_a) == {"coordinator", "operator"}
    assert allowed(users, "minutes.manage_sections", world.office_b) == {
        "coordinator_b",
        "operator",
    }


def test_it_keeps_topics_and_the_agenda_in_the_team(setting):
    world, meeting, _minutes, users = setting
    for perm in ("meetings.view_topics", "meetings.submit_topic", "meetings.view_agenda"):
        assert allowed(users, perm, world.team_a) == TEAM, perm
    for perm in ("meetings.manage_topics", "meetings.manage_agenda"):
        assert allowed(users, perm, meeting) == {"coordinator", "operator", "lead"}, perm
    assert "other_team_member" in allowed(users, "meetings.view_topics", world.team_a2)
