"""The same results in the same order on SQLite and PostgreSQL.

Both databases are compared with one reference: the query's groups evaluated in Python over
the stored terms (the rules of offers/search.py's docstring). Run on each database, this
shows both give the reference's results, so each other's."""

from sozialraum.offers.models import Offer
from sozialraum.offers.search import Alternative, analyse, search
from sozialraum.offers.search_models import OfferSearchEntry
from tests.offers.search_corpus import QUERIES
from tests.offers.search_helpers import build_corpus


def _has(terms: set[str], alternative: Alternative) -> bool:
    return all(
        any(t.startswith(term.text) for t in terms) if term.prefix else term.text in terms
        for term in alternative.terms
    )


def _reference(office, q: str) -> list[int]:
    parsed = analyse(q, office)
    entries = {
        entry.offer_id: (set(entry.title_terms.split()), set(entry.body_terms.split()))
        for entry in OfferSearchEntry.objects.filter(youth_office=office)
    }
    sort = dict(Offer.objects.in_office(office).values_list("pk", "sort_key"))

    def points(pk: int, relaxed: bool) -> int | None:
        title, body = entries[pk]
        total, matched = 0, 0
        for group in parsed.groups:
            exact = [alt for alt in group.alternatives if alt.exact]
            levels = [
                (4, exact, title),
                (3, group.alternatives, title),
                (2, exact, title | body),
                (1, group.alternatives, title | body),
            ]
            score = next((p for p, alts, terms in levels if any(_has(terms, a) for a in alts)), 0)
            total += score
            matched += bool(score)
        enough = matched >= 1 if relaxed else matched == len(parsed.groups)
        return total if enough else None

    for relaxed in (False, True):
        scored = [(points(pk, relaxed), pk) for pk in entries]
        hits = [(-score, sort[pk], pk) for score, pk in scored if score is not None]
        if hits or len(parsed.groups) < 2:
            return [pk for _score, _key, pk in sorted(hits)]
    return []


def test_it_orders_every_query_as_the_reference_does(office_a):
    build_corpus(office_a)
    for q, _wanted in QUERIES:
        found, _parsed = search(Offer.objects.in_office(office_a), q, office_a)
        assert list(found.values_list("pk", flat=True)) == _reference(office_a, q), q
