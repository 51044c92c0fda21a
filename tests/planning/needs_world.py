"""Builders and fixtures of the needs and measures tests (planning-needs): plain ORM rows, so the
services under test are the only writes that go through services."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from sozialraum.accounts.models import User
from sozialraum.network.models import Organisation, OrganisationKind
from sozialraum.planning.measure_models import (
    CostEstimate,
    CostItem,
    CostKind,
    Goal,
    Measure,
    MeasureStatus,
    MeasureTransition,
)
from sozialraum.planning.models import (
    ApprovalLevel,
    ApproverKind,
    Need,
    NeedStatus,
    PayGroup,
    PriorityCriterion,
)
from sozialraum.regions.models import SocialSpace, YouthOffice


def make_need(
    office: YouthOffice,
    space: SocialSpace,
    title: str = "Treffpunkt für Jugendliche in Wietzendorf",
    *,
    status: str = NeedStatus.RAISED,
    **fields,
) -> Need:
    need = Need.objects.create(
        youth_office=office,
        title=title,
        definition=fields.pop("definition", "Ein offener Ort am Nachmittag."),
        status=status,
        **fields,
    )
    need.social_spaces.add(space)
    return need


def make_pay_group(
    office: YouthOffice, name: str = "TVöD SuE S 12", rate: str = "48.50"
) -> PayGroup:
    return PayGroup.objects.create(youth_office=office, name=name, hourly_rate=Decimal(rate))


def make_measure(
    office: YouthOffice,
    carrier: Organisation,
    title: str = "Jugendtreff am Nachmittag",
    *,
    status: str = MeasureStatus.DRAFT,
    requested: str | None = "1000.00",
    **fields,
) -> Measure:
    measure = Measure.objects.create(
        youth_office=office,
        title=title,
        carrier=carrier,
        period_start=fields.pop("period_start", date(2026, 1, 1)),
        period_end=fields.pop("period_end", date(2026, 12, 31)),
        status=status,
        **fields,
    )
    Goal.objects.create(
        youth_office=office,
        measure=measure,
        description="Jugendliche kommen regelmäßig",
        indicator="Besuche pro Woche",
        target_value=Decimal("20"),
        unit="Besuche",
    )
    if requested is not None:
        estimate = CostEstimate.objects.create(
            youth_office=office,
            measure=measure,
            total=Decimal(requested),
            requested=Decimal(requested),
        )
        CostItem.objects.create(
            youth_office=office,
            estimate=estimate,
            kind=CostKind.MATERIAL,
            description="Spiele und Material",
            quantity=Decimal("1"),
            unit_price=Decimal(requested),
        )
    return measure


def submitted_by(measure: Measure, user: User) -> Measure:
    MeasureTransition.objects.create(
        youth_office_id=measure.youth_office_id,
        measure=measure,
        from_status=MeasureStatus.DRAFT,
        to_status=MeasureStatus.SUBMITTED,
        by=user,
    )
    Measure.objects.filter(pk=measure.pk).update(status=MeasureStatus.SUBMITTED)
    measure.refresh_from_db()
    return measure


def make_levels(office: YouthOffice, head: User) -> tuple[ApprovalLevel, ApprovalLevel]:
    coordination = ApprovalLevel.objects.create(
        youth_office=office, name="Koordination", kind=ApproverKind.COORDINATION, up_to=5000
    )
    department = ApprovalLevel.objects.create(
        youth_office=office, name="Fachbereichsleitung", kind=ApproverKind.HEAD_OF_DEPARTMENT
    )
    department.approvers.add(head)
    return coordination, department


def make_criteria(office: YouthOffice) -> tuple[PriorityCriterion, PriorityCriterion]:
    return (
        PriorityCriterion.objects.create(youth_office=office, name="Dringlichkeit", weight=3),
        PriorityCriterion.objects.create(
            youth_office=office, name="Erreichte Kinder", weight=2, position=1
        ),
    )


@pytest.fixture
def carrier(org_a) -> Organisation:
    """org_a of tests/conftest.py: the carrier editor's organisation."""
    return org_a


@pytest.fixture
def carrier_b(office_b) -> Organisation:
    return Organisation.objects.create(
        youth_office=office_b, name="Verdener Jugendwerk", kind=OrganisationKind.FREE_CARRIER
    )


@pytest.fixture
def need(office_a, space_a) -> Need:
    return make_need(office_a, space_a)
