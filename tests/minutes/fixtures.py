"""Fixtures of the topic, agenda and minutes tests (import them into a test module)."""

from __future__ import annotations

import pytest

from tests.minutes.world import build_lead, make_meeting


@pytest.fixture
def lead(team_a):
    return build_lead(team_a)


@pytest.fixture
def meeting(team_a):
    """A meeting of team_a a week from now, 9 to 11."""
    return make_meeting(team_a)
