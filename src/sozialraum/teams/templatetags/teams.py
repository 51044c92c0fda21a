"""`{% load teams %}`: the team memberships the network's organisation and person pages show
(teams/_network_memberships.html), read through teams.selectors, so the network's views need
not know the teams app (it is built on the network, not the other way round)."""

from __future__ import annotations

from typing import Any

from django import template

from sozialraum.teams import selectors

register = template.Library()


@register.simple_tag
def team_memberships(
    *, organisation: Any = None, person: Any = None
) -> selectors.NetworkMemberships:
    if organisation is not None:
        return selectors.organisation_memberships(organisation)
    return selectors.person_memberships(person)
