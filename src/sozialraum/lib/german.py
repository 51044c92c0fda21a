"""German language work for search: folding, stop words, Snowball stemming, decompounding.

No models and no database here: the same functions turn an offer into its index terms when it
is saved and a query into the terms it looks for, so SQLite and PostgreSQL only ever compare
plain words (a-z, 0-9) that Python made. What happens to a word:

1. Folding (`lib.text.search_key`): lower case, ä=ae, ö=oe, ü=ue, ß=ss, accents dropped, so
   "Mütter", "Muetter" and "MÜTTER" are one word. Everything but letters and digits separates
   words; a hyphenated word ("Eltern-Kind-Gruppe") is also kept joined ("elternkindgruppe").
2. Stop words ("der", "für", "und", …) are dropped.
3. Stemming with the Snowball German stemmer (package `snowballstemmer`), applied until the
   stem no longer changes: Snowball maps "Kurse" to "kurs" but "Kurs" to "kur"; stemming twice
   brings both to "kur". "Familie"/"Familien" -> "famili", "Beratung"/"Beratungen" -> "berat".
4. Decompounding against the nouns of the German Wiktionary (package `german-nouns`, read from
   its CSV in site-packages, nothing downloaded): "Erziehungsberatung" -> "Erziehung" +
   "Beratung", "Kindertagesstätte" -> "Kinder" + "Tages" + "Stätte", "Schwimmkurs" ->
   "Schwimm" + "Kurs". A word is split into known nouns (or their inflected forms), with the
   linking elements (Fugen: -s-, -es-, -n-, -en-, -er-, -e-) and a dropped final -e
   ("Sprachkurs": Sprache) allowed between them; the first part may also be a verb stem
   ("schwimm", "krabbel") when the rest are nouns. Each part is split again, and every part's
   stem becomes a term beside the stem of the whole word.

A word's terms: its stem first, then the stems of its parts (`word_terms`).
"""

from __future__ import annotations

import csv
import functools
import importlib.resources
import re
import unicodedata

import snowballstemmer

from sozialraum.lib.text import search_key

MIN_PART = 4  # letters of a compound part (shorter ones split too much: "ei", "ton", "rat")
MAX_WORD = 60  # longer "words" are not split or stemmed (pasted garbage, URLs)
FUGEN = ("ens", "es", "en", "er", "s", "n", "e")

STOP_WORDS = frozenset(
    [
        "a",
        "ab",
        "aber",
        "alle",
        "allem",
        "allen",
        "aller",
        "alles",
        "als",
        "also",
        "am",
        "an",
        "ander",
        "andere",
        "anderen",
        "anders",
        "auch",
        "auf",
        "aus",
        "bei",
        "beim",
        "beide",
        "bin",
        "bis",
        "bist",
        "bitte",
        "da",
        "dabei",
        "damit",
        "dann",
        "das",
        "dass",
        "de",
        "dein",
        "deine",
        "dem",
        "den",
        "denn",
        "der",
        "des",
        "dessen",
        "dich",
        "die",
        "dies",
        "diese",
        "diesem",
        "diesen",
        "dieser",
        "dieses",
        "dir",
        "doch",
        "dort",
        "du",
        "durch",
        "ein",
        "eine",
        "einem",
        "einen",
        "einer",
        "eines",
        "er",
        "es",
        "etwa",
        "euch",
        "euer",
        "eure",
        "fuer",
        "gegen",
        "gibt",
        "hab",
        "habe",
        "haben",
        "hat",
        "hatte",
        "hier",
        "hin",
        "ich",
        "ihr",
        "ihre",
        "im",
        "in",
        "ins",
        "ist",
        "ja",
        "je",
        "jede",
        "jedem",
        "jeden",
        "jeder",
        "jedes",
        "jetzt",
        "kann",
        "kein",
        "keine",
        "keinem",
        "keinen",
        "keiner",
        "man",
        "mehr",
        "mein",
        "meine",
        "meinem",
        "meinen",
        "meiner",
        "mich",
        "mir",
        "mit",
        "muss",
        "nach",
        "nicht",
        "noch",
        "nur",
        "ob",
        "oder",
        "ohne",
        "sehr",
        "sein",
        "seine",
        "sich",
        "sie",
        "sind",
        "so",
        "sollen",
        "soll",
        "sowie",
        "ueber",
        "um",
        "und",
        "uns",
        "unser",
        "unsere",
        "unter",
        "vom",
        "von",
        "vor",
        "war",
        "waren",
        "was",
        "weil",
        "welche",
        "welchem",
        "welchen",
        "welcher",
        "welches",
        "wenn",
        "wer",
        "werden",
        "wie",
        "wieder",
        "will",
        "wir",
        "wird",
        "wo",
        "wollen",
        "zu",
        "zum",
        "zur",
        "zwischen",
        "and",
        "or",
        "not",
        "the",
        "of",
        "for",
        "to",
        "with",
        "angebot",
        "angebote",
        "angeboten",
        "angebots",
        "suche",
        "suchen",
        "gesucht",
        "naehe",
    ]
)
# Operators people type from other search engines: words, not syntax, and never required.
OPERATORS = frozenset({"and", "or", "not", "und", "oder", "nicht"})

