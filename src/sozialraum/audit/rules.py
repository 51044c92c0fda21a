"""Permissions of the audit trail (django-rules, autodiscovered). Object: the youth office."""

from __future__ import annotations

import rules

from sozialraum.accounts.predicates import is_coordinator

rules.add_perm("audit.view_trail", is_coordinator)
