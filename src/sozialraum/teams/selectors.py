"""Reads of the teams with constant query counts: a team's page, the members page, and the
memberships the network's organisation and person pages show (the list of teams: listing.py).

Meetings, tasks and decisions are read from `sozialraum.meetings` and `sozialraum.minutes`
(which build on this app); the team page shows only what those apps' models say.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Prefetch, Q, QuerySet, Window
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sozialraum.lib.choices import labels_of
from sozialraum.lib.prepared import Prepared
from sozialraum.lib.search import parse
from sozialraum.network.models import Affiliation, Organisation, OrganisationKind, Person
from sozialraum.regions.models import SocialSpace, YouthOffice
from sozialraum.teams.listing import day_of
from sozialraum.teams.models import Membership, MembershipRole, Team

# How many open tasks and decisions the team page shows.
TEAM_PAGE_TASKS = 10
TEAM_PAGE_DECISIONS = 5
# How many people the search on the members page offers at once.
PERSON_SEARCH_LIMIT = 20


@dataclass
class MemberGroup:
    """The members of one organisation kind (or without an organisation: `kind` "")."""

    kind: str
    label: str
    members: list = field(default_factory=list)  # Membership or MemberRow
    rows_html: str = ""  # the members' <li>s (teams/rows.py)


def memberships(team: Team) -> tuple[list[Membership], list[Membership], list[Membership]]:
    """(current, former, upcoming) memberships of the team with person, organisation and
    substitutes; two queries. Current by name; former by the date they left, latest first;
    upcoming (entered ahead, joining later) by their date."""
    today = timezone.localdate()
    rows = list(
        Membership.objects.filter(team=team)
        .select_related("person", "organisation")
        .prefetch_related(
            Prefetch("substitutes", queryset=Person.objects.order_by("sort_key", "pk"))
        )
        .order_by("person__sort_key", "person_id", "joined", "pk")
    )
    current = [m for m in rows if m.joined <= today and (m.left is None or m.left >= today)]
    former = [m for m in rows if m.left is not None and m.left < today]
    former.sort(key=lambda m: (m.left, m.pk), reverse=True)
    upcoming = sorted((m for m in rows if m.joined > today), key=lambda m: (m.joined, m.pk))
    return current, former, upcoming


def group_by_kind(members: list) -> list[MemberGroup]:
    """The members grouped by their organisation's kind, in the order of OrganisationKind;
    members without an organisation last."""
    groups = {kind.value: MemberGroup(kind.value, str(kind.label)) for kind in OrganisationKind}
    rest = MemberGroup("", str(_("ohne Organisation")))
    for member in members:
        org = member.organisation
        (groups.get(org.kind, rest) if org is not None else rest).members.append(member)
    return [group for group in [*groups.values(), rest] if group.members]


# What the team page shows of a person (the responsible person of a task).
PERSON_SHOWN = ("id", "title", "first_name", "last_name", "sort_key")


@dataclass
class SpaceName:
    pk: int
    name: str


@dataclass
class PersonName:
    pk: int
    full_name: str


@dataclass
class OrganisationName:
    pk: int
    name: str
    kind: str


@dataclass
class MemberRow:
    """A membership as the team page shows it (plain columns instead of three models)."""

    pk: int
    person_id: int
    person: PersonName
    organisation: OrganisationName | None
    role: str
    joined: date
    left: date | None
    substitutes: list[PersonName] = field(default_factory=list)

    def get_role_display(self) -> str:
        return str(_ROLE_LABELS.get(self.role, self.role))


_ROLE_LABELS = labels_of(Membership._meta.get_field("role"))


def _full_name(title: str, first_name: str, last_name: str) -> str:
    """Person.full_name of the columns."""
    return " ".join(part for part in (title, first_name, last_name) if part)


_MEMBER_COLUMNS = (
    "pk",
    "person_id",
    "person__title",
    "person__first_name",
    "person__last_name",
    "organisation_id",
    "organisation__name",
    "organisation__kind",
    "role",
    "joined",
    "left",
)


def _member_row(row: tuple, substitutes: dict[int, list[PersonName]]) -> MemberRow:
    pk, person_id, title, first_name, last_name, org_id, org_name, org_kind, role, joined, left = (
        row
    )
    return MemberRow(
        pk=pk,
        person_id=person_id,
        person=PersonName(person_id, _full_name(title, first_name, last_name)),
        organisation=OrganisationName(org_id, org_name, org_kind) if org_id else None,
        role=role,
        joined=joined,
        left=left,
        substitutes=substitutes.get(pk, []),
    )


def _substitutes_of(team_pk: int) -> QuerySet:
    return (
        Membership.substitutes.through.objects.filter(membership__team_id=team_pk)
        .order_by("person__sort_key", "person_id")
        .values_list(
            "membership_id", "person_id", "person__title", "person__first_name", "person__last_name"
        )
    )


def _members_of(team_pk: int) -> QuerySet:
    return (
        Membership.objects.filter(team_id=team_pk)
        .order_by("person__sort_key", "person_id", "joined", "pk")
        .values_list(*_MEMBER_COLUMNS)
    )


# The team page's fixed queries, compiled once per connection (lib/prepared.py).
_SUBSTITUTES = Prepared(_substitutes_of, int, rows=True)
_MEMBERS = Prepared(_members_of, int, rows=True)


def team_members(team: Team) -> tuple[list[MemberRow], list[MemberRow]]:
    """(current, former) members of the team as `memberships()` orders them, read as plain
    rows with their substitutes' names; two queries."""
    today = timezone.localdate()
    substitutes: dict[int, list[PersonName]] = {}
    for membership_id, person_id, *name in _SUBSTITUTES.all(team.pk):
        substitutes.setdefault(membership_id, []).append(PersonName(person_id, _full_name(*name)))
    members = [_member_row(row, substitutes) for row in _MEMBERS.all(team.pk)]
    current = [m for m in members if m.joined <= today and (m.left is None or m.left >= today)]
    former = [m for m in members if m.left is not None and m.left < today]
    former.sort(key=lambda m: (m.left, m.pk), reverse=True)
    return current, former


