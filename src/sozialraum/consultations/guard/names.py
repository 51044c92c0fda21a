"""Personal names: words of the name lists (guard.lexicon) and of the office's network directory,
decided in context, because German capitalises every noun and many names are also words.

- a listed name that is no everyday word is a name ("Lena", "Petersen", "Yilmaz");
- a listed name that is also a word ("Rose", "Mai", "Koch", "Sommer") needs name context: a
  title before it ("Frau", "Herr", "Familie", "Dr."), a naming verb ("heißt", "namens"), a first
  name before it or a surname after it;
- after a title or a naming verb any capitalised word that is no everyday noun is a name, listed
  or not ("Frau Özdemir", "er heißt Dmytro"); after a first name, a capitalised word that is no
  everyday noun is the surname ("Finn Petersen");
- a possessive of a first name is a name ("Lenas Mutter").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from sozialraum.consultations.guard.lexicon import NEVER_NAMES, Lexicon
from sozialraum.lib.german import STOP_WORDS

Span = tuple[int, int, str]

WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
TITLES = frozenset(
    [
        "frau",
        "herr",
        "herrn",
        "herren",
        "fr",
        "hr",
        "familie",
        "fam",
        "dr",
        "prof",
        "eheleute",
        "geschwister",
    ]
)
FAMILY_WORDS = frozenset(["familie", "fam", "eheleute", "geschwister"])
# Kinship words before a name ("Onkel Ralle", "der Bruder Jonte", "Oma Gerda").
KINSHIP = frozenset(
    [
        "onkel",
        "tante",
        "oma",
        "opa",
        "omi",
        "opi",
        "mama",
        "papa",
        "mutter",
        "vater",
        "bruder",
        "schwester",
        "sohn",
        "tochter",
        "cousin",
        "cousine",
        "neffe",
        "nichte",
        "halbbruder",
        "halbschwester",
        "stiefvater",
        "stiefmutter",
        "stiefbruder",
        "stiefschwester",
        "freund",
        "freundin",
        "partner",
        "partnerin",
        "lebensgefährte",
        "lebensgefährtin",
        "großmutter",
        "großvater",
        "enkel",
        "enkelin",
    ]
)
# After a word: it is a name ("Finja (geb. 2016)", "Marie (6)", "Ben, geb. ...").
NAME_AFTER = re.compile(r"\s?(?:\(|,)\s*(?:geb\.|geboren|\d{1,2}\s*(?:J\.|Jahre)?\s*\))")
NAMING = frozenset(["heißt", "heisst", "hieß", "hiess", "namens", "genannt"])
# Words after a title that are no names ("Frau Doktor", "Herr Pfarrer", "Frau Kollegin").
NOT_AFTER_TITLE = frozenset(
    [
        "doktor",
        "dr",
        "prof",
        "professor",
        "professorin",
        "pfarrer",
        "pfarrerin",
        "pastor",
        "pastorin",
        "kollege",
        "kollegin",
        "lehrer",
        "lehrerin",
        "rektor",
        "rektorin",
        "direktor",
        "direktorin",
        "bürgermeister",
        "bürgermeisterin",
        "vorsitzende",
        "vorsitzender",
        "richter",
        "richterin",
        "und",
        "oder",
        "von",
        "vom",
        "mit",
    ]
)
# Everyday lower-case words that some name list has (checked only in lower-case texts).
LOWERCASE_WORDS = frozenset(
    [
        "will",
        "kann",
        "bald",
        "gern",
        "gut",
        "klar",
        "hier",
        "dort",
        "immer",
        "schon",
        "noch",
        "eben",
        "halt",
        "mal",
        "echt",
        "voll",
        "total",
        "bin",
        "bist",
        "sind",
        "war",
        "waren",
        "hat",
        "habe",
        "hast",
        "haben",
        "wird",
        "werden",
        "sagt",
        "sagte",
        "meint",
        "geht",
        "gehen",
        "kommt",
        "kam",
        "viel",
        "viele",
        "wenig",
        "alle",
        "alles",
        "heute",
        "morgen",
        "gestern",
        "weg",
        "los",
        "oft",
        "nie",
        "gar",
        "sehr",
        "ganz",
    ]
)
# Adjectives, adverbs and function words that are also names: at the start of a sentence they
# are the word ("Anders als …", "Kurz gesagt", "Klein und Braun" only mid-sentence).
START_WORDS = STOP_WORDS | frozenset(
    [
        "allen",
        "anders",
        "hell",
        "jung",
        "klein",
        "kurz",
        "lang",
        "lange",
        "stark",
        "braun",
        "schwarz",
        "weiß",
        "weiss",
        "frank",
        "frei",
        "gut",
        "fest",
        "rund",
        "still",
        "wild",
        "brav",
        "lieb",
        "nett",
        "froh",
        "klug",
        "ernst",
        "kühn",
        "mild",
        "sanft",
        "schön",
        "fromm",
    ]
)
# "Frau Schulleiterin", "Herr Sozialarbeiter": a noun of a role after a title is no name.
ROLES = (
    "leiter",
    "arbeiter",
    "lehrer",
    "pädagog",
    "berater",
    "betreuer",
    "arzt",
    "ärzt",
    "helfer",
    "pfleger",
    "erzieher",
    "psycholog",
    "therapeut",
    "vormund",
    "pfarrer",
    "beamt",
    "polizist",
    "direktor",
    "vorsitz",
    "kollege",
)
ABBREVIATIONS = frozenset(
    ["dr", "prof", "fr", "hr", "geb", "bzw", "ca", "vgl", "nr", "str", "evtl", "ggf", "usw", "abs"]
)
SENTENCE_END = re.compile(r"[.!?:;\"„“”»«•\n]|^\s*[-–]")


def find_names(
    text: str, lexicon: Lexicon, office_first: frozenset[str], office_last: frozenset[str]
) -> Iterator[Span]:
    tokens = [(m.start(), m.end(), m.group()) for m in WORD.finditer(text)]
    if _lowercase_style(tokens):
        yield from _lowercase_names(tokens, lexicon, office_first, office_last)
    flagged_end = -1
    previous_first = False  # the token before was flagged as a name
    pending: tuple[int, int] | None = None
    for index, (start, end, word) in enumerate(tokens):
        if not word[0].isupper() or len(word) < 2 or (word.isupper() and len(word) > 1):
            previous_first = False
            continue
        folded = word.casefold()
        if folded in NEVER_NAMES or (
            text.startswith(". ", end) and text[end + 2 : end + 3].isdigit()
        ):
            previous_first = False
            continue
        context = _context(text, tokens, index)
        adjacent = index > 0 and previous_first and _only_space(text, tokens[index - 1][1], start)
        if _is_name(
            folded, context, adjacent, lexicon, office_first, office_last, tokens, index, text
        ):
            if start <= flagged_end:
                continue
            end = _with_initial(text, end)
            if pending is not None and adjacent:
                pending = (pending[0], end)  # first name and surname: one finding
            else:
                if pending is not None:
                    yield pending[0], pending[1], "name"
                pending = (start, end)
            flagged_end = end
            previous_first = True
        else:
            previous_first = False
    if pending is not None:
        yield pending[0], pending[1], "name"


def _lowercase_style(tokens: list[tuple[int, int, str]]) -> bool:
    """A text written in lower case (a chat, a quick note): almost no capitalised word."""
    if len(tokens) < 8:
        return False
    capitalised = sum(1 for _start, _end, word in tokens if word[0].isupper())
    return capitalised <= len(tokens) // 20


def _lowercase_names(
    tokens: list[tuple[int, int, str]],
    lexicon: Lexicon,
    office_first: frozenset[str],
    office_last: frozenset[str],
) -> Iterator[Span]:
    """In a lower-case text: listed names that are no German word ("marvin", "lena")."""
    for start, end, word in tokens:
        if word.islower() and len(word) >= 3 and word not in STOP_WORDS and word not in NEVER_NAMES:
            listed = word in lexicon.first_names or word in office_first or word in office_last
            if listed and not lexicon.is_common(word) and word not in LOWERCASE_WORDS:
                yield start, end, "name"


def _is_name(
    folded: str,
    context: str,
    adjacent: bool,
    lexicon: Lexicon,
    office_first: frozenset[str],
    office_last: frozenset[str],
    tokens: list[tuple[int, int, str]],
    index: int,
    text: str,
) -> bool:
    parts = folded.replace("’", "-").replace("'", "-").split("-")
    listed = _listed(folded, lexicon, office_first, office_last) or all(
        _listed(part, lexicon, office_first, office_last) for part in parts
    )
    common = lexicon.is_common(folded) or (
        len(parts) > 1 and folded.replace("-", "") in lexicon.common_words
    )
    if context == "title":  # "Frau Mai", "Herr Koch": what follows is the name, not a role
        role = common and not listed and (folded.endswith("in") or any(r in folded for r in ROLES))
        return folded not in NOT_AFTER_TITLE and not role
    if context == "family":  # "Familie Kaya", "Onkel Ralle", but not "die Familie Hilfe"
        return listed or not common
    if not common and NAME_AFTER.match(text, tokens[index][1]):
        return True
    if context == "naming":
        return listed or not common
    if listed and not common:
        return not (
            context == "start" and (folded in lexicon.common_words or folded in START_WORDS)
        )
    if adjacent:
        return not common or listed
    if listed and _surname_follows(text, tokens, index, lexicon, office_last):
        return True
    if folded.endswith("s") and len(folded) > 3:
        base = folded[:-1]
        return (base in lexicon.first_names or base in office_first) and not (
            lexicon.is_common(base) or lexicon.is_common(folded)
        )
    return False


def _listed(
    folded: str, lexicon: Lexicon, office_first: frozenset[str], office_last: frozenset[str]
) -> bool:
    return (
        folded in lexicon.first_names
        or folded in lexicon.surnames
        or folded in office_first
        or folded in office_last
    )


def _surname_follows(
    text: str,
    tokens: list[tuple[int, int, str]],
    index: int,
    lexicon: Lexicon,
    office_last: frozenset[str],
) -> bool:
    """A first name that is also a word ("Rose") followed by a surname ("Rose Petersen")."""
    if index + 1 >= len(tokens) or tokens[index][2].casefold() not in lexicon.first_names:
        return False
    start, _end, word = tokens[index + 1]
    if not word[0].isupper() or not _only_space(text, tokens[index][1], start):
        return False
    folded = word.casefold()
    return (folded in lexicon.surnames or folded in office_last) and not lexicon.is_common(folded)


def _context(text: str, tokens: list[tuple[int, int, str]], index: int) -> str:
    """ "title", "naming", "start" (first word of a sentence) or ""."""
    if index == 0:
        return "start" if not text[: tokens[0][0]].strip(" \t") else ""
    previous = tokens[index - 1][2].casefold()
    between = text[tokens[index - 1][1] : tokens[index][0]]
    if previous in TITLES and between.strip() in ("", "."):
        return "family" if previous in FAMILY_WORDS else "title"
    if previous in KINSHIP and between.strip() in ("", ","):
        return "family"
    if previous == "und" and index > 1 and tokens[index - 2][2].casefold() in TITLES:
        return "title"
    if previous in NAMING and between.strip() in ("", ":"):
        return "naming"
    if SENTENCE_END.search(between) and previous not in ABBREVIATIONS:
        return "start"
    return ""


def _only_space(text: str, end: int, start: int) -> bool:
    return 0 < start - end <= 2 and not text[end:start].strip()


INITIAL = re.compile(r" [A-ZÄÖÜ]\.")


def _with_initial(text: str, end: int) -> int:
    """ "Lena M." keeps the initial of the surname with the name."""
    match = INITIAL.match(text, end)
    return match.end() if match else end
