from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "sozialraum.accounts"
    verbose_name = _("Zugänge und Rollen")

    def ready(self) -> None:
        from sozialraum.accounts.retention import RULES
        from sozialraum.lib import retention

        retention.register(*RULES)
        from sozialraum.accounts.models import Invitation, OfficeRole, User
        from sozialraum.audit import registry

        registry.register(Invitation)
        registry.register(OfficeRole)
        registry.register(User, labels={"access": _("Zugang")})
        # Connects the receiver that starts each session's clock at login.
        from sozialraum.accounts import middleware  # noqa: F401
