"""Permissions of regions (django-rules, autodiscovered). Object: the youth office."""

from __future__ import annotations

import rules

from sozialraum.accounts.predicates import is_coordinator, is_member

rules.add_perm("regions.view_office", is_member)
rules.add_perm("regions.add_social_space", is_coordinator)
rules.add_perm("regions.change_social_space", is_coordinator)
rules.add_perm("regions.delete_social_space", is_coordinator)
