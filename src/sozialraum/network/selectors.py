"""Reads of the network of actors. Every function is scoped to one youth office and runs a
fixed number of queries, however many organisations and people there are.

Search goes through the trigram index of lib.search over the stored `search_text` (name, street,
PLZ and place of organisations; name and title of people): German-aware ("Müller" = "Mueller",
"Straße" = "Strasse", "St." = "Sankt"), the same on SQLite (FTS5) and PostgreSQL (pg_trgm).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from functools import partial
from typing import Any, cast

from django.core.cache import cache
from django.db.models import Count, F, QuerySet, Window
from django.db.models.functions import RowNumber
from django.utils import timezone
from django.utils.translation import get_language

from sozialraum.lib import search
from sozialraum.network.models import (
    CONFIRMATION_MONTHS,
    SEARCH_INDEXES,
    Affiliation,
    ChangeStatus,
    Organisation,
    OrganisationChange,
    OrganisationKind,
    Person,
    expected_kinds,
)
from sozialraum.regions.models import Municipality, SocialSpace, YouthOffice

# How many organisations of one kind the social-space glance lists (the count is always full).
GLANCE_LIMIT = 3


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
    return organisations.order_by("name_key", "id")


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
    return people.order_by("name_key", "id")


def kind_counts(office: YouthOffice) -> dict[int, dict[str, int]]:
    """{social space id: {kind: number of organisations}} in one aggregate query."""
    through = Organisation.social_spaces.through
    rows = (
        through.objects.filter(organisation__youth_office=office)
        .values_list("socialspace_id", "organisation__kind")
        .annotate(n=Count("organisation_id"))
        .order_by()
    )
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    for space_id, kind, n in rows:
        counts[space_id][kind] = n
    return dict(counts)


def kind_label(kind: str) -> str:
    return str(OrganisationKind(kind).label) if kind in OrganisationKind.values else kind


def social_space_glance(office: YouthOffice, space: SocialSpace) -> dict[str, Any]:
    """Which kinds are active in the space (with up to GLANCE_LIMIT organisations each, by
    name) and which kinds of the coordinator's checklist are missing.

    Three queries: the counts per kind, the first organisations of each kind (ranked in the
    database, one query), and the checklist. Measured against one query per kind, the single
    ranked query is cheaper at every size (kinds absent from the space cost a full index walk).

    present:  [(kind, label, [organisations])] in the order of OrganisationKind
    missing:  [(kind, label)] expected but absent
    expected: [kind]
    counts:   {kind: number of organisations}, total: organisations in the space
    """
    if space.youth_office_id != office.pk:
        return {"present": [], "missing": [], "expected": [], "counts": {}, "total": 0}
    in_space = Organisation.objects.in_office(office).filter(social_spaces=space)
    counts = dict(
        in_space.values_list("kind").annotate(n=Count("id")).order_by().values_list("kind", "n")
    )
    ranked = (
        in_space.annotate(
            rank=Window(RowNumber(), partition_by=[F("kind")], order_by=[F("name_key"), F("id")])
        )
        .filter(rank__lte=GLANCE_LIMIT)
        .order_by("name_key", "id")
    )
    by_kind: dict[str, list[Organisation]] = defaultdict(list)
    for organisation in ranked:
        by_kind[organisation.kind].append(organisation)
    expected = expected_kinds(office)
    present = [
        (kind, str(label), by_kind[kind])
        for kind, label in OrganisationKind.choices
        if kind in counts
    ]
    missing = [
        (kind, str(label))
        for kind, label in OrganisationKind.choices
        if kind in expected and kind not in counts
    ]
    return {
        "present": present,
        "missing": missing,
        "expected": [kind for kind in OrganisationKind.values if kind in expected],
        "counts": counts,
        "total": sum(counts.values()),
    }


def _office_cache_key(name: str, office: YouthOffice, *parts: object) -> str:
    """A cache key that changes with every audited write to the office (data_version)."""
    return ":".join(
        [
            name,
            str(office.pk),
            str(office.created_at.timestamp()),
            str(office.data_version),
            get_language() or "",
            *(str(part) for part in parts),
        ]
    )


def cached_county_overview(office: YouthOffice) -> dict[str, Any]:
    """county_overview, cached until the office's data changes (YouthOffice.data_version)."""
    key = _office_cache_key("county-overview", office)
    build = partial(county_overview, office)
    return cast(dict[str, Any], cache.get_or_set(key, build, 60 * 60))


def cached_social_space_glance(office: YouthOffice, space: SocialSpace) -> dict[str, Any]:
    """social_space_glance, cached until the office's data changes."""
    key = _office_cache_key("glance", office, space.pk)
    build = partial(social_space_glance, office, space)
    return cast(dict[str, Any], cache.get_or_set(key, build, 60 * 60))


def county_overview(office: YouthOffice) -> dict[str, Any]:
    """Social spaces x kinds with counts, so gaps stand out. Five queries.

    kinds:      [(kind, label)] every kind, in the order of OrganisationKind
    expected:   [kind] of the checklist
    rows:       [(space, [count per kind], [missing kinds])], by space name
    totals:     [number of organisations per kind] in the whole office (each counted once)
    unassigned: [count per kind] of organisations without a social space
    """
    kinds = [(kind, str(label)) for kind, label in OrganisationKind.choices]
    expected = expected_kinds(office)
    counts = kind_counts(office)
    rows = []
    for space in SocialSpace.objects.in_office(office).order_by("name"):
        space_counts = counts.get(space.pk, {})
        rows.append(
            (
                space,
                [space_counts.get(kind, 0) for kind, _label in kinds],
                [kind for kind, _label in kinds if kind in expected and not space_counts.get(kind)],
            )
        )
    by_kind = dict(
        Organisation.objects.in_office(office)
        .values_list("kind")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("kind", "n")
    )
    unassigned = dict(
        Organisation.objects.in_office(office)
        .filter(social_spaces__isnull=True)
        .values_list("kind")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("kind", "n")
    )
    return {
        "kinds": kinds,
        "expected": [kind for kind, _label in kinds if kind in expected],
        "rows": rows,
        "totals": [by_kind.get(kind, 0) for kind, _label in kinds],
        "unassigned": [unassigned.get(kind, 0) for kind, _label in kinds],
    }


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
        .order_by("duplicate_key", "name_key", "id")
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
