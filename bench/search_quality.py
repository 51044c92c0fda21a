"""Recall and MRR of the Familienwegweiser's German search on the query set of
tests/offers/search_corpus.py, and the time to rebuild the offer index for 100,000 offers.

Runs on a fresh SQLite database in a temporary directory, and also on PostgreSQL when
DATABASE_URL is set (database sozialraum_bench_search, dropped afterwards). Part of
`make bench`; alone:

    .venv/bin/python bench/search_quality.py [--offers 100000]
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
DATABASE = "sozialraum_bench_search"


def inner(offers: int) -> None:
    """Inside Django: migrate, measure the query set, then rebuild the index for `offers`."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sozialraum.settings")
    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from tests.offers.search_corpus import OFFERS
    from tests.offers.search_helpers import build_corpus, measure

    from sozialraum.network.models import Organisation, OrganisationKind
    from sozialraum.offers import search_index
    from sozialraum.offers.models import Offer, OfferStatus
    from sozialraum.regions.models import YouthOffice

    call_command("migrate", verbosity=0)
    office = YouthOffice.objects.create(name="Landkreis Bench", slug="bench", kreis_key="03358")
    recall, mrr, misses = measure(office, build_corpus(office))
    name = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}[connection.vendor]
    print(f"{name}: recall {recall:.3f}, MRR {mrr:.3f} over the query set", flush=True)
    for miss in misses:
        print("   ", miss)
    # Realistic, varied offers: the corpus's sentences recombined, with places and numbers.
    rng = random.Random(7)
    texts = list(OFFERS.values())
    places = ["Soltau", "Walsrode", "Munster", "Bispingen", "Schneverdingen", "Wietzendorf"]
    providers = [
        Organisation.objects.create(
            youth_office=office, name=f"Träger {n} {places[n % 6]}", kind=OrganisationKind.OTHER
        )
        for n in range(50)
    ]
    batch = []
    for n in range(offers):
        title, description, _topics, _provider = texts[n % len(texts)]
        other = texts[rng.randrange(len(texts))][1]
        batch.append(
            Offer(
                youth_office=office,
                organisation=providers[n % len(providers)],
                title=f"{title} {places[n % 6]} {n // len(texts)}",
                description=f"{description} {other} Treffpunkt {places[(n // 7) % 6]}.",
                status=OfferStatus.PUBLISHED,
                sort_key=title.lower(),
            )
        )
        if len(batch) == 5000:
            Offer.objects.bulk_create(batch)
            batch = []
    Offer.objects.bulk_create(batch)
    started = time.monotonic()
    count = search_index.rebuild()
    seconds = time.monotonic() - started
    print(f"{name}: rebuild of the offer index: {count} offers in {seconds:.1f} s", flush=True)


def run(env: dict[str, str], offers: int) -> int:
    command = [sys.executable, __file__, "--inner", "--offers", str(offers)]
    return subprocess.call(command, env=env, cwd=ROOT)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--offers", type=int, default=100_000)
    parser.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    if args.inner:
        inner(args.offers)
        return 0
    env = {**os.environ, "SOZIALRAUM_TESTING": "1", "PYTHONPATH": str(ROOT)}
    status = 0
    with tempfile.TemporaryDirectory() as home:
        sqlite = {**env, "DATABASE_URL": f"sqlite:///{home}/bench.sqlite3"}
        status |= run(sqlite, args.offers)
    server = os.environ.get("DATABASE_URL", "")
    if server.startswith(("postgres://", "postgresql://")):
        import psycopg

        parts = urlsplit(server)
        admin = urlunsplit(parts._replace(path="/postgres"))
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f"DROP DATABASE IF EXISTS {DATABASE}")
            connection.execute(f"CREATE DATABASE {DATABASE}")
        try:
            status |= run(
                {**env, "DATABASE_URL": urlunsplit(parts._replace(path=f"/{DATABASE}"))},
                args.offers,
            )
        finally:
            with psycopg.connect(admin, autocommit=True) as connection:
                connection.execute(f"DROP DATABASE IF EXISTS {DATABASE}")
    return status


if __name__ == "__main__":
    sys.exit(main())
