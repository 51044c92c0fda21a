"""Needs: raising, editing with optimistic locking, the status transitions with their history,
scores and the priority kept true when a criterion's weight changes."""

from __future__ import annotations

import pytest

from sozialraum.audit.models import AuditEntry
from sozialraum.lib.errors import ConcurrentEditError, InvalidData
from sozialraum.planning import need_services
from sozialraum.planning.models import NeedStatus, NeedTransition
from tests.planning.needs_world import make_criteria, make_need

pytestmark = pytest.mark.django_db


def test_it_create_records_the_first_step_and_the_audit(office_a, space_a, professional):
    need = need_services.create_need(
        office=office_a,
        by=professional,
        data={"title": "Ferienbetreuung", "definition": "Betreuung in den Ferien."},
        social_spaces=[space_a],
    )
    assert NeedTransition.objects.get(need=need).to_status == NeedStatus.RAISED
    assert AuditEntry.objects.filter(object_type="planning.need", object_id=str(need.pk)).exists()


def test_it_a_need_needs_a_space_of_the_office(office_a, space_b, professional):
    with pytest.raises(InvalidData) as error:
        need_services.create_need(
            office=office_a,
            by=professional,
            data={"title": "x", "definition": "y"},
            social_spaces=[space_b],
        )
    assert "social_spaces" in error.value.errors


def test_it_stale_version(office_a, space_a, professional):
    need = make_need(office_a, space_a)
    need_services.update_need(need=need, by=professional, version=1, data={"title": "Neu"})
    with pytest.raises(ConcurrentEditError):
        need_services.update_need(need=need, by=professional, version=1, data={"title": "Alt"})


def test_it_the_transitions_follow_the_workflow(office_a, space_a, coordinator):
    need = make_need(office_a, space_a)
    with pytest.raises(InvalidData):
        need_services.change_status(need=need, by=coordinator, to=NeedStatus.MET)
    for status in (NeedStatus.ASSESSED, NeedStatus.ACCEPTED, NeedStatus.PARTLY_MET):
        need = need_services.change_status(need=need, by=coordinator, to=status)
    need = need_services.change_status(need=need, by=coordinator, to=NeedStatus.MET)
    steps = list(NeedTransition.objects.filter(need=need).values_list("to_status", flat=True))
    assert steps == ["geprueft", "anerkannt", "teilweise_gedeckt", "gedeckt"]


def test_it_rejection_needs_a_reason(office_a, space_a, coordinator):
    need = make_need(office_a, space_a)
    with pytest.raises(InvalidData) as error:
        need_services.change_status(need=need, by=coordinator, to=NeedStatus.REJECTED, reason=" ")
    assert "reason" in error.value.errors
    need = need_services.change_status(
        need=need, by=coordinator, to=NeedStatus.REJECTED, reason="Gibt es schon."
    )
    assert need.status_reason == "Gibt es schon."


def test_it_priority_follows_scores_and_weights(office_a, space_a, coordinator):
    urgency, children = make_criteria(office_a)
    need = make_need(office_a, space_a, status=NeedStatus.ACCEPTED)
    need = need_services.set_scores(need=need, by=coordinator, scores={urgency: 5, children: 1})
    assert need.priority == 5 * 3 + 1 * 2
    need_services.save_criterion(
        office=office_a, by=coordinator, criterion=urgency, name=urgency.name, weight=1
    )
    need.refresh_from_db()
    assert need.priority == 5 * 1 + 1 * 2
    need_services.save_criterion(
        office=office_a,
        by=coordinator,
        criterion=children,
        name=children.name,
        weight=2,
        is_active=False,
    )
    need.refresh_from_db()
    assert need.priority == 5
    need = need_services.set_scores(need=need, by=coordinator, scores={urgency: None})
    assert need.priority is None


def test_it_only_accepted_needs_are_scored(office_a, space_a, coordinator):
    urgency, _children = make_criteria(office_a)
    need = make_need(office_a, space_a)
    with pytest.raises(ValueError, match="anerkannte"):
        need_services.set_scores(need=need, by=coordinator, scores={urgency: 3})
