"""Predicates of the consultations (django-rules): who is a party to a consultation.

The parties are the requester (the professional who brought the case) and the consultant side:
the chosen ASD professional or insoweit erfahrene Fachkraft, or, for a round table, the team's
current members and substitutes. Nobody else is: not coordination, not the operator. A party
must still have a role in the office (a user whose access ended sees nothing).
"""

from __future__ import annotations

from typing import Any

import rules

from sozialraum.accounts.predicates import role_of
from sozialraum.teams.predicates import team_roles


def _in_office(user: Any, consultation: Any) -> bool:
    return role_of(user, consultation)[0] is not None and not user.is_operator


@rules.predicate
def is_requester(user: Any, consultation: Any) -> bool:
    return (
        getattr(consultation, "requester_id", None) is not None
        and consultation.requester_id == user.pk
        and _in_office(user, consultation)
    )


@rules.predicate
def is_consultant_side(user: Any, consultation: Any) -> bool:
    """The chosen consultant, or a current member of the chosen round table's team."""
    if getattr(consultation, "route", None) is None or not _in_office(user, consultation):
        return False
    if consultation.consultant_user_id is not None and consultation.consultant_user_id == user.pk:
        return True
    return consultation.team_id is not None and bool(team_roles(user, consultation.team_id))


@rules.predicate
def is_open(user: Any, consultation: Any) -> bool:
    return not consultation.is_closed


is_party = is_requester | is_consultant_side
