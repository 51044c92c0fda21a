"""The language part of the search (lib/german.py): folding, stemming, decompounding."""

import pytest

from sozialraum.lib import german


@pytest.mark.parametrize("spelling", ["Mütter", "Muetter", "MÜTTER", "mutter", "Mutter"])
def test_it_folds_case_and_umlauts_to_one_stem(spelling):
    assert german.word_terms(german.words(spelling)[0])[0] == "mutt"


def test_it_folds_sharp_s():
    assert german.words("Fußball") == german.words("Fussball") == ["fussball"]


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Familie", "Familien"),
        ("Beratung", "Beratungen"),
        ("Kurs", "Kurse"),
        ("Kind", "Kindern"),
        ("Gruppe", "Gruppen"),
        ("Vater", "Väter"),
    ],
)
def test_it_stems_singular_and_plural_alike(one, other):
    assert german.stem(german.fold(one)) == german.stem(german.fold(other))


@pytest.mark.parametrize(
    ("compound", "parts"),
    [
        ("Erziehungsberatung", ("erziehung", "beratung")),
        ("Schwimmkurs", ("schwimm", "kurs")),
        ("Familienzentrum", ("familien", "zentrum")),
        ("Sprachkurs", ("sprache", "kurs")),
        ("Krabbelgruppe", ("krabbel", "gruppe")),
        ("Hausaufgabenhilfe", ("hausaufgaben", "hilfe")),
    ],
)
def test_it_splits_compounds_against_the_lexicon(compound, parts):
    assert german.split_compound(german.fold(compound)) == parts


@pytest.mark.parametrize("word", ["Beratung", "Familie", "Hebamme", "Schwimmen", "schwanger"])
def test_it_leaves_simple_words_whole(word):
    assert german.split_compound(german.fold(word)) == ()


def test_it_gives_a_compound_the_stems_of_its_parts():
    terms = german.word_terms("erziehungsberatungsstelle")
    assert {"erzieh", "berat", "stell"} <= set(terms)
    assert terms[0] == "erziehungsberatungsstell"


def test_it_keeps_hyphenated_words_joined_and_apart():
    assert german.words("Eltern-Kind-Gruppe") == ["elternkindgruppe", "eltern", "kind", "gruppe"]


def test_it_drops_stop_words():
    assert german.words("Angebote für die Kinder und Eltern in der Nähe") == ["kinder", "eltern"]


@pytest.mark.parametrize(
    ("typed", "meant", "close"),
    [
        ("bratung", "beratung", True),  # deletion
        ("beratnug", "beratung", True),  # swap
        ("beratunng", "beratung", True),  # insertion
        ("beratong", "beratung", True),  # substitution
        ("bertnug", "beratung", False),
        ("beratung", "beratung", True),
    ],
)
def test_it_measures_one_typo(typed, meant, close):
    assert german.within_one_edit(typed, meant) is close


def test_it_does_not_choke_on_garbage():
    text = "x" * 5000 + " 🙂 '; DROP TABLE offers; -- \" * AND OR"
    assert german.terms(text)  # the long word is kept whole, not split or stemmed
    assert all(term.isalnum() for term in german.terms(text))
