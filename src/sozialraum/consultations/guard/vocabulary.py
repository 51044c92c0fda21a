"""The office's own vocabulary for the guard: the people of its network directory, its schools
and Kitas, its rare features. Built with three queries and kept per process for each office
data version (`network.summaries.office_cache_key`: every audited write bumps the version)."""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sozialraum.regions.models import YouthOffice

MAX_OFFICES = 64  # vocabularies kept per process (the newest data versions)


@dataclass(frozen=True)
class Vocabulary:
    first_names: frozenset[str] = frozenset()  # casefolded
    surnames: frozenset[str] = frozenset()  # casefolded
    schools: re.Pattern[str] | None = None  # the office's schools by name
    kitas: re.Pattern[str] | None = None  # the office's Kitas by name
    rare: re.Pattern[str] | None = None  # the rare features, with inflected and compound forms
    rare_reasons: dict[str, str] = field(default_factory=dict)  # casefolded term -> reason


EMPTY = Vocabulary()

_VARIANTS = (
    ("Grundschule ", "GS "),
    ("Kindertagesstätte ", "Kita "),
    ("Kita ", "Kindertagesstätte "),
    ("Kita ", "Kindergarten "),
)


def _name_variants(name: str) -> set[str]:
    name = " ".join(name.split())
    variants = {name}
    for prefix in ("Ev. ", "Kath. ", "Evangelische ", "Katholische ", "Städtische "):
        if name.startswith(prefix):
            variants.add(name[len(prefix) :])
    for long, short in _VARIANTS:
        for variant in list(variants):
            if variant.startswith(long):
                variants.add(short + variant[len(long) :])
    return {variant for variant in variants if len(variant) >= 4}


def _alternation(names: set[str], suffix: str = "") -> re.Pattern[str] | None:
    if not names:
        return None
    ordered = sorted(names, key=len, reverse=True)
    body = "|".join(re.escape(name) for name in ordered)
    return re.compile(rf"(?<![\w-])(?:{body}){suffix}(?![\w-])", re.IGNORECASE)


def build(
    people: list[tuple[str, str]],
    organisations: list[tuple[str, str]],
    rare_features: list[tuple[str, str]],
) -> Vocabulary:
    """A vocabulary from plain data: (first, last) names, (name, kind) with kind "schule" or
    "kita", (term, reason)."""
    first: set[str] = set()
    last: set[str] = set()
    for first_name, last_name in people:
        for word in first_name.split():
            if len(word) >= 2:
                first.add(word.casefold())
        for word in last_name.split():
            if len(word) >= 2:
                last.add(word.casefold())
    schools = {v for name, kind in organisations if kind == "schule" for v in _name_variants(name)}
    kitas = {v for name, kind in organisations if kind == "kita" for v in _name_variants(name)}
    terms = {" ".join(term.split()) for term, _reason in rare_features if term.strip()}
    return Vocabulary(
        first_names=frozenset(first),
        surnames=frozenset(last),
        schools=_alternation(schools),
        kitas=_alternation(kitas),
        rare=_alternation(terms, r"[\w-]*"),
        rare_reasons={" ".join(t.split()).casefold(): r for t, r in rare_features if r},
    )


_cache: OrderedDict[str, Vocabulary] = OrderedDict()
_lock = threading.Lock()


def for_office(office: YouthOffice) -> Vocabulary:
    """The office's vocabulary, built once per office data version in this process."""
    from sozialraum.network.summaries import office_cache_key

    key = office_cache_key("guard-vocabulary", office)
    with _lock:
        vocabulary = _cache.get(key)
        if vocabulary is not None:
            _cache.move_to_end(key)
            return vocabulary
    vocabulary = _load(office)
    with _lock:
        _cache[key] = vocabulary
        while len(_cache) > MAX_OFFICES:
            _cache.popitem(last=False)
    return vocabulary


def _load(office: YouthOffice) -> Vocabulary:
    from sozialraum.consultations.models import RareFeature
    from sozialraum.network.models import Organisation, OrganisationKind, Person

    people = list(Person.objects.filter(youth_office=office).values_list("first_name", "last_name"))
    organisations = list(
        Organisation.objects.filter(
            youth_office=office, kind__in=[OrganisationKind.SCHOOL, OrganisationKind.KITA]
        ).values_list("name", "kind")
    )
    rare = list(RareFeature.objects.filter(youth_office=office).values_list("term", "reason"))
    return build(people, organisations, rare)


def clear() -> None:
    with _lock:
        _cache.clear()
