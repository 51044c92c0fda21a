"""Reads of projects and evaluations, with constant query counts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import F, FilteredRelation, Prefetch, Q, QuerySet
from django.utils import timezone

from sozialraum.lib.prepared import Prepared, attach_related
from sozialraum.network.predicates import own_organisation_id
from sozialraum.planning.budget_models import AllocationShare
from sozialraum.planning.measure_models import CostEstimate, Goal, Measure
from sozialraum.planning.models import EvaluationLevel, Need
from sozialraum.planning.project_forms import STATE_ENDED, STATE_EVALUATED, STATE_RUNNING
from sozialraum.planning.project_models import (
    Evaluation,
    ProgressNote,
    Project,
    ProjectStatus,
    QualityRating,
)
from sozialraum.planning.project_services import criteria_for  # noqa: F401 (re-exported)
from sozialraum.regions.models import SocialSpace, YouthOffice

ZERO = Decimal("0.00")


def state_filter(state: str, today: date) -> Q:
    """Running: in its period; ended: its period is over (or it was ended) and it is not yet
    evaluated; evaluated: the evaluation is completed."""
    running = Q(status=ProjectStatus.RUNNING)
    if state == STATE_RUNNING:
        return running & Q(ends__gte=today)
    if state == STATE_ENDED:
        return Q(status=ProjectStatus.ENDED) | (running & Q(ends__lt=today))
    if state == STATE_EVALUATED:
        return Q(status=ProjectStatus.EVALUATED)
    return Q()


def state_of(project: Project, today: date) -> str:
    if project.status == ProjectStatus.EVALUATED:
        return STATE_EVALUATED
    if project.status == ProjectStatus.ENDED or project.ends < today:
        return STATE_ENDED
    return STATE_RUNNING


def project_list(office: YouthOffice, user: Any, filters: dict[str, Any]) -> QuerySet[Project]:
    """The office's projects, newest first; a carrier editor sees their organisation's only.
    Three queries per page: the count, the rows (measure, carrier, evaluation joined), the
    social spaces of the page's measures."""
    today = timezone.localdate()
    projects = (
        Project.objects.in_office(office)
        .select_related("measure", "measure__carrier", "evaluation")
        .prefetch_related(
            Prefetch(
                "measure__social_spaces",
                queryset=SocialSpace.objects.order_by("sort_key", "pk").only("pk", "name"),
            )
        )
        .order_by("-started", "-pk")
    )
    own = own_organisation_id(user, office)
    if own is not None:
        projects = projects.filter(measure__carrier_id=own)
    if filters.get("stand"):
        projects = projects.filter(state_filter(filters["stand"], today))
    if filters.get("raum"):
        projects = projects.filter(measure__social_spaces=filters["raum"])
    if filters.get("jahr"):
        year = filters["jahr"]
        projects = projects.filter(started__lte=date(year, 12, 31), ends__gte=date(year, 1, 1))
    return projects


def mark_states(projects: list[Project]) -> list[Project]:
    today = timezone.localdate()
    for project in projects:
        project.state = state_of(project, today)  # type: ignore[attr-defined]
    return projects


@dataclass
class GoalLine:
    goal: Goal
    achieved: Decimal | None = None
    comment: str = ""

    @property
    def reached(self) -> bool | None:
        if self.achieved is None:
            return None
        return self.achieved >= self.goal.target_value


@dataclass
class ProjectPage:
    project: Project
    measure: Measure
    state: str
    goals: list[GoalLine]
    notes: list[ProgressNote]
    evaluation: Evaluation | None
    estimate: CostEstimate | None
    committed: Decimal | None
    spent: Decimal | None
    shares: list[AllocationShare] = field(default_factory=list)
    continuations: list[Measure] = field(default_factory=list)
    ratings: list[Any] = field(default_factory=list)


# What the project's page joins to the project (get_project_for_user(..., related=...)).
PROJECT_PAGE_RELATED = ("measure__continued_from", "evaluation", "evaluation__completed_by")


