"""URLs of sozialraum.planning: budgets (joined in planning/urls.py)."""

from __future__ import annotations

from django.urls import URLPattern, path

from sozialraum.planning import allocation_views, budget_views, exports

urlpatterns: list[URLPattern] = [
    path("planung/budgets/", budget_views.dashboard, name="dashboard"),
    path("planung/budgets/neu/", budget_views.budget_add, name="budget_add"),
    path("planung/budgets/umbuchung/", budget_views.transfer_add, name="transfer_add"),
    path("planung/budgets/export.<str:fmt>", exports.budgets_export, name="budgets_export"),
    path("planung/budgets/<int:pk>/", budget_views.budget, name="budget"),
    path("planung/budgets/<int:pk>/bearbeiten/", budget_views.budget_edit, name="budget_edit"),
    path(
        "planung/massnahmen/<int:pk>/mittelbindung/",
        allocation_views.allocation_add,
        name="allocation_add",
    ),
    path("planung/massnahmen/<int:pk>/ausgabe/", allocation_views.expense_add, name="expense_add"),
    path("planung/massnahmen/export.<str:fmt>", exports.measures_export, name="measures_export"),
]
