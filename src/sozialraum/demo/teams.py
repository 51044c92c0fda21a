"""Demo data of the teams: FICTIONAL teams of Heidekreis and Landkreis Verden with their
members and three years of meeting history (demo/meeting_history.py).

`build_teams(ctx)` is a step of demo.builder.STEPS (after the network): per office one
Sozialraumteam per social space (Langwedel among Verden's), a Regionalteam and an AG nach § 78
SGB VIII, each with 10-25 members from the network (schools, Kitas, carriers, family midwives,
the municipality, a church ...), led by the youth office. The coordinators become people of the
network; Katrin Meyer (koordination@heidekreis.example) leads the Sozialraumteam
Soltau/Wietzendorf, where Jonas Albers (fachkraft@) and Heike Grote (schule@) are members. Some
members left during the history and others joined; about a third have a named substitute.

`scale_teams(ctx)` is a step of the scaled demo (demo.scale): (N-1)×10 more teams in
Heidekreis, each with 18-28 members from the scaled network and the same history.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.utils import timezone

from sozialraum.demo import teams_data as data
from sozialraum.demo.meeting_history import (
    History,
    MemberPlan,
    TeamPlan,
    add_school_holidays,
    core,
    fading,
    rare,
    regular,
)
from sozialraum.demo.names import FIRST_NAMES, LAST_NAMES
from sozialraum.lib.text import search_key, sort_key
from sozialraum.network.models import Affiliation, Organisation, OrganisationKind, Person
from sozialraum.regions.models import Municipality, YouthOffice
from sozialraum.teams.models import Membership, MembershipRole, Team, TeamKind

if TYPE_CHECKING:
    from sozialraum.accounts.models import User
    from sozialraum.demo.builder import DemoContext

K = OrganisationKind
SCALE_TEAMS_PER_STEP = 10
BATCH = 1000
# Organisations that stand for the same place twice in the network (a probable duplicate):
# the teams use the first one only.
SKIPPED = {"Evangelische Kita St. Marien"}


class OfficeTeams:
    """Plans the teams of one youth office: their people, memberships and substitutes."""

    def __init__(self, ctx: DemoContext, office: YouthOffice) -> None:
        self.ctx, self.office, self.rng = ctx, office, ctx.rng
        self.today = timezone.localdate()
        self.history_start = self.today - timedelta(days=365 * 3)
        self.people: list[Person] = []
        self.affiliations: list[Affiliation] = []
        self.memberships: list[Membership] = []
        self.substitutions: list[tuple[Membership, Person]] = []
        self.plans: list[TeamPlan] = []
        self.users_by_person: dict[int, User] = {}
        self.coordinator_user: User | None = None

    # People ------------------------------------------------------------------------------------

    def new_person(self, organisation: Organisation, function: str = "") -> Person:
        first, last = self.rng.choice(FIRST_NAMES), self.rng.choice(LAST_NAMES)
        person = Person(
            youth_office=self.office,
            first_name=first,
            last_name=last,
            email=f"{search_key(first)}.{search_key(last)}@beispiel.example".replace(" ", ""),
            is_demo=True,
        )
        person.set_keys()
        self.people.append(person)
        self.affiliations.append(
            Affiliation(
                youth_office=self.office,
                person=person,
                organisation=organisation,
                function=function or data.FUNCTIONS.get(organisation.kind, ""),
                since=self.history_start - timedelta(days=self.rng.randint(30, 900)),
            )
        )
        return person

    def save_people(self) -> None:
        Person.objects.bulk_create(self.people, batch_size=BATCH)
        Affiliation.objects.bulk_create(self.affiliations, batch_size=BATCH)
        self.people, self.affiliations = [], []

    # Memberships -------------------------------------------------------------------------------

    def member(
        self,
        team: Team,
        person: Person,
        organisation: Organisation | None,
        *,
        role: str = MembershipRole.MEMBER,
        joined: date,
        left: date | None = None,
    ) -> Membership:
        membership = Membership(
            youth_office=self.office,
            team=team,
            person=person,
            organisation=organisation,
            role=role,
            joined=joined,
            left=left,
        )
        self.memberships.append(membership)
        return membership

    def plan_team(
        self,
        team: Team,
        organisations: list[Organisation],
        representatives: dict[int, list[Person]],
        lead: Person,
        youth_office_org: Organisation,
    ) -> TeamPlan:
        """Members for `team`: the lead, an ASD colleague, one person per organisation (the
        network's own where there is one), more to reach 10-25; drift: some left and were
        replaced, a third have a named substitute."""
        rng = self.rng
        long_ago = self.history_start - timedelta(days=rng.randint(60, 700))
        plans = [
            MemberPlan(
                self.member(
                    team, lead, youth_office_org, role=MembershipRole.LEAD, joined=long_ago
                ),
                core,
            ),
            MemberPlan(
                self.member(
                    team, self.new_person(youth_office_org), youth_office_org, joined=long_ago
                ),
                regular,
            ),
        ]
        target = rng.randint(12, 20)
        pool = list(organisations)
        while len(pool) + 2 < target:
            pool.append(rng.choice(organisations))
        used: set[int] = {lead.pk}
        for org in pool:
            candidates = [p for p in representatives.get(org.pk, []) if p.pk not in used]
            person = candidates[0] if candidates else self.new_person(org)
            if person.pk is not None:
                used.add(person.pk)
            profile = rare if org.kind == K.MUNICIPAL else rng.choice([core, regular, fading])
            joined = self.history_start - timedelta(days=rng.randint(30, 900))
            if rng.random() < 0.25 and not candidates:
                # Left during the history; a colleague of the organisation took over.
                left = self.history_start + timedelta(days=rng.randint(120, 900))
                plans.append(
                    MemberPlan(self.member(team, person, org, joined=joined, left=left), fading)
                )
                person = self.new_person(org)
                joined = left + timedelta(days=rng.randint(1, 60))
            membership = self.member(team, person, org, joined=joined)
            member_plan = MemberPlan(membership, profile)
            if rng.random() < 0.35:
                substitute = self.new_person(org)
                member_plan.substitutes.append(substitute)
                self.substitutions.append((membership, substitute))
            plans.append(member_plan)
        if rng.random() < 0.5:
            guest_org = rng.choice(organisations)
            plans.append(
                MemberPlan(
                    self.member(
                        team,
                        self.new_person(guest_org),
                        guest_org,
                        role=MembershipRole.GUEST,
                        joined=self.today - timedelta(days=rng.randint(100, 500)),
                    ),
                    rare,
                )
            )
        plan = TeamPlan(
            team=team,
            members=plans,
            weekday=rng.choice([1, 2, 3]),
            lead_user=lead.user or self.coordinator_user,
            place=team.default_place,
        )
        self.plans.append(plan)
        return plan

    def save_memberships(self) -> None:
        """People first (new members and substitutes), then memberships and substitutes."""
        self.save_people()
        Membership.objects.bulk_create(self.memberships, batch_size=BATCH)
        through = Membership.substitutes.through
        through.objects.bulk_create(
            [through(membership_id=m.pk, person_id=p.pk) for m, p in self.substitutions],
            batch_size=BATCH,
        )
        for plan in self.plans:
            plan.users = [
                u for m in plan.members if (u := self.users_by_person.get(m.membership.person_id))
            ]


def _team_organisations(ctx: DemoContext, slug: str, office: YouthOffice) -> None:
    """The youth office itself and the municipalities' administrations (teams need them)."""
    spaces = {space.name: space for space in ctx.spaces[slug]}
    municipalities = {m.ags: m for m in Municipality.objects.filter(kreis_key=office.kreis_key)}
    for name, kind, ags, space, description in data.TEAM_ORGANISATIONS[slug]:
        org = Organisation(
            youth_office=office,
            name=name,
            kind=kind,
            municipality=municipalities.get(ags),
            city=municipalities[ags].short_name if ags in municipalities else "",
            description=description,
            is_demo=True,
        )
        org.save()
        if space in spaces:
            org.social_spaces.add(spaces[space])


def _coordinator_person(
    ctx: DemoContext, slug: str, office: YouthOffice, org: Organisation
) -> Person:
    email, first, last, function = data.COORDINATOR_PEOPLE[slug]
    person = Person(
        youth_office=office,
        first_name=first,
        last_name=last,
        email=email,
        user=ctx.users.get(email),
        is_demo=True,
    )
    person.save()
    Affiliation.objects.create(
        youth_office=office, person=person, organisation=org, function=function, is_contact=True
    )
    return person


def _office(ctx: DemoContext, slug: str, history: History) -> None:
    office = ctx.offices[slug]
    _team_organisations(ctx, slug, office)
    organisations = {
        o.pk: o
        for o in Organisation.objects.in_office(office).exclude(name__in=SKIPPED).order_by("pk")
    }
    youth_office_org = next(
        o for o in organisations.values() if o.name == data.YOUTH_OFFICE_ORGANISATION[slug]
    )
    coordinator = _coordinator_person(ctx, slug, office, youth_office_org)
    by_space: dict[int, list[Organisation]] = {}
    for org_id, space_id in Organisation.social_spaces.through.objects.filter(
        organisation__youth_office=office
    ).values_list("organisation_id", "socialspace_id"):
        if org_id in organisations:
            by_space.setdefault(space_id, []).append(organisations[org_id])
    representatives: dict[int, list[Person]] = {}
    for affiliation in (
        Affiliation.objects.filter(youth_office=office).select_related("person").order_by("pk")
    ):
        representatives.setdefault(affiliation.organisation_id, []).append(affiliation.person)
    planner = OfficeTeams(ctx, office)
    planner.users_by_person = {
        p.pk: p.user for people in representatives.values() for p in people if p.user is not None
    }
    planner.users_by_person[coordinator.pk] = coordinator.user  # type: ignore[assignment]
    planner.coordinator_user = coordinator.user
    spaces = list(ctx.spaces[slug])
    teams: list[tuple[Team, list[Organisation], Person]] = []
    for space in spaces:
        team = Team.objects.create(
            youth_office=office,
            name=f"Sozialraumteam {space.name}",
            kind=TeamKind.SOCIAL_SPACE_TEAM,
            description=f"Fachkräfte aus Kita, Schule, Trägern und Gemeinde in {space.name}.",
            default_place=f"{space.name}, {ctx.rng.choice(data.PLACES)}",
            is_demo=True,
        )
        team.social_spaces.add(space)
        teams.append((team, by_space.get(space.pk, []), coordinator))
    for name, kind, space_names, description in data.EXTRA_TEAMS[slug]:
        chosen = [s for s in spaces if s.name in space_names]
        team = Team.objects.create(
            youth_office=office,
            name=name,
            kind=kind,
            description=description,
            default_place=ctx.rng.choice(data.PLACES),
            is_demo=True,
        )
        team.social_spaces.set(chosen)
        members = sorted(
            {o for s in (chosen or spaces) for o in by_space.get(s.pk, [])},
            key=lambda o: o.pk,
        )
        if kind == TeamKind.WORKING_GROUP_78:
            members = [
                o
                for o in members
                if o.kind in (K.FREE_CARRIER, K.COUNSELLING, K.HEALTH, K.FAMILY_CENTRE)
            ] or members
        teams.append((team, members[:20], coordinator))
    lead_of_others = planner.new_person(youth_office_org, "Allgemeiner Sozialdienst, Teamleitung")
    planner.save_people()
    for team, orgs, _ in teams:
        lead = (
            coordinator
            if team.name == data.PERSONA_TEAM or (slug == "verden" and "Langwedel" in team.name)
            else lead_of_others
        )
        planner.plan_team(team, orgs or [youth_office_org], representatives, lead, youth_office_org)
    planner.save_memberships()
    add_school_holidays(office, history.first, history.last)
    for plan in planner.plans:
        history.team(plan)


def build_teams(ctx: DemoContext) -> None:
    history = History(ctx)
    for slug in ("heidekreis", "verden"):
        if slug in ctx.offices:
            _office(ctx, slug, history)
    history.flush()
    ctx.teams_history = history.counts  # type: ignore[attr-defined]


# Scaled demo (make bench) ---------------------------------------------------------------------


def scale_teams(ctx: DemoContext) -> None:
    """(N-1)×10 teams in Heidekreis with 18-28 members each from the scaled network, and the
    same three years of meetings (plain texts, fewer agenda items)."""
    office = ctx.offices.get("heidekreis")
    count = (ctx.scale - 1) * SCALE_TEAMS_PER_STEP
    if office is None or count <= 0:
        return
    rng = ctx.rng
    affiliations = list(
        Affiliation.objects.filter(youth_office=office, person__is_demo=True)
        .values_list("person_id", "organisation_id")
        .order_by("pk")
    )
    people = {pk: Person(pk=pk, youth_office_id=office.pk) for pk, _ in affiliations}
    orgs = {pk: Organisation(pk=pk, youth_office_id=office.pk) for _, pk in affiliations}
    spaces = list(ctx.spaces.get("heidekreis", []))
    lead_user = ctx.users.get("koordination@heidekreis.example")
    kinds = [TeamKind.WORKING_GROUP, TeamKind.SOCIAL_SPACE_TEAM, TeamKind.ORGANISING_TEAM]
    teams = Team.objects.bulk_create(
        [
            Team(
                youth_office=office,
                name=(name := f"Arbeitsgruppe {rng.choice(data.SCALE_WORDS)} {n + 1}"),
                sort_key=sort_key(name),
                kind=kinds[n % len(kinds)],
                is_demo=True,
            )
            for n in range(count)
        ],
        batch_size=BATCH,
    )
    through = Team.social_spaces.through
    through.objects.bulk_create(
        [through(team_id=t.pk, socialspace_id=rng.choice(spaces).pk) for t in teams if spaces],
        batch_size=BATCH,
    )
    today = timezone.localdate()
    history = History(ctx)
    for team in teams:
        memberships: list[MemberPlan] = []
        rows: list[Membership] = []
        seen: set[int] = set()
        size = min(len(affiliations), rng.randint(20, 30))
        for person_id, org_id in rng.sample(affiliations, k=size):
            if person_id in seen:
                continue
            seen.add(person_id)
            m = Membership(
                youth_office=office,
                team=team,
                person=people[person_id],
                organisation=orgs[org_id],
                role=MembershipRole.LEAD if not rows else MembershipRole.MEMBER,
                joined=today - timedelta(days=365 * 3 + rng.randint(30, 400)),
            )
            rows.append(m)
            memberships.append(MemberPlan(m, rng.choice([core, core, regular, fading])))
        Membership.objects.bulk_create(rows)
        history.team(
            TeamPlan(
                team=team,
                members=memberships,
                weekday=rng.choice([1, 2, 3]),
                lead_user=lead_user,
                rich=False,
            )
        )
    history.flush()
