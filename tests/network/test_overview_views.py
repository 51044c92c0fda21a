"""The social space at a glance, the county overview, the checklist of expected kinds, the
entries due for a check and the probable duplicates."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from sozialraum.network import services
from sozialraum.network.models import ExpectedKind, Organisation, OrganisationKind, Person
from sozialraum.regions import services as region_services
from tests.conftest import municipality
from tests.helpers import assert_queries_constant
from tests.network.conftest import make_organisation, make_person

pytestmark = pytest.mark.django_db


def office_url(name: str, office) -> str:
    return reverse(f"network:{name}", kwargs={"office_slug": office.slug})


def space_url(space) -> str:
    return reverse(
        "regions:social_space", kwargs={"office_slug": space.youth_office.slug, "pk": space.pk}
    )


@pytest.fixture
def checklist(office_a, coordinator) -> list[str]:
    kinds = [OrganisationKind.SCHOOL, OrganisationKind.KITA, OrganisationKind.HEALTH]
    services.set_expected_kinds(office=office_a, actor=coordinator, kinds=kinds)
    return kinds


# The social space at a glance -------------------------------------------------------------------


def test_it_shows_present_and_missing_kinds_at_a_glance(
    client_for, reader, coordinator, office_a, space_a, checklist
):
    make_organisation(office_a, coordinator, "Kita Sonnenschein", spaces=[space_a])
    make_organisation(
        office_a, coordinator, "GS Am Markt", kind=OrganisationKind.SCHOOL, spaces=[space_a]
    )
    response = client_for(reader).get(space_url(space_a))
    glance = response.context["glance"]
    assert [item.label for item in glance.present] == ["Schule", "Kindertagesstätte"]
    assert [item.label for item in glance.missing] == ["Gesundheitswesen (z. B. Familienhebamme)"]
    content = response.content.decode()
    assert "Akteure auf einen Blick" in content
    assert "Kita Sonnenschein" in content
    # A gap is said in words, not only shown in colour.
    assert "Laut Checkliste fehlt hier 1 Art von Organisation" in content
    assert "Gesundheitswesen (z. B. Familienhebamme)</strong> – fehlt" in content


def test_it_says_at_a_glance_when_everything_is_there(
    client_for, coordinator, office_a, space_a, checklist
):
    for kind in checklist:
        make_organisation(
            office_a, coordinator, f"Organisation {kind}", kind=kind, spaces=[space_a]
        )
    content = client_for(coordinator).get(space_url(space_a)).content.decode()
    assert "Alle Arten der Checkliste sind hier vertreten." in content


def test_it_invites_coordination_at_a_glance_to_set_a_checklist(client_for, coordinator, space_a):
    content = client_for(coordinator).get(space_url(space_a)).content.decode()
    assert "Legen Sie eine Checkliste fest" in content
    assert "Für diesen Raum ist noch keine Organisation eingetragen." in content


def test_it_keeps_the_glance_apart_for_those_who_may_manage_and_those_who_may_not(
    client_for, coordinator, reader, space_a
):
    """The glance's HTML is kept per office data version and right to manage (issue 8): the
    reader's copy never shows coordination's invitation, and coordination's always does."""
    reader_client, coordinator_client = client_for(reader), client_for(coordinator)
    for _ in range(2):
        assert "Checkliste fest" not in reader_client.get(space_url(space_a)).content.decode()
        assert "Checkliste fest" in coordinator_client.get(space_url(space_a)).content.decode()


def test_it_shows_no_organisation_of_another_office_at_a_glance(
    client_for, coordinator_b, coordinator, office_a, space_a, space_b, org_b
):
    make_organisation(office_a, coordinator, "Kita Heidekreis", spaces=[space_a])
    content = client_for(coordinator_b).get(space_url(space_b)).content.decode()
    assert "Kita Weserwiese" in content
    assert "Kita Heidekreis" not in content


def test_it_shows_a_social_space_with_the_same_queries_however_many_organisations(
    client_for, coordinator, office_a, space_a, checklist
):
    make_organisation(office_a, coordinator, "Kita 0", spaces=[space_a])

    def grow():
        for number in range(1, 30):
            kind = OrganisationKind.KITA if number % 2 else OrganisationKind.SCHOOL
            make_organisation(office_a, coordinator, f"Org {number}", kind=kind, spaces=[space_a])

    # 9 queries: the 4 of every office page (session, user, youth office, roles) + the space,
    # its municipalities, the glance's counts per kind, its organisations, the checklist.
    assert_queries_constant(client_for(coordinator), space_url(space_a), grow, expected=8)


