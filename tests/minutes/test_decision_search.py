"""The decisions register's search (lib.search over Decision.search_text): what it matches,
identically on SQLite (FTS5 trigram) and PostgreSQL (pg_trgm), that it goes through the index,
and that the stored text follows every write path (save, bulk_create, bulk_update, update)."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection

from sozialraum.lib.search import document
from sozialraum.minutes import selectors
from sozialraum.minutes.apps import ensure_decision_search_index
from sozialraum.minutes.models import DECISION_SEARCH_INDEX, Decision
from tests.minutes.conftest import make_decision

pytestmark = pytest.mark.django_db

TEXTS = [
    "Das Ferienprogramm 2026 wird gemeinsam mit dem Jugendtreff Größenwahn geplant.",
    "Die Schulsozialarbeit an der Grundschule St. Marien wird um zwei Stunden erweitert.",
    "Der Elternabend zur Medienerziehung findet in der Mühlenstraße statt.",
    "Für die Sommerferien wird eine Betreuung an drei Standorten angeboten.",
    "Die Kita-Sprechstunde bleibt bestehen; Evaluation im Herbst.",
    "100% der Mittel für Familien_Hilfe werden gebunden.",
]


@pytest.fixture
def register(team_world):
    for number, text in enumerate(TEXTS, start=1):
        make_decision(team_world.team_a, text, number=number, day=date(2026, 2, number))
    make_decision(
        team_world.team_a2, "Walsrode plant ein Ferienlager.", number=1, day=date(2025, 5, 5)
    )
    return team_world


def numbers(register_qs) -> list[str]:
    """The decisions as "<end of the team's name>:<number>", e.g. "zendorf:1/2026"."""
    return sorted(f"{d.team.name[-7:]}:{d.label}" for d in register_qs)


# One table for both databases: identical results on SQLite and PostgreSQL.
QUERIES = [
    # Three characters or more match anywhere, also inside a word ("Sommerferien").
    ("Ferien", ["zendorf:1/2026", "zendorf:4/2026", "alsrode:1/2025"]),
    ("ferienprogramm", ["zendorf:1/2026"]),
    ("Sommerferien", ["zendorf:4/2026"]),
    # Umlauts and ß are folded both ways.
    ("Groessenwahn", ["zendorf:1/2026"]),
    ("größenwahn", ["zendorf:1/2026"]),
    ("Muehlenstrasse", ["zendorf:3/2026"]),
    ("Mühlenstraße", ["zendorf:3/2026"]),
    # Abbreviations: "St." = "Sankt".
    ("Sankt Marien", ["zendorf:2/2026"]),
    ("st. marien", ["zendorf:2/2026"]),
    # Every word must match; word order does not matter.
    ("Herbst Evaluation", ["zendorf:5/2026"]),
    ("Herbst Ferien", []),
    # Two characters: the beginning of a word.
    ("el", ["zendorf:3/2026"]),
    # One character alone: texts that begin with it.
    ("w", ["alsrode:1/2025"]),
    # The number of a decision.
    ("3/2026", ["zendorf:3/2026"]),
    ("Nr. 1/2025", ["alsrode:1/2025"]),
    # Special characters are never SQL.
    ("100%", ["zendorf:6/2026"]),
    ("familien_hilfe", ["zendorf:6/2026"]),
    ('"ferien', ["alsrode:1/2025", "zendorf:1/2026", "zendorf:4/2026"]),
    ("%", []),
    ("_", []),
]


@pytest.mark.parametrize(("q", "expected"), QUERIES, ids=[q for q, _ in QUERIES])
def test_it_finds_decisions_german_aware(register, q, expected):
    found = selectors.decision_register(register.office_a, user=register.coordinator, q=q)
    assert numbers(found) == sorted(expected)


def test_it_marks_input_without_letters_as_unsearchable(register):
    assert selectors.search_terms("%%").unsearchable
    assert not selectors.search_terms("Ferien").unsearchable


def test_it_searches_through_the_index(register):
    assert DECISION_SEARCH_INDEX.is_complete(connection)
    sql = str(Decision.objects.search("Ferien").query)
    if connection.vendor == "sqlite":
        assert "minutes_decision_search" in sql and "MATCH" in sql
    else:
        assert "LIKE" in sql
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexdef FROM pg_indexes WHERE indexname = %s",
                [DECISION_SEARCH_INDEX.pg_index],
            )
            assert "gin_trgm_ops" in cursor.fetchone()[0]


def test_it_keeps_the_search_text_on_every_write_path(team_world):
    team = team_world.team_a
    decision = make_decision(team, "Erster Entwurf", number=1)
    assert decision.search_text == document("Erster Entwurf")
    decision.text = "Zweiter Wortlaut Ferienfreizeit"
    decision.save(update_fields=["text"])
    assert Decision.objects.search("ferienfreizeit").get() == decision
    # bulk_create
    made = Decision.objects.bulk_create(
        [
            Decision(
                youth_office=team_world.office_a,
                team=team,
                year=2026,
                number=number,
                date=date(2026, 1, 1),
                text=f"Massenbeschluss Zeltlager {number}",
            )
            for number in (10, 11)
        ]
    )
    assert {d.search_text for d in made} == {
        document("Massenbeschluss Zeltlager 10"),
        document("Massenbeschluss Zeltlager 11"),
    }
    assert Decision.objects.search("zeltlager").count() == 2
    # bulk_update with the text
    first = Decision.objects.get(number=10)
    first.text = "Umbenannt Kanutour"
    Decision.objects.bulk_update([first], ["text"])
    assert list(Decision.objects.search("kanutour")) == [first]
    assert Decision.objects.search("zeltlager").count() == 1
    # update() with a new text
    Decision.objects.filter(number=11).update(text="Stadtranderholung")
    assert Decision.objects.search("stadtranderholung").count() == 1
    assert Decision.objects.search("zeltlager").count() == 0


def test_it_refuses_an_update_of_the_text_with_an_expression(team_world):
    from django.db.models import F

    make_decision(team_world.team_a, "Text", number=1)
    with pytest.raises(ValueError, match="plain value"):
        Decision.objects.update(text=F("status"))


def test_it_rebuilds_the_index_with_the_command(register):
    Decision.objects.filter(number=1, year=2026).update(status="erledigt")
    # Spoil a stored text behind the model's back (as an old rule would have left it).
    with connection.cursor() as cursor:
        cursor.execute("UPDATE minutes_decision SET search_text = ' veraltet' WHERE number = 2")
    assert Decision.objects.search("marien").count() == 0
    out = io.StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert "Beschlüsse: 7 im Suchindex, 1 Suchtexte neu berechnet." in out.getvalue()
    assert Decision.objects.search("marien").count() == 1
    DECISION_SEARCH_INDEX.check(connection)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite drops triggers on rebuilds")
def test_it_repairs_the_index_after_a_migration_dropped_its_triggers(register):
    with connection.cursor() as cursor:
        cursor.execute('DROP TRIGGER "minutes_decision_search_ai"')
    assert not DECISION_SEARCH_INDEX.is_complete(connection)
    ensure_decision_search_index()
    assert DECISION_SEARCH_INDEX.is_complete(connection)
    make_decision(register.team_a, "Neuer Beschluss Waldjugendspiele", number=99)
    assert Decision.objects.search("waldjugendspiele").count() == 1
