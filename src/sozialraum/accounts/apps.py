from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "sozialraum.accounts"
    verbose_name = _("Zugänge und Rollen")

    def ready(self) -> None:
        # Connects the receiver that starts each session's clock at login.
        from sozialraum.accounts import middleware  # noqa: F401
