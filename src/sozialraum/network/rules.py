"""Permissions of the network of actors (django-rules, autodiscovered).

Office-level permissions take the youth office as object:

- ``network.view_directory``  every member: coordination, Fachkraft, Lesend, carrier editors;
- ``network.edit_directory``  coordination and Fachkraft edit the whole directory directly;
- ``network.add_organisation`` coordination and Fachkraft (deleting one is coordination's:
  ``network.delete_organisation`` takes the organisation);
- ``network.add_person``      coordination, Fachkraft, and carrier editors (for their organisation);
- ``network.manage_network``  coordination: checklist of expected kinds, entries due for a check,
  probable duplicates;
- ``network.review_changes``  coordination reviews the carrier editors' proposals;
- ``network.import_organisations`` coordination imports lists of organisations.

Object-level permissions take the organisation, person or affiliation. A carrier editor never
changes their organisation directly: they propose (``network.propose_change``) and coordination
reviews. People and affiliations of their own organisation they edit directly.
"""

from __future__ import annotations

import rules

from sozialraum.accounts.predicates import (
    is_carrier_editor,
    is_contributor,
    is_coordinator,
    is_member,
)
from sozialraum.network.predicates import (
    is_own_affiliation,
    is_own_organisation,
    works_for_own_organisation,
)

# The office
rules.add_perm("network.view_directory", is_member)
rules.add_perm("network.edit_directory", is_contributor)
rules.add_perm("network.add_organisation", is_contributor)
rules.add_perm("network.add_person", is_contributor | is_carrier_editor)
rules.add_perm("network.manage_network", is_coordinator)
rules.add_perm("network.review_changes", is_coordinator)
rules.add_perm("network.import_organisations", is_coordinator)

# An organisation
rules.add_perm("network.change_organisation", is_contributor)
rules.add_perm("network.delete_organisation", is_coordinator)
rules.add_perm("network.propose_change", is_carrier_editor & is_own_organisation)
rules.add_perm("network.confirm_organisation", is_contributor | is_own_organisation)
rules.add_perm("network.view_organisation_changes", is_coordinator | is_own_organisation)
rules.add_perm("network.invite_editor", is_coordinator)

# A person
rules.add_perm("network.change_person", is_contributor | works_for_own_organisation)
rules.add_perm("network.confirm_person", is_contributor | works_for_own_organisation)
rules.add_perm("network.add_affiliation", is_contributor | works_for_own_organisation)
rules.add_perm("network.export_person", is_coordinator)
rules.add_perm("network.erase_person", is_coordinator)

# An affiliation
rules.add_perm("network.change_affiliation", is_contributor | is_own_affiliation)
