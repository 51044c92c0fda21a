"""Permissions of accounts (django-rules, autodiscovered). Object: the youth office."""

from __future__ import annotations

import rules

from sozialraum.accounts.predicates import is_coordinator

# The list of people with access to the youth office, invitations, roles.
rules.add_perm("accounts.manage_access", is_coordinator)
