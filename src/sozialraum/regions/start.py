"""What the youth office's start page shows besides the social spaces: the carrier editor's own
organisation and coordination's open work. A fixed number of queries, whatever the data."""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from django.core.cache import cache

from sozialraum.lib.tenancy import OfficeRequest
from sozialraum.network.models import Organisation, confirmation_deadline
from sozialraum.network.predicates import own_organisation_id
from sozialraum.network.selectors import due_for_check, pending_changes
from sozialraum.network.summaries import CACHE_SECONDS, office_cache_key
from sozialraum.regions.models import YouthOffice


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
