from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegionsConfig(AppConfig):
    name = "sozialraum.regions"
    verbose_name = _("Jugendämter und Sozialräume")

    def ready(self) -> None:
        from sozialraum.audit import registry
        from sozialraum.regions.models import SocialSpace, YouthOffice

        registry.register(SocialSpace)
        registry.register(YouthOffice)