def _goals_with_results(measure_pk: int, evaluation_pk: int) -> QuerySet[Goal]:
    # Each goal with its result in this evaluation (if any), in the same query.
    return Goal.objects.filter(measure_id=measure_pk).annotate(
        result=FilteredRelation("results", condition=Q(results__evaluation_id=evaluation_pk)),
        achieved=F("result__achieved_value"),
        result_comment=F("result__comment"),
    )


# The fixed queries of the project's page, compiled once per connection (lib/prepared.py,
# issue 8); each is what the ORM's queryset would run.
_SPACES = Prepared(
    lambda pk: SocialSpace.objects.filter(measures=pk).order_by("sort_key", "pk"), int
)
_NEEDS = Prepared(lambda pk: Need.objects.filter(measures=pk), int)
_RATINGS = Prepared(lambda pk: _ratings_queryset().filter(evaluation_id=pk), int)
_GOALS = Prepared(lambda pk: Goal.objects.filter(measure_id=pk), int)
_GOALS_WITH_RESULTS = Prepared(_goals_with_results, int, int)
_NOTES = Prepared(
    lambda pk: ProgressNote.objects.filter(project_id=pk).select_related("created_by")[:50], int
)
_ESTIMATE = Prepared(
    lambda pk: CostEstimate.objects.filter(measure_id=pk).order_by("-number")[:1], int
)
_SHARES = Prepared(
    lambda pk: (
        AllocationShare.objects.filter(allocation__measure_id=pk)
        .select_related("budget", "budget__social_space")
        .order_by("budget__social_space__sort_key", "pk")
    ),
    int,
)
_CONTINUATIONS = Prepared(
    lambda pk: Measure.objects.filter(continued_from_id=pk).order_by("pk"), int
)


def project_page(project: Project) -> ProjectPage:
    """Everything the project's page shows, in a fixed number of queries; the project as
    `get_project_for_user(..., related=PROJECT_PAGE_RELATED)` returns it (measure, carrier,
    team, continued measure and evaluation joined; otherwise those cost a query each)."""
    measure = project.measure
    attach_related(measure, "social_spaces", _SPACES.all(measure.pk))
    attach_related(measure, "needs", _NEEDS.all(measure.pk))
    evaluation: Evaluation | None = getattr(project, "evaluation", None)
    if evaluation is not None:
        attach_related(evaluation, "ratings", _RATINGS.all(evaluation.pk))
        found = _GOALS_WITH_RESULTS.all(measure.pk, evaluation.pk)
    else:
        found = _GOALS.all(measure.pk)
    goals = [
        GoalLine(goal, getattr(goal, "achieved", None), getattr(goal, "result_comment", "") or "")
        for goal in found
    ]
    notes = _NOTES.all(project.pk)
    estimate = _ESTIMATE.first(measure.pk)
    shares = _SHARES.all(measure.pk)
    committed = sum((s.amount for s in shares), ZERO) if shares else None
    spent = sum((s.spent for s in shares), ZERO) if shares else None
    continuations = _CONTINUATIONS.all(measure.pk)
    return ProjectPage(
        project=project,
        measure=measure,
        state=state_of(project, timezone.localdate()),
        goals=goals,
        notes=notes,
        evaluation=evaluation,
        estimate=estimate,
        committed=committed,
        spent=spent,
        shares=shares,
        continuations=continuations,
        ratings=sorted_ratings(evaluation),
    )


LEVEL_ORDER = {value: n for n, value in enumerate(EvaluationLevel.values)}


def sorted_ratings(evaluation: Evaluation | None) -> list[QualityRating]:
    """The ratings in the order of the four levels (Struktur, Prozess, Ergebnis, Qualität)."""
    if evaluation is None:
        return []
    return sorted(
        evaluation.ratings.all(),
        key=lambda r: (LEVEL_ORDER.get(r.criterion.level, 9), r.criterion.position, r.criterion_id),
    )


def _ratings_queryset():
    return QualityRating.objects.select_related("criterion").order_by(
        "criterion__level", "criterion__position", "criterion_id"
    )


def evaluation_of(project: Project) -> Evaluation | None:
    return (
        Evaluation.objects.filter(project=project)
        .prefetch_related("results", Prefetch("ratings", queryset=_ratings_queryset()))
        .select_related("completed_by")
        .first()
    )
