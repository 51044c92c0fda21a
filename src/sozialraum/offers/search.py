"""The search of the Familienwegweiser: one function every page and the API call.

`search_offers(queryset, q)` returns the offers of `queryset` that match `q`, best first, as a
queryset the guide paginates. The language work happens in Python (lib.german), when an offer
is saved (offers/search_index.py) and here for the query; the database only compares terms:
SQLite through FTS5, PostgreSQL through tsvector/tsquery (config 'simple'), so both give the
same results in the same order (tests/offers/test_search_parity.py).

A query becomes groups, one per word; every group must match (AND), a group matches if any of
its alternatives does (OR), an alternative is a set of terms that must all occur:

- the word's stem ("Familien" -> famili), as a prefix too when it has five letters or more
  ("schwimm" finds "Schwimmkurs", "Schwimmbad");
- its compound parts together ("Familienberatung" -> famili AND berat), so a query compound
  finds "Beratung für Familien"; documents hold the parts of their compounds, so "Beratung"
  finds "Erziehungsberatung";
- the office's synonyms of the word (OfferSynonym: "Kita" -> kindertagesstatt);
- for words of five letters or more that occur nowhere in the office's offers: the words of the
  office's vocabulary within one typo (OfferTerm, Damerau-Levenshtein distance 1).

If no offer matches every group, offers matching any group are shown instead (a query with
one unknown word still finds something); `analyse(q, office).relaxed` tells the page.

Ranking, the same on both databases: per group 4 points if the title matches it exactly (stem,
parts or synonym), 3 if the title matches it only by prefix or typo, 2 if the text matches it
exactly, 1 loosely; the sum decides, then the title's sort order. Nothing of the input reaches
SQL but terms of a-z and 0-9, and those only as parameters.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import connections
from django.db.models import BooleanField, IntegerField, QuerySet
from django.db.models.expressions import RawSQL

from sozialraum.lib import german

MAX_QUERY = 200  # characters of the query that are looked at
MAX_GROUPS = 8  # words of the query that count
MIN_PREFIX = 4  # a stem this long also matches as a prefix
MIN_TYPO = 5  # words this long tolerate one typo
MAX_TYPO_CANDIDATES = 5
FTS = "offers_offersearchentry_fts"


@dataclass(frozen=True)
class Term:
    text: str
    prefix: bool = False


@dataclass(frozen=True)
class Alternative:
    terms: tuple[Term, ...]
    exact: bool = True


@dataclass
class Group:
    word: str
    alternatives: list[Alternative] = field(default_factory=list)

    def add(self, terms: tuple[Term, ...], *, exact: bool = True) -> None:
        alternative = Alternative(terms, exact)
        if terms and alternative not in self.alternatives:
            self.alternatives.append(alternative)


@dataclass
class ParsedQuery:
    groups: list[Group] = field(default_factory=list)
    typed: bool = False  # something was typed
    corrected: dict[str, list[str]] = field(default_factory=dict)  # typo -> words used
    relaxed: bool = False  # no offer matched every word; offers matching any word are shown
    synonyms: dict[str, list[str]] = field(default_factory=dict)  # word -> synonyms searched

    @property
    def unsearchable(self) -> bool:
        """Something was typed, but nothing of it can be searched (only stop words,
        punctuation or emoji)."""
        return self.typed and not self.groups


def _chunks(q: str) -> list[tuple[str, tuple[str, ...]]]:
    """(word, parts) per searchable word of the query: a hyphenated word once, joined, with
    its parts ("eltern-kind-gruppe" -> ("elternkindgruppe", ("eltern", "kind", "gruppe")))."""
    result: list[tuple[str, tuple[str, ...]]] = []
    for chunk in (q or "")[:MAX_QUERY].split():
        parts = [
            part
            for part in german.fold(chunk).split()
            if part not in german.STOP_WORDS and part not in german.OPERATORS
        ]
        if len(parts) > 1 and "-" in chunk and all(part.isalpha() for part in parts):
            result.append(("".join(parts), tuple(parts)))
        else:
            result.extend((part, ()) for part in parts)
    unique = list(dict.fromkeys(result))
    return [(word, parts) for word, parts in unique if len(word) <= german.MAX_WORD][:MAX_GROUPS]


def _word_alternatives(group: Group, word: str, parts: tuple[str, ...] = ()) -> None:
    """The stem (and prefix) of `word` and its compound parts as alternatives of `group`."""
    stem = german.stem(word)
    group.add((Term(stem),))
    if len(stem) >= MIN_PREFIX:
        group.add((Term(stem, prefix=True),), exact=False)
    split = parts or german.split_compound(word)
    if split:
        stems = [german.stem(part) for part in split]
        group.add(tuple(Term(part) for part in stems))
        # Loosely: each part as a prefix too ("Kinderarzt" finds "Kinderärztin").
        group.add(tuple(Term(part, prefix=len(part) >= MIN_PREFIX) for part in stems), exact=False)


def synonym_pairs(office) -> list[tuple[str, str]]:
    """The office's synonyms as (word, synonym); the defaults are created on first use (when
    the office has none at all)."""
    from sozialraum.offers.search_models import DEFAULT_SYNONYMS, OfferSynonym

    pairs = list(OfferSynonym.objects.in_office(office).values_list("word", "synonym"))
    if not pairs and office is not None and office.pk:
        OfferSynonym.objects.bulk_create(
            [OfferSynonym(youth_office=office, word=a, synonym=b) for a, b in DEFAULT_SYNONYMS],
            ignore_conflicts=True,
        )
        pairs = list(DEFAULT_SYNONYMS)
    return pairs


def _synonym_map(office) -> dict[str, list[str]]:
    """stem of one side -> the other sides, for the office's synonyms."""
    pairs = synonym_pairs(office)
    result: dict[str, list[str]] = {}
    for word, synonym in pairs:
        for side, other in ((word, synonym), (synonym, word)):
            chunks = _chunks(side)
            if len(chunks) == 1:
                result.setdefault(german.stem(chunks[0][0]), []).append(other)
    return result


