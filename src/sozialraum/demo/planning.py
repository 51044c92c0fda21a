"""Demo data of the planning: FICTIONAL needs, measures, budgets and evaluations of Heidekreis.

`build_planning(ctx)` is a step of demo.builder.STEPS (after the teams): for the current year
and the two before, the pay groups of TVöD SuE, weighted criteria of prioritisation, quality
criteria on the four levels, the approval levels (coordination up to 10.000 €, above it the
Fachbereichsleitung, a demo account of its own), a budget per Sozialraumbezirk and year, the
needs of demo/planning_data.py with their scores and transitions (one raised from an agenda item
of the Sozialraumteam Soltau/Wietzendorf, one rejected with its reason), and the measures with
goals, cost calculations, approval steps, allocations, expenses, progress notes and
evaluations: one joint measure pooled over two Sozialraumbezirke, one continued into the next
year, one submitted by the carrier editor (traeger@heidekreis.example), one returned.

Rows are written with the ORM directly (no audit entries), with the sums the CHECK constraints
guard kept exact: `Budget.committed` is the sum of its shares, `Budget.spent` and
`AllocationShare.spent` the sums of their expenses.

`scale_planning(ctx)` (demo/planning_scale.py) is a step of the scaled demo (demo.scale):
N×20 more needs and N×5 more measures in Heidekreis (with goals, cost calculations, approvals,
allocations and projects), and three years of budgets in every synthetic youth office, all with
bulk_create.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from sozialraum.accounts.models import OfficeRole, Role, User
from sozialraum.demo import planning_data as data
from sozialraum.meetings.models import AgendaItem
from sozialraum.network.models import Organisation
from sozialraum.planning.budget_models import Allocation, AllocationShare, Budget, Expense
from sozialraum.planning.measure_models import (
    CostEstimate,
    CostItem,
    Goal,
    Measure,
    MeasureStatus,
    MeasureTransition,
)
from sozialraum.planning.models import (
    ApprovalLevel,
    ApproverKind,
    Need,
    NeedScore,
    NeedStatus,
    NeedTransition,
    PayGroup,
    PriorityCriterion,
    QualityCriterion,
    RaisedBy,
)
from sozialraum.planning.project_models import (
    Evaluation,
    GoalResult,
    NeedOutcome,
    ProgressNote,
    Project,
    ProjectStatus,
    QualityRating,
)
from sozialraum.regions.models import SocialSpace, YouthOffice
from sozialraum.teams.models import Team

if TYPE_CHECKING:
    from sozialraum.demo.builder import DemoContext

ZERO = Decimal("0.00")
CENT = Decimal("0.01")
COORDINATION_LIMIT = Decimal("10000.00")
OFFICE = "heidekreis"
BATCH = 1000
OUTCOME_STATUS = {
    NeedOutcome.MET: NeedStatus.MET,
    NeedOutcome.PARTLY_MET: NeedStatus.PARTLY_MET,
    NeedOutcome.NOT_MET: NeedStatus.ACCEPTED,
}


def aware(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def month_end(year: int, month: int) -> date:
    return (date(year + month // 12, month % 12 + 1, 1)) - timedelta(days=1)


class OfficePlanning:
    """Builds the planning rows of one youth office from demo/planning_data.py."""

    def __init__(self, ctx: DemoContext, office: YouthOffice) -> None:
        self.ctx, self.office, self.rng = ctx, office, ctx.rng
        self.today = timezone.localdate()
        self.year = self.today.year
        self.spaces = {s.name: s for s in SocialSpace.objects.in_office(office)}
        self.coordinator = ctx.users.get(f"koordination@{office.slug}.example")
        self.editor = User.objects.filter(
            office_role_set__youth_office=office, office_role_set__role=Role.CARRIER_EDITOR
        ).first()
        self.professional = ctx.users.get(f"fachkraft@{office.slug}.example")
        self.budgets: dict[tuple[int, int], Budget] = {}
        self.needs: dict[str, Need] = {}
        self.measures: dict[str, Measure] = {}
        self.receipt = 0

    # Vocabularies ------------------------------------------------------------------------------

    def vocabularies(self) -> None:
        office = self.office
        self.pay_groups = PayGroup.objects.bulk_create(
            PayGroup(youth_office=office, name=name, hourly_rate=Decimal(rate), position=n)
            for n, (name, rate) in enumerate(data.PAY_GROUPS)
        )
        self.criteria = PriorityCriterion.objects.bulk_create(
            PriorityCriterion(
                youth_office=office,
                name=name,
                description=text,
                weight=weight,
                max_score=top,
                position=n,
            )
            for n, (name, text, weight, top) in enumerate(data.PRIORITY_CRITERIA)
        )
        self.quality = QualityCriterion.objects.bulk_create(
            QualityCriterion(
                youth_office=office, level=level, name=name, description=text, position=n
            )
            for n, (level, name, text) in enumerate(data.QUALITY_CRITERIA)
        )
        self.fbl = self._head_of_department()
        self.level_coordination = ApprovalLevel.objects.create(
            youth_office=office,
            name="Koordination",
            kind=ApproverKind.COORDINATION,
            up_to=COORDINATION_LIMIT,
        )
        self.level_fbl = ApprovalLevel.objects.create(
            youth_office=office, name="Fachbereichsleitung", kind=ApproverKind.HEAD_OF_DEPARTMENT
        )
        self.level_fbl.approvers.set([self.fbl])

    def _head_of_department(self) -> User:
        """The Fachbereichsleitung: a coordination account named on the upper approval level."""
        from sozialraum.accounts import mfa
        from sozialraum.demo.builder import DEMO_TOTP_SECRET

        user = User.objects.create_user(data.FBL_EMAIL, self.ctx.password, name=data.FBL_NAME)
        OfficeRole.objects.create(youth_office=self.office, user=user, role=Role.COORDINATION)
        mfa.demo_device(user=user, secret=DEMO_TOTP_SECRET)
        self.ctx.users[user.email] = user
        return user

    def budgets_for_years(self) -> None:
        rows = [
            Budget(
                youth_office=self.office,
                social_space=self.spaces[name],
                year=self.year - offset,
                planned=Decimal(planned),
                earmarked_case_unspecific=Decimal(data.EARMARK),
                note="Beschluss des Jugendhilfeausschusses" if offset == 0 else "",
                is_demo=True,
            )
            for offset in (2, 1, 0)
            for name, planned in data.BUDGETS.items()
            if name in self.spaces
        ]
        for budget in Budget.objects.bulk_create(rows):
            self.budgets[(budget.social_space_id, budget.year)] = budget

    # Needs -------------------------------------------------------------------------------------

    def build_needs(self) -> None:
        for key, entry in data.NEEDS.items():
            self.needs[key] = self.need(entry)

    def need(self, entry: dict[str, Any]) -> Need:
        year = self.year - entry["year"]
        raised = aware(date(year, 1, 10) if entry["year"] else self.today - timedelta(days=60))
        team = Team.objects.filter(
            youth_office=self.office, name=f"Sozialraumteam {entry['spaces'][0]}"
        ).first()
        fields: dict[str, Any] = {}
        if entry.get("from_agenda"):
            item = (
                AgendaItem.objects.filter(meeting__team=team, meeting__date__lte=self.today)
                .select_related("meeting")
                .order_by("-meeting__date", "position")
                .first()
            )
            if item is not None:
                fields = {
                    "raised_by": RaisedBy.MEETING,
                    "meeting": item.meeting,
                    "agenda_item": item,
                    "raised_by_text": "",
                }
                raised = aware(item.meeting.date, 12)
        need = Need.objects.create(
            youth_office=self.office,
            title=entry["title"],
            definition=entry["definition"],
            evidence=entry["evidence"],
            target_group=entry["target_group"],
            age_from=entry["ages"][0],
            age_to=entry["ages"][1],
            team=team,
            raised_by=fields.pop("raised_by", RaisedBy.TEAM),
            status=entry["status"],
            status_reason=entry.get("reason", ""),
            created_by=self.professional,
            is_demo=True,
            **fields,
        )
        Need.objects.filter(pk=need.pk).update(created_at=raised, updated_at=raised)
        need.social_spaces.set([self.spaces[name] for name in entry["spaces"]])
        steps = {
            NeedStatus.RAISED: [],
            NeedStatus.ASSESSED: [NeedStatus.ASSESSED],
            NeedStatus.ACCEPTED: [NeedStatus.ASSESSED, NeedStatus.ACCEPTED],
            NeedStatus.REJECTED: [NeedStatus.ASSESSED, NeedStatus.REJECTED],
        }[entry["status"]]
        previous = NeedStatus.RAISED
        transitions = [
            NeedTransition(
                youth_office=self.office, need=need, from_status="", to_status=NeedStatus.RAISED
            )
        ]
        for step in steps:
            reason = entry.get("reason", "") if step == NeedStatus.REJECTED else ""
            transitions.append(
                NeedTransition(
                    youth_office=self.office,
                    need=need,
                    from_status=previous,
                    to_status=step,
                    reason=reason,
                    by=self.coordinator,
                )
            )
            previous = step
        created = NeedTransition.objects.bulk_create(transitions)
        for n, transition in enumerate(created):
            NeedTransition.objects.filter(pk=transition.pk).update(
                at=raised + timedelta(days=14 * n)
            )
        if "scores" in entry:
            NeedScore.objects.bulk_create(
                NeedScore(
                    youth_office=self.office,
                    need=need,
                    criterion=criterion,
                    score=score,
                    scored_by=self.coordinator,
                )
                for criterion, score in zip(self.criteria, entry["scores"], strict=True)
            )
            need.priority = sum(
                c.weight * s for c, s in zip(self.criteria, entry["scores"], strict=True)
            )
            Need.objects.filter(pk=need.pk).update(priority=need.priority)
        return need

    # Measures ----------------------------------------------------------------------------------

    def build_measures(self) -> None:
        organisations = {o.name: o for o in Organisation.objects.in_office(self.office)}
        for key, entry in data.MEASURES.items():
            carrier = organisations.get(entry["carrier"])
            if carrier is None:
                continue
            self.measures[key] = self.measure(key, entry, carrier)

    def measure(self, key: str, entry: dict[str, Any], carrier: Organisation) -> Measure:
        year = self.year - entry["year"]
        first, last = entry["months"]
        start, end = date(year, first, 1), month_end(year, last)
        team = Team.objects.filter(
            youth_office=self.office, name=f"Sozialraumteam {entry['team']}"
        ).first()
        author = self.editor if entry.get("by_carrier_editor") else self.professional
        created = aware(start - timedelta(days=75))
        measure = Measure.objects.create(
            youth_office=self.office,
            title=entry["title"],
            description=entry["description"],
            target_group=entry["target_group"],
            carrier=carrier,
            team=team,
            period_start=start,
            period_end=end,
            place=entry["place"],
            method=entry["method"],
            status=entry["status"],
            continued_from=self.measures.get(entry.get("continued_from", "")),
            created_by=author,
            is_demo=True,
        )
        Measure.objects.filter(pk=measure.pk).update(created_at=created, updated_at=created)
        measure.needs.set([self.needs[k] for k in entry["needs"]])
        measure.social_spaces.set([self.spaces[name] for name in entry["spaces"]])
        goals = Goal.objects.bulk_create(
            Goal(
                youth_office=self.office,
                measure=measure,
                description=description,
                indicator=indicator,
                target_value=Decimal(target),
                unit=unit,
                position=n,
            )
            for n, (description, indicator, target, unit, _achieved) in enumerate(entry["goals"])
        )
        estimate = self.estimate(measure, entry, author, created)
        self.workflow(measure, entry, estimate, author, created)
        if entry["status"] == MeasureStatus.APPROVED:
            project = self.project(measure, start, end)
            self.allocate(measure, entry, estimate.requested, project)
            self.evaluate(project, entry, goals)
        return measure

    def estimate(
        self, measure: Measure, entry: dict[str, Any], author: User | None, at: datetime
    ) -> CostEstimate:
        items = []
        for n, (kind, description, group, amount, price) in enumerate(entry["costs"]):
            item = CostItem(
                youth_office=self.office,
                kind=kind,
                description=description,
                position=n,
            )
            if group is not None:
                item.pay_group = self.pay_groups[group]
                item.hours = Decimal(amount)
                item.hourly_rate = self.pay_groups[group].hourly_rate
            else:
                item.quantity = Decimal(amount)
                item.unit_price = Decimal(price)
            item.amount = item.compute_amount()
            items.append(item)
        total = sum((item.amount for item in items), ZERO)
        own = Decimal(entry.get("own", "0"))
        third = Decimal(entry.get("third_party", "0"))
        estimate = CostEstimate.objects.create(
            youth_office=self.office,
            measure=measure,
            number=1,
            own_contribution=own,
            third_party_funding=third,
            third_party_source=entry.get("third_party_source", ""),
            total=total,
            requested=max(total - own - third, ZERO),
            created_by=author,
        )
        CostEstimate.objects.filter(pk=estimate.pk).update(created_at=at)
        for item in items:
            item.estimate = estimate
        CostItem.objects.bulk_create(items)
        return estimate

    def workflow(
        self,
        measure: Measure,
        entry: dict[str, Any],
        estimate: CostEstimate,
        author: User | None,
        created: datetime,
    ) -> None:
        status = entry["status"]
        amount = estimate.requested
        level = self.level_coordination if amount <= COORDINATION_LIMIT else self.level_fbl
        decider = self.coordinator if level == self.level_coordination else self.fbl
        steps = [(MeasureStatus.DRAFT, MeasureStatus.SUBMITTED, author, "")]
        if status == MeasureStatus.APPROVED:
            steps.append((MeasureStatus.SUBMITTED, MeasureStatus.APPROVED, decider, ""))
        elif status == MeasureStatus.RETURNED:
            steps.append(
                (MeasureStatus.SUBMITTED, MeasureStatus.RETURNED, decider, entry["return_comment"])
            )
        rows = MeasureTransition.objects.bulk_create(
            MeasureTransition(
                youth_office=self.office,
                measure=measure,
                from_status=old,
                to_status=new,
                comment=comment,
                amount=amount,
                level=level if new != MeasureStatus.SUBMITTED else None,
                estimate=estimate,
                by=by,
            )
            for old, new, by, comment in steps
        )
        for n, row in enumerate(rows):
            MeasureTransition.objects.filter(pk=row.pk).update(
                at=created + timedelta(days=10 + 21 * n)
            )

    # Projects, money, evaluation ---------------------------------------------------------------

    def project(self, measure: Measure, start: date, end: date) -> Project:
        project = Project.objects.create(
            youth_office=self.office,
            measure=measure,
            started=start,
            ends=end,
            status=ProjectStatus.RUNNING,
        )
        days = [start + timedelta(days=d) for d in (20, 90, 160, 230)]
        ProgressNote.objects.bulk_create(
            ProgressNote(
                youth_office=self.office,
                project=project,
                date=day,
                text=text,
                created_by=self.editor if measure.carrier.name == data.FREE else self.coordinator,
            )
            for day, text in zip(days, data.PROGRESS_NOTES, strict=False)
            if day <= min(end, self.today)
        )
        return project

    def allocate(
        self, measure: Measure, entry: dict[str, Any], requested: Decimal, project: Project
    ) -> None:
        spaces = [self.spaces[name] for name in entry["spaces"]]
        ratios = [Decimal(r) for r in entry.get("pooled", ["1"])]
        amounts = [(requested * r).quantize(CENT) for r in ratios[:-1]]
        amounts.append(requested - sum(amounts, ZERO))
        allocation = Allocation.objects.create(
            youth_office=self.office,
            measure=measure,
            total=requested,
            note="Gemeinsame Maßnahme zweier Sozialraumbezirke" if len(spaces) > 1 else "",
            created_by=self.coordinator,
        )
        # Committed when it was approved, not when the demo ran (the dashboard's months).
        approved = (
            MeasureTransition.objects.filter(measure=measure, to_status=MeasureStatus.APPROVED)
            .values_list("at", flat=True)
            .first()
        )
        if approved is not None:
            Allocation.objects.filter(pk=allocation.pk).update(created_at=approved)
        year = measure.period_start.year
        for space, amount in zip(spaces, amounts, strict=True):
            budget = self.budgets[(space.pk, year)]
            share = AllocationShare.objects.create(
                youth_office=self.office, allocation=allocation, budget=budget, amount=amount
            )
            spent = self.expenses(share, measure, amount, project)
            AllocationShare.objects.filter(pk=share.pk).update(spent=spent)
            budget.committed += amount
            budget.spent += spent
            Budget.objects.filter(pk=budget.pk).update(
                committed=budget.committed, spent=budget.spent
            )

    def expenses(
        self, share: AllocationShare, measure: Measure, amount: Decimal, project: Project
    ) -> Decimal:
        """Monthly expenses up to today: about all of it for a finished project, in proportion
        for a running one; never more than the share."""
        months = []
        day = measure.period_start
        while day <= min(measure.period_end, self.today):
            months.append(day)
            day = month_end(day.year, day.month) + timedelta(days=1)
        if not months:
            return ZERO
        finished = measure.period_end < self.today
        all_months = (measure.period_end.year - measure.period_start.year) * 12 + (
            measure.period_end.month - measure.period_start.month + 1
        )
        share_of = Decimal("0.97") if finished else Decimal(len(months)) / Decimal(all_months)
        target = (amount * share_of).quantize(CENT)
        each = (target / len(months)).quantize(CENT)
        rows = []
        for n, month in enumerate(months):
            value = each if n < len(months) - 1 else target - each * (len(months) - 1)
            if value <= 0:
                continue
            self.receipt += 1
            rows.append(
                Expense(
                    youth_office=self.office,
                    share=share,
                    date=min(month + timedelta(days=24), measure.period_end, self.today),
                    amount=value,
                    receipt=f"HK-{month.year}-{self.receipt:04d}",
                    description="Personal- und Sachkosten des Monats",
                    created_by=self.coordinator,
                )
            )
        Expense.objects.bulk_create(rows)
        return sum((row.amount for row in rows), ZERO)

    def evaluate(self, project: Project, entry: dict[str, Any], goals: list[Goal]) -> None:
        outcome = entry.get("evaluation")
        if outcome is None or project.ends >= self.today:
            return
        completed = outcome != "draft"
        done_at = aware(min(project.ends + timedelta(days=30), self.today))
        evaluation = Evaluation.objects.create(
            youth_office=self.office,
            project=project,
            participants_reached=int(sum(Decimal(g[4]) for g in entry["goals"] if g[4])),
            what_worked=entry.get("worked", ""),
            what_did_not=entry.get("did_not", ""),
            need_outcome=outcome if completed else "",
            completed_at=done_at if completed else None,
            completed_by=self.coordinator if completed else None,
            **(data.EVALUATION_LEVELS if completed else {}),
        )
        GoalResult.objects.bulk_create(
            GoalResult(
                youth_office=self.office,
                evaluation=evaluation,
                goal=goal,
                achieved_value=Decimal(line[4]),
            )
            for goal, line in zip(goals, entry["goals"], strict=True)
            if line[4] is not None
        )
        QualityRating.objects.bulk_create(
            QualityRating(
                youth_office=self.office,
                evaluation=evaluation,
                criterion=criterion,
                rating=self.rng.choice([2, 3, 3, 4, 4]),
            )
            for criterion in self.quality
        )
        if not completed:
            Project.objects.filter(pk=project.pk).update(status=ProjectStatus.ENDED)
            return
        Project.objects.filter(pk=project.pk).update(status=ProjectStatus.EVALUATED)
        target = OUTCOME_STATUS[NeedOutcome(outcome)]
        reason = (
            f"Evaluation des Projekts „{project.measure.title}“: Der Bedarf ist "
            f"{NeedOutcome(outcome).label}."
        )
        for need in project.measure.needs.all():
            need.refresh_from_db(fields=["status"])
            transition = NeedTransition.objects.create(
                youth_office=self.office,
                need=need,
                from_status=need.status,
                to_status=target,
                reason=reason,
                by=self.coordinator,
            )
            NeedTransition.objects.filter(pk=transition.pk).update(at=done_at)
            Need.objects.filter(pk=need.pk).update(status=target, status_reason=reason)


def build_planning(ctx: DemoContext) -> None:
    office = ctx.offices.get(OFFICE)
    if office is None:
        return
    planning = OfficePlanning(ctx, office)
    planning.vocabularies()
    planning.budgets_for_years()
    planning.build_needs()
    planning.build_measures()
    ctx.planning = planning  # type: ignore[attr-defined]
