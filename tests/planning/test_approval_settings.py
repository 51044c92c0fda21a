"""The settings page of coordination: pay groups (German amounts, no negative rates), criteria
and approval levels (the Fachbereichsleitung names its persons)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from sozialraum.planning.models import ApprovalLevel, PayGroup, PriorityCriterion

pytestmark = pytest.mark.django_db


def url(name: str, office, **kwargs) -> str:
    return reverse(f"planning:{name}", kwargs={"office_slug": office.slug, **kwargs})


def test_it_a_pay_group_with_a_german_rate(client_for, office_a, coordinator):
    client = client_for(coordinator)
    response = client.post(
        url("settings_pay_group_add", office_a),
        {"name": "TVöD SuE S 12", "hourly_rate": "48,50 €", "is_active": "on"},
    )
    assert response.status_code == 302
    group = PayGroup.objects.get()
    assert group.hourly_rate == Decimal("48.50")
    assert "48,50 €" in client.get(url("settings", office_a)).content.decode()


def test_it_a_negative_rate_is_refused_at_the_field(client_for, office_a, coordinator):
    response = client_for(coordinator).post(
        url("settings_pay_group_add", office_a), {"name": "S 11", "hourly_rate": "-10"}
    )
    assert response.status_code == 200
    assert "negativ" in response.context["form"].errors["hourly_rate"][0]
    assert not PayGroup.objects.exists()


def test_it_a_criterion_and_its_weight(client_for, office_a, coordinator):
    client = client_for(coordinator)
    response = client.post(
        url("settings_criterion_add", office_a),
        {"name": "Dringlichkeit", "weight": "11", "max_score": "5"},
    )
    assert response.status_code == 200 and "weight" in response.context["form"].errors
    client.post(
        url("settings_criterion_add", office_a),
        {"name": "Dringlichkeit", "weight": "3", "max_score": "5", "is_active": "on"},
    )
    assert PriorityCriterion.objects.get().weight == 3


def test_it_the_head_of_department_level_names_its_persons(
    client_for, office_a, coordinator, professional
):
    client = client_for(coordinator)
    response = client.post(
        url("settings_level_add", office_a),
        {"name": "Fachbereichsleitung", "kind": "fachbereichsleitung", "up_to": ""},
    )
    assert response.status_code == 200 and "approvers" in response.context["form"].errors
    response = client.post(
        url("settings_level_add", office_a),
        {
            "name": "Fachbereichsleitung",
            "kind": "fachbereichsleitung",
            "up_to": "",
            "approvers": [professional.pk],
        },
    )
    assert response.status_code == 302
    level = ApprovalLevel.objects.get()
    assert level.up_to is None and list(level.approvers.all()) == [professional]


def test_it_settings_are_for_coordination_only(client_for, office_a, professional):
    assert client_for(professional).get(url("settings", office_a)).status_code == 403
