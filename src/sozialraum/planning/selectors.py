"""Reads of sozialraum.planning: needs and measures (planning-needs). Every query is scoped to
one youth office; list pages read a constant number of queries whatever their length."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Count, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from sozialraum.lib.prepared import Prepared, attach
from sozialraum.planning.measure_models import (
    CostEstimate,
    Goal,
    Measure,
    MeasureStatus,
    MeasureTransition,
)
from sozialraum.planning.models import (
    ZERO,
    ApprovalLevel,
    Need,
    NeedScore,
    NeedStatus,
    NeedTransition,
    PriorityCriterion,
)
from sozialraum.regions.models import SocialSpace, YouthOffice

# Needs that are prioritised (scored and ranked).
RANKED_STATUSES = (NeedStatus.ACCEPTED, NeedStatus.PARTLY_MET)


def current_estimate(measure: Measure) -> CostEstimate | None:
    """The newest revision of the measure's cost calculation (None before the first)."""
    return (
        CostEstimate.objects.filter(measure=measure)
        .select_related("created_by")
        .order_by("-number")
        .first()
    )


def requested_amount(measure: Measure) -> Decimal:
    estimate = current_estimate(measure)
    return estimate.requested if estimate is not None else ZERO


def level_for(office: YouthOffice, amount: Decimal) -> ApprovalLevel | None:
    """The approval level that decides `amount`: the smallest `up_to` covering it (None: no
    level is set up, coordination decides)."""
    for level in ApprovalLevel.objects.in_office(office).prefetch_related("approvers"):
        if level.up_to is None or amount <= level.up_to:
            return level
    return None


def _measure_counts() -> QuerySet:
    """How many measures answer each need (a subquery, so the list needs no GROUP BY)."""
    links = Measure.needs.through.objects.filter(need_id=OuterRef("pk"))
    counted = links.order_by().values("need_id").annotate(n=Count("pk"))
    return counted.values("n")  # type: ignore[misc]  # the stubs do not see the annotation


def need_list(
    office: YouthOffice,
    *,
    status: str = "",
    space: int | None = None,
    team: int | None = None,
) -> QuerySet[Need]:
    needs = (
        Need.objects.in_office(office)
        .select_related("team")
        .prefetch_related("social_spaces")
        .annotate(measure_count=Coalesce(Subquery(_measure_counts()), 0))
    )
    if status:
        needs = needs.filter(status=status)
    if space is not None:
        needs = needs.filter(social_spaces=space)
    if team is not None:
        needs = needs.filter(team_id=team)
    return needs.order_by("-created_at", "-id")


# The fixed queries of a need's page, compiled once per connection (lib/prepared.py).
_NEED_SPACES = Prepared(lambda pk: SocialSpace.objects.filter(needs=pk).order_by("name"), int)
_NEED_MEASURES = Prepared(
    lambda pk: (
        Measure.objects.filter(needs=pk).select_related("carrier").order_by("-period_start", "-id")
    ),
    int,
)
_NEED_TRANSITIONS = Prepared(
    lambda pk: NeedTransition.objects.filter(need_id=pk).select_related("by").order_by("at", "id"),
    int,
)
_NEED_SCORES = Prepared(
    lambda pk: (
        NeedScore.objects.filter(need_id=pk)
        .select_related("criterion")
        .order_by("criterion__position", "criterion_id")
    ),
    int,
)


def need_page(need: Need) -> dict[str, Any]:
    return {
        "spaces": _NEED_SPACES.all(need.pk),
        "measures": _NEED_MEASURES.all(need.pk),
        "transitions": _NEED_TRANSITIONS.all(need.pk),
        "scores": _NEED_SCORES.all(need.pk),
    }


def active_criteria(office: YouthOffice) -> list[PriorityCriterion]:
    return list(PriorityCriterion.objects.in_office(office).filter(is_active=True))


