"""Predicates of the Familienwegweiser: the carrier editor's own offers."""

from __future__ import annotations

from typing import Any

import rules

from sozialraum.network.predicates import own_organisation_id


@rules.predicate
def is_own_offer(user: Any, offer: Any) -> bool:
    """An offer of the organisation the carrier editor maintains."""
    own = own_organisation_id(user, offer)
    return own is not None and own == getattr(offer, "organisation_id", None)
