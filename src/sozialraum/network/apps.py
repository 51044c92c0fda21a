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
        from sozialraum.lib import retention
        from sozialraum.network.retention import RULES

        retention.register(*RULES)
        from sozialraum.audit import registry
        from sozialraum.network.models import ExpectedKind, Organisation, OrganisationChange, Person

        # Audited records; keys of the audit trail that are not model fields.
        registry.register(
            Organisation,
            labels={
                "affiliations": _("Zugehörigkeiten"),
                "import": _("Import"),
                "proposals": _("Vorschläge"),
                "invitations": _("Einladungen"),
            },
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
        post_migrate.connect(ensure_search_indexes, sender=self)
