"""The cost calculation page: German amounts, negative values at the field, an approved
calculation refused with a message, the revision history on the measure's page."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from sozialraum.planning.measure_models import CostEstimate, MeasureStatus
from tests.planning.needs_world import make_measure, make_pay_group, submitted_by

pytestmark = pytest.mark.django_db


def url(name: str, office, **kwargs) -> str:
    return reverse(f"planning:{name}", kwargs={"office_slug": office.slug, **kwargs})


def cost_data(version: int, **rows) -> dict:
    data = {
        "version": str(version),
        "own_contribution": "",
        "third_party_funding": "",
        "posten-TOTAL_FORMS": "2",
        "posten-INITIAL_FORMS": "0",
        "posten-0-kind": "personal",
        "posten-0-description": "Sozialpädagogin",
        "posten-0-hours": "10,5",
        "posten-1-kind": "sachkosten",
        "posten-1-description": "Material",
        "posten-1-quantity": "2",
        "posten-1-unit_price": "1.234,56 €",
    }
    data.update(rows)
    return data


def test_it_german_amounts_are_computed(client_for, office_a, carrier, professional):
    group = make_pay_group(office_a, rate="40.00")
    measure = make_measure(office_a, carrier, requested=None)
    response = client_for(professional).post(
        url("measure_costs", office_a, pk=measure.pk),
        cost_data(
            measure.version, **{"posten-0-pay_group": str(group.pk), "own_contribution": "100"}
        ),
    )
    assert response.status_code == 302
    estimate = CostEstimate.objects.get(measure=measure)
    assert estimate.total == Decimal("420.00") + Decimal("2469.12")
    assert estimate.requested == estimate.total - Decimal("100")
    page = client_for(professional).get(url("measure", office_a, pk=measure.pk)).content.decode()
    assert "2.889,12 €" in page and "2.789,12 €" in page


def test_it_negative_amounts_and_hours_are_refused_at_the_field(
    client_for, office_a, carrier, professional
):
    group = make_pay_group(office_a)
    measure = make_measure(office_a, carrier, requested=None)
    response = client_for(professional).post(
        url("measure_costs", office_a, pk=measure.pk),
        cost_data(
            measure.version,
            **{
                "posten-0-pay_group": str(group.pk),
                "posten-0-hours": "-3",
                "posten-1-unit_price": "-5,00",
                "third_party_funding": "-1",
            },
        ),
    )
    assert response.status_code == 200
    forms = response.context["items"].forms
    assert "negativ" in forms[0].errors["hours"][0]
    assert "negativ" in forms[1].errors["unit_price"][0]
    assert "negativ" in response.context["form"].errors["third_party_funding"][0]
    assert not CostEstimate.objects.filter(measure=measure).exists()


def test_it_editing_an_approved_calculation_is_refused(client_for, office_a, carrier, coordinator):
    measure = make_measure(office_a, carrier, status=MeasureStatus.APPROVED)
    client = client_for(coordinator)
    response = client.post(
        url("measure_costs", office_a, pk=measure.pk), cost_data(measure.version), follow=True
    )
    assert "bewilligt" in response.content.decode()
    assert "nichts geändert" in response.content.decode()
    assert CostEstimate.objects.get(measure=measure).total == Decimal("1000.00")


def test_it_the_page_shows_the_revision_history(
    client_for, office_a, carrier, professional, coordinator
):
    from sozialraum.planning import measure_services

    measure = submitted_by(make_measure(office_a, carrier), professional)
    measure_services.return_for_revision(measure=measure, by=coordinator, comment="Bitte prüfen.")
    measure.refresh_from_db()
    client = client_for(professional)
    form_page = client.get(url("measure_costs", office_a, pk=measure.pk)).content.decode()
    assert "neue Fassung 2" in form_page
    data = cost_data(
        measure.version,
        **{
            "posten-TOTAL_FORMS": "1",
            "posten-0-kind": "miete",
            "posten-0-description": "Raum",
            "posten-0-unit_price": "750",
        },
    )
    assert client.post(url("measure_costs", office_a, pk=measure.pk), data).status_code == 302
    page = client.get(url("measure", office_a, pk=measure.pk)).content.decode()
    assert "Fassung 2" in page and "Alle Fassungen" in page
    assert "Miete: – → 750,00 €" in page


def test_it_a_tampered_form_is_no_500(client_for, office_a, carrier, professional):
    measure = make_measure(office_a, carrier, requested=None)
    client = client_for(professional)
    response = client.post(url("measure_costs", office_a, pk=measure.pk), {"version": "x" * 40})
    assert response.status_code == 200
    response = client.post(
        url("measure_costs", office_a, pk=measure.pk),
        cost_data(
            measure.version, **{"posten-TOTAL_FORMS": "9" * 20, "posten-0-pay_group": "9" * 30}
        ),
    )
    assert response.status_code == 200
    assert not CostEstimate.objects.filter(measure=measure).exists()
