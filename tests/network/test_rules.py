"""network.rules: who may read, edit and manage the directory."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from sozialraum.network import services
from tests.network.conftest import make_organisation, make_person


@pytest.fixture
def everyone(world, carrier_editor):
    return {
        "coordinator": world.coordinator,
        "professional": world.professional,
        "reader": world.reader,
        "carrier_editor": carrier_editor,
        "coordinator_b": world.coordinator_b,
        "outsider": world.outsider,
        "operator": world.operator,
        "anonymous": AnonymousUser(),
    }


@pytest.mark.parametrize(
    ("perm", "allowed"),
    [
        (
            "network.view_directory",
            {"coordinator", "professional", "reader", "carrier_editor", "operator"},
        ),
        ("network.edit_directory", {"coordinator", "professional", "operator"}),
        ("network.manage_network", {"coordinator", "operator"}),
    ],
)
def test_it_grants_office_permissions_by_role(everyone, office_a, perm, allowed):
    granted = {name for name, user in everyone.items() if user.has_perm(perm, office_a)}
    assert granted == allowed


def test_it_lets_carrier_editors_edit_only_their_organisation(
    everyone, office_a, org_a, org_b, coordinator
):
    other = make_organisation(office_a, coordinator, "Kita Nachbarschaft")
    perm = "network.edit_organisation"
    granted = {name for name, user in everyone.items() if user.has_perm(perm, org_a)}
    assert granted == {"coordinator", "professional", "carrier_editor", "operator"}
    assert not everyone["carrier_editor"].has_perm(perm, other)
    assert not everyone["professional"].has_perm(perm, org_b)
    assert everyone["coordinator_b"].has_perm(perm, org_b)


def test_it_lets_carrier_editors_edit_the_people_of_their_organisation(
    everyone, office_a, org_a, coordinator
):
    colleague = make_person(office_a, coordinator, "Kruse", "Maren")
    stranger = make_person(office_a, coordinator, "Vogt", "Sven")
    services.add_affiliation(person=colleague, organisation=org_a, actor=coordinator)
    editor = everyone["carrier_editor"]
    assert editor.has_perm("network.edit_person", colleague)
    assert not editor.has_perm("network.edit_person", stranger)
    assert everyone["professional"].has_perm("network.edit_person", stranger)
    assert not everyone["reader"].has_perm("network.edit_person", stranger)
    assert not everyone["coordinator_b"].has_perm("network.edit_person", stranger)
