"""The URL walk's expectations for youth offices and social spaces (sozialraum.regions), with
their API endpoints."""

from __future__ import annotations

from tests.walk import COORDINATION_PAGE, MEMBER_PAGE, Expect, Walk, row, same


def social_space(walk: Walk) -> int:
    return walk.world.space_a.pk


EXPECTED: dict[str, Expect] = {
    # Office A: start page and social spaces
    "regions:office": Expect(get=MEMBER_PAGE, post=MEMBER_PAGE),
    "regions:social_space_create": Expect(get=COORDINATION_PAGE, post=COORDINATION_PAGE),
    "regions:social_space": Expect(get=MEMBER_PAGE, post=MEMBER_PAGE, pk=social_space),
    "regions:social_space_edit": Expect(
        get=COORDINATION_PAGE, post=COORDINATION_PAGE, pk=social_space
    ),
    # The walk's space has budgets (tests/planning/url_expectations_budgets.py): the deletion
    # is refused with its reason (409), tests/regions/test_social_space_views.py deletes one.
    "regions:social_space_delete": Expect(
        get=COORDINATION_PAGE,
        post={**COORDINATION_PAGE, "coordinator": 409, "operator": 409},
        pk=social_space,
    ),
    # The API (/api/v1/): session login, 401 without it, 404 for other offices' data.
    "api:list_youth_offices": Expect(get={**same(200), "anonymous": 401}),
    "api:list_social_spaces": Expect(
        get=row(
            anonymous=401,
            outsider=404,
            coordinator_b=404,
            reader=200,
            professional=200,
            coordinator=200,
            operator=200,
            carrier_editor=200,
        )
    ),
}

# Office A's social spaces (tests/conftest.py: space_a, space_a2).
SECRETS = ("Soltau/Wietzendorf", "Walsrode")
