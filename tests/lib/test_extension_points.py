"""The extension points apps register in AppConfig.ready(): retention rules, privacy parts."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from sozialraum.lib import privacy, retention
from sozialraum.network import privacy as network_privacy
from tests.network.conftest import make_person


def test_it_collects_the_retention_rules_of_every_app():
    names = {rule.name for rule in retention.rules()}
    assert {"login_records", "invitations", "finished_tasks", "sessions"} <= names  # accounts
    assert "pending_imports" in names  # network


def test_it_refuses_two_different_rules_with_one_name():
    rule = retention.rules()[0]
    with pytest.raises(ValueError, match="Two retention rules"):
        retention.register(retention.Rule(rule.name, timedelta(days=1), lambda cutoff: 0))


def test_it_runs_every_rule_with_its_own_cutoff():
    seen = {}
    rule = retention.Rule("probe", timedelta(days=3), lambda cutoff: seen.setdefault("at", cutoff))
    now = timezone.now()
    assert retention.clean_up(now, only=[rule]) == {"probe": now - timedelta(days=3)}


@pytest.fixture
def teams_part(monkeypatch):
    """A part as the teams app will register it: memberships of the person."""
    erased = []
    part = privacy.PersonPart(
        key="memberships",
        label="Mitgliedschaften",
        export=lambda person: [{"Team": "Soltau", "Person": person.last_name}],
        erase=lambda person: erased.append(person.pk) or 1,
    )
    monkeypatch.setattr(network_privacy, "person_parts", lambda: [part])
    return erased


def test_it_the_auskunft_contains_the_registered_parts(office_a, coordinator, teams_part):
    person = make_person(office_a, coordinator, "Müller", "Anna")
    data = network_privacy.export_person_data(person=person, actor=coordinator)
    assert data["Mitgliedschaften"] == [{"Team": "Soltau", "Person": "Müller"}]


def test_it_the_erasure_runs_the_registered_parts(office_a, coordinator, teams_part):
    person = make_person(office_a, coordinator, "Müller", "Anna")
    pk = person.pk
    network_privacy.erase_person(person=person, actor=coordinator)
    assert teams_part == [pk]
