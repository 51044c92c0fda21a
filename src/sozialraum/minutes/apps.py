from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def ensure_decision_search_index(using: str = "default", **kwargs) -> None:
    """After every migrate: recreate the decisions' search index if a migration dropped it
    (SQLite drops a table's triggers when it rebuilds the table), as network does."""
    from django.db import connections

    from sozialraum.minutes.models import DECISION_SEARCH_INDEX

    DECISION_SEARCH_INDEX.ensure(connections[using])


class MinutesConfig(AppConfig):
    name = "sozialraum.minutes"
    verbose_name = _("Protokolle, Beschlüsse und Aufgaben")

    def ready(self) -> None:
        # --- Minutes (helper "minutes")
        from sozialraum.audit import registry
        from sozialraum.minutes.models import (
            Decision,
            Minutes,
            MinutesItem,
            MinutesSection,
            Task,
        )

        registry.register(Minutes)
        registry.register(MinutesItem)
        registry.register(MinutesSection)
        registry.register(Decision)
        registry.register(Task)
        post_migrate.connect(ensure_decision_search_index, sender=self)

        # The DSGVO requests about a person reach their tasks and the minutes they took.
        from sozialraum.lib.privacy import register_person_part
        from sozialraum.minutes.privacy import PART

        register_person_part(PART)
