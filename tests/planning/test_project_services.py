"""planning.project_services: progress notes, evaluation drafts and completion (feeding back
to the needs), continuing a project, quality criteria."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from sozialraum.audit.models import AuditEntry
from sozialraum.lib.errors import ConcurrentEditError, InvalidData
from sozialraum.planning import project_services as services
from sozialraum.planning.measure_models import CostEstimate, Goal, Measure, MeasureStatus
from sozialraum.planning.models import EvaluationLevel, NeedStatus, NeedTransition
from sozialraum.planning.project_models import (
    Evaluation,
    GoalResult,
    NeedOutcome,
    ProjectStatus,
    QualityRating,
)
from sozialraum.planning.project_services import Entry
from tests.planning.project_fixtures import make_criteria, make_project, project_fixture  # noqa: F401

pytestmark = pytest.mark.django_db


def goals_of(project):
    return list(Goal.objects.filter(measure=project.measure))


def full_results(project, value="18"):
    return {goal.pk: Entry(Decimal(value), "gut") for goal in goals_of(project)}


# Progress notes --------------------------------------------------------------------------------


def test_it_progress_note_is_saved_and_audited(project, coordinator):
    note = services.add_progress_note(
        project=project,
        by=coordinator,
        date=date(2025, 3, 1),
        text="  Erstes Treffen mit 12 Eltern. ",
    )
    assert note.text == "Erstes Treffen mit 12 Eltern."
    assert note.created_by == coordinator
    entry = AuditEntry.objects.get(object_type="planning.progressnote")
    assert entry.object_repr == "Elterncafé am Nachmittag"


@pytest.mark.parametrize(
    ("day", "text", "field"),
    [
        (timezone.localdate() + timedelta(days=1), "Bericht", "date"),
        (date(2024, 1, 1), "Bericht", "date"),
        (date(2025, 3, 1), "   ", "text"),
        (date(2025, 3, 1), "x" * 5001, "text"),
    ],
)
def test_it_progress_note_bad_input(project, coordinator, day, text, field):
    with pytest.raises(InvalidData) as caught:
        services.add_progress_note(project=project, by=coordinator, date=day, text=text)
    assert field in caught.value.errors
    assert not project.notes.exists()


# Evaluation ------------------------------------------------------------------------------------


def test_it_draft_then_update_with_version(project, coordinator, office_a):
    criteria = make_criteria(office_a)
    draft = services.save_evaluation(
        project=project,
        by=coordinator,
        version=0,
        data={"participants_reached": 14, "what_worked": "Die Eltern kamen gern."},
        results={goals_of(project)[0].pk: Entry(Decimal("12.5"), "")},
        ratings={criteria[0].pk: Entry(3, "Rampe vorhanden")},
    )
    assert draft.version == 1 and draft.completed_at is None
    assert GoalResult.objects.get(evaluation=draft).achieved_value == Decimal("12.50")
    assert QualityRating.objects.get(evaluation=draft).rating == 3
    updated = services.save_evaluation(
        project=project,
        by=coordinator,
        version=1,
        data={"participants_reached": 15},
        results={goals_of(project)[0].pk: Entry(None)},
        ratings={criteria[0].pk: Entry(4)},
    )
    assert updated.version == 2 and updated.participants_reached == 15
    assert updated.what_worked == "Die Eltern kamen gern."
    assert not GoalResult.objects.filter(evaluation=updated).exists()
    assert QualityRating.objects.get(evaluation=updated).rating == 4
    project.refresh_from_db()
    assert project.status == ProjectStatus.RUNNING
    entries = AuditEntry.objects.filter(object_type="planning.evaluation").order_by("pk")
    assert [e.action for e in entries] == ["create", "update"]


def test_it_stale_version_is_a_conflict(project, coordinator):
    services.save_evaluation(project=project, by=coordinator, version=0, data={})
    with pytest.raises(ConcurrentEditError):
        services.save_evaluation(
            project=project, by=coordinator, version=0, data={"what_worked": "Zweiter Tab"}
        )
    assert Evaluation.objects.get(project=project).what_worked == ""


def test_it_negative_achieved_value_is_refused(project, coordinator):
    goal = goals_of(project)[0]
    with pytest.raises(InvalidData) as caught:
        services.save_evaluation(
            project=project,
            by=coordinator,
            version=0,
            data={},
            results={goal.pk: Entry(Decimal("-1"))},
        )
    assert f"result_{goal.pk}" in caught.value.errors
    assert not Evaluation.objects.exists()


def test_it_goal_of_another_project_and_foreign_criterion_are_refused(
    project, coordinator, office_a, office_b, space_b
):
    other = make_project(office_b, spaces=[space_b], title="Anderes Projekt")
    foreign_goal = goals_of(other)[0]
    foreign_criterion = make_criteria(office_b)[0]
    with pytest.raises(InvalidData) as caught:
        services.save_evaluation(
            project=project,
            by=coordinator,
            version=0,
            data={},
            results={foreign_goal.pk: Entry(Decimal("1"))},
            ratings={foreign_criterion.pk: Entry(2)},
        )
    assert set(caught.value.errors) == {
        f"result_{foreign_goal.pk}",
        f"rating_{foreign_criterion.pk}",
    }


def test_it_rating_out_of_range_and_bad_outcome(project, coordinator, office_a):
    criterion = make_criteria(office_a)[0]
    with pytest.raises(InvalidData):
        services.save_evaluation(
            project=project, by=coordinator, version=0, data={}, ratings={criterion.pk: Entry(5)}
        )
    with pytest.raises(InvalidData) as caught:
        services.save_evaluation(
            project=project, by=coordinator, version=0, data={"need_outcome": "vielleicht"}
        )
    assert "need_outcome" in caught.value.errors


@pytest.mark.parametrize(
    ("outcome", "need_status"),
    [
        (NeedOutcome.MET, NeedStatus.MET),
        (NeedOutcome.PARTLY_MET, NeedStatus.PARTLY_MET),
        (NeedOutcome.NOT_MET, NeedStatus.ACCEPTED),
    ],
)
def test_it_complete_feeds_back_to_the_needs(project, coordinator, outcome, need_status):
    need = project.measure.needs.get()
    if outcome == NeedOutcome.NOT_MET:  # a need in work is back in the ranking afterwards
        need.status = NeedStatus.PARTLY_MET
        need.save()
    draft = services.save_evaluation(
        project=project,
        by=coordinator,
        version=0,
        data={"need_outcome": outcome, "participants_reached": 30},
        results=full_results(project),
    )
    done = services.complete_evaluation(evaluation=draft, by=coordinator)
    assert done.completed_at is not None and done.completed_by == coordinator
    project.refresh_from_db()
    assert project.status == ProjectStatus.EVALUATED
    need.refresh_from_db()
    assert need.status == need_status
    transition = NeedTransition.objects.get(need=need)
    assert transition.to_status == need_status
    assert "Elterncafé am Nachmittag" in transition.reason
    assert transition.by == coordinator


def test_it_complete_twice_is_refused(project, coordinator):
    draft = services.save_evaluation(
        project=project,
        by=coordinator,
        version=0,
        data={"need_outcome": NeedOutcome.MET},
        results=full_results(project),
        complete=True,
    )
    with pytest.raises(InvalidData, match="schon abgeschlossen"):
        services.complete_evaluation(evaluation=draft, by=coordinator)
    with pytest.raises(InvalidData, match="schon abgeschlossen"):
        services.save_evaluation(
            project=project, by=coordinator, version=draft.version, data={"what_worked": "x"}
        )
    assert NeedTransition.objects.count() == 1


def test_it_complete_needs_outcome_and_every_goal(project, coordinator):
    goal = goals_of(project)[0]
    draft = services.save_evaluation(
        project=project, by=coordinator, version=0, data={}, results={goal.pk: Entry(Decimal(3))}
    )
    with pytest.raises(InvalidData) as caught:
        services.complete_evaluation(evaluation=draft, by=coordinator)
    missing = goals_of(project)[1]
    assert set(caught.value.errors) == {"need_outcome", f"result_{missing.pk}"}
    draft.refresh_from_db()
    assert draft.completed_at is None
    project.refresh_from_db()
    assert project.status == ProjectStatus.RUNNING


def test_it_complete_in_save_rolls_back_everything_when_refused(project, coordinator):
    with pytest.raises(InvalidData):
        services.save_evaluation(
            project=project, by=coordinator, version=0, data={"what_worked": "x"}, complete=True
        )
    assert not Evaluation.objects.exists()


def test_it_inactive_criterion_rated_before_stays_editable(project, coordinator, office_a):
    criterion = make_criteria(office_a)[0]
    draft = services.save_evaluation(
        project=project, by=coordinator, version=0, data={}, ratings={criterion.pk: Entry(2)}
    )
    services.update_quality_criterion(criterion=criterion, by=coordinator, is_active=False)
    saved = services.save_evaluation(
        project=project,
        by=coordinator,
        version=draft.version,
        data={},
        ratings={criterion.pk: Entry(3)},
    )
    assert saved.ratings.get().rating == 3


# Continuing ------------------------------------------------------------------------------------


def test_it_continue_copies_goals_and_costs_into_the_next_period(project, coordinator):
    new = services.continue_project(project=project, by=coordinator)
    assert new.status == MeasureStatus.DRAFT
    assert new.continued_from == project.measure
    assert (new.period_start, new.period_end) == (date(2025, 12, 1), date(2026, 9, 30))
    assert new.title == project.measure.title and new.carrier == project.measure.carrier
    assert set(new.needs.all()) == set(project.measure.needs.all())
    assert set(new.social_spaces.all()) == set(project.measure.social_spaces.all())
    assert [(g.indicator, g.target_value) for g in Goal.objects.filter(measure=new)] == [
        (g.indicator, g.target_value) for g in goals_of(project)
    ]
    estimate = CostEstimate.objects.get(measure=new)
    assert estimate.number == 1
    assert (estimate.total, estimate.requested) == (Decimal("4750.00"), Decimal("4250.00"))
    assert sorted(i.amount for i in estimate.items.all()) == [Decimal("500.00"), Decimal("4250.00")]
    assert AuditEntry.objects.filter(object_type="planning.measure", object_id=str(new.pk)).exists()


def test_it_continue_twice_is_refused(project, coordinator):
    services.continue_project(project=project, by=coordinator)
    with pytest.raises(InvalidData, match="schon fortgesetzt"):
        services.continue_project(project=project, by=coordinator)
    assert Measure.objects.filter(continued_from=project.measure).count() == 1


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        # a leap year's calendar year is followed by the next calendar year
        (date(2024, 1, 1), date(2024, 12, 31), (date(2025, 1, 1), date(2025, 12, 31))),
        # whole months: January and February of a leap year, then March and April
        (date(2024, 1, 1), date(2024, 2, 29), (date(2024, 3, 1), date(2024, 4, 30))),
        # a school year of whole months across the new year
        (date(2025, 8, 1), date(2026, 7, 31), (date(2026, 8, 1), date(2027, 7, 31))),
        # any other period keeps its days
        (date(2025, 3, 15), date(2025, 6, 14), (date(2025, 6, 15), date(2025, 9, 14))),
    ],
)
def test_it_next_period(start, end, expected):
    assert services.next_period(start, end) == expected


# Quality criteria ------------------------------------------------------------------------------


def test_it_quality_criteria(office_a, coordinator):
    first = services.add_quality_criterion(
        office=office_a, by=coordinator, name="Ziele erreicht", level=EvaluationLevel.RESULT
    )
    second = services.add_quality_criterion(
        office=office_a, by=coordinator, name="Wirkung belegt", level=EvaluationLevel.RESULT
    )
    assert (first.position, second.position) == (1, 2)
    with pytest.raises(InvalidData, match="schon"):
        services.add_quality_criterion(
            office=office_a, by=coordinator, name="ziele erreicht", level=EvaluationLevel.RESULT
        )
    with pytest.raises(InvalidData) as caught:
        services.add_quality_criterion(office=office_a, by=coordinator, name="", level="x")
    assert set(caught.value.errors) == {"name", "level"}
    services.update_quality_criterion(criterion=first, by=coordinator, is_active=False)
    first.refresh_from_db()
    assert not first.is_active
