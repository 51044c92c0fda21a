"""network.selectors: German-aware search, filters, checks, constant query counts."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from sozialraum.network import selectors, services, summaries
from sozialraum.network.models import Organisation, OrganisationKind, Person
from tests.conftest import municipality
from tests.network.conftest import make_organisation, make_person


def names(queryset) -> list[str]:
    return [str(row) for row in queryset]


def grow(office, actor, spaces, n: int, prefix: str = "Verein") -> None:
    """n more organisations of all kinds, spread over the spaces (bulk, no audit needed)."""
    kinds = OrganisationKind.values
    created = Organisation.objects.bulk_create(
        Organisation(
            youth_office=office,
            name=f"{prefix} {i}",
            name_key=f"{prefix.lower()} {i}",
            duplicate_key=f"{prefix.lower()} {i}",
            kind=kinds[i % len(kinds)],
        )
        for i in range(n)
    )
    through = Organisation.social_spaces.through
    through.objects.bulk_create(
        through(organisation_id=org.pk, socialspace_id=spaces[i % len(spaces)].pk)
        for i, org in enumerate(created)
    )


# Search -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["Müller", "Mueller", "MUELLER", "müller"])
def test_it_finds_people_however_the_umlaut_is_written(office_a, coordinator, query):
    make_person(office_a, coordinator, "Müller", "Anna")
    make_person(office_a, coordinator, "Mueller", "Bernd")
    make_person(office_a, coordinator, "Meyer", "Clara")
    found = names(selectors.people_directory(office_a, q=query))
    # Found both ways; listed in German order (DIN 5007-1: ü sorts as u, so "Mueller" first).
    assert found == ["Bernd Mueller", "Anna Müller"]


@pytest.mark.parametrize("query", ["Straße", "Strasse", "STRASSE", "lindenstr"])
def test_it_finds_organisations_with_sharp_s_both_ways(office_a, coordinator, query):
    make_organisation(office_a, coordinator, "Kita Lindenstraße")
    make_organisation(office_a, coordinator, "Jugendtreff Lindenstrasse")
    make_organisation(office_a, coordinator, "Kita Am Markt")
    found = names(selectors.directory(office_a, q=query))
    assert found == ["Jugendtreff Lindenstrasse", "Kita Lindenstraße"]


def test_it_needs_every_search_word_in_name_or_place(office_a, coordinator):
    make_organisation(office_a, coordinator, "Kita Regenbogen", city="Soltau")
    make_organisation(office_a, coordinator, "Kita Regenbogen", city="Walsrode")
    make_organisation(office_a, coordinator, "Schule Regenbogen", city="Soltau")
    assert len(selectors.directory(office_a, q="regenbogen kita soltau")) == 1
    assert len(selectors.directory(office_a, q="Soltau")) == 2


def test_it_filters_by_kind_space_and_municipality(office_a, coordinator, space_a, space_a2):
    make_organisation(office_a, coordinator, "Kita A", spaces=[space_a])
    make_organisation(
        office_a,
        coordinator,
        "Schule B",
        kind=OrganisationKind.SCHOOL,
        spaces=[space_a, space_a2],
        municipality=municipality("03358024"),
    )
    assert names(selectors.directory(office_a, kind="schule")) == ["Schule B"]
    assert names(selectors.directory(office_a, social_space=space_a)) == ["Kita A", "Schule B"]
    assert names(selectors.directory(office_a, social_space=space_a2.pk)) == ["Schule B"]
    assert names(selectors.directory(office_a, municipality=municipality("03358024"))) == [
        "Schule B"
    ]
    assert names(selectors.directory(office_a, social_space="kaputt")) == []


def test_it_never_shows_another_office(office_a, office_b, coordinator, org_b, space_b, org_a):
    assert names(selectors.directory(office_a)) == ["Jugendhilfe Heideblick e. V."]
    assert names(selectors.directory(office_a, social_space=space_b)) == []
    assert names(selectors.directory(office_a, q="Weserwiese")) == []
    assert names(selectors.people_directory(office_b)) == []
    assert summaries.kind_counts(office_b) == {space_b.pk: {"kita": 1}}
    assert summaries.social_space_glance(office_a, space_b).present == []


def test_it_lists_the_people_of_an_organisation(office_a, coordinator, org_a, person_a):
    other = make_person(office_a, coordinator, "Albers", "Jonas")
    services.add_affiliation(person=person_a, organisation=org_a, actor=coordinator)
    assert names(selectors.people_directory(office_a, organisation=org_a)) == ["Anna Müller"]
    assert other in selectors.people_directory(office_a)


def test_it_searches_in_constant_queries(office_a, coordinator, space_a, django_assert_num_queries):
    grow(office_a, coordinator, [space_a], 5)
    with django_assert_num_queries(1):
        list(selectors.directory(office_a, q="Verein", kind="verein", social_space=space_a))
    grow(office_a, coordinator, [space_a], 200, prefix="Vereinigung")
    with django_assert_num_queries(1):
        list(selectors.directory(office_a, q="Verein", kind="verein", social_space=space_a))
    with django_assert_num_queries(1):
        list(selectors.people_directory(office_a, q="Müller"))


# Keeping it current -----------------------------------------------------------------------------


def test_it_lists_entries_not_confirmed_for_twelve_months(office_a, coordinator, org_a, person_a):
    fresh = make_organisation(office_a, coordinator, "Kita Neu")
    old = timezone.now() - timedelta(days=370)
    Organisation.objects.filter(pk=org_a.pk).update(confirmed_at=old)
    Person.objects.filter(pk=person_a.pk).update(confirmed_at=old)
    due = selectors.due_for_check(office_a)
    assert list(due["organisations"]) == [org_a]
    assert list(due["people"]) == [person_a]
    assert fresh not in due["organisations"]
    services.confirm_organisation(organisation=org_a, actor=coordinator)
    assert not selectors.due_for_check(office_a)["organisations"].exists()


def test_it_computes_the_deadline_by_calendar_months():
    now = timezone.make_aware(timezone.datetime(2025, 2, 28, 12, 0))
    assert selectors.confirmation_deadline(now).date().isoformat() == "2024-02-28"
    now = timezone.make_aware(timezone.datetime(2024, 2, 29, 12, 0))
    assert selectors.confirmation_deadline(now).date().isoformat() == "2023-02-28"


def test_it_finds_probable_duplicates(office_a, coordinator, django_assert_num_queries):
    make_organisation(office_a, coordinator, "Ev. Kita St. Marien", postcode="29614")
    make_organisation(office_a, coordinator, "Evangelische Kita St. Marien", postcode="29614")
    make_organisation(office_a, coordinator, "Ev. Kita Sankt Marien")  # no postcode: may be either
    make_organisation(office_a, coordinator, "Ev. Kita St. Marien", postcode="29664")  # Walsrode
    make_organisation(office_a, coordinator, "Kita Sonnenschein")
    with django_assert_num_queries(1):
        groups = selectors.probable_duplicates(office_a)
    assert [sorted((o.name, o.postcode) for o in group) for group in groups] == [
        [
            ("Ev. Kita Sankt Marien", ""),
            ("Ev. Kita St. Marien", "29614"),
            ("Evangelische Kita St. Marien", "29614"),
        ],
        [("Ev. Kita Sankt Marien", ""), ("Ev. Kita St. Marien", "29664")],
    ]
