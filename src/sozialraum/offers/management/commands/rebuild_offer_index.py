"""`sozialraum rebuild_offer_index`: recompute the search terms of every offer and refill the
database's index (offers/search_index.py)."""

import time

from django.core.management.base import BaseCommand

from sozialraum.offers import search_index


class Command(BaseCommand):
    help = (
        "Berechnet die Suchbegriffe aller Angebote des Familienwegweisers neu und baut den "
        "Suchindex neu auf (SQLite: FTS5, PostgreSQL: tsvector mit GIN-Index)."
    )

    def handle(self, *args, **options):
        started = time.monotonic()
        count = search_index.rebuild()
        seconds = time.monotonic() - started
        self.stdout.write(self.style.SUCCESS(f"Angebote: {count} im Suchindex ({seconds:.1f} s)."))
