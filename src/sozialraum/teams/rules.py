"""Permissions of sozialraum.teams (django-rules, autodiscovered).

- ``teams.view_team``       every member of the office: the list of teams and a team's page
  (object: the youth office or a team);
- ``teams.add_team``        coordination creates teams (object: the youth office);
- ``teams.change_team``     coordination, or the team's Leitung, edits the team (object: a team);
- ``teams.manage_members``  coordination, or the team's Leitung, adds members, changes their role
  and substitutes and lets them leave (object: a team).
"""

from __future__ import annotations

import rules

from sozialraum.accounts.predicates import is_coordinator, is_member
from sozialraum.teams.predicates import is_team_lead

rules.add_perm("teams.view_team", is_member)
rules.add_perm("teams.add_team", is_coordinator)
rules.add_perm("teams.change_team", is_coordinator | is_team_lead)
rules.add_perm("teams.manage_members", is_coordinator | is_team_lead)
