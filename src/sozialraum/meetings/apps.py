from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "sozialraum.meetings"
    verbose_name = _("Treffen")

    def ready(self) -> None:
        from sozialraum.audit import registry
        from sozialraum.lib import retention
        from sozialraum.lib.privacy import register_person_part
        from sozialraum.meetings.models import Attendance, Meeting, MeetingSeries, SchoolHoliday
        from sozialraum.meetings.privacy import PART
        from sozialraum.meetings.retention import RULES

        retention.register(*RULES)

        registry.register(Meeting, labels={"attendance": _("Anwesende")})
        registry.register(MeetingSeries, labels={"meetings": _("Treffen")})
        registry.register(SchoolHoliday)
        registry.register(Attendance)
        register_person_part(PART)
        from sozialraum.meetings.invitation_models import register_audited

        register_audited()
        # --- Topics and agenda (helper "minutes")
        from sozialraum.meetings.models import AgendaItem, Topic

        registry.register(Topic)
        registry.register(AgendaItem)
