"""demo.consultations: cases of the primary school at the ASD and with an insoweit erfahrene
Fachkraft, one at a team's round table, with the guard's findings marked and reasoned."""

from __future__ import annotations

import pytest

from sozialraum.consultations.models import (
    Consultation,
    ConsultationCount,
    ConsultationRoute,
    ConsultationStatus,
    IdentifierDecision,
)
from sozialraum.demo.builder import build_demo

PASSWORD = "Demo-Passwort-2026"


@pytest.fixture
def demo(municipalities):
    return build_demo(password=PASSWORD)


def test_it_builds_the_consultations_of_heidekreis(demo):
    cases = Consultation.objects.filter(youth_office__slug="heidekreis")
    assert set(cases.values_list("route", flat=True)) == set(ConsultationRoute.values)
    school = cases.filter(requester__email="schule@heidekreis.example")
    assert school.filter(organisation_kind="schule").count() == school.count() == 3
    insofa = cases.get(route=ConsultationRoute.INSOFA)
    assert insofa.risk_assessment_recommended and insofa.recommendation
    round_table = cases.get(route=ConsultationRoute.ROUND_TABLE)
    assert round_table.topic is not None
    assert round_table.topic.title.startswith("Anonyme Fallberatung (")
    assert "zugezogen" not in round_table.topic.title + round_table.topic.reason
    assert cases.filter(status=ConsultationStatus.CLOSED).count() == 1
    assert cases.filter(status=ConsultationStatus.IN_CONSULTATION).count() == 2


def test_it_shows_the_guard_at_work(demo):
    decisions = IdentifierDecision.objects.all()
    assert decisions.filter(kind="email").exists()
    assert all(decision.reason for decision in decisions)


def test_it_keeps_counts_of_earlier_quarters(demo):
    counts = ConsultationCount.objects.filter(youth_office__slug="heidekreis")
    assert counts.count() >= 9
    assert counts.filter(count__lt=3).exists()
