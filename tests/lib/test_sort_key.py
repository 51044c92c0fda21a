"""lib.text.sort_key: German order after DIN 5007-1 (ä = a, ö = o, ü = u, ß = ss)."""

from __future__ import annotations

from sozialraum.lib.text import person_sort_key, sort_key


def test_it_sorts_umlauts_with_their_base_letter():
    names = ["Buchholz", "Böhme", "Bock", "Zander", "Öztürk", "Ostermann", "Sven", "Sören"]
    assert sorted(names, key=sort_key) == [
        "Bock",
        "Böhme",
        "Buchholz",
        "Ostermann",
        "Öztürk",
        "Sören",
        "Sven",
        "Zander",
    ]


def test_it_spells_sharp_s_as_ss_and_ignores_case_and_accents():
    assert sort_key("Straße") == sort_key("STRASSE") == "strasse"
    assert sort_key("Café René") == sort_key("cafe rene")
    names = ["Strauß", "Straub", "Strasser"]
    assert sorted(names, key=sort_key) == ["Strasser", "Straub", "Strauß"]


def test_it_sorts_by_surname_then_first_name():
    people = [("Bergmann", "Anna"), ("Berg", "Zoe"), ("Müller-Lüdenscheidt", "Anna")]
    people += [("Müller", "Zoe"), ("Müller", "Anna")]
    assert sorted(people, key=lambda p: sort_key(*p)) == [
        ("Berg", "Zoe"),
        ("Bergmann", "Anna"),
        ("Müller", "Anna"),
        ("Müller", "Zoe"),
        ("Müller-Lüdenscheidt", "Anna"),
    ]


def test_it_takes_the_last_word_of_a_full_name_as_the_surname():
    assert person_sort_key("Sören Böhme") == sort_key("Böhme", "Sören")
    assert person_sort_key("Katrin") == sort_key("Katrin")
    assert person_sort_key("") == ""
