"""network.demo: fictional organisations and people in the demo, and the scaled demo."""

from __future__ import annotations

import pytest
from django.db.models import F

from sozialraum.accounts.models import OfficeRole, Role, User
from sozialraum.demo.builder import build_demo
from sozialraum.demo.network import HEIDEKREIS, ORGANISATIONS_PER_SCALE, PEOPLE_PER_SCALE
from sozialraum.demo.teams_data import TEAM_ORGANISATIONS
from sozialraum.network import selectors, summaries
from sozialraum.network.models import Affiliation, Organisation, OrganisationChange, Person
from sozialraum.regions.models import YouthOffice


@pytest.fixture
def demo(municipalities):
    return build_demo(password="Demo-Passwort-2026")


def test_it_builds_a_network_with_visible_gaps(demo):
    heidekreis = YouthOffice.objects.get(slug="heidekreis")
    # The network's organisations and those the teams add (the youth office, municipalities).
    assert Organisation.objects.in_office(heidekreis).count() == len(HEIDEKREIS) + len(
        TEAM_ORGANISATIONS["heidekreis"]
    )
    assert not Organisation.objects.filter(is_demo=False).exists()
    assert not Person.objects.filter(is_demo=False).exists()
    overview = summaries.county_overview(heidekreis)
    missing = {
        row.space.name: {cell.kind for cell in row.cells if cell.missing} for row in overview.rows
    }
    assert "gesundheitswesen" in missing["Walsrode"]
    assert missing["Soltau/Wietzendorf"] == set()
    assert {kind.kind for kind in overview.kinds if kind.expected} == {
        "kita",
        "schule",
        "familienzentrum",
        "beratungsstelle",
        "gesundheitswesen",
        "freier_traeger",
    }
    groups = selectors.probable_duplicates(heidekreis)
    assert [[o.name for o in group] for group in groups] == [
        ["Ev. Kita St. Marien", "Evangelische Kita St. Marien"]
    ]
    due = selectors.due_for_check(heidekreis)
    assert due["organisations"].exists()
    assert due["people"].exists()
    assert Organisation.objects.filter(youth_office__slug="verden").exists()


def test_it_links_the_demo_accounts_to_people(demo):
    albers = Person.objects.get(user__email="fachkraft@heidekreis.example")
    assert albers.affiliations.get().organisation.name == "Jugendhilfeverbund Heideland e. V."
    grote = Person.objects.get(user__email="schule@heidekreis.example")
    assert grote.affiliations.get().function == "Schulleitung"
    assert Person.objects.filter(affiliations__isnull=False).distinct().count() < (
        Affiliation.objects.count()
    )  # some people work for two organisations
    editor = User.objects.get(email="traeger@heidekreis.example")
    role = editor.office_role_set.get()
    assert role.role == Role.CARRIER_EDITOR
    assert role.organisation.name == "Jugendhilfeverbund Heideland e. V."
    assert editor.check_password("Demo-Passwort-2026")
    assert OrganisationChange.objects.get().submitted_by == editor


def test_it_grows_the_network_with_the_scale(municipalities):
    build_demo(password="Demo-Passwort-2026", scale=2)
    heidekreis = YouthOffice.objects.get(slug="heidekreis")
    organisations = Organisation.objects.in_office(heidekreis)
    assert (
        organisations.count()
        == len(HEIDEKREIS) + len(TEAM_ORGANISATIONS["heidekreis"]) + 2 * ORGANISATIONS_PER_SCALE
    )
    assert Person.objects.in_office(heidekreis).count() >= 2 * PEOPLE_PER_SCALE
    assert Affiliation.objects.filter(youth_office=heidekreis).count() > 2 * PEOPLE_PER_SCALE
    grown = organisations.get(name__endswith=" 1", kind="oeffentlicher_traeger")
    assert grown.name_key and grown.duplicate_key and grown.social_spaces.exists()
    # Roles created in bulk carry their user's sort key as the saved ones do.
    mismatched = OfficeRole.objects.exclude(user_sort_key=F("user__sort_key"))
    assert OfficeRole.objects.count() > 40 and not mismatched.exists()
