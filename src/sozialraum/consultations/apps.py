from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "sozialraum.consultations"
    verbose_name = _("Anonyme Fallberatung")

    def ready(self) -> None:
        from sozialraum.audit import registry
        from sozialraum.consultations.models import RareFeature

        registry.register(RareFeature)
        from sozialraum.consultations.models import ConcernArea, Consultant, Consultation
        from sozialraum.consultations.retention import RULES
        from sozialraum.lib import retention

        retention.register(*RULES)
        # Only what carries no case content: the lists coordination keeps, and the deletion
        # of a consultation (its number, never its text).
        registry.register(Consultant)
        registry.register(ConcernArea)
        registry.register(Consultation)
