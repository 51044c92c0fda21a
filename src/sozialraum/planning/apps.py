from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "sozialraum.planning"
    verbose_name = _("Planung und Budgets")

    def ready(self) -> None:
        from sozialraum.audit import registry

        # Budgets (planning-budgets): budgets, transfers, allocations, overrides, expenses.
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