@dataclass
class TaskRow:
    """An open task as the team page shows it."""

    pk: int
    title: str
    due: date | None
    responsible: PersonName
    is_overdue: bool


@dataclass
class DecisionRow:
    """A decision as the team page shows it."""

    pk: int
    year: int
    number: int
    date: date
    text: str
    status: str

    def get_status_display(self) -> str:
        from sozialraum.minutes.models import Decision

        labels = labels_of(Decision._meta.get_field("status"))
        return str(labels.get(self.status, self.status))


def _next_meeting_of(team_pk: int, day: str) -> QuerySet:
    """The team's first planned meeting on or after `day` (ISO text)."""
    from sozialraum.meetings.models import Meeting, MeetingStatus

    return Meeting.objects.filter(
        team_id=team_pk, date__gte=day_of(day), status=MeetingStatus.PLANNED
    ).order_by("date", "starts_at", "pk")[:1]


def _open_tasks_of(team_pk: int) -> QuerySet:
    """The first open tasks with the count of all of them in the same query (a window)."""
    from sozialraum.minutes.models import Task, TaskStatus

    return (
        Task.objects.filter(team_id=team_pk, status=TaskStatus.OPEN)
        .annotate(total=Window(Count("pk")))
        .order_by("due", "pk")
        .values_list(
            "id",
            "title",
            "due",
            "responsible_id",
            "responsible__title",
            "responsible__first_name",
            "responsible__last_name",
            "total",
        )[:TEAM_PAGE_TASKS]
    )


def _decisions_of(team_pk: int) -> QuerySet:
    from sozialraum.minutes.models import Decision

    return (
        Decision.objects.filter(team_id=team_pk)
        .order_by("-date", "-number", "-pk")
        .values_list("id", "year", "number", "date", "text", "status")[:TEAM_PAGE_DECISIONS]
    )


def _spaces_of(team_pk: int) -> QuerySet:
    return (
        SocialSpace.objects.filter(teams=team_pk)
        .order_by("sort_key", "pk")
        .values_list("pk", "name")
    )


_NEXT_MEETING = Prepared(_next_meeting_of, int, str)
_OPEN_TASKS = Prepared(_open_tasks_of, int, rows=True)
_DECISIONS = Prepared(_decisions_of, int, rows=True)
_SPACES = Prepared(_spaces_of, int, rows=True)


@dataclass
class TeamPage:
    team: Team
    spaces: list
    groups: list[MemberGroup]
    leads: list[MemberRow]
    member_count: int
    former: list[MemberRow]
    next_meeting: object | None
    open_tasks: list[TaskRow]
    open_task_count: int
    decisions: list[DecisionRow]
    today: date
    tasks_html: str = ""  # the open tasks', decisions' and former members' <li>s (teams/rows.py)
    decisions_html: str = ""
    former_html: str = ""


def team_page(team: Team) -> TeamPage:
    """Everything the team page shows, in a constant number of queries (each compiled once per
    connection)."""
    today = timezone.localdate()
    current, former = team_members(team)
    next_meeting = _NEXT_MEETING.first(team.pk, today.isoformat())
    if next_meeting is not None:
        next_meeting.youth_office = team.youth_office
    found = _OPEN_TASKS.all(team.pk)
    tasks = [
        TaskRow(
            pk=pk,
            title=title,
            due=due,
            responsible=PersonName(person_id, _full_name(*name)),
            is_overdue=due is not None and due < today,
        )
        for pk, title, due, person_id, *name, _total in found
    ]
    return TeamPage(
        team=team,
        spaces=[SpaceName(pk, name) for pk, name in _SPACES.all(team.pk)],
        groups=group_by_kind(current),
        leads=[m for m in current if m.role == MembershipRole.LEAD],
        member_count=len(current),
        former=former,
        next_meeting=next_meeting,
        open_tasks=tasks,
        open_task_count=found[0][-1] if found else 0,
        decisions=[DecisionRow(*row) for row in _DECISIONS.all(team.pk)],
        today=today,
    )


