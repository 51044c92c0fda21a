"""The guide's search at scale: ranked ids, capped and kept per office data version.

Ranking a frequent word ("Beratung" in every third offer) means scoring and sorting every
match (offers/search.py); at 100,000 offers that is the one part of a results page that grows
with the data. The guide therefore asks the database once per query, filters, office data
version and day for the first LIMIT + 1 ids in relevance order (a bounded top-N sort, no
separate count: the count is the number of ids, "more than LIMIT" beyond) and keeps that list
in the cache; each results page then reads its 20 offers by id, again through
`Offer.objects.public`, so a list that is a few minutes old can never show what is no longer
public. Families do not page beyond MAX_PAGES × PAGE_SIZE results, which is LIMIT.

Any write to the office bumps `YouthOffice.data_version` (audit.services.record), so a new or
changed offer, synonym or vocabulary word is searched for at once; the day is part of the key
because offers become (in)valid at midnight, and SECONDS bounds how long a list lives anyway.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import QuerySet
from django.utils import timezone

from sozialraum.offers import search
from sozialraum.regions.models import YouthOffice

LIMIT = 1000  # ids kept per search: MAX_PAGES (50) × PAGE_SIZE (20) of the guide
SECONDS = 300


@dataclass
class Ranked:
    """The outcome of one guide search: the first LIMIT ids, best first, and what the query
    was understood as (for the hints on the page)."""

    ids: list[int] = field(default_factory=list)
    more: bool = False  # more than LIMIT offers matched
    parsed: search.ParsedQuery = field(default_factory=search.ParsedQuery)

    @property
    def count(self) -> int:
        return len(self.ids)


def cache_key(office: YouthOffice, q: str, filters: dict) -> str:
    wanted = sorted(
        (name, str(getattr(value, "pk", value))) for name, value in filters.items() if name != "q"
    )
    text = repr((" ".join(q.split()).lower(), wanted))
    digest = hashlib.sha256(text.encode()).hexdigest()[:32]
    day = timezone.localdate().isoformat()
    return f"offers:guide-ranked:{office.pk}:{office.data_version}:{day}:{digest}"


def ranked(
    office: YouthOffice, queryset: QuerySet | Callable[[], QuerySet], q: str, filters: dict
) -> Ranked:
    """The offers of `queryset` (the guide's filtered public offers, or a function that builds
    them, called only when the search is not cached) matching `q`, as ids in relevance order;
    from the cache when the same search ran on the same data."""
    key = cache_key(office, q, filters)
    result = cache.get(key)
    if result is None:
        offers = queryset if isinstance(queryset, QuerySet) else queryset()
        result = _compute(office, offers, q)
        cache.set(key, result, SECONDS)
    return result


def _compute(office: YouthOffice, queryset: QuerySet, q: str) -> Ranked:
    parsed = search.analyse(q, office)
    if not parsed.groups:
        return Ranked(parsed=parsed)  # nothing searchable: the page says so
    ids = _ids(search.apply(queryset, parsed))
    if not ids and len(parsed.groups) > 1:
        parsed.relaxed = True
        ids = _ids(search.apply(queryset, parsed, relaxed=True))
    return Ranked(ids=ids[:LIMIT], more=len(ids) > LIMIT, parsed=parsed)


def _ids(results: QuerySet) -> list[int]:
    return list(results.values_list("pk", flat=True)[: LIMIT + 1])


@dataclass
class Suggestion:
    """A typo the search corrected: what was typed, the word it searched for instead and the
    guide's address searching for that word ("Meinten Sie …?")."""

    typed: str
    word: str
    query: str


@dataclass
class Hints:
    """What the results page tells the visitor about how the query was understood."""

    relaxed: bool = False
    unsearchable: bool = False
    suggestions: list[Suggestion] = field(default_factory=list)
    synonyms: list[tuple[str, str]] = field(default_factory=list)  # (typed, also searched)

    def __bool__(self) -> bool:
        return bool(self.relaxed or self.unsearchable or self.suggestions or self.synonyms)


def hints(parsed: search.ParsedQuery, q: str) -> Hints:
    """The hints of a search: relaxed to any word, typos corrected, synonyms used, or nothing
    searchable at all."""
    from sozialraum.lib import german

    result = Hints(relaxed=parsed.relaxed, unsearchable=parsed.unsearchable)
    typed = q.split()
    as_typed = {german.fold(chunk): chunk.strip(".,;:!?\"'()") for chunk in typed}
    for word, candidates in parsed.corrected.items():
        better = candidates[0]
        replaced = [better if german.fold(chunk) == word else chunk for chunk in typed]
        result.suggestions.append(Suggestion(as_typed.get(word, word), better, " ".join(replaced)))
    for word, others in parsed.synonyms.items():
        result.synonyms.extend((as_typed.get(word, word), o) for o in dict.fromkeys(others))
    return result