_STEMMER = snowballstemmer.stemmer("german")
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_NOT_WORD_OR_HYPHEN = re.compile(r"[^a-z0-9-]+|(?<![a-z0-9])-|-(?![a-z0-9])")
_S_ENDING = frozenset("bdfghklmnrt")  # Snowball German: letters before a removable -s

# Parts of speech of the lexicon that are no compound parts (names, abbreviations, affixes).
_NOT_PARTS = frozenset(
    {
        "Buchstabe",
        "Abkürzung",
        "Wortverbindung",
        "Vorname",
        "Nachname",
        "Familienname",
        "Eigenname",
        "Straßenname",
        "Ortsnamengrundwort",
        "Toponym",
        "Gebundenes Lexem",
        "Affix",
        "Suffix",
        "Präfix",
        "Konfix",
    }
)


def fold(text: str) -> str:
    """Folded words separated by single spaces (lib.text.search_key)."""
    return search_key(text)


def words(text: str) -> list[str]:
    """The folded words of `text` in order, hyphenated words also joined, stop words dropped.

    "Eltern-Kind-Gruppe für Mütter" -> ["elternkindgruppe", "eltern", "kind", "gruppe",
    "muetter"]."""
    result: list[str] = []
    for chunk in _fold_keeping_hyphens(text).split():
        parts = [part for part in chunk.split("-") if part]
        if len(parts) > 1 and all(part.isalpha() for part in parts):
            joined = "".join(parts)
            if len(joined) <= MAX_WORD:
                result.append(joined)
        result.extend(parts)
    return [word for word in result if word not in STOP_WORDS]


def _fold_keeping_hyphens(text: str) -> str:
    """search_key's folding over the whole text at once, keeping hyphens inside words."""
    lowered = (text or "").lower().translate(_UMLAUTS)
    if not lowered.isascii():
        decomposed = unicodedata.normalize("NFKD", lowered)
        lowered = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NOT_WORD_OR_HYPHEN.sub(" ", lowered)


