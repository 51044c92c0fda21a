"""The directory's search (lib.search): what it matches, identically on SQLite and PostgreSQL
(the suite runs on both in CI), that it goes through the index, and that the index follows every
write, bulk imports included."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from sozialraum.lib import search
from sozialraum.network import selectors, services
from sozialraum.network.apps import ensure_search_indexes
from sozialraum.network.imports import apply_import, parse_organisations
from sozialraum.network.models import SEARCH_INDEXES, Organisation, Person
from tests.network.conftest import make_organisation, make_person


def names(queryset) -> list[str]:
    return sorted(str(row) for row in queryset)


@pytest.fixture
def directory(office_a, coordinator):
    """A small directory whose names exercise every rule of lib.search."""
    for name, data in [
        ("Ev. Kita St. Marien", {"street": "Kirchstr. 4", "postcode": "29614", "city": "Soltau"}),
        ("Kita Sankt Georg", {"street": "Am Markt 1", "postcode": "29664", "city": "Walsrode"}),
        ("Familienzentrum Lüneburger Straße", {"postcode": "29614", "city": "Soltau"}),
        ("Stadtjugendpflege Munster", {"street": "Wilhelm-Bockelmann-Straße 32"}),
        ("Beratung 100% für Familien_Hilfe", {"city": "Bad Fallingbostel"}),
        ("Jugendtreff Größenwahn", {"street": "Mühlenweg 2", "city": "Schneverdingen"}),
    ]:
        make_organisation(office_a, coordinator, name, **data)
    for last, first, title in [
        ("Müller", "Anna", "Dr."),
        ("Mueller", "Bernd", ""),
        ("Schmidt", "Clara", "Prof. Dr."),
        ("Drews", "Ole", ""),
    ]:
        make_person(office_a, coordinator, last, first, title=title)


# The same table runs on whichever database the suite runs on: identical results on both.
ORGANISATION_QUERIES = [
    # Abbreviations both ways: the stored text and the query know "St." = "Sankt".
    ("Sankt Marien", ["Ev. Kita St. Marien"]),
    ("St. Marien", ["Ev. Kita St. Marien"]),
    ("st georg", ["Kita Sankt Georg"]),
    ("evangelische kita", ["Ev. Kita St. Marien"]),
    ("Kirchstraße", ["Ev. Kita St. Marien"]),
    # PLZ, street and place are searched too.
    ("29614", ["Ev. Kita St. Marien", "Familienzentrum Lüneburger Straße"]),
    ("2966", ["Kita Sankt Georg"]),
    ("Bockelmann", ["Stadtjugendpflege Munster"]),
    ("am markt", ["Kita Sankt Georg"]),
    ("walsrode kita", ["Kita Sankt Georg"]),
    # Umlauts and ß either way.
    ("größenwahn", ["Jugendtreff Größenwahn"]),
    ("groessenwahn", ["Jugendtreff Größenwahn"]),
    ("GROSSENWAHN", []),  # o is not ö/oe
    ("Muehlenweg", ["Jugendtreff Größenwahn"]),
    ("lüneburger strasse", ["Familienzentrum Lüneburger Straße"]),
    # Two characters: the beginning of a word (and "st" also means "Sankt").
    (
        "st",
        [
            "Ev. Kita St. Marien",
            "Familienzentrum Lüneburger Straße",
            "Kita Sankt Georg",
            "Stadtjugendpflege Munster",
        ],
    ),
    ("ki", ["Ev. Kita St. Marien", "Kita Sankt Georg"]),
    ("ta", []),  # inside words only: not a word start
    # One character alone: names that begin with it; next to longer words it is ignored.
    ("k", ["Kita Sankt Georg"]),
    ("j", ["Jugendtreff Größenwahn"]),
    ("kita g", ["Ev. Kita St. Marien", "Kita Sankt Georg"]),
    # Wildcards and symbols are no wildcards; without letters or digits nothing is found.
    ("100%", ["Beratung 100% für Familien_Hilfe"]),
    ("%", []),
    ("_", []),
    ("%%_", []),
    ("😀", []),
    ("Familien_Hilfe", ["Beratung 100% für Familien_Hilfe"]),
    ("Familien", ["Beratung 100% für Familien_Hilfe", "Familienzentrum Lüneburger Straße"]),
    ('"kita', ["Ev. Kita St. Marien", "Kita Sankt Georg"]),  # no FTS syntax
    ("kita OR schule", []),  # words, not operators ("or" must be a word start too)
    ("kita NOT marien", []),
]


@pytest.mark.parametrize(("query", "expected"), ORGANISATION_QUERIES)
def test_it_finds_the_same_organisations_on_every_database(directory, office_a, query, expected):
    assert names(selectors.directory(office_a, q=query)) == sorted(expected)


PEOPLE_QUERIES = [
    ("Müller", ["Bernd Mueller", "Dr. Anna Müller"]),
    ("mueller anna", ["Dr. Anna Müller"]),
    ("Dr.", ["Dr. Anna Müller", "Ole Drews", "Prof. Dr. Clara Schmidt"]),  # word start
    ("prof", ["Prof. Dr. Clara Schmidt"]),
    ("dr schmidt", ["Prof. Dr. Clara Schmidt"]),
    ("m", ["Bernd Mueller", "Dr. Anna Müller"]),  # surname begins with it
    ("%", []),
]


@pytest.mark.parametrize(("query", "expected"), PEOPLE_QUERIES)
def test_it_finds_the_same_people_on_every_database(directory, office_a, query, expected):
    assert names(selectors.people_directory(office_a, q=query)) == sorted(expected)


def test_it_keeps_the_search_inside_the_office(directory, office_b, coordinator_b):
    make_organisation(office_b, coordinator_b, "Kita St. Marien Verden")
    assert names(selectors.directory(office_b, q="marien")) == ["Kita St. Marien Verden"]


def test_it_parses_queries_into_word_patterns():
    assert search.parse("St. Marien") == search.Query(groups=((" st", "sankt"), ("marien",)))
    assert search.parse("a") == search.Query(prefix="a")
    assert search.parse("😀 %") == search.Query(unsearchable=True)
    assert not search.parse("   ")
    assert len(search.parse(" ".join(f"wort{i}" for i in range(20))).groups) == search.MAX_TERMS
    assert search.document("Ev. Kita St. Marien", "Kirchstr. 4") == (
        " ev kita st marien kirchstr 4 evangelisch sankt kirchstrasse"
    )


# The index --------------------------------------------------------------------------------------


def plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Tiny tables: make the planner show whether the index can serve the search.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute(
            "EXPLAIN " + ("QUERY PLAN " if connection.vendor == "sqlite" else "") + sql, params
        )
        return "\n".join(str(row) for row in cursor.fetchall())


@pytest.mark.parametrize("model", [Organisation, Person])
def test_it_searches_through_the_trigram_index(directory, model):
    index = SEARCH_INDEXES[model]
    expected = index.fts_table if connection.vendor == "sqlite" else index.pg_index
    assert expected in plan(index.filter(model.objects.order_by(), search.parse("marien müller")))


def fts_is_consistent() -> bool:
    """SQLite: the FTS table holds exactly the stored texts (raises otherwise)."""
    for index in SEARCH_INDEXES.values():
        index.check(connection)
    return True


def test_it_follows_every_write_of_the_services(office_a, coordinator):
    org = make_organisation(office_a, coordinator, "Kita Regenbogen", city="Soltau")
    assert names(selectors.directory(office_a, q="regenbogen")) == ["Kita Regenbogen"]
    org = services.update_organisation(
        organisation=org,
        actor=coordinator,
        version=org.version,
        data={"name": "Kita Sonnenschein", "street": "Heidweg 9"},
    )
    assert names(selectors.directory(office_a, q="regenbogen")) == []
    assert names(selectors.directory(office_a, q="sonnenschein heidweg")) == ["Kita Sonnenschein"]
    person = make_person(office_a, coordinator, "Albers", "Jonas")
    services.update_person(
        person=person, actor=coordinator, version=person.version, data={"title": "Dr."}
    )
    assert names(selectors.people_directory(office_a, q="dr albers")) == ["Dr. Jonas Albers"]
    services.delete_organisation(organisation=org, actor=coordinator)
    assert names(selectors.directory(office_a, q="sonnenschein")) == []
    assert fts_is_consistent()


def test_it_follows_the_bulk_writes_of_the_import(office_a, coordinator):
    make_organisation(office_a, coordinator, "Kita Alt", external_id="K-1", postcode="29614")
    header = "Name;Art;Straße;PLZ;Kennung"
    rows = ["Kita Neu am Bach;Kita;Bachstr. 1;29614;K-1", "Hort Sankt Jakobi;Sonstige;;29640;"]
    data = "\r\n".join([header, *rows, ""]).encode("cp1252")
    preview = parse_organisations(data=data, filename="akteure.csv", office=office_a)
    assert preview.is_valid
    result = apply_import(preview=preview, office=office_a, actor=coordinator)
    assert (result.created, result.updated) == (1, 1)
    assert names(selectors.directory(office_a, q="alt")) == []
    assert names(selectors.directory(office_a, q="bachstrasse")) == ["Kita Neu am Bach"]
    assert names(selectors.directory(office_a, q="st jakobi 29640")) == ["Hort Sankt Jakobi"]
    assert fts_is_consistent()


def test_it_rebuilds_the_index_with_a_command(directory, office_a):
    Organisation.objects.update(search_text="")  # e.g. after a change of lib.search's rules
    assert names(selectors.directory(office_a, q="marien")) == []
    out = io.StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert "Organisationen: 6 im Suchindex, 6 Suchtexte neu berechnet." in out.getvalue()
    assert names(selectors.directory(office_a, q="marien")) == ["Ev. Kita St. Marien"]
    assert fts_is_consistent()


def test_it_repairs_the_index_after_a_migration_dropped_it(directory, office_a, coordinator):
    index = SEARCH_INDEXES[Organisation]
    index.uninstall(connection)  # as SQLite's table rebuild drops the triggers
    assert not index.is_complete(connection)
    ensure_search_indexes(using=connection.alias)  # runs after every migrate
    assert index.is_complete(connection)
    assert names(selectors.directory(office_a, q="marien")) == ["Ev. Kita St. Marien"]
    make_organisation(office_a, coordinator, "Kita Nach der Migration")
    assert names(selectors.directory(office_a, q="nach der migration")) == [
        "Kita Nach der Migration"
    ]
    assert fts_is_consistent()


# The page ---------------------------------------------------------------------------------------


def test_it_says_when_a_search_has_no_letters(client_for, coordinator, directory, office_a):
    url = reverse("network:directory", kwargs={"office_slug": office_a.slug})
    response = client_for(coordinator).get(url, {"q": "%"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kita Sankt Georg" not in html
    assert "Buchstaben oder Ziffern" in html
    response = client_for(coordinator).get(
        reverse("network:people", kwargs={"office_slug": office_a.slug}), {"q": "😀"}
    )
    assert "Buchstaben oder Ziffern" in response.content.decode()
    assert "Müller" not in response.content.decode()
