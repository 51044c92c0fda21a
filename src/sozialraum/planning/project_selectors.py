"""Reads of projects and evaluations, with constant query counts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import F, FilteredRelation, Prefetch, Q, QuerySet, prefetch_related_objects
from django.utils import timezone

from sozialraum.network.predicates import own_organisation_id
from sozialraum.planning.budget_models import AllocationShare
from sozialraum.planning.measure_models import CostEstimate, Goal, Measure
from sozialraum.planning.models import EvaluationLevel
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


def project_page(project: Project) -> ProjectPage:
    """Everything the project's page shows, in a fixed number of queries; the project as
    `get_project_for_user(..., related=PROJECT_PAGE_RELATED)` returns it (measure, carrier,
    team, continued measure and evaluation joined; otherwise those cost a query each)."""
    measure = project.measure
    prefetch_related_objects(
        [measure],
        Prefetch("social_spaces", queryset=SocialSpace.objects.order_by("sort_key", "pk")),
        "needs",
    )
    evaluation: Evaluation | None = getattr(project, "evaluation", None)
    goals_query = Goal.objects.filter(measure=measure)
    if evaluation is not None:
        prefetch_related_objects([evaluation], Prefetch("ratings", queryset=_ratings_queryset()))
        # Each goal with its result in this evaluation (if any), in the same query.
        goals_query = goals_query.annotate(
            result=FilteredRelation("results", condition=Q(results__evaluation=evaluation)),
            achieved=F("result__achieved_value"),
            result_comment=F("result__comment"),
        )
    goals = [
        GoalLine(goal, getattr(goal, "achieved", None), getattr(goal, "result_comment", "") or "")
        for goal in goals_query
    ]
    notes = list(ProgressNote.objects.filter(project=project).select_related("created_by")[:50])
    estimate = CostEstimate.objects.filter(measure=measure).order_by("-number").first()
    shares = list(
        AllocationShare.objects.filter(allocation__measure=measure)
        .select_related("budget", "budget__social_space")
        .order_by("budget__social_space__sort_key", "pk")
    )
    committed = sum((s.amount for s in shares), ZERO) if shares else None
    spent = sum((s.spent for s in shares), ZERO) if shares else None
    continuations = list(Measure.objects.filter(continued_from=measure).order_by("pk"))
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
