"""Rows for the tests of projects and evaluations, created with the ORM (the measures' and
budgets' services are other helpers' work; PLANNING.md)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from sozialraum.network.models import Organisation, OrganisationKind
from sozialraum.planning.budget_models import Allocation, AllocationShare, Budget
from sozialraum.planning.measure_models import (
    CostEstimate,
    CostItem,
    CostKind,
    Goal,
    Measure,
    MeasureStatus,
)
from sozialraum.planning.models import (
    EvaluationLevel,
    Need,
    NeedStatus,
    PayGroup,
    QualityCriterion,
)
from sozialraum.planning.project_models import Project
from sozialraum.regions.models import SocialSpace, YouthOffice
from sozialraum.teams.models import Team


def make_carrier(office: YouthOffice, name: str = "Jugendhilfe Heideblick e. V.") -> Organisation:
    found = Organisation.objects.filter(youth_office=office, name=name).first()
    if found is not None:
        return found
    return Organisation.objects.create(
        youth_office=office, name=name, kind=OrganisationKind.FREE_CARRIER
    )


def make_project(
    office: YouthOffice,
    *,
    spaces: list[SocialSpace],
    carrier: Organisation | None = None,
    team: Team | None = None,
    title: str = "Elterncafé am Nachmittag",
    start: date = date(2025, 2, 1),
    end: date = date(2025, 11, 30),
    goals: int = 2,
    with_costs: bool = True,
) -> Project:
    carrier = carrier or make_carrier(office)
    need = Need.objects.create(
        youth_office=office,
        title=f"Bedarf: {title}",
        definition="Eltern von Grundschulkindern finden keinen offenen Treffpunkt.",
        status=NeedStatus.ACCEPTED,
        priority=12,
    )
    need.social_spaces.set(spaces)
    measure = Measure.objects.create(
        youth_office=office,
        title=title,
        description="Ein offenes Café für Eltern, zweimal in der Woche.",
        carrier=carrier,
        team=team,
        period_start=start,
        period_end=end,
        place="Familienzentrum",
        status=MeasureStatus.APPROVED,
    )
    measure.needs.add(need)
    measure.social_spaces.set(spaces)
    for number in range(goals):
        Goal.objects.create(
            youth_office=office,
            measure=measure,
            description=f"Ziel {number + 1}",
            indicator=f"Indikator {number + 1}",
            target_value=Decimal("20"),
            unit="Familien",
            position=number,
        )
    if with_costs:
        group = PayGroup.objects.get_or_create(
            youth_office=office, name="TVöD SuE S 12", defaults={"hourly_rate": Decimal("42.50")}
        )[0]
        estimate = CostEstimate.objects.create(
            youth_office=office,
            measure=measure,
            number=1,
            own_contribution=Decimal("500.00"),
            total=Decimal("4750.00"),
            requested=Decimal("4250.00"),
        )
        CostItem.objects.create(
            youth_office=office,
            estimate=estimate,
            kind=CostKind.PERSONNEL,
            description="Fachkraft",
            pay_group=group,
            hours=Decimal("100"),
            hourly_rate=group.hourly_rate,
        )
        CostItem.objects.create(
            youth_office=office,
            estimate=estimate,
            kind=CostKind.MATERIAL,
            description="Kaffee und Spiele",
            quantity=Decimal("1"),
            unit_price=Decimal("500.00"),
        )
    return Project.objects.create(youth_office=office, measure=measure, started=start, ends=end)


def allocate(project: Project, spaces_amounts: list[tuple[SocialSpace, Decimal]]) -> Allocation:
    """A pooled allocation written directly (the budget service is planning-budgets')."""
    office = project.youth_office
    total = sum((amount for _, amount in spaces_amounts), Decimal("0"))
    allocation = Allocation.objects.create(
        youth_office=office, measure=project.measure, total=total
    )
    for space, amount in spaces_amounts:
        budget = Budget.objects.get_or_create(
            youth_office=office,
            social_space=space,
            year=project.started.year,
            defaults={"planned": Decimal("50000.00")},
        )[0]
        Budget.objects.filter(pk=budget.pk).update(committed=budget.committed + amount)
        AllocationShare.objects.create(
            youth_office=office, allocation=allocation, budget=budget, amount=amount
        )
    return allocation


def make_criteria(office: YouthOffice) -> list[QualityCriterion]:
    return [
        QualityCriterion.objects.create(youth_office=office, name=name, level=level, position=n)
        for n, (name, level) in enumerate(
            [
                ("Räume sind barrierefrei", EvaluationLevel.STRUCTURE),
                ("Zielgruppe an der Planung beteiligt", EvaluationLevel.PROCESS),
                ("Ziele erreicht", EvaluationLevel.RESULT),
                ("Rückmeldungen der Familien eingeholt", EvaluationLevel.QUALITY),
            ]
        )
    ]


@pytest.fixture(name="project")
def project_fixture(office_a, space_a, space_a2) -> Project:
    return make_project(office_a, spaces=[space_a, space_a2])
