"""Permissions of the network of actors (django-rules, autodiscovered).

Office-level permissions take the youth office as object, like the rest of the platform:

- ``network.view_directory``  every member of the office: coordination, Fachkraft, Lesend and
  carrier editors (Redaktion einer Organisation);
- ``network.edit_directory``  coordination and Fachkraft edit organisations and people directly;
- ``network.manage_network``  coordination: import, review of proposed changes, the checklist
  of expected kinds, DSGVO export and erasure.

Object-level permissions take the organisation or person:

- ``network.edit_organisation``  coordination/Fachkraft of its office, and the carrier editor
  bound to exactly this organisation. Carrier editors do not save directly: their edits go
  through ``review.propose_organisation_change`` and coordination reviews them.
- ``network.edit_person``  coordination/Fachkraft of the office, and the carrier editor of an
  organisation the person currently works for.
"""

from __future__ import annotations

import rules

from sozialraum.accounts.models import Role
from sozialraum.accounts.rules import is_contributor, is_coordinator, is_office_member


def _role(user, office_id: int | None) -> tuple[str | None, int | None]:
    """(role, edited organisation id) of the user in the office with this id."""
    if office_id is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return None, None
    if user.is_operator:
        return Role.COORDINATION, None
    return user._roles().get(office_id, (None, None))


@rules.predicate
def can_edit_organisation(user, organisation) -> bool:
    if organisation is None:
        return False
    role, edited = _role(user, organisation.youth_office_id)
    if role in (Role.COORDINATION, Role.PROFESSIONAL):
        return True
    return role == Role.CARRIER_EDITOR and edited == organisation.pk


@rules.predicate
def is_carrier_editor_of(user, organisation) -> bool:
    """The carrier editor bound to this organisation (their edits need a review)."""
    if organisation is None:
        return False
    role, edited = _role(user, organisation.youth_office_id)
    return role == Role.CARRIER_EDITOR and edited == organisation.pk


@rules.predicate
def can_edit_person(user, person) -> bool:
    if person is None:
        return False
    role, edited = _role(user, person.youth_office_id)
    if role in (Role.COORDINATION, Role.PROFESSIONAL):
        return True
    if role != Role.CARRIER_EDITOR or edited is None:
        return False
    return person.affiliations.current().filter(organisation_id=edited).exists()


rules.add_perm("network.view_directory", is_office_member)
rules.add_perm("network.edit_directory", is_contributor)
rules.add_perm("network.manage_network", is_coordinator)
rules.add_perm("network.edit_organisation", can_edit_organisation)
rules.add_perm("network.edit_person", can_edit_person)
