"""The approval workflow: submit, approve (the hand-off that creates the project), return,
reject; levels by amount, nobody decides their own submission."""

from __future__ import annotations

import pytest

from sozialraum.planning import measure_services
from sozialraum.planning.measure_models import MeasureStatus, MeasureTransition
from sozialraum.planning.project_models import Project
from tests.planning.needs_world import make_levels, make_measure, submitted_by

pytestmark = pytest.mark.django_db


def test_it_submit_records_amount_and_level(office_a, carrier, professional, coordinator):
    levels = make_levels(office_a, coordinator)
    measure = make_measure(office_a, carrier, requested="1200.00")
    measure_services.submit(measure=measure, by=professional, version=measure.version)
    measure.refresh_from_db()
    assert measure.status == MeasureStatus.SUBMITTED
    step = MeasureTransition.objects.get(measure=measure)
    assert (step.from_status, step.to_status, step.by) == ("entwurf", "eingereicht", professional)
    assert str(step.amount) == "1200.00" and step.level == levels[0]


def test_it_double_submit_is_refused(office_a, carrier, professional):
    measure = make_measure(office_a, carrier)
    measure_services.submit(measure=measure, by=professional)
    with pytest.raises(ValueError, match="schon eingereicht"):
        measure_services.submit(measure=measure, by=professional)
    assert MeasureTransition.objects.filter(measure=measure).count() == 1


def test_it_submit_needs_a_cost_calculation(office_a, carrier, professional):
    measure = make_measure(office_a, carrier, requested=None)
    with pytest.raises(ValueError, match="Kostenkalkulation"):
        measure_services.submit(measure=measure, by=professional)


def test_it_approve_creates_the_project(office_a, carrier, professional, coordinator):
    make_levels(office_a, coordinator)
    measure = submitted_by(make_measure(office_a, carrier), professional)
    project = measure_services.approve(measure=measure, by=coordinator, comment="Passt.")
    measure.refresh_from_db()
    assert measure.status == MeasureStatus.APPROVED
    assert project == Project.objects.get(measure=measure)
    assert (project.started, project.ends) == (measure.period_start, measure.period_end)
    step = MeasureTransition.objects.filter(measure=measure).last()
    assert step.to_status == MeasureStatus.APPROVED and step.by == coordinator
    assert step.comment == "Passt." and step.level.name == "Koordination"


def test_it_nobody_decides_their_own_submission(office_a, carrier, coordinator):
    measure = submitted_by(make_measure(office_a, carrier), coordinator)
    with pytest.raises(ValueError, match="eigene Einreichung"):
        measure_services.approve(measure=measure, by=coordinator)
    assert not Project.objects.exists()


def test_it_above_the_limit_the_head_of_department_decides(
    office_a, carrier, professional, coordinator, reader
):
    head = professional
    make_levels(office_a, head)
    measure = submitted_by(make_measure(office_a, carrier, requested="8000.00"), reader)
    with pytest.raises(ValueError, match="Fachbereichsleitung"):
        measure_services.approve(measure=measure, by=coordinator)
    measure_services.approve(measure=measure, by=head)
    measure.refresh_from_db()
    assert measure.status == MeasureStatus.APPROVED


def test_it_return_and_reject_need_a_comment(office_a, carrier, professional, coordinator):
    measure = submitted_by(make_measure(office_a, carrier), professional)
    with pytest.raises(ValueError, match="begründen"):
        measure_services.return_for_revision(measure=measure, by=coordinator, comment=" ")
    measure_services.return_for_revision(
        measure=measure, by=coordinator, comment="Bitte Ziele genauer."
    )
    measure.refresh_from_db()
    assert measure.status == MeasureStatus.RETURNED
    measure_services.submit(measure=measure, by=professional)
    measure_services.reject(measure=measure, by=coordinator, comment="Kein Bedarf mehr.")
    measure.refresh_from_db()
    assert measure.status == MeasureStatus.REJECTED


def test_it_an_approved_measure_is_not_approved_twice(office_a, carrier, professional, coordinator):
    measure = submitted_by(make_measure(office_a, carrier), professional)
    measure_services.approve(measure=measure, by=coordinator)
    with pytest.raises(ValueError, match="schon entschieden"):
        measure_services.approve(measure=measure, by=coordinator)
    assert Project.objects.count() == 1
