"""Reads of the network of actors. Every function is scoped to one youth office and runs a
fixed number of queries, however many organisations and people there are.

Search goes through the trigram index of lib.search over the stored `search_text` (name, street,
PLZ and place of organisations; name and title of people): German-aware ("Müller" = "Mueller",
"Straße" = "Strasse", "St." = "Sankt"), the same on SQLite (FTS5) and PostgreSQL (pg_trgm).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from django.db.models import Count, QuerySet
from django.utils import timezone

from sozialraum.lib import search
from sozialraum.network.models import (
    CONFIRMATION_MONTHS,
    SEARCH_INDEXES,
    Affiliation,
    ChangeStatus,
    Organisation,
    OrganisationChange,
    Person,
)
from sozialraum.regions.models import Municipality, SocialSpace, YouthOffice


def search_terms(q: str) -> search.Query:
    """What a search field's input matches (lib.search.parse: at most 8 words, so a pasted
    paragraph stays cheap). `.unsearchable` when it holds no letter or digit."""
    return search.parse(q)


def _pk(value) -> int | None:
    if value in (None, ""):
        return None
    if hasattr(value, "pk"):
        return value.pk
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1  # matches nothing


def directory(
    office: YouthOffice,
    *,
    q: str = "",
    kind: str = "",
    social_space: SocialSpace | int | None = None,
    municipality: Municipality | int | None = None,
) -> QuerySet[Organisation]:
    """Organisations of the office, filtered; every search word must occur in the name, street,
    PLZ or place (lib.search). Ordered by name. The municipality is joined; prefetch what the
    page shows."""
    organisations = Organisation.objects.in_office(office).select_related("municipality")
    organisations = SEARCH_INDEXES[Organisation].filter(organisations, search_terms(q))
    if kind:
        organisations = organisations.filter(kind=kind)
    space_id = _pk(social_space)
    if space_id is not None:
        organisations = organisations.filter(social_spaces__id=space_id)
    municipality_id = _pk(municipality)
    if municipality_id is not None:
        organisations = organisations.filter(municipality_id=municipality_id)
    return organisations.order_by("sort_key", "id")


def people_directory(
    office: YouthOffice, *, q: str = "", organisation: Organisation | int | None = None
) -> QuerySet[Person]:
    """People of the office; every search word must occur in the name or the title
    (lib.search). Ordered by name."""
    people = SEARCH_INDEXES[Person].filter(Person.objects.in_office(office), search_terms(q))
    organisation_id = _pk(organisation)
    if organisation_id is not None:
        people = people.filter(
            pk__in=Affiliation.objects.filter(
                youth_office=office, organisation_id=organisation_id
            ).values("person_id")
        )
    return people.order_by("sort_key", "id")


def confirmation_deadline(now: datetime | None = None) -> datetime:
    """Entries confirmed before this moment are due for a check (CONFIRMATION_MONTHS ago)."""
    now = timezone.localtime(now or timezone.now())
    month_index = now.year * 12 + now.month - 1 - CONFIRMATION_MONTHS
    year, month = divmod(month_index, 12)
    month += 1
    # The same day of the month, or the month's last day (29 Feb -> 28 Feb).
    for day in range(now.day, 27, -1):
        try:
            return now.replace(year=year, month=month, day=day)
        except ValueError:
            continue
    return now.replace(year=year, month=month, day=min(now.day, 28))


def due_for_check(office: YouthOffice) -> dict[str, QuerySet]:
    """Organisations and people not confirmed for CONFIRMATION_MONTHS, oldest first."""
    deadline = confirmation_deadline()
    return {
        "organisations": Organisation.objects.in_office(office)
        .filter(confirmed_at__lt=deadline)
        .select_related("municipality")
        .order_by("confirmed_at", "id"),
        "people": Person.objects.in_office(office)
        .filter(confirmed_at__lt=deadline)
        .order_by("confirmed_at", "id"),
    }


def probable_duplicates(office: YouthOffice) -> list[list[Organisation]]:
    """Groups of organisations whose names coincide after normalisation ("Ev. Kita St. Marien"
    = "Evangelische Kita St. Marien"), unless their postcodes differ. One query."""
    keys = (
        Organisation.objects.in_office(office)
        .exclude(duplicate_key="")
        .values("duplicate_key")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .values("duplicate_key")
    )
    candidates = (
        Organisation.objects.in_office(office)
        .filter(duplicate_key__in=keys)
        .select_related("municipality")
        .order_by("duplicate_key", "sort_key", "id")
    )
    groups: dict[str, list[Organisation]] = defaultdict(list)
    for organisation in candidates:
        groups[organisation.duplicate_key].append(organisation)
    result = []
    for members in groups.values():
        for group in split_by_postcode(members):
            if len(group) > 1:
                result.append(group)
    return result


def split_by_postcode(members: list[Organisation]) -> list[list[Organisation]]:
    """Same name in different towns is no duplicate; an entry without postcode may be either."""
    postcodes = sorted({m.postcode for m in members if m.postcode})
    if len(postcodes) <= 1:
        return [members]
    without = [m for m in members if not m.postcode]
    return [[m for m in members if m.postcode == code] + without for code in postcodes]


def pending_changes(office: YouthOffice) -> QuerySet[OrganisationChange]:
    return (
        OrganisationChange.objects.in_office(office)
        .filter(status=ChangeStatus.PENDING)
        .select_related("organisation", "submitted_by")
        .order_by("submitted_at", "id")
    )
