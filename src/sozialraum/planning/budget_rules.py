"""Permissions of sozialraum.planning: budgets (see rules.py).

- ``planning.view_budgets``   every member of the office but carrier editors: the dashboard, a
  budget's page, the exports and the read API (object: the youth office or a budget);
- ``planning.manage_budgets`` coordination: budgets, transfers, allocations and the recorded
  override of a budget's limit (object: the youth office, a budget or a measure);
- ``planning.add_expense``    coordination, and the carrier editor of the measure's carrier
  (object: a measure; the office for the question "may anybody here").
"""

from __future__ import annotations

from typing import Any

import rules

from sozialraum.accounts.predicates import is_carrier_editor, is_coordinator, is_member
from sozialraum.network.predicates import own_organisation_id


@rules.predicate
def is_measure_carrier(user: Any, measure: Any) -> bool:
    """The carrier editor maintains the organisation that carries the measure."""
    own = own_organisation_id(user, measure)
    return own is not None and own == getattr(measure, "carrier_id", None)


rules.add_perm("planning.view_budgets", is_member & ~is_carrier_editor)
rules.add_perm("planning.manage_budgets", is_coordinator)
rules.add_perm("planning.add_expense", is_coordinator | is_measure_carrier)
