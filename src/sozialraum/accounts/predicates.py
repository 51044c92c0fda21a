"""Role predicates (django-rules) that every app's `rules.py` composes.

A predicate takes the user and an object of one youth office: the `YouthOffice` itself or any
tenant row (anything with `youth_office_id`). The user's roles are loaded once per request
(`User.roles_by_office`), so asking a permission costs no query.
"""

from __future__ import annotations

from typing import Any

import rules

from sozialraum.accounts.models import Role
from sozialraum.regions.models import YouthOffice


def office_id_of(obj: Any) -> int | None:
    if isinstance(obj, YouthOffice):
        return obj.pk
    return getattr(obj, "youth_office_id", None)


def role_of(user: Any, obj: Any) -> tuple[str | None, int | None]:
    """(role, organisation id of a carrier editor) of the user in the object's youth office."""
    office_id = office_id_of(obj)
    if office_id is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return None, None
    if user.is_operator:
        return Role.COORDINATION, None
    return user.roles_by_office().get(office_id, (None, None))


@rules.predicate
def is_member(user: Any, obj: Any) -> bool:
    """Any role in the object's youth office (the operator included)."""
    return role_of(user, obj)[0] is not None


@rules.predicate
def is_coordinator(user: Any, obj: Any) -> bool:
    return role_of(user, obj)[0] == Role.COORDINATION


@rules.predicate
def is_professional(user: Any, obj: Any) -> bool:
    return role_of(user, obj)[0] == Role.PROFESSIONAL


@rules.predicate
def is_carrier_editor(user: Any, obj: Any) -> bool:
    """Redaktion einer Organisation: maintains one organisation of the office."""
    return role_of(user, obj)[0] == Role.CARRIER_EDITOR


@rules.predicate
def is_operator(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_operator)


# Coordination and professionals write; readers and carrier editors do not (carrier editors
# have their own, narrower rules per app).
is_contributor = is_coordinator | is_professional
