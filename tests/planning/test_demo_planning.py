"""demo.planning: three years of needs, measures, budgets, allocations, expenses and
evaluations in Heidekreis; the sums the CHECK constraints guard; the scaled demo; the reset."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db.models import Count, Sum
from django.utils import timezone

from sozialraum.demo.builder import build_demo, reset_demo
from sozialraum.demo.planning_data import FBL_EMAIL
from sozialraum.planning.budget_models import Allocation, AllocationShare, Budget, Expense
from sozialraum.planning.measure_models import (
    CostEstimate,
    Measure,
    MeasureStatus,
    MeasureTransition,
)
from sozialraum.planning.models import (
    ApprovalLevel,
    Need,
    NeedStatus,
    NeedTransition,
    PayGroup,
    QualityCriterion,
    RaisedBy,
)
from sozialraum.planning.project_models import Evaluation, NeedOutcome, Project, ProjectStatus
from sozialraum.regions.models import YouthOffice

PASSWORD = "Demo-Passwort-2026"
ZERO = Decimal("0.00")


@pytest.fixture
def demo(municipalities):
    return build_demo(password=PASSWORD)


def sums_are_consistent() -> None:
    for share in AllocationShare.objects.annotate(total=Sum("expenses__amount")):
        assert share.spent == (share.total or ZERO), share
        assert share.spent <= share.amount
    for budget in Budget.objects.all():
        shares = AllocationShare.objects.filter(budget=budget)
        assert budget.committed == (shares.aggregate(s=Sum("amount"))["s"] or ZERO), budget
        assert budget.spent == (shares.aggregate(s=Sum("spent"))["s"] or ZERO), budget
        assert budget.committed <= budget.planned + budget.transferred + budget.overridden
    for allocation in Allocation.objects.annotate(s=Sum("shares__amount")):
        assert allocation.s == allocation.total


def test_it_builds_three_years_in_heidekreis(demo):
    office = YouthOffice.objects.get(slug="heidekreis")
    year = timezone.localdate().year
    budgets = Budget.objects.filter(youth_office=office)
    assert sorted(set(budgets.values_list("year", flat=True))) == [year - 2, year - 1, year]
    assert budgets.count() == 18
    assert set(Need.objects.filter(youth_office=office).values_list("status", flat=True)) >= {
        NeedStatus.RAISED,
        NeedStatus.ASSESSED,
        NeedStatus.ACCEPTED,
        NeedStatus.REJECTED,
        NeedStatus.MET,
    }
    assert Need.objects.get(status=NeedStatus.REJECTED).status_reason
    from_meeting = Need.objects.get(raised_by=RaisedBy.MEETING)
    assert from_meeting.agenda_item.meeting.team.name == "Sozialraumteam Soltau/Wietzendorf"
    ranked = Need.objects.filter(status=NeedStatus.ACCEPTED, priority__isnull=False)
    assert ranked.count() >= 3
    assert PayGroup.objects.filter(youth_office=office, name__startswith="TVöD SuE").count() == 5
    assert {c.level for c in QualityCriterion.objects.filter(youth_office=office)} == {
        "struktur",
        "prozess",
        "ergebnis",
        "qualitaet",
    }
    sums_are_consistent()


def test_it_approval_levels_and_deciders(demo):
    coordination, head = ApprovalLevel.objects.filter(youth_office__slug="heidekreis")
    assert coordination.up_to == Decimal("10000.00") and head.up_to is None
    assert list(head.approvers.values_list("email", flat=True)) == [FBL_EMAIL]
    for transition in MeasureTransition.objects.filter(to_status=MeasureStatus.APPROVED):
        estimate = CostEstimate.objects.get(measure=transition.measure)
        assert transition.amount == estimate.requested
        expected = coordination if estimate.requested <= coordination.up_to else head
        assert transition.level == expected
        if expected == head:
            assert transition.by.email == FBL_EMAIL
    assert MeasureTransition.objects.filter(level=head, to_status=MeasureStatus.APPROVED).exists()
    assert MeasureTransition.objects.filter(
        level=coordination, to_status=MeasureStatus.APPROVED
    ).exists()


def test_it_the_pooled_the_continued_and_the_carrier_editors_measure(demo):
    pooled = Allocation.objects.annotate(n=Count("shares")).get(n=2)
    spaces = {
        s.budget.social_space.name for s in pooled.shares.select_related("budget__social_space")
    }
    assert spaces == {"Munster/Bispingen", "Schneverdingen/Neuenkirchen"}
    continued = Measure.objects.get(continued_from__isnull=False)
    assert continued.continued_from.title == continued.title == "Elterncafé Soltau"
    submitted = Measure.objects.get(status=MeasureStatus.SUBMITTED)
    assert submitted.created_by.email == "traeger@heidekreis.example"
    assert submitted.carrier.name == "Jugendhilfeverbund Heideland e. V."
    assert Measure.objects.filter(status=MeasureStatus.RETURNED).exists()
    for measure in Measure.objects.filter(status=MeasureStatus.APPROVED):
        assert Project.objects.filter(measure=measure).exists()


def test_it_evaluations_feed_back_to_the_needs(demo):
    completed = Evaluation.objects.filter(completed_at__isnull=False)
    assert set(completed.values_list("need_outcome", flat=True)) == {
        NeedOutcome.MET,
        NeedOutcome.PARTLY_MET,
        NeedOutcome.NOT_MET,
    }
    for evaluation in completed:
        assert evaluation.project.status == ProjectStatus.EVALUATED
        assert evaluation.results.count() == evaluation.project.measure.goals.count()
        assert evaluation.ratings.count() == 8
    assert Evaluation.objects.filter(completed_at__isnull=True).get().project.status == (
        ProjectStatus.ENDED
    )
    parents = Need.objects.get(title="Treffpunkt für Eltern mit Kleinkindern in Soltau")
    assert parents.status == NeedStatus.MET
    assert list(
        NeedTransition.objects.filter(need=parents, reason__startswith="Evaluation").values_list(
            "to_status", flat=True
        )
    ) == [NeedStatus.PARTLY_MET, NeedStatus.MET]
    school = Need.objects.get(title__startswith="Schulabsentismus")
    assert school.status == NeedStatus.ACCEPTED  # not met: back in the ranking
    assert NeedTransition.objects.filter(need=school, reason__contains="nicht gedeckt").exists()
    assert Expense.objects.exists()


def test_it_the_scaled_demo_grows_and_stays_consistent(municipalities):
    build_demo(password=PASSWORD, scale=3)
    office = YouthOffice.objects.get(slug="heidekreis")
    assert Need.objects.filter(youth_office=office).count() == 10 + 2 * 20
    assert Measure.objects.filter(youth_office=office).count() == 8 + 2 * 5
    assert Budget.objects.filter(youth_office__slug__startswith="demo-").count() > 0
    sums_are_consistent()


def test_it_reset_deletes_the_planning_with_its_offices(demo):
    assert Measure.objects.exists() and Expense.objects.exists()
    reset_demo()
    assert not YouthOffice.objects.exists()
    assert not Measure.objects.exists() and not Budget.objects.exists()
    build_demo(password=PASSWORD)
    assert Project.objects.exists()


@pytest.mark.django_db
def test_it_an_office_with_planning_rows_can_be_deleted_an_organisation_alone_not(
    office_a, space_a, space_a2
):
    from django.db.models import RestrictedError

    from tests.planning.project_fixtures import allocate, make_project

    project = make_project(office_a, spaces=[space_a, space_a2])
    allocate(project, [(space_a, Decimal("100.00")), (space_a2, Decimal("50.00"))])
    with pytest.raises(RestrictedError):
        project.measure.carrier.delete()
    with pytest.raises(RestrictedError):
        space_a.delete()
    office_a.delete()
    assert not Measure.objects.exists() and not AllocationShare.objects.exists()
