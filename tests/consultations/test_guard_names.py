"""The guard's names: list names, names in context, common words that are no names."""

from __future__ import annotations

import pytest

from tests.consultations.guard_helpers import found, kinds


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Lena kommt ohne Frühstück in die Schule.", "Lena"),
        ("Der Schüler Finn Petersen fällt auf.", "Finn Petersen"),
        ("Frau Yilmaz hat angerufen.", "Yilmaz"),
        ("Er heißt Dmytro und ist neu hier.", "Dmytro"),
        ("Die Mutter von Lea-Sophie hat angerufen.", "Lea-Sophie"),
        ("Frau Dr. Neumann hat das Kind untersucht.", "Neumann"),
        ("Herr und Frau Becker waren beim Gespräch.", "Becker"),
        ("Die Mutter, Frau Mai, kam allein.", "Mai"),  # a month, but after "Frau"
        ("Die Mutter Katharina Wolf ist alleinerziehend.", "Katharina Wolf"),
        ("Lenas Mutter hat angerufen.", "Lenas"),
        ("Familie Kaya wohnt im Ort.", "Kaya"),
        ("Wir haben mit Leonie M. gesprochen.", "Leonie M."),
        ("Der ältere Bruder Jonte sitzt vor dem Fernseher.", "Jonte"),
        ("Kinder: Finja (geb. 2016) und ein Säugling.", "Finja"),
        ("Frau Bäcker hat angerufen.", "Bäcker"),
        ("Die Schulleiterin, Frau Lange, lädt ein.", "Lange"),
    ],
)
def test_it_names_are_found(text, name):
    assert ("name", name) in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "Im Mai beginnt die Eingewöhnung, im Juni das Sommerfest.",
        "Rose und Tulpe hat das Kind gemalt, dazu eine Sonne.",
        "Der Richter am Familiengericht hat eine Anhörung angesetzt.",
        "Im Heim gab es Konflikte, die Lage ist angespannt.",
        "Der Bruder und die Schwester gehen in dieselbe Schule.",
        "Frank gesagt: Wir sind als Kollegium unsicher.",
        "Herbst und Winter sind für die Familie schwierig.",
        "Ernst nehmen wir jede Meldung.",
        "Die Mutter arbeitet als Köchin, der Vater als Bauer.",
        "Am Freitag kam das Kind nicht, am Montag wieder.",
        "Max. 5 Kinder pro Fachkraft sind vorgesehen.",
        "Anders als im letzten Jahr kommt das Kind pünktlich.",
        "Kurz gesagt: Die Familie braucht Unterstützung.",
        "Lange Zeit war die Familie unauffällig.",
        "Frau Schulleiterin hat zugestimmt, Herr Sozialarbeiter auch.",
        "Das Jugendamt, die Kita und die Schule sprechen sich nach § 8a SGB VIII ab.",
    ],
)
def test_it_common_words_are_no_names(text):
    assert "name" not in kinds(text)


def test_it_office_people_are_names(office_a):
    from sozialraum.consultations.guard import find_identifiers
    from sozialraum.network.models import Person

    Person.objects.create(youth_office=office_a, first_name="Okko", last_name="Quellhorst")
    findings = find_identifiers("Das sagte Quellhorst gestern.", youth_office=office_a)
    assert [(f.kind, f.text) for f in findings] == [("name", "Quellhorst")]
    assert find_identifiers("Das sagte Quellhorst gestern.") == []


def test_it_names_in_a_lower_case_text():
    text = "im jz war heute marvin wieder da, er hat ein blaues auge und will nicht nach hause."
    assert found(text) == [("name", "marvin")]
