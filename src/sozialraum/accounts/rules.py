"""Permissions as django-rules predicates. The object is always the youth office."""

from __future__ import annotations

import rules

from sozialraum.accounts.models import Role


@rules.predicate
def is_office_member(user, office) -> bool:
    return bool(user.is_authenticated and user.role_in(office))


@rules.predicate
def is_coordinator(user, office) -> bool:
    return bool(user.is_authenticated and user.role_in(office) == Role.COORDINATION)


@rules.predicate
def is_contributor(user, office) -> bool:
    """Coordination and professionals may write; readers only read."""
    return bool(
        user.is_authenticated and user.role_in(office) in (Role.COORDINATION, Role.PROFESSIONAL)
    )


rules.add_perm("regions.view_office", is_office_member)
rules.add_perm("regions.manage_social_spaces", is_coordinator)
rules.add_perm("accounts.manage_people", is_coordinator)
rules.add_perm("audit.view_trail", is_coordinator)
