"""Fixtures of the consultations tests (tests/consultations/world.py describes the world)."""

from __future__ import annotations

import pytest

from tests.consultations.world import Cases, bring, build_cases


@pytest.fixture
def cases(office_a, space_a, team_member, professional) -> Cases:
    return build_cases(office_a, space_a, teacher=team_member, asd_user=professional)


@pytest.fixture
def teacher(team_member):
    return team_member


@pytest.fixture
def consultation(cases, team_member, space_a):
    """A case of the teacher at the ASD of Soltau/Wietzendorf (Jonas Albers)."""
    return bring(cases, teacher=team_member, space=space_a)
