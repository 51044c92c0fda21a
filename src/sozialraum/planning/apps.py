from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "sozialraum.planning"
    verbose_name = _("Planung und Budgets")

    def ready(self) -> None:
        from sozialraum.audit import registry

        # --- Projects and evaluation (helper "planning-projects")
        from sozialraum.planning.models import QualityCriterion
        from sozialraum.planning.project_models import Evaluation, ProgressNote, Project

        registry.register(Project, labels={"need_outcome": _("Der Bedarf ist")})
        registry.register(ProgressNote)
        registry.register(Evaluation)
        registry.register(QualityCriterion)
