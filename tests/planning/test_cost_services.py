"""The cost calculation: amounts computed (never typed), the pay group's rate copied, funding
subtracted, revisions after the first submission, an approved calculation final, negative
values refused at the field."""

from __future__ import annotations

from decimal import Decimal

import pytest

from sozialraum.lib.errors import ConcurrentEditError, InvalidData
from sozialraum.planning import cost_services, measure_services
from sozialraum.planning.cost_services import ItemData
from sozialraum.planning.measure_models import CostEstimate, CostItem, CostKind, MeasureStatus
from tests.planning.needs_world import make_measure, make_pay_group, submitted_by

pytestmark = pytest.mark.django_db

D = Decimal


def items(pay_group) -> list[ItemData]:
    return [
        ItemData(CostKind.PERSONNEL, "Sozialpädagogin", pay_group=pay_group, hours=D("120")),
        ItemData(CostKind.MATERIAL, "Bastelmaterial", quantity=D("3"), unit_price=D("45.50")),
        ItemData(CostKind.RENT, "Raummiete", unit_price=D("600")),
    ]


def test_it_totals_are_computed_and_the_rate_is_copied(office_a, carrier, professional):
    group = make_pay_group(office_a, rate="48.50")
    measure = make_measure(office_a, carrier, requested=None)
    estimate = cost_services.save_costs(
        measure=measure,
        by=professional,
        version=measure.version,
        items=items(group),
        own_contribution=D("500"),
        third_party_funding=D("1000"),
        third_party_source="Stiftung Heide",
    )
    assert estimate.number == 1
    assert estimate.total == D("5820.00") + D("136.50") + D("600.00")
    assert estimate.requested == estimate.total - D("1500")
    group.hourly_rate = D("99")
    group.save()
    personnel = CostItem.objects.get(estimate=estimate, kind=CostKind.PERSONNEL)
    assert personnel.hourly_rate == D("48.50") and personnel.amount == D("5820.00")


def test_it_before_submission_the_calculation_is_edited_in_place(office_a, carrier, professional):
    measure = make_measure(office_a, carrier)
    cost_services.save_costs(
        measure=measure,
        by=professional,
        version=measure.version,
        items=[ItemData(CostKind.FEES, "Honorar", quantity=D("4"), unit_price=D("80"))],
    )
    assert CostEstimate.objects.filter(measure=measure).count() == 1
    assert CostEstimate.objects.get(measure=measure).total == D("320.00")


def test_it_after_submission_a_change_is_a_new_revision(
    office_a, carrier, professional, coordinator
):
    measure = submitted_by(make_measure(office_a, carrier, requested="1000.00"), professional)
    measure_services.return_for_revision(measure=measure, by=coordinator, comment="Zu teuer.")
    measure.refresh_from_db()
    second = cost_services.save_costs(
        measure=measure,
        by=professional,
        version=measure.version,
        items=[ItemData(CostKind.MATERIAL, "Material", unit_price=D("800"))],
    )
    assert second.number == 2
    first = CostEstimate.objects.get(measure=measure, number=1)
    assert first.total == D("1000.00")
    estimates = list(
        CostEstimate.objects.filter(measure=measure).prefetch_related("items").order_by("number")
    )
    [change] = cost_services.revision_changes(estimates)[second.pk]
    assert change["label"] == "Sachkosten/Material"
    assert (change["old"], change["new"]) == (D("1000.00"), D("800.00"))


def test_it_an_approved_calculation_cannot_be_edited(office_a, carrier, professional, coordinator):
    measure = submitted_by(make_measure(office_a, carrier), professional)
    measure_services.approve(measure=measure, by=coordinator)
    measure.refresh_from_db()
    with pytest.raises(ValueError, match="bewilligt"):
        cost_services.save_costs(
            measure=measure,
            by=coordinator,
            version=measure.version,
            items=[ItemData(CostKind.MATERIAL, "Mehr", unit_price=D("5"))],
        )
    assert CostEstimate.objects.get(measure=measure).total == D("1000.00")
    assert measure.status == MeasureStatus.APPROVED


@pytest.mark.parametrize(
    ("item", "field"),
    [
        (ItemData(CostKind.MATERIAL, "Minus", unit_price=D("-1")), "unit_price"),
        (ItemData(CostKind.MATERIAL, "Minus", quantity=D("-2"), unit_price=D("1")), "quantity"),
        (ItemData(CostKind.PERSONNEL, "Ohne Gruppe", hours=D("5")), "pay_group"),
        (ItemData(CostKind.OTHER, "", unit_price=D("1")), "description"),
    ],
)
def test_it_bad_items_are_refused_at_the_field(office_a, carrier, professional, item, field):
    measure = make_measure(office_a, carrier, requested=None)
    with pytest.raises(InvalidData) as error:
        cost_services.save_costs(
            measure=measure, by=professional, version=measure.version, items=[item]
        )
    assert field in error.value.errors
    assert not CostEstimate.objects.filter(measure=measure).exists()


def test_it_negative_hours_are_refused(office_a, carrier, professional):
    group = make_pay_group(office_a)
    measure = make_measure(office_a, carrier, requested=None)
    with pytest.raises(InvalidData) as error:
        cost_services.save_costs(
            measure=measure,
            by=professional,
            version=measure.version,
            items=[ItemData(CostKind.PERSONNEL, "x", pay_group=group, hours=D("-3"))],
        )
    assert "hours" in error.value.errors


def test_it_funding_above_the_total_and_negative_funding_are_refused(
    office_a, carrier, professional
):
    measure = make_measure(office_a, carrier, requested=None)
    one = [ItemData(CostKind.MATERIAL, "Material", unit_price=D("100"))]
    with pytest.raises(InvalidData) as error:
        cost_services.save_costs(
            measure=measure,
            by=professional,
            version=measure.version,
            items=one,
            own_contribution=D("80"),
            third_party_funding=D("30"),
        )
    assert "third_party_funding" in error.value.errors
    with pytest.raises(InvalidData) as error:
        cost_services.save_costs(
            measure=measure,
            by=professional,
            version=measure.version,
            items=one,
            own_contribution=D("-1"),
        )
    assert "own_contribution" in error.value.errors


def test_it_a_stale_version_is_refused(office_a, carrier, professional):
    measure = make_measure(office_a, carrier)
    with pytest.raises(ConcurrentEditError):
        cost_services.save_costs(
            measure=measure,
            by=professional,
            version=measure.version + 3,
            items=[ItemData(CostKind.MATERIAL, "x", unit_price=D("1"))],
        )


def test_it_a_pay_group_of_another_office_is_refused(office_b, office_a, carrier, professional):
    foreign = make_pay_group(office_b, "Fremde Gruppe")
    measure = make_measure(office_a, carrier, requested=None)
    with pytest.raises(InvalidData) as error:
        cost_services.save_costs(
            measure=measure,
            by=professional,
            version=measure.version,
            items=[ItemData(CostKind.PERSONNEL, "x", pay_group=foreign, hours=D("2"))],
        )
    assert "pay_group" in error.value.errors
