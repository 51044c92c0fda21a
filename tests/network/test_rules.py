"""network.rules: who may read, edit, propose and manage what in the network of actors."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from sozialraum.network import services
from tests.network.conftest import make_organisation, make_person

MEMBERS = {"coordinator", "professional", "reader", "carrier_editor", "operator"}
CONTRIBUTORS = {"coordinator", "professional", "operator"}
COORDINATION = {"coordinator", "operator"}


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


def granted(everyone, perm: str, obj) -> set[str]:
    return {name for name, user in everyone.items() if user.has_perm(perm, obj)}


@pytest.mark.parametrize(
    ("perm", "allowed"),
    [
        ("network.view_directory", MEMBERS),
        ("network.edit_directory", CONTRIBUTORS),
        ("network.add_organisation", CONTRIBUTORS),
        ("network.add_person", CONTRIBUTORS | {"carrier_editor"}),
        ("network.manage_network", COORDINATION),
        ("network.review_changes", COORDINATION),
        ("network.import_organisations", COORDINATION),
    ],
)
def test_it_grants_office_permissions_by_role(everyone, office_a, perm, allowed):
    assert granted(everyone, perm, office_a) == allowed


@pytest.mark.parametrize(
    ("perm", "allowed"),
    [
        ("network.change_organisation", CONTRIBUTORS),
        ("network.delete_organisation", COORDINATION),
        ("network.propose_change", {"carrier_editor"}),
        ("network.confirm_organisation", CONTRIBUTORS | {"carrier_editor"}),
        ("network.view_organisation_changes", COORDINATION | {"carrier_editor"}),
        ("network.invite_editor", COORDINATION),
    ],
)
def test_it_grants_organisation_permissions(everyone, office_a, org_a, coordinator, perm, allowed):
    assert granted(everyone, perm, org_a) == allowed
    # The carrier editor's rights end at their own organisation.
    other = make_organisation(office_a, coordinator, "Kita Nachbarschaft")
    assert "carrier_editor" not in granted(everyone, perm, other)


def test_it_keeps_organisation_rights_inside_the_office(everyone, org_b):
    assert granted(everyone, "network.change_organisation", org_b) == {
        "coordinator_b",
        "operator",
    }


def test_it_lets_carrier_editors_edit_the_people_of_their_organisation(
    everyone, office_a, org_a, coordinator
):
    colleague = make_person(office_a, coordinator, "Kruse", "Maren")
    stranger = make_person(office_a, coordinator, "Vogt", "Sven")
    services.add_affiliation(person=colleague, organisation=org_a, actor=coordinator)
    for perm in ("network.change_person", "network.confirm_person", "network.add_affiliation"):
        assert granted(everyone, perm, colleague) == CONTRIBUTORS | {"carrier_editor"}
        assert granted(everyone, perm, stranger) == CONTRIBUTORS
    for perm in ("network.export_person", "network.erase_person"):
        assert granted(everyone, perm, colleague) == COORDINATION


def test_it_lets_carrier_editors_change_only_their_organisations_affiliations(
    everyone, office_a, org_a, coordinator
):
    person = make_person(office_a, coordinator, "Kruse", "Maren")
    other = make_organisation(office_a, coordinator, "Kita Nachbarschaft")
    own = services.add_affiliation(person=person, organisation=org_a, actor=coordinator)
    foreign = services.add_affiliation(person=person, organisation=other, actor=coordinator)
    assert granted(everyone, "network.change_affiliation", own) == CONTRIBUTORS | {"carrier_editor"}
    assert granted(everyone, "network.change_affiliation", foreign) == CONTRIBUTORS


def test_it_asks_no_query_for_role_rules(everyone, office_a, org_a, django_assert_num_queries):
    editor = everyone["carrier_editor"]
    editor.has_perm("network.view_directory", office_a)  # loads the roles once
    with django_assert_num_queries(0):
        editor.has_perm("network.propose_change", org_a)
        editor.has_perm("network.review_changes", office_a)
