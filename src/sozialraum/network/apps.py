from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "sozialraum.network"
    verbose_name = _("Akteure im Sozialraum")

    def ready(self) -> None:
        from sozialraum.lib import retention
        from sozialraum.network.retention import RULES

        retention.register(*RULES)
        from sozialraum.audit import registry
        from sozialraum.network.models import ExpectedKind, Organisation, OrganisationChange, Person

        # Audited records; keys of the audit trail that are not model fields.
        registry.register(
            Organisation,
            labels={"affiliations": _("Zugehörigkeiten"), "import": _("Import")},
        )
        registry.register(
            Person,
            labels={
                "affiliation": _("Zugehörigkeit"),
                "privacy_export": _("Auskunft nach Art. 15 DSGVO"),
                "erased": _("Gelöscht"),
                "audit_trail": _("Änderungsprotokoll"),
            },
        )
        # A proposal's changes are the organisation's fields, plus its status and note.
        registry.register(
            OrganisationChange,
            fields_of=(Organisation,),
            labels={"applied_fields": _("übernommene Felder")},
        )
        registry.register(ExpectedKind, labels={"expected_kinds": _("erwartete Arten")})