def analyse(q: str, office) -> ParsedQuery:
    """What `q` searches for in `office` (two to three queries: synonyms, vocabulary)."""
    from sozialraum.offers.search_models import OfferTerm

    parsed = ParsedQuery(typed=bool((q or "").strip()))
    chunks = _chunks(q)
    if not chunks:
        return parsed
    synonyms = _synonym_map(office)
    for word, parts in chunks:
        group = Group(word)
        _word_alternatives(group, word, parts)
        for other in synonyms.get(german.stem(word), []):
            parsed.synonyms.setdefault(word, []).append(other)
            for synonym_word, synonym_parts in _chunks(other)[:1]:
                _word_alternatives(group, synonym_word, synonym_parts)
            if len(_chunks(other)) > 1:  # a phrase: all its words
                group.add(tuple(Term(german.stem(w)) for w, _parts in _chunks(other)))
        parsed.groups.append(group)
    _add_typo_alternatives(parsed, office, OfferTerm)
    return parsed


def _add_typo_alternatives(parsed: ParsedQuery, office, term_model) -> None:
    """For long words whose stem no offer of the office contains: the office's words within
    one typo. A word with one edit keeps its first or its second half unchanged, so the
    candidates are looked up by beginning (word) and by end (reversed_word) in the index."""
    from django.db.models import Q

    candidates = [
        group for group in parsed.groups if len(group.word) >= MIN_TYPO and group.word.isalpha()
    ]
    if not candidates:
        return
    stems = {german.stem(group.word) for group in candidates}
    known = set(
        term_model.objects.filter(youth_office=office, term__in=stems).values_list(
            "term", flat=True
        )
    )
    missing = [group for group in candidates if german.stem(group.word) not in known]
    if not missing:
        return
    condition = Q()
    for group in missing:
        half = len(group.word) // 2
        condition |= Q(word__startswith=group.word[:half]) | Q(
            reversed_word__startswith=group.word[::-1][: len(group.word) - half - 1]
        )
    rows = list(
        term_model.objects.filter(condition, youth_office=office)
        .order_by("word")
        .values_list("word", "term")[:2000]
    )
    for group in missing:
        found = [
            (word, term)
            for word, term in rows
            if word != group.word and german.within_one_edit(group.word, word)
        ][:MAX_TYPO_CANDIDATES]
        for word, term in found:
            group.add((Term(term),), exact=False)
            if len(term) >= MIN_PREFIX:
                group.add((Term(term, prefix=True),), exact=False)
            parts = german.split_compound(word)
            if parts:
                group.add(tuple(Term(german.stem(part)) for part in parts), exact=False)
        if found:
            parsed.corrected[group.word] = [word for word, _term in found]


# ---- SQL -------------------------------------------------------------------------------------


def _fts(alternatives: list[Alternative], column: str | None = None) -> str:
    expression = " OR ".join(
        "(" + " AND ".join(f'"{t.text}"' + ("*" if t.prefix else "") for t in alt.terms) + ")"
        for alt in alternatives
    )
    return f"{column} : ({expression})" if column else f"({expression})"


def _tsquery(alternatives: list[Alternative]) -> str:
    return " | ".join(
        "(" + " & ".join(t.text + (":*" if t.prefix else "") for t in alt.terms) + ")"
        for alt in alternatives
    )


