"""`sozialraum rebuild_search_index`: recompute the stored search texts and refill the index."""

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import connection, transaction

from sozialraum.lib.search import TrigramIndex
from sozialraum.network.models import SEARCH_INDEXES

BATCH = 1000


def search_indexes() -> dict:
    """The directory's indexes, and those of the apps built on it: a model with a
    `search_index` (a lib.search.TrigramIndex) and `computed_keys()`, e.g. the decisions."""
    indexes: dict = dict(SEARCH_INDEXES)
    for model in apps.get_models():
        index = getattr(model, "search_index", None)
        if isinstance(index, TrigramIndex) and model not in indexes:
            indexes[model] = index
    return indexes


class Command(BaseCommand):
    help = (
        "Berechnet die Suchtexte von Organisationen, Personen, Beschlüssen und Angeboten neu und "
        "baut die Suchindizes neu auf (SQLite: FTS5, PostgreSQL: pg_trgm und tsvector)."
    )

    def handle(self, *args, **options):
        for model, index in search_indexes().items():
            with transaction.atomic():
                changed = 0
                batch = []
                for record in model._default_manager.order_by("pk").iterator(chunk_size=BATCH):
                    keys = record.computed_keys()
                    if any(getattr(record, name) != value for name, value in keys.items()):
                        record.set_keys()
                        batch.append(record)
                    if len(batch) >= BATCH:
                        changed += self._write(model, batch)
                        batch = []
                changed += self._write(model, batch)
                index.rebuild(connection)
            total = model._default_manager.count()
            self.stdout.write(
                f"{model._meta.verbose_name_plural}: {total} im Suchindex, "
                f"{changed} Suchtexte neu berechnet."
            )

        # The Familienwegweiser's offers have their own index (offers/search_index.py).
        from sozialraum.offers import search_index

        self.stdout.write(f"Angebote: {search_index.rebuild()} im Suchindex.")

    def _write(self, model, batch) -> int:
        if batch:
            fields = list(batch[0].computed_keys())
            model._default_manager.bulk_update(batch, fields, batch_size=BATCH)
        return len(batch)
