"""The start page of a youth office: the welcome, the carrier editor's organisation, and what
coordination has to do (proposals waiting, entries due for a check)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from sozialraum.accounts.models import OfficeRole, Role
from sozialraum.network import proposals
from sozialraum.network.models import Organisation, Person
from sozialraum.regions.naming import welcome
from tests.conftest import make_user
from tests.helpers import assert_queries_constant
from tests.network.conftest import make_organisation, make_person

pytestmark = pytest.mark.django_db

START = "/heidekreis/"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Landkreis Heidekreis", "Willkommen beim Landkreis Heidekreis"),
        ("Kreis Lippe", "Willkommen beim Kreis Lippe"),
        ("Vogelsbergkreis", "Willkommen beim Vogelsbergkreis"),
        ("Main-Kinzig-Kreis", "Willkommen beim Main-Kinzig-Kreis"),
        ("Regionalverband Saarbrücken", "Willkommen beim Regionalverband Saarbrücken"),
        ("Stadt Flensburg", "Willkommen bei der Stadt Flensburg"),
        ("Hansestadt Lübeck", "Willkommen bei der Hansestadt Lübeck"),
        ("Landeshauptstadt Kiel", "Willkommen bei der Landeshauptstadt Kiel"),
        ("Region Hannover", "Willkommen bei der Region Hannover"),
        ("Städteregion Aachen", "Willkommen bei der Städteregion Aachen"),
        ("Jugendamt Celle", "Willkommen beim Jugendamt Celle"),
        ("Potsdam-Mittelmark", "Willkommen im Jugendamt Potsdam-Mittelmark"),
        ("Bremerhaven", "Willkommen im Jugendamt Bremerhaven"),
    ],
)
def test_it_welcomes_with_the_right_article(name, expected):
    assert welcome(name) == expected


def test_it_welcomes_every_member_with_correct_german(world, client_for):
    body = client_for(world.reader).get(START).content.decode()
    assert "Willkommen beim Landkreis Heidekreis" in body
    assert "Willkommen bei Landkreis" not in body


def test_it_shows_the_carrier_editor_their_organisation(carrier_editor, org_a, client_for):
    response = client_for(carrier_editor).get(START)
    assert response.context["own_organisation"] == org_a
    body = response.content.decode()
    assert "Ihre Organisation: Jugendhilfe Heideblick e. V." in body
    assert "Eintrag ansehen und Änderungen vorschlagen" in body
    assert org_a.get_absolute_url() in body


def test_it_shows_no_organisation_panel_to_other_roles(world, org_a, client_for):
    for persona in (world.coordinator, world.professional, world.reader, world.operator):
        response = client_for(persona).get(START)
        assert response.context["own_organisation"] is None
        assert "Ihre Organisation:" not in response.content.decode()


def test_it_shows_coordination_the_waiting_proposals_and_due_entries(
    world, org_a, carrier_editor, client_for
):
    proposals.propose_organisation_change(
        organisation=org_a, actor=carrier_editor, data={"phone": "05191 1"}, social_spaces=None
    )
    person = make_person(world.office_a, world.coordinator, "Alt", "Anton")
    old = timezone.now() - timedelta(days=500)
    Person.objects.filter(pk=person.pk).update(confirmed_at=old)
    Organisation.objects.filter(pk=org_a.pk).update(confirmed_at=old)
    response = client_for(world.coordinator).get(START)
    to_do = response.context["to_do"]
    assert (to_do.pending_changes, to_do.due_organisations, to_do.due_people) == (1, 1, 1)
    body = response.content.decode()
    assert "1 Änderungsvorschlag eines Trägers wartet auf Ihre Prüfung" in body
    assert "2 Einträge wurden seit einem Jahr nicht bestätigt" in body
    assert reverse("network:changes", kwargs={"office_slug": "heidekreis"}) in body
    assert reverse("network:due", kwargs={"office_slug": "heidekreis"}) in body


def test_it_says_when_nothing_is_waiting(world, client_for):
    body = client_for(world.coordinator).get(START).content.decode()
    assert "Nichts offen: Kein Vorschlag wartet" in body


def test_it_hides_coordinations_work_from_other_roles(world, client_for):
    for persona in (world.professional, world.reader):
        response = client_for(persona).get(START)
        assert response.context["to_do"] is None
        assert "Für Sie zu tun" not in response.content.decode()


# The start page's queries for coordination, whatever the data: session, user, office, the
# user's roles, social spaces, their municipalities, the Kreis's municipalities, and three counts
# (waiting proposals, organisations and people due for a check).
COORDINATION_START_QUERIES = 9
# The carrier editor: no counts (3 fewer), but their own organisation (1 more).
CARRIER_START_QUERIES = 7


def test_it_keeps_the_query_count_of_coordinations_start_page(
    world, org_a, carrier_editor, client_for
):
    def grow():
        old = timezone.now() - timedelta(days=500)
        for number in range(15):
            org = make_organisation(world.office_a, world.coordinator, f"Kita {number}")
            editor = make_user(f"r{number}@example.org", f"Redaktion {number}")
            OfficeRole.objects.create(
                youth_office=world.office_a, user=editor, role=Role.CARRIER_EDITOR, organisation=org
            )
            proposals.propose_organisation_change(
                organisation=org, actor=editor, data={"phone": str(number)}, social_spaces=None
            )
            make_person(world.office_a, world.coordinator, f"Person {number}")
        Organisation.objects.in_office(world.office_a).update(confirmed_at=old)
        Person.objects.in_office(world.office_a).update(confirmed_at=old)

    assert_queries_constant(
        client_for(world.coordinator), START, grow, expected=COORDINATION_START_QUERIES
    )


def test_it_keeps_the_query_count_of_the_carrier_editors_start_page(
    world, carrier_editor, client_for
):
    def grow():
        for number in range(10):
            make_organisation(world.office_a, world.coordinator, f"Schule {number}")

    assert_queries_constant(client_for(carrier_editor), START, grow, expected=CARRIER_START_QUERIES)


def test_it_counts_coordinations_work_once_until_the_data_changes(
    world, org_a, carrier_editor, client_for, django_assert_num_queries
):
    client = client_for(world.coordinator)
    assert client.get(START).context["to_do"].pending_changes == 0
    # The three counts come from the cache (issue 8).
    with django_assert_num_queries(COORDINATION_START_QUERIES - 3):
        client.get(START)
    proposals.propose_organisation_change(
        organisation=org_a, actor=carrier_editor, data={"phone": "05191 2"}, social_spaces=None
    )
    assert client.get(START).context["to_do"].pending_changes == 1
