from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def ensure_search_indexes(using: str = "default", **kwargs) -> None:
    """After every migrate: recreate what a migration may have dropped. SQLite rebuilds a table
    (and drops its triggers) when a column of it is altered; the FTS table then stops following
    the writes. Recreating the triggers refills the index from the stored search text."""
    from django.db import connections

    from sozialraum.network.models import SEARCH_INDEXES

    connection = connections[using]
    for index in SEARCH_INDEXES.values():
        index.ensure(connection)


class NetworkConfig(AppConfig):
    name = "sozialraum.network"
    verbose_name = _("Akteure im Sozialraum")

    def ready(self) -> None:
        post_migrate.connect(ensure_search_indexes, sender=self)