# The county overview ----------------------------------------------------------------------------


def test_it_counts_kinds_per_social_space_and_marks_gaps(
    client_for, professional, coordinator, office_a, space_a, space_a2, checklist
):
    make_organisation(office_a, coordinator, "Kita A", spaces=[space_a, space_a2])
    make_organisation(office_a, coordinator, "Kita B", spaces=[space_a])
    response = client_for(professional).get(office_url("overview", office_a))
    rows = {row.space.name: row for row in response.context["table"].rows}
    soltau = {cell.kind: cell for cell in rows["Soltau/Wietzendorf"].cells}
    assert soltau[OrganisationKind.KITA].count == 2
    assert soltau[OrganisationKind.SCHOOL].missing
    assert not soltau[OrganisationKind.CHURCH].missing  # not on the checklist
    assert rows["Walsrode"].missing == ["Schule", "Gesundheitswesen (z. B. Familienhebamme)"]
    content = response.content.decode()
    assert "<caption" in content
    assert "fehlt" in content  # text, besides the colour
    assert 'role="region"' in content and 'tabindex="0"' in content  # scrolls at 320 px
    assert "Checkliste ändern" not in content  # only coordination changes the checklist


def test_it_caches_the_overview_until_the_office_data_changes(
    client_for, coordinator, office_a, space_a, checklist, django_assert_max_num_queries
):
    client = client_for(coordinator)

    def kitas_in_soltau() -> int:
        response = client.get(office_url("overview", office_a))
        rows = {row.space.name: row for row in response.context["table"].rows}
        cells = {cell.kind: cell for cell in rows["Soltau/Wietzendorf"].cells}
        return cells[OrganisationKind.KITA].count

    assert kitas_in_soltau() == 0
    with django_assert_max_num_queries(5):  # served from the cache: session, user, office, role
        kitas_in_soltau()
    make_organisation(office_a, coordinator, "Kita Neu", spaces=[space_a])
    assert kitas_in_soltau() == 1  # the write changed the data version: counted again
    organisation = Organisation.objects.get(name="Kita Neu")
    services.delete_organisation(organisation=organisation, actor=coordinator)
    assert kitas_in_soltau() == 0


def test_it_caches_the_glance_until_the_office_data_changes(
    client_for, coordinator, office_a, space_a, checklist
):
    client = client_for(coordinator)

    def kinds_present() -> list[str]:
        return [item.kind for item in client.get(space_url(space_a)).context["glance"].present]

    assert OrganisationKind.KITA not in kinds_present()
    make_organisation(office_a, coordinator, "Kita Neu", spaces=[space_a])
    assert OrganisationKind.KITA in kinds_present()


def test_it_keeps_the_overview_for_members(client_for, coordinator_b, outsider, office_a):
    for user in (coordinator_b, outsider):
        assert client_for(user).get(office_url("overview", office_a)).status_code == 404


def test_it_shows_the_overview_with_the_same_queries_however_many_spaces_and_organisations(
    client_for, coordinator, office_a, space_a, checklist
):
    def grow():
        for ags in ("03358001", "03358002", "03358003"):
            space = region_services.create_social_space(
                office=office_a,
                actor=coordinator,
                name=f"Raum {ags}",
                municipalities=[municipality(ags)],
            )
            for number in range(5):
                make_organisation(office_a, coordinator, f"Kita {ags} {number}", spaces=[space])

    # 9 queries: the 4 of every office page (session, user, youth office, roles) + the
    # checklist, counts per space and kind, the spaces, counts per kind in the county and
    # without a space (the checklist is read once: the summary carries it).
    assert_queries_constant(
        client_for(coordinator), office_url("overview", office_a), grow, expected=8
    )


# The checklist ----------------------------------------------------------------------------------


def test_it_lets_coordination_set_the_checklist(client_for, coordinator, office_a):
    response = client_for(coordinator).post(
        office_url("expected_kinds", office_a),
        {"kinds": [OrganisationKind.COUNSELLING, OrganisationKind.HEALTH]},
    )
    assert response.status_code == 302
    assert set(ExpectedKind.objects.in_office(office_a).values_list("kind", flat=True)) == {
        OrganisationKind.COUNSELLING,
        OrganisationKind.HEALTH,
    }


