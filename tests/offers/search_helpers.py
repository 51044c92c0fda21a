"""Building the search corpus (search_corpus.py) in a youth office, and measuring it."""

from __future__ import annotations

from sozialraum.network.models import Organisation, OrganisationKind
from sozialraum.offers.models import Offer, OfferStatus, OfferTopic
from sozialraum.offers.search import search_offers
from tests.offers.search_corpus import OFFERS, QUERIES


def build_corpus(office) -> dict[str, Offer]:
    """The corpus's offers, published, in `office`; key -> offer."""
    organisations: dict[str, Organisation] = {}
    topics: dict[str, OfferTopic] = {}
    offers: dict[str, Offer] = {}
    for key, (title, description, topic_names, provider) in OFFERS.items():
        if provider not in organisations:
            organisations[provider] = Organisation.objects.create(
                youth_office=office, name=provider, kind=OrganisationKind.FREE_CARRIER
            )
        offer = Offer.objects.create(
            youth_office=office,
            title=title,
            description=description,
            organisation=organisations[provider],
            status=OfferStatus.PUBLISHED,
        )
        for name in topic_names:
            if name not in topics:
                topics[name] = OfferTopic.objects.create(youth_office=office, name=name)
        offer.topics.set([topics[name] for name in topic_names])
        offers[key] = offer
    return offers


def measure(office, offers: dict[str, Offer]) -> tuple[float, float, list[str]]:
    """(recall, MRR, the queries that missed something) of QUERIES over the first 20 results."""
    by_pk = {offer.pk: key for key, offer in offers.items()}
    found_total = wanted_total = 0
    reciprocal = 0.0
    misses = []
    for query, wanted in QUERIES:
        results = [
            by_pk[pk]
            for pk in search_offers(Offer.objects.in_office(office), query).values_list(
                "pk", flat=True
            )[:20]
        ]
        found = wanted & set(results)
        found_total += len(found)
        wanted_total += len(wanted)
        first = next((rank for rank, key in enumerate(results, 1) if key in wanted), None)
        reciprocal += 1 / first if first else 0
        if found != wanted:
            misses.append(f"{query!r}: missing {sorted(wanted - found)}; got {results[:5]}")
    return found_total / wanted_total, reciprocal / len(QUERIES), misses
