"""The planning's share of the scaled demo (demo.scale, `sozialraum demo --scale N`): see
`scale_planning`. Split from demo/planning.py, which builds the ordinary demo."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils import timezone

from sozialraum.demo import planning_data as data
from sozialraum.demo.planning import BATCH, CENT, OFFICE, ZERO
from sozialraum.network.models import Organisation, OrganisationKind
from sozialraum.planning.budget_models import Allocation, AllocationShare, Budget
from sozialraum.planning.measure_models import CostEstimate, CostItem, Goal, Measure, MeasureStatus
from sozialraum.planning.models import Need, NeedScore, NeedStatus, PayGroup, PriorityCriterion
from sozialraum.planning.project_models import Project
from sozialraum.regions.models import SocialSpace, YouthOffice

if TYPE_CHECKING:
    from sozialraum.demo.builder import DemoContext


# Scaled demo (make bench) ---------------------------------------------------------------------

NEEDS_PER_SCALE = 20
MEASURES_PER_SCALE = 5


def scale_planning(ctx: DemoContext) -> None:
    """Heidekreis: (N-1)×20 more needs (scored, most accepted) and (N-1)×5 more approved
    measures of this year with goals, a cost calculation, an allocation on a budget that grows
    with them, and a project; every synthetic youth office: a budget per social space and year
    for three years."""
    extra = ctx.scale - 1
    office = ctx.offices.get(OFFICE)
    if extra <= 0 or office is None:
        return
    _scale_heidekreis(ctx, office, extra)
    _synthetic_budgets(ctx)


def _scale_heidekreis(ctx: DemoContext, office: YouthOffice, extra: int) -> None:
    rng = ctx.rng
    spaces = list(SocialSpace.objects.in_office(office).order_by("sort_key", "pk"))
    criteria = list(PriorityCriterion.objects.in_office(office))
    needs = Need.objects.bulk_create(
        [
            Need(
                youth_office=office,
                title=f"{rng.choice(data.SCALE_TOPICS)}: Bedarf {n + 1}",
                definition="Erzeugter Bedarf für die Lastmessung.",
                status=rng.choice([NeedStatus.ACCEPTED] * 3 + [NeedStatus.RAISED]),
                is_demo=True,
            )
            for n in range(extra * NEEDS_PER_SCALE)
        ],
        batch_size=BATCH,
    )
    through = Need.social_spaces.through
    through.objects.bulk_create(
        [through(need_id=need.pk, socialspace_id=rng.choice(spaces).pk) for need in needs],
        batch_size=BATCH,
    )
    scores = []
    priorities: dict[int, int] = {}
    for need in needs:
        if need.status != NeedStatus.ACCEPTED:
            continue
        total = 0
        for criterion in criteria:
            score = rng.randint(0, criterion.max_score)
            total += score * criterion.weight
            scores.append(
                NeedScore(youth_office=office, need=need, criterion=criterion, score=score)
            )
        priorities[need.pk] = total
    NeedScore.objects.bulk_create(scores, batch_size=BATCH)
    for need in needs:
        if need.pk in priorities:
            need.priority = priorities[need.pk]
    Need.objects.bulk_update(
        [n for n in needs if n.pk in priorities], ["priority"], batch_size=BATCH
    )
    _scale_measures(ctx, office, extra, spaces, needs)


def _scale_measures(
    ctx: DemoContext, office: YouthOffice, extra: int, spaces: list[SocialSpace], needs: list[Need]
) -> None:
    rng = ctx.rng
    year = timezone.localdate().year
    carriers = list(
        Organisation.objects.in_office(office)
        .filter(kind=OrganisationKind.FREE_CARRIER)
        .order_by("pk")[:5]
    ) or list(Organisation.objects.in_office(office).order_by("pk")[:5])
    pay_group = PayGroup.objects.in_office(office).order_by("position", "pk").last()
    count = extra * MEASURES_PER_SCALE
    start, end = date(year, 1, 1), date(year, 12, 31)
    measures = Measure.objects.bulk_create(
        [
            Measure(
                youth_office=office,
                title=f"{rng.choice(data.SCALE_TOPICS)} {n + 1}",
                carrier=carriers[n % len(carriers)],
                period_start=start,
                period_end=end,
                status=MeasureStatus.APPROVED,
                is_demo=True,
            )
            for n in range(count)
        ],
        batch_size=BATCH,
    )
    space_of = {m.pk: spaces[n % len(spaces)] for n, m in enumerate(measures)}
    m_spaces = Measure.social_spaces.through
    m_spaces.objects.bulk_create(
        [m_spaces(measure_id=m.pk, socialspace_id=space_of[m.pk].pk) for m in measures],
        batch_size=BATCH,
    )
    m_needs = Measure.needs.through
    m_needs.objects.bulk_create(
        [m_needs(measure_id=m.pk, need_id=needs[n].pk) for n, m in enumerate(measures)],
        batch_size=BATCH,
    )
    Goal.objects.bulk_create(
        [
            Goal(
                youth_office=office,
                measure=m,
                description="Teilnehmende erreichen",
                indicator="Teilnehmende",
                target_value=Decimal(rng.randint(10, 60)),
                unit="Personen",
            )
            for m in measures
        ],
        batch_size=BATCH,
    )
    hours = {m.pk: Decimal(rng.randint(20, 120)) for m in measures}
    rate = pay_group.hourly_rate if pay_group else Decimal("50.00")
    amounts = {pk: (h * rate).quantize(CENT) for pk, h in hours.items()}
    estimates = CostEstimate.objects.bulk_create(
        [
            CostEstimate(
                youth_office=office,
                measure=m,
                number=1,
                total=amounts[m.pk],
                requested=amounts[m.pk],
            )
            for m in measures
        ],
        batch_size=BATCH,
    )
    CostItem.objects.bulk_create(
        [
            CostItem(
                youth_office=office,
                estimate=e,
                kind="personal",
                description="Fachkraft",
                pay_group=pay_group,
                hours=hours[e.measure_id],
                hourly_rate=rate,
                amount=amounts[e.measure_id],
            )
            for e in estimates
        ],
        batch_size=BATCH,
    )
    Project.objects.bulk_create(
        [Project(youth_office=office, measure=m, started=start, ends=end) for m in measures],
        batch_size=BATCH,
    )
    allocations = Allocation.objects.bulk_create(
        [Allocation(youth_office=office, measure=m, total=amounts[m.pk]) for m in measures],
        batch_size=BATCH,
    )
    # This year's budgets grow by what the scaled measures commit, so none is over-committed.
    budgets = {b.social_space_id: b for b in Budget.objects.in_office(office).filter(year=year)}
    grown: dict[int, Decimal] = defaultdict(lambda: ZERO)
    shares = []
    for allocation in allocations:
        space = space_of[allocation.measure_id]
        budget = budgets.get(space.pk)
        if budget is None:
            continue
        grown[budget.pk] += allocation.total
        shares.append(
            AllocationShare(
                youth_office=office, allocation=allocation, budget=budget, amount=allocation.total
            )
        )
    AllocationShare.objects.bulk_create(shares, batch_size=BATCH)
    for budget in budgets.values():
        if grown[budget.pk]:
            budget.planned += grown[budget.pk]
            budget.committed += grown[budget.pk]
    Budget.objects.bulk_update(list(budgets.values()), ["planned", "committed"])


def _synthetic_budgets(ctx: DemoContext) -> None:
    year = timezone.localdate().year
    synthetic = [o for slug, o in ctx.offices.items() if slug.startswith("demo-")]
    spaces = SocialSpace.objects.filter(youth_office__in=synthetic).values_list(
        "pk", "youth_office_id"
    )
    Budget.objects.bulk_create(
        [
            Budget(
                youth_office_id=office_id,
                social_space_id=pk,
                year=year - offset,
                planned=Decimal(ctx.rng.randint(30, 70) * 1000),
                is_demo=True,
            )
            for pk, office_id in spaces
            for offset in (2, 1, 0)
        ],
        batch_size=BATCH,
    )
