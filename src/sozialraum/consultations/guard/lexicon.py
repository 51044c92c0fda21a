"""The guard's word lists, read once per process from installed packages (never downloaded):

- first names and surnames from Faker's person providers (package `faker`, MIT licence) for the
  locales whose names are common among families in Germany (German, Austrian, Swiss, Turkish,
  Polish, Italian, Croatian, Romanian, Czech, Dutch, English, French, Spanish, Russian and
  Ukrainian in Latin spelling where Faker has it), plus the entries of the German Wiktionary
  marked "Vorname"/"Nachname" in `german-nouns` (CC BY-SA), which the project already uses;
- the common German nouns of `german-nouns`: a name that is also an everyday word ("Rose",
  "Mai", "Koch", "Sommer", "Bruder") is only flagged where the text shows it is a name.
"""

from __future__ import annotations

import csv
import functools
import importlib
import importlib.resources
import logging
import unicodedata
from dataclasses import dataclass

logger = logging.getLogger(__name__)

FIRST_NAME_LOCALES = (
    "de_DE",
    "de_AT",
    "de_CH",
    "tr_TR",
    "pl_PL",
    "it_IT",
    "hr_HR",
    "ro_RO",
    "cs_CZ",
    "nl_NL",
    "en_US",
    "en_GB",
    "fr_FR",
    "es_ES",
    "sk_SK",
    "hu_HU",
)
SURNAME_LOCALES = (
    "de_DE",
    "de_AT",
    "de_CH",
    "tr_TR",
    "pl_PL",
    "it_IT",
    "hr_HR",
    "cs_CZ",
    "nl_NL",
    "sk_SK",
)

# First names that are everyday German (or English loan) words, months and weekdays: they count
# as a name only with name context. Chosen by hand from the overlap of the lists with the nouns.
COMMON_WORD_FIRST_NAMES = frozenset(
    [
        "adonis",
        "albino",
        "amber",
        "angel",
        "april",
        "august",
        "aura",
        "aurora",
        "baba",
        "bart",
        "beat",
        "bebe",
        "bergen",
        "beste",
        "blas",
        "brandy",
        "corona",
        "cord",
        "döner",
        "erika",
        "ernst",
        "ester",
        "fidel",
        "flor",
        "flora",
        "frank",
        "frei",
        "gabel",
        "gala",
        "gene",
        "german",
        "gloria",
        "grant",
        "grit",
        "hagen",
        "harm",
        "heide",
        "holm",
        "horst",
        "iris",
        "jade",
        "jasmin",
        "kader",
        "kate",
        "kick",
        "kiki",
        "linde",
        "lore",
        "lupe",
        "mare",
        "marine",
        "mark",
        "mate",
        "medina",
        "mentor",
        "nacho",
        "nazi",
        "nova",
        "pastor",
        "pier",
        "primitivo",
        "puck",
        "ramadan",
        "roman",
        "rosa",
        "rose",
        "ross",
        "salami",
        "sole",
        "senn",
        "server",
        "silvester",
        "summer",
        "tara",
        "viola",
        "wolf",
        "kreszenz",
        "mai",
        "job",
        "tee",
        "tea",
        "toy",
        "guy",
        "sue",
        "don",
        "van",
        "jet",
        "lot",
        "fem",
        "sol",
        "ion",
        "art",
        "ray",
        "joy",
        "tan",
        "mar",
        "ale",
        "gil",
        "bo",
        "jo",
        "us",
        "will",
        "may",
        "hope",
        "sunny",
        "sky",
        "star",
        "honey",
        "liberty",
        "justice",
        "faith",
        "happy",
        "mercy",
        "engel",
        "sommer",
        "winter",
        "herbst",
        "januar",
        "februar",
        "märz",
        "juni",
        "juli",
        "september",
        "oktober",
        "november",
        "dezember",
        "montag",
        "dienstag",
        "mittwoch",
        "donnerstag",
        "freitag",
        "samstag",
        "sonntag",
    ]
)

# Surnames that are nouns but in a case text are almost always the family name.
SURELY_SURNAMES = frozenset(
    [
        "weber",
        "zimmermann",
        "krüger",
        "schulze",
        "keller",
        "schreiber",
        "krämer",
        "schuster",
        "busch",
        "beck",
        "jäger",
        "graf",
        "hahn",
        "horn",
        "müller",
        "meier",
        "meyer",
        "schneider",
        "fischer",
        "wagner",
        "huber",
        "hübner",
        "köhler",
        "krause",
        "seidel",
        "hartung",
        "bergmann",
        "ackermann",
        "biedermann",
        "fuhrmann",
        "neubauer",
        "schäfer",
        "hesse",
        "dietrich",
        "hermann",
        "schiller",
        "engels",
        "arens",
        "brands",
        "franke",
        "bloch",
        "fiedler",
        "fink",
        "lutz",
        "lenz",
        "seiler",
        "pieper",
        "reuter",
        "römer",
        "vogt",
        "kramer",
        "linke",
        "braun",
        "schwarz",
        "klein",
        "lange",
    ]
)

