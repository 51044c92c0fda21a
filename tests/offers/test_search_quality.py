"""Recall and MRR of the German search over the query set (search_corpus.py).

Run with -s to see the figures; on PostgreSQL with DATABASE_URL=postgres://…"""

from django.db import connection

from tests.offers.search_helpers import build_corpus, measure

RECALL_BAR = 0.9
MRR_BAR = 0.8


def test_it_finds_what_parents_type(office_a):
    offers = build_corpus(office_a)
    recall, mrr, misses = measure(office_a, offers)
    print(f"\n{connection.vendor}: recall {recall:.3f}, MRR {mrr:.3f}")
    for miss in misses:
        print("  ", miss)
    assert recall >= RECALL_BAR
    assert mrr >= MRR_BAR
