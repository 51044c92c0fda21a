"""The rules of the Familienwegweiser, asked for every persona."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

pytestmark = pytest.mark.django_db

OFFICE_PERMS = ("view_offers", "add_offer", "review_offer_changes", "manage_space_pages")
OFFER_PERMS = (
    "view_offer",
    "change_offer",
    "propose_offer_change",
    "publish_offer",
    "confirm_offer",
)

# persona -> the permissions it has: on office A, on an offer of the carrier editor's
# organisation, on an offer of another organisation.
EXPECTED = {
    "coordinator": (
        set(OFFICE_PERMS),
        {"view_offer", "change_offer", "publish_offer", "confirm_offer"},
        {"view_offer", "change_offer", "publish_offer", "confirm_offer"},
    ),
    "operator": (
        set(OFFICE_PERMS),
        {"view_offer", "change_offer", "publish_offer", "confirm_offer"},
        {"view_offer", "change_offer", "publish_offer", "confirm_offer"},
    ),
    "professional": (
        {"view_offers", "add_offer"},
        {"view_offer", "change_offer", "confirm_offer"},
        {"view_offer", "change_offer", "confirm_offer"},
    ),
    "team_member": (
        {"view_offers", "add_offer"},
        {"view_offer", "change_offer", "confirm_offer"},
        {"view_offer", "change_offer", "confirm_offer"},
    ),
    "reader": ({"view_offers"}, {"view_offer"}, {"view_offer"}),
    "carrier_editor": (
        {"view_offers", "add_offer"},
        {"view_offer", "propose_offer_change", "confirm_offer"},
        {"view_offer"},
    ),
    "coordinator_b": (set(), set(), set()),
    "outsider": (set(), set(), set()),
}


def granted(user, perms, obj) -> set[str]:
    return {name for name in perms if user.has_perm(f"offers.{name}", obj)}


@pytest.mark.parametrize("persona", sorted(EXPECTED))
def test_it_grants_each_persona_what_its_role_allows(
    persona, request, office_a, own_offer, offer_a, carrier_editor, team_member
):
    user = request.getfixturevalue(persona)
    office, own, other = EXPECTED[persona]
    assert granted(user, OFFICE_PERMS, office_a) == office
    assert granted(user, OFFER_PERMS, own_offer) == own
    assert granted(user, OFFER_PERMS, offer_a) == other


def test_it_grants_the_anonymous_visitor_nothing(office_a, offer_a):
    anonymous = AnonymousUser()
    assert granted(anonymous, OFFICE_PERMS, office_a) == set()
    assert granted(anonymous, OFFER_PERMS, offer_a) == set()


def test_it_asks_no_query_for_a_rule(
    office_a, own_offer, carrier_editor, django_assert_num_queries
):
    carrier_editor.roles_by_office()  # loaded once per request
    with django_assert_num_queries(0):
        assert carrier_editor.has_perm("offers.propose_offer_change", own_offer)
        assert not carrier_editor.has_perm("offers.publish_offer", own_offer)
