"""teams.listing: the list of teams read through compiled queries gives the rows, counts and
social spaces the ORM's queryset gives, on every page and every day."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.paginator import Paginator
from django.utils import timezone

from sozialraum.lib.http import PAGE_SIZE
from sozialraum.lib.row_templates import names_by_id
from sozialraum.meetings.models import MeetingStatus
from sozialraum.teams.listing import TEAM_LIST_COLUMNS, TeamListRows, space_names, team_list
from sozialraum.teams.models import Team
from tests.teams.conftest import meeting, member, person_at

pytestmark = pytest.mark.django_db


@pytest.fixture
def many_teams(office_a, space_a, space_a2, team_a, team_a2):
    today = timezone.localdate()
    for number in range(PAGE_SIZE + 7):
        team = Team.objects.create(youth_office=office_a, name=f"AG {number:02d}")
        if number % 3:
            team.social_spaces.add(space_a2 if number % 2 else space_a)
        if number % 4 == 0:
            team.social_spaces.add(space_a, space_a2)
        person = person_at(office_a, None, "P", f"Person {number}")
        member(team, person, joined=today - timedelta(days=number % 3))
        if number % 5 == 0:
            member(team, person_at(office_a, None, "F", f"F {number}"), left=today)
            member(
                team,
                person_at(office_a, None, "G", f"G {number}"),
                joined=date(2020, 1, 1),
                left=today - timedelta(days=1),
            )
        meeting(team, today + timedelta(days=number % 4))
        meeting(team, today - timedelta(days=1))
        if number % 6 == 0:
            meeting(team, today, status=MeetingStatus.CANCELLED)
    return office_a


def test_it_reads_every_page_as_the_querysets_values(many_teams, office_b):
    office = many_teams
    expected = list(team_list(office).values(*TEAM_LIST_COLUMNS))
    rows = TeamListRows(office)
    assert rows.count() == len(expected) == PAGE_SIZE + 9
    for low, high in ((0, PAGE_SIZE), (PAGE_SIZE, len(expected)), (3, 10), (0, 0)):
        assert rows[low:high] == expected[low:high]
    assert any(row["next_meeting"] == timezone.localdate() for row in expected)
    assert {row["member_count"] for row in expected} >= {0, 1, 2}
    assert TeamListRows(office_b).count() == 0 and TeamListRows(office_b)[0:0] == []


def test_it_counts_from_the_day_it_is_given(many_teams):
    tomorrow = timezone.localdate() + timedelta(days=1)
    later = TeamListRows(many_teams, tomorrow)[0:PAGE_SIZE]
    today = TeamListRows(many_teams)[0:PAGE_SIZE]
    assert later != today
    assert all(row["next_meeting"] is None or row["next_meeting"] >= tomorrow for row in later)


def test_it_pages_like_a_paginator_over_the_queryset(many_teams):
    for number in ("1", "2", "99"):
        page = Paginator(TeamListRows(many_teams), PAGE_SIZE).get_page(number)
        old = Paginator(team_list(many_teams).values(*TEAM_LIST_COLUMNS), PAGE_SIZE).get_page(
            number
        )
        assert list(page.object_list) == list(old.object_list)
        assert (page.number, page.paginator.num_pages) == (old.number, old.paginator.num_pages)


def test_it_names_the_social_spaces_as_the_through_table_does(many_teams):
    ids = [row["id"] for row in TeamListRows(many_teams)[0:PAGE_SIZE]]
    assert space_names(ids) == dict(names_by_id(Team.social_spaces, ids))
    assert space_names(ids[:3]) == dict(names_by_id(Team.social_spaces, ids[:3]))
    assert space_names([]) == {}
    with pytest.raises(ValueError):
        space_names([*ids, ids[0]])
