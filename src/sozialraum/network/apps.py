from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "sozialraum.network"
    verbose_name = _("Akteure im Sozialraum")

    def ready(self) -> None:
        from sozialraum.lib import retention
        from sozialraum.network.retention import RULES

        retention.register(*RULES)
