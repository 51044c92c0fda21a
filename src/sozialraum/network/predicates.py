"""Predicates of the network of actors: the carrier editor's own organisation.

A carrier editor (Redaktion einer Organisation) is bound to one organisation. These predicates
say whether an organisation, a person or an affiliation belongs to that organisation; the role
predicates they combine with are in `accounts/predicates.py`.
"""

from __future__ import annotations

from typing import Any

import rules

from sozialraum.accounts.models import Role
from sozialraum.accounts.predicates import role_of


def own_organisation_id(user: Any, obj: Any) -> int | None:
    """The organisation the user maintains as carrier editor in the object's office, if any."""
    role, organisation_id = role_of(user, obj)
    return organisation_id if role == Role.CARRIER_EDITOR else None


@rules.predicate
def is_own_organisation(user: Any, organisation: Any) -> bool:
    own = own_organisation_id(user, organisation)
    return own is not None and own == organisation.pk


@rules.predicate
def works_for_own_organisation(user: Any, person: Any) -> bool:
    """The person currently works for the organisation the carrier editor maintains."""
    own = own_organisation_id(user, person)
    if own is None:
        return False
    return person.affiliations.current().filter(organisation_id=own).exists()


@rules.predicate
def is_own_affiliation(user: Any, affiliation: Any) -> bool:
    """An affiliation with the organisation the carrier editor maintains."""
    own = own_organisation_id(user, affiliation)
    return own is not None and own == affiliation.organisation_id
