from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


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
