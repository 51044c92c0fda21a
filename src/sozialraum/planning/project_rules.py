"""Permissions of sozialraum.planning: projects and their evaluation (see rules.py).

- ``planning.view_project``      every member of the office; a carrier editor only the projects
  of their own organisation's measures (object: the youth office for the list, or a project);
- ``planning.add_progress_note`` coordination, the carrier editor of the measure's carrier and
  the current members of the measure's team (object: a project);
- ``planning.evaluate_project``  coordination and the carrier editor of the measure's carrier
  (object: a project);
- ``planning.continue_project``  who may draft measures: coordination, professionals, the
  carrier editor of the measure's carrier (object: a project);
- ``planning.manage_quality_criteria`` coordination (object: the youth office).
"""

from __future__ import annotations

from typing import Any

import rules

from sozialraum.accounts.predicates import (
    is_carrier_editor,
    is_coordinator,
    is_member,
    is_professional,
)
from sozialraum.network.predicates import own_organisation_id
from sozialraum.regions.models import YouthOffice
from sozialraum.teams.predicates import team_roles


def _measure_of(obj: Any) -> Any:
    """The measure of a project (or the measure itself)."""
    return getattr(obj, "measure", obj)


@rules.predicate
def is_carrier_of_project(user: Any, obj: Any) -> bool:
    """The carrier editor of the organisation that carries the project's measure."""
    if isinstance(obj, YouthOffice):
        return False
    own = own_organisation_id(user, obj)
    return own is not None and own == getattr(_measure_of(obj), "carrier_id", None)


@rules.predicate
def is_project_team_member(user: Any, obj: Any) -> bool:
    """A current member (or named substitute) of the team of the project's measure."""
    if isinstance(obj, YouthOffice) or not is_member(user, obj):
        return False
    return bool(team_roles(user, getattr(_measure_of(obj), "team_id", None)))


@rules.predicate
def is_office(user: Any, obj: Any) -> bool:
    return isinstance(obj, YouthOffice)


# The list is open to every member (it filters to the carrier editor's organisation itself);
# a single project is hidden from carrier editors of other organisations.
rules.add_perm(
    "planning.view_project",
    is_member & (~is_carrier_editor | is_office | is_carrier_of_project),
)
rules.add_perm(
    "planning.add_progress_note",
    is_coordinator | is_carrier_of_project | is_project_team_member,
)
rules.add_perm("planning.evaluate_project", is_coordinator | is_carrier_of_project)
rules.add_perm(
    "planning.continue_project", is_coordinator | is_professional | is_carrier_of_project
)
rules.add_perm("planning.manage_quality_criteria", is_coordinator)
