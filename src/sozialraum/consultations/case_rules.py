"""Permissions of sozialraum.consultations: the consultations (see rules.py).

- ``consultations.view_area``      the Fallberatung section: Fachkräfte (their consultations)
  and coordination (the counts); object: the youth office;
- ``consultations.add_consultation`` Fachkräfte bring a case (object: the youth office);
- ``consultations.view_counts``    coordination sees the anonymous counts, never contents; the
  platform operator sees nothing of the consultations (object: the youth office);
- ``consultations.manage_lists``   coordination keeps the list of consultants and the
  vocabulary of areas of concern (object: the youth office);
- ``consultations.view_consultation`` only the parties (object: a consultation); everybody
  else gets 404, coordination included;
- ``consultations.answer``         the parties write messages while it is not closed;
- ``consultations.recommend``      the consultant side records the recommendation;
- ``consultations.close``          either party closes it.
"""

from __future__ import annotations

import rules

from sozialraum.accounts.predicates import is_coordinator, is_operator, is_professional
from sozialraum.consultations.predicates import is_consultant_side, is_open, is_party

is_office_coordination = is_coordinator & ~is_operator

rules.add_perm("consultations.view_area", is_professional | is_office_coordination)
rules.add_perm("consultations.add_consultation", is_professional)
rules.add_perm("consultations.view_counts", is_office_coordination)
rules.add_perm("consultations.manage_lists", is_coordinator)
rules.add_perm("consultations.view_consultation", is_party)
rules.add_perm("consultations.answer", is_party & is_open)
rules.add_perm("consultations.recommend", is_consultant_side & is_open)
rules.add_perm("consultations.close", is_party & is_open)
