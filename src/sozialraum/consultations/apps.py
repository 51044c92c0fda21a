from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "sozialraum.consultations"
    verbose_name = _("Anonyme Fallberatung")

    def ready(self) -> None:
        from sozialraum.audit import registry
        from sozialraum.consultations.models import RareFeature

        registry.register(RareFeature)
