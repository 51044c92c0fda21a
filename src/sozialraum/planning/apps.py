from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "sozialraum.planning"
    verbose_name = _("Planung und Budgets")

    def ready(self) -> None:
        # Needs, prioritisation, measures, cost calculations.
        from sozialraum.audit import registry
        from sozialraum.planning.models import (
            ApprovalLevel,
            CostEstimate,
            Measure,
            Need,
            PayGroup,
            PriorityCriterion,
        )

        registry.register(Need, labels={"scores": _("Bewertung"), "priority": _("Priorität")})
        registry.register(Measure, labels={"goals": _("Ziele"), "costs": _("Kostenkalkulation")})
        registry.register(CostEstimate, labels={"items": _("Kostenpositionen")})
        registry.register(PayGroup)
        registry.register(PriorityCriterion)
        registry.register(ApprovalLevel)

        # Budgets, transfers, allocations, overrides, expenses.
        from sozialraum.planning.budget_models import (
            Allocation,
            Budget,
            BudgetOverride,
            BudgetTransfer,
            Expense,
        )

        registry.register(Budget)
        registry.register(BudgetTransfer)
        registry.register(
            Allocation, labels={"shares": _("Anteile"), "override": _("Überschreitung")}
        )
        registry.register(BudgetOverride)
        registry.register(Expense, labels={"share": _("aus dem Budget")})

        # Projects and evaluation.
        from sozialraum.planning.models import QualityCriterion
        from sozialraum.planning.project_models import Evaluation, ProgressNote, Project

        registry.register(Project, labels={"need_outcome": _("Der Bedarf ist")})
        registry.register(ProgressNote)
        registry.register(Evaluation)
        registry.register(QualityCriterion)