# The members page -----------------------------------------------------------------------------


def person_search(office: YouthOffice, q: str) -> list[Person]:
    """Up to PERSON_SEARCH_LIMIT people of the office's network matching `q` (German search of
    the directory), each with `current_affiliations`; two queries. Empty `q`: nobody."""
    query = parse(q)
    if not query or query.unsearchable:
        return []
    people = (
        Person.objects.in_office(office)
        .search(query)
        .order_by("sort_key", "pk")
        .prefetch_related(
            Prefetch(
                "affiliations",
                queryset=Affiliation.objects.current()
                .select_related("organisation")
                .order_by("organisation__sort_key"),
                to_attr="current_affiliations",
            )
        )
    )
    return list(people[:PERSON_SEARCH_LIMIT])


def substitute_candidates(
    person: Person, organisation: Organisation | None, keep: list[Person] | None = None
) -> QuerySet[Person]:
    """Who may be named as substitute: the people currently working for the member's
    organisation (or, without one, for any of the member's organisations), not the member;
    plus the substitutes already named (`keep`)."""
    today = timezone.localdate()
    if organisation is not None:
        orgs = Q(affiliations__organisation=organisation)
    else:
        orgs = Q(
            affiliations__organisation__in=Affiliation.objects.filter(person=person)
            .exclude(until__lt=today)
            .values("organisation")
        )
    colleagues = (
        Person.objects.in_office(person.youth_office)
        .filter(orgs)
        .filter(Q(affiliations__until__isnull=True) | Q(affiliations__until__gte=today))
        .exclude(pk=person.pk)
        .values("pk")
    )
    kept = [p.pk for p in keep or []]
    return (
        Person.objects.in_office(person.youth_office)
        .filter(Q(pk__in=colleagues) | Q(pk__in=kept))
        .order_by("sort_key", "pk")
    )


# Memberships on the network's pages ------------------------------------------------------------


@dataclass(frozen=True)
class Named:
    """What the memberships' lines show of a team, person or organisation."""

    name: str = ""
    full_name: str = ""


@dataclass(frozen=True)
class NetworkMember:
    """A membership as the network's pages show it: plain columns instead of three model
    instances per line (issue 8: the organisation page spent 5 ms building 13 of them)."""

    team_id: int
    person_id: int
    team: Named
    person: Named
    organisation: Named | None
    role: str
    joined: date
    left: date | None

    def get_role_display(self) -> str:
        return labels_of(Membership._meta.get_field("role")).get(self.role, self.role)


@dataclass
class NetworkMemberships:
    current: list[NetworkMember]
    former: list[NetworkMember]
    substituting: list[NetworkMember] = field(default_factory=list)


_NETWORK_MEMBER_COLUMNS = (
    "team_id",
    "person_id",
    "team__name",
    "person__title",
    "person__first_name",
    "person__last_name",
    "organisation__name",
    "role",
    "joined",
    "left",
)


def _members(memberships: QuerySet[Membership]) -> list[NetworkMember]:
    members = []
    for row in memberships.values_list(*_NETWORK_MEMBER_COLUMNS):
        team_id, person_id, team, title, first, last, organisation, role, joined, left = row
        full_name = " ".join(part for part in (title, first, last) if part)
        members.append(
            NetworkMember(
                team_id=team_id,
                person_id=person_id,
                team=Named(name=team),
                person=Named(full_name=full_name),
                organisation=Named(name=organisation) if organisation is not None else None,
                role=role,
                joined=joined,
                left=left,
            )
        )
    return members


def _split(rows: list[NetworkMember]) -> NetworkMemberships:
    today = timezone.localdate()
    return NetworkMemberships(
        current=[m for m in rows if m.left is None or m.left >= today],
        former=[m for m in rows if m.left is not None and m.left < today],
    )


def organisation_memberships(organisation: Organisation) -> NetworkMemberships:
    """The teams the organisation is represented in (by whom), current and former; one query."""
    return _split(
        _members(
            Membership.objects.filter(organisation=organisation).order_by(
                "team__sort_key", "team_id", "person__sort_key", "-joined", "pk"
            )
        )
    )


def person_memberships(person: Person) -> NetworkMemberships:
    """The person's memberships (current and former) and the current memberships in which
    they are a named substitute; two queries."""
    result = _split(
        _members(
            Membership.objects.filter(person=person).order_by(
                "team__sort_key", "team_id", "-joined", "pk"
            )
        )
    )
    today = timezone.localdate()
    result.substituting = _members(
        Membership.objects.filter(substitutes=person)
        .filter(Q(left__isnull=True) | Q(left__gte=today))
        .order_by("team__sort_key", "team_id", "person__sort_key", "pk")
    )
    return result
