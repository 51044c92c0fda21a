"""What the youth office's start page shows besides the social spaces: the carrier editor's own
organisation and coordination's open work. A fixed number of queries, whatever the data."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from django.core.cache import cache

from sozialraum.lib.prepared import Prepared, attach_related
from sozialraum.lib.tenancy import OfficeRequest
from sozialraum.network.models import Organisation, confirmation_deadline
from sozialraum.network.predicates import own_organisation_id
from sozialraum.network.selectors import due_for_check, pending_changes
from sozialraum.network.summaries import CACHE_SECONDS, office_cache_key
from sozialraum.regions.models import (
    Municipality,
    SocialSpace,
    SocialSpaceMunicipality,
    YouthOffice,
)

# The start page's fixed queries, compiled once per connection (lib/prepared.py, issue 8): the
# office's social spaces, their municipalities (as the prefetch of `municipalities` ordered by
# name read them) and the Kreis's municipalities.
_SPACES = Prepared(lambda office: SocialSpace.objects.filter(youth_office_id=office), int)
_PLACES = Prepared(
    lambda office: (
        SocialSpaceMunicipality.objects.filter(youth_office_id=office)
        .select_related("municipality")
        .order_by("municipality__name", "municipality_id")
    ),
    int,
)
_KREIS = Prepared(lambda key: Municipality.objects.filter(kreis_key=key).order_by("name"), str)


def start_spaces(office: YouthOffice) -> tuple[list[SocialSpace], list[Municipality]]:
    """The office's social spaces, each with its municipalities by name
    (`space.municipalities.all()` runs no query), and the Kreis's municipalities in none of
    them (three queries)."""
    spaces = _SPACES.all(office.pk)
    grouped: dict[int, list[Any]] = {space.pk: [] for space in spaces}
    for place in _PLACES.all(office.pk):
        grouped[place.social_space_id].append(place.municipality)
    for space in spaces:
        space.youth_office = office
        attach_related(space, "municipalities", grouped[space.pk])
    assigned = {m.pk for found in grouped.values() for m in found}
    unassigned = [m for m in _KREIS.all(office.kreis_key) if m.pk not in assigned]
    return spaces, unassigned


@dataclass(frozen=True)
class ToDo:
    pending_changes: int
    due_organisations: int
    due_people: int

    @property
    def due(self) -> int:
        return self.due_organisations + self.due_people


def coordination_to_do(office: YouthOffice) -> ToDo:
    """Counts of proposals waiting for review and of entries due for a check (3 queries)."""
    due = due_for_check(office)
    return ToDo(
        pending_changes=pending_changes(office).count(),
        due_organisations=due["organisations"].count(),
        due_people=due["people"].count(),
    )


def cached_coordination_to_do(office: YouthOffice) -> ToDo:
    """`coordination_to_do`, cached until the office's data changes (data_version) or the
    deadline for checks moves on by a minute: counting thousands of rows on every view of the
    start page costs milliseconds (issue 8)."""
    key = office_cache_key("to-do", office, f"{confirmation_deadline():%Y%m%d%H%M}")
    return cast(ToDo, cache.get_or_set(key, lambda: coordination_to_do(office), CACHE_SECONDS))


def own_organisation(request: OfficeRequest) -> Organisation | None:
    """The organisation a carrier editor maintains (1 query, none for other roles)."""
    office = request.youth_office
    org_id = own_organisation_id(request.user, office)
    if org_id is None:
        return None
    return Organisation.objects.in_office(office).filter(pk=org_id).first()
