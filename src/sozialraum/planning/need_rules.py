"""Permissions of sozialraum.planning: needs, prioritisation, measures, cost calculations and
their approval (registered through rules.py).

- ``planning.view_planning``   every member of the office: the needs, the ranking, the
  measures (object: the youth office, a need or a measure; carrier editors see only their own
  organisation's measures);
- ``planning.add_need``        professionals and coordination; a team's Leitung for its team
  (object: the youth office or an agenda item);
- ``planning.change_need``     professionals and coordination, a team's Leitung its team's needs;
- ``planning.decide_need``     coordination assesses, accepts, rejects and closes needs;
- ``planning.score_need``      coordination scores accepted needs;
- ``planning.add_measure``     professionals, coordination and carrier editors;
- ``planning.change_measure``  the same, carrier editors only for their own organisation (the
  services refuse changes a measure's status no longer allows, with a message);
- ``planning.decide_measure``  coordination and the persons named on an approval level (the
  service checks the level of the amount and that nobody decides their own submission);
- ``planning.manage_settings`` coordination: pay groups, criteria, approval levels.
"""

from __future__ import annotations

from typing import Any

import rules

from sozialraum.accounts.predicates import (
    is_carrier_editor,
    is_contributor,
    is_coordinator,
    is_member,
    office_id_of,
    role_of,
)
from sozialraum.teams.predicates import is_team_lead


@rules.predicate
def is_own_carrier(user: Any, obj: Any) -> bool:
    """A carrier editor, on a measure of their own organisation (or on the office itself)."""
    role, organisation_id = role_of(user, obj)
    if role is None or organisation_id is None:
        return False
    if not hasattr(obj, "carrier_id"):
        return True
    return bool(obj.carrier_id == organisation_id)


@rules.predicate
def sees_measure(user: Any, obj: Any) -> bool:
    """Carrier editors see their own organisation's measures; every other member all."""
    if not hasattr(obj, "carrier_id"):
        return True
    role, organisation_id = role_of(user, obj)
    from sozialraum.accounts.models import Role

    return role != Role.CARRIER_EDITOR or obj.carrier_id == organisation_id


@rules.predicate
def is_named_approver(user: Any, obj: Any) -> bool:
    """Named as a person who decides on an approval level of the office."""
    from sozialraum.planning.models import ApprovalLevel

    office_id = office_id_of(obj)
    if role_of(user, obj)[0] is None or office_id is None:
        return False
    cache: dict[int, bool] = user.__dict__.setdefault("_planning_approver", {})
    if office_id not in cache:
        cache[office_id] = ApprovalLevel.objects.filter(
            youth_office_id=office_id, approvers=user
        ).exists()
    return cache[office_id]


rules.add_perm("planning.view_planning", is_member & sees_measure)
rules.add_perm("planning.add_need", is_contributor | is_team_lead)
rules.add_perm("planning.change_need", is_contributor | is_team_lead)
rules.add_perm("planning.decide_need", is_coordinator)
rules.add_perm("planning.score_need", is_coordinator)
rules.add_perm("planning.add_measure", is_contributor | is_carrier_editor)
rules.add_perm("planning.change_measure", is_contributor | (is_carrier_editor & is_own_carrier))
rules.add_perm("planning.decide_measure", is_coordinator | is_named_approver)
rules.add_perm("planning.manage_settings", is_coordinator)
