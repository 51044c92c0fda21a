from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "sozialraum.meetings"
    verbose_name = _("Treffen")

    def ready(self) -> None:
        from sozialraum.meetings.invitation_models import register_audited

        register_audited()
