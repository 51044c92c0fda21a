from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TeamsConfig(AppConfig):
    name = "sozialraum.teams"
    verbose_name = _("Teams")

    def ready(self) -> None:
        from sozialraum.audit import registry
        from sozialraum.lib.privacy import register_person_part
        from sozialraum.teams.models import Membership, Team
        from sozialraum.teams.privacy import PART

        registry.register(Team)
        registry.register(Membership)
        register_person_part(PART)
