from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OffersConfig(AppConfig):
    name = "sozialraum.offers"
    verbose_name = _("Familienwegweiser")

    def ready(self) -> None:
        from sozialraum.audit import registry
        from sozialraum.lib import retention
        from sozialraum.offers.models import Offer, OfferChange, PublicSpacePage
        from sozialraum.offers.retention import RULES

        retention.register(*RULES)
        many = {
            "target_groups": _("Zielgruppen"),
            "languages": _("Sprachen"),
            "dates": _("Termine"),
        }
        registry.register(Offer, labels={**many, "import": _("Import")})
        registry.register(
            OfferChange,
            fields_of=(Offer,),
            labels={**many, "applied_fields": _("übernommene Felder")},
        )
        registry.register(PublicSpacePage)
