"""Permissions of sozialraum.planning (django-rules, autodiscovered through this module).

The rules of each subject live beside it and are registered by importing them here:
`need_rules` (needs, prioritisation, measures, cost calculations, approval), `budget_rules`
(budgets, transfers, allocations, expenses), `project_rules` (projects, evaluation).
"""

from sozialraum.planning import budget_rules, need_rules, project_rules  # noqa: F401