def _minimal(alternatives: list[Alternative]) -> list[Alternative]:
    """The same matches with fewer alternatives: a term is left out beside its own prefix."""
    prefixes = {
        alt.terms[0].text for alt in alternatives if len(alt.terms) == 1 and alt.terms[0].prefix
    }
    return [
        alt
        for alt in alternatives
        if not (len(alt.terms) == 1 and not alt.terms[0].prefix and alt.terms[0].text in prefixes)
    ]


def _levels(group: Group, relaxed: bool) -> tuple[list[tuple[int, list[Alternative], bool]], int]:
    """([(points, alternatives, title only)] from the best level down, points otherwise). When
    every group must match, a row that reaches no level matches loosely: 1 point, no test."""
    exact = [alt for alt in group.alternatives if alt.exact]
    every = _minimal(group.alternatives)
    levels = [(4, exact, True), (3, every, True), (2, exact, False)]
    if relaxed:
        return [*levels, (1, every, False)], 0
    return levels, 1


def _sqlite(queryset: QuerySet, parsed: ParsedQuery, relaxed: bool) -> QuerySet:
    pk = f'"{queryset.model._meta.db_table}"."id"'
    match = f"SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s"  # noqa: S608 (constant names)
    joiner = " OR " if relaxed else " AND "
    condition = joiner.join(_fts(_minimal(group.alternatives)) for group in parsed.groups)
    cases, params = [], []
    for group in parsed.groups:
        whens = []
        levels, otherwise = _levels(group, relaxed)
        for points, alternatives, title in levels:
            if alternatives:
                whens.append(f"WHEN {pk} IN ({match}) THEN {points}")
                params.append(_fts(alternatives, "title_terms" if title else None))
        cases.append("(CASE " + " ".join(whens) + f" ELSE {otherwise} END)")
    rank = RawSQL(" + ".join(cases), params, output_field=IntegerField())  # noqa: S611
    return queryset.filter(pk__in=RawSQL(match, [condition])).annotate(search_rank=rank)  # noqa: S611


def _postgresql(queryset: QuerySet, parsed: ParsedQuery, relaxed: bool) -> QuerySet:
    entry = '"offers_offersearchentry"'
    joiner = " | " if relaxed else " & "
    condition = joiner.join(
        f"({_tsquery(_minimal(group.alternatives))})" for group in parsed.groups
    )
    cases, params = [], []
    for group in parsed.groups:
        whens = []
        levels, otherwise = _levels(group, relaxed)
        for points, alternatives, title in levels:
            if alternatives:
                column = "title_tsv" if title else "doc_tsv"
                whens.append(f"WHEN {entry}.{column} @@ to_tsquery('simple', %s) THEN {points}")
                params.append(_tsquery(alternatives))
        cases.append("(CASE " + " ".join(whens) + f" ELSE {otherwise} END)")
    rank = RawSQL(" + ".join(cases), params, output_field=IntegerField())  # noqa: S611
    matches = RawSQL(  # noqa: S611 (the query is a parameter)
        f"{entry}.doc_tsv @@ to_tsquery('simple', %s)", [condition], output_field=BooleanField()
    )
    return (
        queryset.filter(search_entry__isnull=False)
        .alias(search_match=matches)
        .filter(search_match=True)
        .annotate(search_rank=rank)
    )


def apply(queryset: QuerySet, parsed: ParsedQuery, *, relaxed: bool = False) -> QuerySet:
    """The offers of `queryset` matching `parsed`, best first."""
    vendor = connections[queryset.db].vendor
    build = _postgresql if vendor == "postgresql" else _sqlite
    return build(queryset, parsed, relaxed).order_by("-search_rank", "sort_key", "id")


def search(queryset: QuerySet, q: str, office=None) -> tuple[QuerySet, ParsedQuery]:
    """search_offers with what the query was understood as (for hints on the page)."""
    if office is None:
        office = _office_of(queryset)
    parsed = analyse(q, office)
    if not parsed.groups:
        return queryset, parsed
    results = apply(queryset, parsed)
    if len(parsed.groups) > 1 and not results.exists():
        parsed.relaxed = True
        results = apply(queryset, parsed, relaxed=True)
    return results, parsed


def _office_of(queryset: QuerySet):
    """The youth office a queryset is filtered to (the guide's and the API's always are)."""
    from sozialraum.regions.models import YouthOffice

    where = queryset.query.where
    for child in getattr(where, "children", []):
        lhs = getattr(child, "lhs", None)
        if getattr(getattr(lhs, "target", None), "name", None) == "youth_office":
            value = child.rhs
            return value if isinstance(value, YouthOffice) else YouthOffice(pk=value)
    return None


def search_offers(queryset: QuerySet, q: str) -> QuerySet:
    """The offers of `queryset` that match `q`, best first; "" or nothing searchable (only
    stop words, punctuation, emoji) = `queryset` unchanged."""
    return search(queryset, q)[0]
