"""network.summaries: the social space at a glance and the county overview."""

from __future__ import annotations

import pytest

from sozialraum.network import services, summaries
from sozialraum.network.models import OrganisationKind
from tests.network.conftest import make_organisation
from tests.network.test_selectors import grow, names

# The gap view -----------------------------------------------------------------------------------


@pytest.fixture
def checklist(office_a, coordinator):
    services.set_expected_kinds(
        office=office_a,
        actor=coordinator,
        kinds=["kita", "schule", "gesundheitswesen", "beratungsstelle"],
    )


def test_it_counts_kinds_per_space(office_a, coordinator, space_a, space_a2):
    make_organisation(office_a, coordinator, "Kita A", spaces=[space_a])
    make_organisation(office_a, coordinator, "Kita B", spaces=[space_a, space_a2])
    make_organisation(office_a, coordinator, "Schule", kind="schule", spaces=[space_a2])
    assert summaries.kind_counts(office_a) == {
        space_a.pk: {"kita": 2},
        space_a2.pk: {"kita": 1, "schule": 1},
    }


def test_it_shows_a_space_at_a_glance(office_a, coordinator, space_a, checklist):
    make_organisation(office_a, coordinator, "Kita B", spaces=[space_a])
    make_organisation(office_a, coordinator, "Kita A", spaces=[space_a])
    make_organisation(office_a, coordinator, "GS Heide", kind="schule", spaces=[space_a])
    make_organisation(office_a, coordinator, "Kirche", kind="kirchengemeinde", spaces=[space_a])
    make_organisation(office_a, coordinator, "Elsewhere", kind="beratungsstelle")
    glance = summaries.social_space_glance(office_a, space_a)
    assert [(item.kind, item.label, names(item.organisations)) for item in glance.present] == [
        ("schule", "Schule", ["GS Heide"]),
        ("kita", "Kindertagesstätte", ["Kita A", "Kita B"]),
        ("kirchengemeinde", "Kirchengemeinde", ["Kirche"]),
    ]
    assert [(item.kind, item.label) for item in glance.missing] == [
        ("beratungsstelle", "Beratungsstelle"),
        ("gesundheitswesen", "Gesundheitswesen (z. B. Familienhebamme)"),
    ]
    assert [item.kind for item in glance.present if item.expected] == ["schule", "kita"]
    assert glance.has_checklist
    assert {item.kind: item.count for item in glance.present} == {
        "kita": 2,
        "schule": 1,
        "kirchengemeinde": 1,
    }
    assert glance.total == 4


def test_it_limits_the_glance_list_but_not_the_count(office_a, coordinator, space_a):
    grow(office_a, coordinator, [space_a], 40)
    glance = summaries.social_space_glance(office_a, space_a)
    for item in glance.present:
        assert len(item.organisations) == min(summaries.GLANCE_LIMIT, item.count)
        assert item.more == item.count - len(item.organisations)
    assert glance.total == 40


def test_it_builds_the_county_overview(office_a, coordinator, space_a, space_a2, checklist):
    make_organisation(office_a, coordinator, "Kita A", spaces=[space_a, space_a2])
    make_organisation(office_a, coordinator, "Hebamme", kind="gesundheitswesen", spaces=[space_a])
    make_organisation(office_a, coordinator, "Schule ohne Raum", kind="schule")
    overview = summaries.county_overview(office_a)
    kinds = [kind.kind for kind in overview.kinds]
    assert kinds == OrganisationKind.values
    rows = {row.space.name: row for row in overview.rows}
    walsrode = rows["Walsrode"]
    assert walsrode.cells[kinds.index("kita")].count == 1
    assert [cell.kind for cell in walsrode.cells if cell.missing] == [
        "schule",
        "beratungsstelle",
        "gesundheitswesen",
    ]
    assert rows["Soltau/Wietzendorf"].missing == ["Schule", "Beratungsstelle"]
    assert overview.totals[kinds.index("kita")] == 1  # counted once, though in two spaces
    assert overview.unassigned[kinds.index("schule")] == 1
    assert overview.has_expected


def test_it_builds_the_overview_in_constant_queries(
    office_a, coordinator, space_a, space_a2, checklist, django_assert_num_queries
):
    grow(office_a, coordinator, [space_a, space_a2], 10)
    with django_assert_num_queries(5):
        summaries.county_overview(office_a)
    glance_queries = 3  # counts, the ranked organisations, the checklist
    with django_assert_num_queries(glance_queries):
        summaries.social_space_glance(office_a, space_a)
    with django_assert_num_queries(1):
        summaries.kind_counts(office_a)
    grow(office_a, coordinator, [space_a, space_a2], 300, prefix="Gruppe")
    with django_assert_num_queries(5):
        summaries.county_overview(office_a)
    with django_assert_num_queries(glance_queries):
        summaries.social_space_glance(office_a, space_a)
