"""Builders for the budget tests: budgets, approved measures with a cost estimate, allocations
and expenses as plain ORM rows or through the services (until planning-needs' measure services
land, measures are created with the ORM, as PLANNING.md says)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sozialraum.network.models import Organisation, OrganisationKind
from sozialraum.planning import budget_services
from sozialraum.planning.budget_models import Allocation, Budget
from sozialraum.planning.measure_models import CostEstimate, Measure, MeasureStatus
from sozialraum.regions.models import SocialSpace, YouthOffice

YEAR = 2026


def D(text: str) -> Decimal:
    return Decimal(text)


def make_budget(
    space: SocialSpace, planned: str = "10000.00", *, year: int = YEAR, earmark: str = "0"
) -> Budget:
    return Budget.objects.create(
        youth_office_id=space.youth_office_id,
        social_space=space,
        year=year,
        planned=D(planned),
        earmarked_case_unspecific=D(earmark),
    )


def make_carrier(office: YouthOffice, name: str = "Kinderschutzbund Heidekreis") -> Organisation:
    return Organisation.objects.create(
        youth_office=office, name=name, kind=OrganisationKind.FREE_CARRIER
    )


def make_measure(
    office: YouthOffice,
    title: str = "Elterncafé am Heidering",
    *,
    carrier: Organisation | None = None,
    status: str = MeasureStatus.APPROVED,
    requested: str = "3000.00",
    spaces: tuple[SocialSpace, ...] = (),
    year: int = YEAR,
) -> Measure:
    measure = Measure.objects.create(
        youth_office=office,
        title=title,
        carrier=carrier or make_carrier(office),
        period_start=date(year, 2, 1),
        period_end=date(year, 11, 30),
        status=status,
    )
    if spaces:
        measure.social_spaces.set(spaces)
    CostEstimate.objects.create(
        youth_office=office,
        measure=measure,
        number=1,
        total=D(requested),
        requested=D(requested),
    )
    return measure


def allocate(measure: Measure, *pairs: tuple[Budget, str], by=None, **kwargs) -> Allocation:
    return budget_services.allocate(
        measure=measure, shares=[(b, D(a)) for b, a in pairs], by=by, **kwargs
    )


def fresh(budget: Budget) -> Budget:
    return Budget.objects.get(pk=budget.pk)