def ranked_needs(office: YouthOffice) -> QuerySet:
    """The accepted needs by priority, highest first, unscored last, as plain rows (`id`,
    `title`, `priority`); planning/need_rows.py adds their social spaces and scores."""
    return (
        Need.objects.in_office(office)
        .filter(status__in=RANKED_STATUSES)
        .order_by(F("priority").desc(nulls_last=True), "-created_at", "-id")
        .values("id", "title", "priority")
    )


def measure_list(
    office: YouthOffice,
    *,
    status: str = "",
    carrier_id: int | None = None,
    space: int | None = None,
) -> QuerySet[Measure]:
    measures = Measure.objects.in_office(office).select_related("carrier", "team")
    if status:
        measures = measures.filter(status=status)
    if carrier_id is not None:
        measures = measures.filter(carrier_id=carrier_id)
    if space is not None:
        measures = measures.filter(social_spaces=space)
    return measures.prefetch_related(
        Prefetch("estimates", queryset=CostEstimate.objects.order_by("-number")),
    ).order_by("-period_start", "-id")


def own_carrier(office: YouthOffice, user: Any) -> tuple[bool, int | None]:
    """(True, their organisation's id) for a carrier editor, who sees the measures of that
    organisation only; (False, None) for everyone else."""
    from sozialraum.accounts.models import Role
    from sozialraum.accounts.predicates import role_of

    role, organisation_id = role_of(user, office)
    if role == Role.CARRIER_EDITOR:
        return True, organisation_id
    return False, None


def visible_measures(office: YouthOffice, user: Any) -> Q:
    """Carrier editors see their own organisation's measures only."""
    restricted, organisation_id = own_carrier(office, user)
    return Q(carrier_id=organisation_id) if restricted else Q()


# The fixed queries of a measure's page (and its documents), compiled once per connection
# (lib/prepared.py, issue 8): each is what the ORM's queryset below would run.
_ESTIMATES = Prepared(
    lambda pk: (
        CostEstimate.objects.filter(measure_id=pk).select_related("created_by").order_by("-number")
    ),
    int,
)
_ITEMS = Prepared(
    lambda pk: _items().filter(estimate__measure_id=pk),
    int,
)
_NEEDS = Prepared(lambda pk: Need.objects.filter(measures=pk).order_by("title"), int)
_SPACES = Prepared(lambda pk: SocialSpace.objects.filter(measures=pk).order_by("name"), int)
_GOALS = Prepared(
    lambda pk: Goal.objects.filter(measure_id=pk).order_by("position", "id"),
    int,
)
_TRANSITIONS = Prepared(
    lambda pk: (
        MeasureTransition.objects.filter(measure_id=pk)
        .select_related("by", "level", "decision")
        .order_by("at", "id")
    ),
    int,
)


def estimates_with_items(measure: Measure) -> list[CostEstimate]:
    """Every revision, newest first, with its items and who wrote it (two queries)."""
    estimates = _ESTIMATES.all(measure.pk)
    for estimate in estimates:
        estimate.measure = measure
    attach(estimates, "items", _ITEMS.all(measure.pk))
    return estimates


def _items() -> QuerySet:
    from sozialraum.planning.measure_models import CostItem

    return CostItem.objects.select_related("pay_group").order_by("position", "id")


def measure_page(measure: Measure) -> dict[str, Any]:
    estimates = estimates_with_items(measure)
    needs = _NEEDS.all(measure.pk)
    for need in needs:  # their links need the office's slug: the measure's office, joined
        need.youth_office = measure.youth_office
    return {
        "needs": needs,
        "spaces": _SPACES.all(measure.pk),
        "goals": _GOALS.all(measure.pk),
        "estimate": estimates[0] if estimates else None,
        "estimates": estimates,
        "transitions": _TRANSITIONS.all(measure.pk),
    }


def submitter(measure: Measure) -> int | None:
    """Who submitted the measure last (the user id), or None."""
    last = (
        MeasureTransition.objects.filter(measure=measure, to_status=MeasureStatus.SUBMITTED)
        .order_by("-at", "-id")
        .values_list("by_id", flat=True)
        .first()
    )
    return last
