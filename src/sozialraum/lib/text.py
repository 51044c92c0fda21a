"""German-aware text keys for search and duplicate detection."""

from __future__ import annotations

import re
import unicodedata

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_NON_WORD = re.compile(r"[^a-z0-9]+")

# Abbreviations that make the same organisation look different ("Ev. Kita St. Marien").
_ABBREVIATIONS = {
    "ev": "evangelisch",
    "evang": "evangelisch",
    "evangelische": "evangelisch",
    "evangelischer": "evangelisch",
    "evangelisches": "evangelisch",
    "ev-luth": "evangelisch lutherisch",
    "luth": "lutherisch",
    "lutherische": "lutherisch",
    "kath": "katholisch",
    "katholische": "katholisch",
    "katholischer": "katholisch",
    "katholisches": "katholisch",
    "st": "sankt",
    "hl": "heilig",
    "gs": "grundschule",
    "kiga": "kindergarten",
    "kindertagesstaette": "kita",
    "kindertagesstatte": "kita",
    "str": "strasse",
    "fz": "familienzentrum",
    "ag": "arbeitsgemeinschaft",
    "dt": "deutsch",
    "deutsches": "deutsch",
    "deutscher": "deutsch",
    "deutsche": "deutsch",
}
# Legal-form words that do not distinguish organisations.
_NOISE = {"ev", "e", "v", "ggmbh", "gmbh", "gbr", "co", "kg", "mbh", "und", "der", "die", "das"}


def search_key(text: str) -> str:
    """Lower case, umlauts and ß spelled out (ae oe ue ss), accents dropped, spaces collapsed.

    'Müller' and 'Mueller' and 'MÜLLER' give the same key, so a search for either finds both.
    """
    lowered = (text or "").lower().translate(_UMLAUTS)
    decomposed = unicodedata.normalize("NFKD", lowered)
    ascii_only = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_NON_WORD.sub(" ", ascii_only).split())


def expansion(word: str) -> str | None:
    """The spelled-out form of an abbreviation the keys know ("st" -> "sankt", "musterstr" ->
    "musterstrasse"), or None. `word` is one word of a search key."""
    expanded = _ABBREVIATIONS.get(word)
    if expanded is None and len(word) > 3 and word.endswith("str"):
        expanded = word + "asse"
    return expanded if expanded != word else None


def duplicate_key(name: str) -> str:
    """A key under which probable duplicates of an organisation name coincide."""
    words = search_key(name.replace("e.V.", " ").replace("e. V.", " ")).split()
    expanded: list[str] = []
    for word in words:
        expanded.extend(_ABBREVIATIONS.get(word, word).split())
    return " ".join(word for word in expanded if word not in _NOISE)


# ---- Sorting ---------------------------------------------------------------------------------

SORT_KEY_LENGTH = 300
_SORT_FOLD = str.maketrans({"ß": "ss", "ẞ": "ss"})
_SORT_NON_WORD = re.compile(r"[\W_]+")


def sort_key(*parts: str) -> str:
    """A key that sorts names as German readers expect (DIN 5007-1, "Wörterbuch" order).

    Case is ignored, ä ö ü sort as a o u, ß as ss, other accents are dropped ("Böhme" between
    "Bock" and "Buchholz", "Sören" before "Sven"). Within a part the words are joined by "-",
    the parts (surname, first name) by " ", which sorts before any letter, digit or "-": so
    "Berg, Zoe" comes before "Bergmann, Anna" and "Müller, Zoe" before "Müller-Lüdenscheidt".
    Compared byte by byte (lib.fields.SortKeyField), it orders alike on SQLite and PostgreSQL.
    """
    keys = []
    for part in parts:
        folded = unicodedata.normalize("NFKD", (part or "").lower().translate(_SORT_FOLD))
        plain = "".join(ch for ch in folded if not unicodedata.combining(ch))
        keys.append("-".join(_SORT_NON_WORD.sub(" ", plain).split()))
    return " ".join(keys).rstrip()[:SORT_KEY_LENGTH]


def person_sort_key(full_name: str) -> str:
    """sort_key for a name in one field ("Anna Müller"): by its last word, then the rest."""
    words = (full_name or "").split()
    if len(words) < 2:
        return sort_key(full_name)
    return sort_key(words[-1], " ".join(words[:-1]))