# Words that are never names although some list has them (function words, institutions).
NEVER_NAMES = frozenset(
    [
        "der",
        "die",
        "das",
        "ein",
        "eine",
        "und",
        "oder",
        "aber",
        "wenn",
        "dann",
        "sie",
        "er",
        "es",
        "wir",
        "ihr",
        "man",
        "mit",
        "von",
        "bei",
        "nach",
        "vor",
        "auch",
        "noch",
        "nur",
        "schon",
        "sehr",
        "kann",
        "will",
        "soll",
        "muss",
        "darf",
        "mag",
        "hat",
        "ist",
        "war",
        "sind",
        "wird",
        "kita",
        "schule",
        "klasse",
        "gruppe",
        "kind",
        "kinder",
        "mutter",
        "vater",
        "eltern",
        "frau",
        "herr",
        "familie",
        "jugendamt",
        "sgb",
        "kkg",
        "asd",
        "bgb",
        "gs",
        "igs",
        "kgs",
        "obs",
    ]
)


@dataclass(frozen=True, slots=True)
class Lexicon:
    first_names: frozenset[str]  # casefolded
    surnames: frozenset[str]  # casefolded
    common_words: frozenset[str]  # casefolded German nouns (lemmas and forms)

    def is_first(self, word: str) -> bool:
        return word in self.first_names

    def is_surname(self, word: str) -> bool:
        return word in self.surnames

    def is_common(self, word: str) -> bool:
        """An everyday word: a noun of the lexicon or a hand-listed word, unless a surname that
        is almost always a surname."""
        if word in COMMON_WORD_FIRST_NAMES:
            return True
        if word in SURELY_SURNAMES:
            return False
        return word in self.common_words


_ASCII = str.maketrans({"ı": "i", "ş": "s", "ğ": "g", "ł": "l", "ø": "o", "æ": "ae", "đ": "d"})


def ascii_variant(folded: str) -> str:
    """ "Şahin" is also written "Sahin", "Yıldız" "Yildiz", "Wiśniewski" "Wisniewski"."""
    decomposed = unicodedata.normalize("NFKD", folded.translate(_ASCII))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _clean(names: set[str]) -> set[str]:
    result = set()
    for name in names:
        folded = name.casefold()
        if len(folded) >= 3 and folded.replace("-", "").isalpha():
            result.add(folded)
            variant = ascii_variant(folded)
            if variant != folded and variant.replace("-", "").isalpha():
                result.add(variant)
    return result


def _supplement() -> tuple[set[str], set[str]]:
    """The project's supplement of names given in Germany (data/names_de.txt)."""
    first: set[str] = set()
    last: set[str] = set()
    target = first
    path = importlib.resources.files("sozialraum.consultations.guard") / "data" / "names_de.txt"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        if line.strip() in ("first:", "last:"):
            target = first if line.strip() == "first:" else last
            continue
        target.update(line.split())
    return first, last


def _faker_names(locales: tuple[str, ...], attributes: tuple[str, ...]) -> set[str]:
    # Without the package the guard would miss most names: fail loudly, never degrade quietly.
    importlib.import_module("faker.providers.person")
    names: set[str] = set()
    for locale in locales:
        try:
            module = importlib.import_module(f"faker.providers.person.{locale}")
        except ImportError:  # pragma: no cover - a locale Faker dropped
            logger.warning("faker has no person provider %s", locale)
            continue
        provider = module.Provider
        for attribute in attributes:
            values = getattr(provider, attribute, None)
            if values:
                names.update(values)
    return names


_NAME_POS = frozenset({"Vorname", "Nachname", "Familienname", "Toponym"})


def _wiktionary() -> tuple[set[str], set[str], set[str]]:
    """(first names, surnames, common nouns with their forms) of german-nouns' nouns.csv."""
    first: set[str] = set()
    last: set[str] = set()
    nouns: set[str] = set()
    path = importlib.resources.files("german_nouns") / "nouns.csv"
    with path.open("r", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        next(reader)
        for row in reader:
            if len(row) < 2:
                continue
            pos = row[1].split(",")
            if "Vorname" in pos:
                first.add(row[0])
            elif "Nachname" in pos or "Familienname" in pos:
                last.add(row[0])
            elif "Substantiv" in pos and not _NAME_POS.intersection(pos):
                nouns.add(row[0].casefold())
                nouns.update(form.casefold() for form in row[7:] if form)
    return first, last, nouns


@functools.cache
def lexicon() -> Lexicon:
    """The word lists, read once per process (about a second)."""
    wiki_first, wiki_last, nouns = _wiktionary()
    extra_first, extra_last = _supplement()
    first = _faker_names(
        FIRST_NAME_LOCALES, ("first_names", "first_names_male", "first_names_female")
    )
    last = _faker_names(SURNAME_LOCALES, ("last_names", "last_names_male", "last_names_female"))
    first_names = (_clean(first) | _clean(wiki_first) | _clean(extra_first)) - NEVER_NAMES
    surnames = (_clean(last) | _clean(wiki_last) | _clean(extra_last)) - NEVER_NAMES
    surnames.discard("doe")
    return Lexicon(frozenset(first_names), frozenset(surnames), frozenset(nouns))
