"""Summaries of the network for coordination: a social space at a glance, the county overview.

Each is built with a fixed number of queries into a small frozen dataclass that templates read
directly, and cached per youth office until its data changes (every audited write bumps
`YouthOffice.data_version`, which is part of the cache key, as is the language of the labels).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar, cast

from django.core.cache import cache
from django.db.models import Count, F, Window
from django.db.models.functions import RowNumber
from django.utils.translation import get_language

from sozialraum.network.models import Organisation, OrganisationKind, expected_kinds
from sozialraum.regions.models import SocialSpace, YouthOffice

# How many organisations of one kind the social-space glance lists (the count is always full).
GLANCE_LIMIT = 3
CACHE_SECONDS = 60 * 60

T = TypeVar("T")


@dataclass(frozen=True)
class KindInSpace:
    """One kind of organisation present in a social space, with its first organisations."""

    kind: str
    label: str
    organisations: list[Organisation]
    count: int
    expected: bool

    @property
    def more(self) -> int:
        return self.count - len(self.organisations)


@dataclass(frozen=True)
class Kind:
    kind: str
    label: str
    expected: bool = False


@dataclass(frozen=True)
class Glance:
    """The social space at a glance: kinds present (in the order of OrganisationKind) and kinds
    of the coordinator's checklist that are missing."""

    present: list[KindInSpace]
    missing: list[Kind]
    has_checklist: bool
    total: int

    def count_of(self, kind: str) -> int:
        return next((item.count for item in self.present if item.kind == kind), 0)


@dataclass(frozen=True)
class OverviewCell:
    kind: str
    label: str
    count: int
    missing: bool


@dataclass(frozen=True)
class OverviewRow:
    space: SocialSpace
    cells: list[OverviewCell]

    @property
    def missing(self) -> list[str]:
        return [cell.label for cell in self.cells if cell.missing]


@dataclass(frozen=True)
class CountyOverview:
    """Social spaces x kinds with counts, so gaps stand out."""

    kinds: list[Kind]
    rows: list[OverviewRow]
    totals: list[int]  # organisations per kind in the whole office, each counted once
    unassigned: list[int]  # per kind, organisations without a social space

    @property
    def has_expected(self) -> bool:
        return any(kind.expected for kind in self.kinds)

    @property
    def labelled_totals(self) -> list[OverviewCell]:
        """The totals with their kind, so each cell can say what it counts (phones)."""
        return [
            OverviewCell(kind=kind.kind, label=kind.label, count=count, missing=False)
            for kind, count in zip(self.kinds, self.totals, strict=True)
        ]


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


def social_space_glance(office: YouthOffice, space: SocialSpace) -> Glance:
    """Three queries: the counts per kind, the first organisations of each kind (ranked in the
    database, one query), and the checklist. Measured against one query per kind, the single
    ranked query is cheaper at every size (kinds absent from the space cost a full index walk).
    """
    if space.youth_office_id != office.pk:
        return Glance(present=[], missing=[], has_checklist=False, total=0)
    in_space = Organisation.objects.in_office(office).filter(social_spaces=space)
    counts = dict(
        in_space.values_list("kind").annotate(n=Count("id")).order_by().values_list("kind", "n")
    )
    ranked = (
        in_space.annotate(
            rank=Window(RowNumber(), partition_by=[F("kind")], order_by=[F("sort_key"), F("id")])
        )
        .filter(rank__lte=GLANCE_LIMIT)
        .order_by("sort_key", "id")
    )
    by_kind: dict[str, list[Organisation]] = defaultdict(list)
    for organisation in ranked:
        by_kind[organisation.kind].append(organisation)
    expected = set(expected_kinds(office))
    return Glance(
        present=[
            KindInSpace(
                kind=kind,
                label=str(label),
                organisations=by_kind[kind],
                count=counts[kind],
                expected=kind in expected,
            )
            for kind, label in OrganisationKind.choices
            if kind in counts
        ],
        missing=[
            Kind(kind=kind, label=str(label), expected=True)
            for kind, label in OrganisationKind.choices
            if kind in expected and kind not in counts
        ],
        has_checklist=bool(expected),
        total=sum(counts.values()),
    )


def county_overview(office: YouthOffice) -> CountyOverview:
    """Five queries, however many organisations and spaces there are."""
    expected = set(expected_kinds(office))
    kinds = [
        Kind(kind=kind, label=str(label), expected=kind in expected)
        for kind, label in OrganisationKind.choices
    ]
    counts = kind_counts(office)
    rows = []
    for space in SocialSpace.objects.in_office(office).order_by("sort_key", "id"):
        space_counts = counts.get(space.pk, {})
        cells = [
            OverviewCell(
                kind=kind.kind,
                label=kind.label,
                count=space_counts.get(kind.kind, 0),
                missing=kind.expected and not space_counts.get(kind.kind),
            )
            for kind in kinds
        ]
        rows.append(OverviewRow(space=space, cells=cells))
    organisations = Organisation.objects.in_office(office)
    by_kind = dict(
        organisations.values_list("kind")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("kind", "n")
    )
    unassigned = dict(
        organisations.filter(social_spaces__isnull=True)
        .values_list("kind")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("kind", "n")
    )
    return CountyOverview(
        kinds=kinds,
        rows=rows,
        totals=[by_kind.get(kind.kind, 0) for kind in kinds],
        unassigned=[unassigned.get(kind.kind, 0) for kind in kinds],
    )


def office_cache_key(name: str, office: YouthOffice, *parts: object) -> str:
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


def _cached(key: str, build: Callable[[], T]) -> T:
    return cast(T, cache.get_or_set(key, build, CACHE_SECONDS))


def cached_county_overview(office: YouthOffice) -> CountyOverview:
    return _cached(office_cache_key("county-overview", office), lambda: county_overview(office))


def cached_social_space_glance(office: YouthOffice, space: SocialSpace) -> Glance:
    key = office_cache_key("glance", office, space.pk)
    return _cached(key, lambda: social_space_glance(office, space))


def social_space_glance_html(office: YouthOffice, space: SocialSpace, *, can_manage: bool) -> str:
    """The glance section of a social space's page (network/_glance.html), rendered once per
    office data version, language, space and whether the reader may manage the network: its up
    to 33 organisation links made the page grow with the directory (issue 8)."""

    def render() -> str:
        from django.template.loader import render_to_string
        from django.urls import reverse

        from sozialraum.lib.http import url_for_rows

        glance = cached_social_space_glance(office, space)
        organisation_url = url_for_rows("network:organisation", office_slug=office.slug)
        for item in glance.present:
            for org in item.organisations:
                org.detail_url = organisation_url(org.pk)  # type: ignore[attr-defined]
        context = {
            "glance": glance,
            "youth_office": office,
            "space": space,
            "can_manage": can_manage,
            "directory_url": reverse("network:directory", kwargs={"office_slug": office.slug}),
        }
        return str(render_to_string("network/_glance.html", context))

    return _cached(office_cache_key("glance-html", office, space.pk, can_manage), render)
