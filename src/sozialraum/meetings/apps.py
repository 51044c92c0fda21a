from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "sozialraum.meetings"
    verbose_name = _("Treffen")

    def ready(self) -> None:
        # --- Topics and agenda (helper "minutes")
        from sozialraum.audit import registry
        from sozialraum.meetings.models import AgendaItem, Topic

        registry.register(Topic)
        registry.register(AgendaItem)