def test_it_empties_the_checklist_when_every_kind_is_unticked(
    client_for, coordinator, office_a, checklist
):
    version = ",".join(sorted(checklist))  # the checklist the form showed
    client_for(coordinator).post(office_url("expected_kinds", office_a), {"version": version})
    assert not ExpectedKind.objects.exists()


def test_it_names_an_unknown_kind_at_the_field(client_for, coordinator, office_a, checklist):
    response = client_for(coordinator).post(
        office_url("expected_kinds", office_a), {"kinds": ["zirkus"]}
    )
    assert response.status_code == 200
    assert "Diese Art gibt es nicht." in " ".join(response.context["form"].errors["kinds"])
    assert ExpectedKind.objects.count() == 3


def test_it_lets_only_coordination_set_the_checklist(
    client_for, professional, coordinator_b, office_a
):
    assert client_for(professional).post(office_url("expected_kinds", office_a)).status_code == 403
    assert client_for(coordinator_b).post(office_url("expected_kinds", office_a)).status_code == 404


# Entries due for a check ----------------------------------------------------------------------


def test_it_lists_entries_not_confirmed_for_twelve_months(
    frozen_now, client_for, coordinator, office_a, org_a, person_a
):
    fresh = make_organisation(office_a, coordinator, "Kita Frisch")
    old = timezone.now() - timedelta(days=400)
    Organisation.objects.filter(pk=org_a.pk).update(confirmed_at=old)
    Person.objects.filter(pk=person_a.pk).update(confirmed_at=old)
    response = client_for(coordinator).get(office_url("due", office_a))
    assert list(response.context["organisations"].object_list) == [org_a]
    assert list(response.context["people"].object_list) == [person_a]
    content = response.content.decode()
    assert fresh.name not in content
    assert "Bestätigen" in content


def test_it_comes_back_to_the_list_after_confirming_from_it(
    frozen_now, client_for, coordinator, office_a, person_a
):
    Person.objects.filter(pk=person_a.pk).update(confirmed_at=timezone.now() - timedelta(days=400))
    due = office_url("due", office_a)
    response = client_for(coordinator).post(
        reverse("network:person_confirm", kwargs={"office_slug": office_a.slug, "pk": person_a.pk}),
        {"next": due},
    )
    assert response["Location"] == due
    assert not client_for(coordinator).get(due).context["people"].object_list


def test_it_lists_entries_due_with_the_same_queries_however_many(client_for, coordinator, office_a):
    old = timezone.now() - timedelta(days=400)

    def grow():
        for number in range(10):
            make_organisation(office_a, coordinator, f"Alt {number}")
            make_person(office_a, coordinator, f"Alt{number}")
        Organisation.objects.update(confirmed_at=old)
        Person.objects.update(confirmed_at=old)

    grow()
    # 8 queries: the 4 of every office page (session, user, youth office, roles) + two counts, a
    # page of organisations, a page of people.
    assert_queries_constant(client_for(coordinator), office_url("due", office_a), grow, expected=7)


def test_it_keeps_the_list_of_entries_due_for_coordination(client_for, professional, office_a):
    assert client_for(professional).get(office_url("due", office_a)).status_code == 403


# Probable duplicates ----------------------------------------------------------------------------


def test_it_flags_probable_duplicates(client_for, coordinator, office_a):
    make_organisation(office_a, coordinator, "Ev. Kita St. Marien", postcode="29614")
    make_organisation(office_a, coordinator, "Evangelische Kita St. Marien", postcode="29614")
    make_organisation(office_a, coordinator, "Kita Regenbogen")
    response = client_for(coordinator).get(office_url("duplicates", office_a))
    groups = response.context["groups"]
    assert [[org.name for org in group] for group in groups] == [
        ["Ev. Kita St. Marien", "Evangelische Kita St. Marien"]
    ]
    assert "2 Einträge" in response.content.decode()


def test_it_lists_duplicates_with_the_same_queries_however_many_groups(
    client_for, coordinator, office_a
):
    def grow():
        for number in range(8):
            make_organisation(office_a, coordinator, f"Ev. Kita Nummer {number}")
            make_organisation(office_a, coordinator, f"Evangelische Kita Nummer {number}")

    grow()
    # 5 queries: the 4 of every office page (session, user, youth office, roles) + the organisations
    # compared.
    assert_queries_constant(
        client_for(coordinator), office_url("duplicates", office_a), grow, expected=4
    )