@functools.lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The Snowball German stem of a folded word, with one correction: Snowball removes a
    final -s after certain consonants only when it ends the word ("Kurs" -> "kur", but
    "Kurse" -> "kurs"); that -s is removed from every stem, so both give "kur"."""
    if len(word) > MAX_WORD or not word.isalpha():
        return word
    result = _STEMMER.stemWord(word)
    if len(result) > 3 and result[-1] == "s" and result[-2] in _S_ENDING:
        result = result[:-1]
    return result


# ---- The lexicon -------------------------------------------------------------------------------


@functools.cache
def lexicon() -> tuple[frozenset[str], frozenset[str]]:
    """(nouns, verb stems): every folded form of the Wiktionary nouns (lemma and inflections) of
    MIN_PART letters or more, and the stems of nominalised verbs ("Schwimmen" -> "schwimm",
    "Krabbeln" -> "krabbel") that may begin a compound. Read once per process (about 2 s)."""
    nouns: set[str] = set()
    verbs: set[str] = set()
    path = importlib.resources.files("german_nouns") / "nouns.csv"
    with path.open("r", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        next(reader)  # header: lemma, pos, genus …, then the inflected forms
        for row in reader:
            if not row or _NOT_PARTS.intersection(row[1].split(",")):
                continue
            lemma = _fold_word(row[0])
            if lemma.endswith(("eln", "ern")) and row[2] == "n":
                verbs.add(lemma[:-1])
            elif lemma.endswith("en") and row[2] == "n" and len(lemma) >= 5:
                verbs.add(lemma[:-2])
            for form in (row[0], *row[7:]):
                if form:
                    folded = _fold_word(form)
                    if len(folded) >= MIN_PART:
                        nouns.add(folded)
    return frozenset(nouns), frozenset(verbs)


def _fold_word(word: str) -> str:
    if word.isascii():
        folded = word.lower()
        return folded if folded.isalpha() else ""
    key = search_key(word)
    return key if key.isalpha() else ""


def _known(part: str, nouns: frozenset[str]) -> str | None:
    """The noun that `part` stands for inside a compound (itself, without its linking element,
    or with its final -e dropped), or None."""
    if part in nouns:
        return part
    for fuge in FUGEN:
        if part.endswith(fuge) and len(part) - len(fuge) >= MIN_PART:
            base = part[: -len(fuge)]
            if base in nouns:
                return base
    if part + "e" in nouns:
        return part + "e"
    return None


@functools.lru_cache(maxsize=200_000)
def split_compound(word: str) -> tuple[str, ...]:
    """The parts of a compound noun as base forms ("erziehungsberatung" -> ("erziehung",
    "beratung")), or () when `word` is no compound the lexicon can explain.

    Fewest parts win; among equals the longer last part (the head). The first part may be a
    verb stem or, failing all else, any MIN_PART letters before a known noun."""
    if not word.isalpha() or len(word) < 2 * MIN_PART or len(word) > MAX_WORD:
        return ()
    nouns, verbs = lexicon()
    best = _segment(word, nouns)
    if best is None:
        # A verb stem before nouns ("schwimm|kurs", "lese|foerderung"), else an unknown word of
        # five letters or more before a noun of five or more ("krabbel|gruppe").
        for cut in range(MIN_PART - 1, len(word) - MIN_PART + 1):
            head, rest = word[:cut], word[cut:]
            verb = head if head in verbs else head[:-1] if head[:-1] in verbs else None
            if verb is None and not _plausible_head(head, rest, nouns):
                continue
            tail = [rest] if rest in nouns else _segment(rest, nouns)
            if tail is None:
                continue
            candidate = [verb or _known(head, nouns) or head, *tail]
            if best is None or _better(candidate, best):
                best = candidate
        if best is None:
            return ()
    if not best or len(best) < 2:
        return ()
    return tuple(best)


def _plausible_head(head: str, rest: str, nouns: frozenset[str]) -> bool:
    """Whether an unknown first part may stand before `rest`: five letters or more, a vowel
    among its last three (not "schw|immen"), and a noun of five letters or more after it."""
    return (
        len(head) > MIN_PART
        and len(rest) > MIN_PART
        and any(vowel in head[-3:] for vowel in "aeiouy")
        and (_known(head, nouns) is not None or rest in nouns)
    )


def _better(candidate: list[str], best: list[str]) -> bool:
    return (len(candidate), -len(candidate[-1])) < (len(best), -len(best[-1]))


def _segment(word: str, nouns: frozenset[str]) -> list[str] | None:
    """The best split of `word` into known parts (at least two), or None."""
    return _segments(word, nouns, True)


@functools.lru_cache(maxsize=100_000)
def _cached_segments(word: str) -> tuple[str, ...] | None:
    nouns, _verbs = lexicon()
    found = _segments(word, nouns, False)
    return tuple(found) if found else None


def _segments(word: str, nouns: frozenset[str], need_two: bool) -> list[str] | None:
    """Split `word` into parts whose last one is a noun form and whose others are nouns with
    linking elements; None if impossible. need_two: a single part does not count."""
    if not need_two and word in nouns:
        return [word]
    best: list[str] | None = None
    for cut in range(MIN_PART, len(word) - MIN_PART + 1):
        base = _known(word[:cut], nouns)
        if base is None:
            continue
        rest = _cached_segments(word[cut:])
        if rest is None:
            continue
        candidate = [base, *rest]
        if best is None or _better(candidate, best):
            best = candidate
    return best


@functools.lru_cache(maxsize=200_000)
def word_terms(word: str) -> tuple[str, ...]:
    """The index terms of one folded word: its stem, then the stems of its compound parts
    (recursively), without repetitions."""
    terms = [stem(word)]
    pending = list(split_compound(word))
    seen = {word}
    while pending:
        part = pending.pop(0)
        if part in seen:
            continue
        seen.add(part)
        terms.append(stem(part))
        pending.extend(split_compound(part))
    return tuple(dict.fromkeys(terms))


def terms(text: str) -> list[str]:
    """All index terms of a text, in order of appearance, with repetitions (counts matter to
    nobody, but order keeps the title's terms readable)."""
    return terms_of_words(words(text))


def terms_of_words(folded: list[str]) -> list[str]:
    result: list[str] = []
    for word in folded:
        result.extend(word_terms(word))
    return result


def within_one_edit(a: str, b: str) -> bool:
    """Whether `b` comes from `a` by at most one insertion, deletion, substitution or swap of
    two neighbouring letters (Damerau-Levenshtein distance <= 1)."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    start = 0
    while start < min(la, lb) and a[start] == b[start]:
        start += 1
    if la == lb:
        if a[start + 1 :] == b[start + 1 :]:
            return True  # substitution
        return (
            start + 1 < la
            and a[start] == b[start + 1]
            and a[start + 1] == b[start]
            and a[start + 2 :] == b[start + 2 :]
        )
    if la > lb:
        return a[start + 1 :] == b[start:]
    return a[start:] == b[start + 1 :]
