"""Reads of the consultations with constant query counts: a person's consultations, the
conversation of one, and coordination's anonymous counts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from sozialraum.consultations.models import Consultation, ConsultationCount
from sozialraum.teams.models import Membership

if TYPE_CHECKING:
    from sozialraum.accounts.models import User
    from sozialraum.regions.models import YouthOffice

# Cells of the counts below this are not shown (they could point at one case).
SUPPRESS_BELOW = 3
# The counts cover the last twelve quarters.
QUARTERS = 12


def team_ids_of(user: User, office: YouthOffice) -> QuerySet:
    """The teams the user is in today (member or named substitute), as a subquery."""
    current = Membership.objects.current().filter(youth_office=office)
    return current.filter(Q(person__user=user) | Q(substitutes__user=user)).values("team_id")


def consultations_of(user: User, office: YouthOffice) -> QuerySet[Consultation]:
    """The consultations the user is a party to: brought, consulted, or at their team's
    round table."""
    return (
        Consultation.objects.filter(youth_office=office)
        .filter(
            Q(requester=user) | Q(consultant_user=user) | Q(team_id__in=team_ids_of(user, office))
        )
        .select_related("consultant_user", "team", "social_space")
        .order_by("-created_at", "-pk")
    )


@dataclass(frozen=True)
class CountRow:
    year: int
    quarter: int
    space: str
    kind: str
    count: int | None  # None: fewer than SUPPRESS_BELOW, not shown

    @property
    def quarter_label(self) -> str:
        return f"{self.quarter}/{self.year}"


def counts(office: YouthOffice, *, today_year: int, today_quarter: int) -> list[CountRow]:
    """The anonymous counts of the last QUARTERS quarters, cells under 3 suppressed."""
    from sozialraum.network.models import OrganisationKind

    first = today_year * 4 + today_quarter - 1 - (QUARTERS - 1)
    first_year, first_quarter = divmod(first, 4)
    rows = (
        ConsultationCount.objects.filter(youth_office=office)
        .filter(Q(year__gt=first_year) | Q(year=first_year, quarter__gte=first_quarter + 1))
        .select_related("social_space")
        .order_by("-year", "-quarter", "social_space__name", "organisation_kind")
    )
    labels = dict(OrganisationKind.choices)
    return [
        CountRow(
            year=row.year,
            quarter=row.quarter,
            space=row.social_space.name if row.social_space else "",
            kind=str(labels.get(row.organisation_kind, row.organisation_kind)),
            count=row.count if row.count >= SUPPRESS_BELOW else None,
        )
        for row in rows
    ]
