"""Permissions of sozialraum.consultations: the guard vocabulary (see rules.py).

The office's list of rare features (`RareFeature`): every member of the office may read it (so
professionals know what the guard looks for); coordination adds and deletes entries. The object
is the youth office."""

import rules

from sozialraum.accounts.predicates import is_coordinator, is_member

rules.add_perm("consultations.view_rarefeature", is_member)
rules.add_perm("consultations.add_rarefeature", is_coordinator)
rules.add_perm("consultations.delete_rarefeature", is_coordinator)
