"""The participation review of a team (Teilnahme): who takes part, and who does not.

- attendance by organisation over the last 12 months: meetings attended / meetings held;
  a meeting counts as held when it was not cancelled, lies in the window and has attendance
  recorded (a meeting nobody recorded says nothing about who came); an organisation attended
  when anybody came for it, a substitute included;
- members who missed the last three held meetings (neither they nor a substitute for them came),
  among those who were members already at the first of the three;
- the kinds of the network's checklist (`network.models.expected_kinds`) that never came:
  organisations of that kind in the team's social spaces, none of which attended in the window,
  or no such organisation there at all.

A constant number of queries (five), whatever the size of the history.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q
from django.utils import timezone

from sozialraum.lib.choices import labels_of
from sozialraum.meetings.models import Attendance, Meeting, MeetingStatus
from sozialraum.network.models import Organisation, OrganisationKind, expected_kinds
from sozialraum.teams.models import Membership, Team

MISSED_IN_A_ROW = 3
# The columns the review shows (issue 8: the full rows cost more than their query).
_ORGANISATION_SHOWN = ("id", "name", "kind", "sort_key")
_MEMBERSHIP_SHOWN = (
    "id",
    "team_id",
    "person_id",
    "organisation_id",
    "joined",
    "left",
    "person__id",
    "person__title",
    "person__first_name",
    "person__last_name",
    *(f"organisation__{name}" for name in _ORGANISATION_SHOWN),
)


def year_before(day: date) -> date:
    """The first day of the twelve months that end with `day` (2026-03-10 -> 2025-03-11)."""
    try:
        return day.replace(year=day.year - 1) + timedelta(days=1)
    except ValueError:  # 29 February -> 1 March of the year before
        return day.replace(year=day.year - 1, day=28) + timedelta(days=1)


@dataclass(frozen=True)
class OrganisationRow:
    """An organisation as the review shows it (read with the attendance, not as a model)."""

    pk: int
    name: str
    kind: str
    sort_key: str

    def get_kind_display(self) -> str:
        return str(_KIND_LABELS.get(self.kind, self.kind))


_KIND_LABELS = labels_of(Organisation._meta.get_field("kind"))


@dataclass(frozen=True)
class OrganisationFigures:
    organisation: OrganisationRow
    attended: int
    held: int

    @property
    def rate(self) -> int:
        """Per cent, rounded half up (0 when nothing was held)."""
        if not self.held:
            return 0
        value = Decimal(self.attended * 100) / Decimal(self.held)
        return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))

    @property
    def kind_label(self) -> str:
        return str(self.organisation.get_kind_display())


@dataclass(frozen=True)
class MissingKind:
    kind: str
    label: str
    organisations: list[Organisation]  # of that kind in the team's social spaces (may be [])


@dataclass(frozen=True)
class Review:
    team: Team
    since: date
    until: date
    held: list[Meeting]
    unrecorded: int  # meetings in the window without recorded attendance
    organisations: list[OrganisationFigures]
    guests: int  # guest entries in the window
    absentees: list[Membership]
    last_meetings: list[Meeting]
    missing_kinds: list[MissingKind]


def review(team: Team, today: date | None = None) -> Review:
    today = today or timezone.localdate()
    since = year_before(today)
    window = (
        Meeting.objects.filter(team=team, date__gte=since, date__lte=today)
        .exclude(status=MeetingStatus.CANCELLED)
        .only("id", "team_id", "date", "starts_at")
        .annotate(recorded=Count("attendances"))
        .order_by("date", "starts_at", "pk")
    )
    meetings = list(window)
    held = [m for m in meetings if m.recorded]
    held_ids = [m.pk for m in held]
    # One read of who came to the held meetings: the meetings attended per organisation
    # (anybody for it, substitutes included), the guests, and who came to the last three.
    rows = Attendance.objects.filter(meeting_id__in=held_ids).values_list(
        "meeting_id",
        "membership_id",
        "person_id",
        "is_guest",
        "organisation_id",
        "organisation__name",
        "organisation__kind",
        "organisation__sort_key",
    )
    last = held[-MISSED_IN_A_ROW:]
    last_ids = {m.pk for m in last}
    came: dict[int, set[int]] = defaultdict(set)  # meeting -> membership ids
    came_persons: set[int] = set()  # people at any of the last three
    met: dict[int, set[int]] = defaultdict(set)  # organisation -> meetings
    organisations: dict[int, OrganisationRow] = {}
    guests = 0
    for meeting_id, membership_id, person_id, is_guest, org_id, *org in rows:
        guests += is_guest
        if org_id is not None:
            met[org_id].add(meeting_id)
            if org_id not in organisations:
                organisations[org_id] = OrganisationRow(org_id, *org)
        if meeting_id in last_ids:
            if membership_id:
                came[meeting_id].add(membership_id)
            if person_id:
                came_persons.add(person_id)
    attended = {org_id: len(meetings) for org_id, meetings in met.items()}
    memberships = list(
        Membership.objects.filter(team=team)
        .filter(Q(left__isnull=True) | Q(left__gte=since))
        .select_related("person", "organisation")
        .only(*_MEMBERSHIP_SHOWN)
        .order_by("person__sort_key", "pk")
    )
    for membership in memberships:
        org = membership.organisation
        if org is not None and org.pk not in organisations:
            organisations[org.pk] = OrganisationRow(org.pk, org.name, org.kind, org.sort_key)
    figures = sorted(
        (
            OrganisationFigures(org, attended.get(pk, 0), len(held))
            for pk, org in organisations.items()
        ),
        key=lambda f: (-f.attended, f.organisation.sort_key, f.organisation.pk),
    )
    absentees = _absentees(memberships, last, came, came_persons, today)
    missing = _missing_kinds(team, set(attended))
    return Review(
        team=team,
        since=since,
        until=today,
        held=held,
        unrecorded=len(meetings) - len(held),
        organisations=figures,
        guests=guests,
        absentees=absentees,
        last_meetings=last,
        missing_kinds=missing,
    )


def _absentees(
    memberships: list[Membership],
    last: list[Meeting],
    came: dict[int, set[int]],
    persons: set[int],
    today: date,
) -> list[Membership]:
    """Members (at the first of the last three meetings already) for whom nobody came to any
    of them; `came`: meeting -> membership ids present, `persons`: the people present."""
    if len(last) < MISSED_IN_A_ROW:
        return []
    first = last[0].date
    missed = []
    for membership in memberships:
        current = membership.left is None or membership.left >= today
        if not current or membership.joined > first:
            continue
        if any(membership.pk in came[m.pk] for m in last):
            continue
        if membership.person_id in persons:
            continue  # came, though for something else (e.g. as a substitute)
        missed.append(membership)
    return missed


def _missing_kinds(team: Team, attended_ids: set[int]) -> list[MissingKind]:
    kinds = expected_kinds(team.youth_office)
    if not kinds:
        return []
    in_spaces = (
        Organisation.objects.filter(social_spaces__teams=team, kind__in=kinds)
        .only(*_ORGANISATION_SHOWN)
        .distinct()
        .order_by("sort_key", "pk")
    )
    by_kind: dict[str, list[Organisation]] = defaultdict(list)
    for org in in_spaces:
        by_kind[org.kind].append(org)
    labels = dict(OrganisationKind.choices)
    missing = []
    for kind in sorted(kinds, key=lambda k: list(labels).index(k) if k in labels else 99):
        orgs = by_kind.get(kind, [])
        if not any(o.pk in attended_ids for o in orgs):
            missing.append(
                MissingKind(kind=kind, label=str(labels.get(kind, kind)), organisations=orgs)
            )
    return missing


# The chart: one horizontal bar per organisation (an SVG each, width in per cent of the box)


@dataclass(frozen=True)
class Bar:
    label: str
    width: int  # per cent; 0 draws only the track


def chart_bars(figures: list[OrganisationFigures]) -> list[Bar]:
    return [
        Bar(
            label=f"{figure.organisation.name}: {figure.rate} %",
            width=max(figure.rate, 1) if figure.attended else 0,
        )
        for figure in figures
    ]


def export_rows(result: Review) -> tuple[list[str], list[list[object]]]:
    from django.utils.translation import gettext as _

    headers = [
        _("Organisation"),
        _("Art"),
        _("Treffen besucht"),
        _("Treffen stattgefunden"),
        _("Quote (%)"),
    ]
    rows: list[list[object]] = [
        [f.organisation.name, f.kind_label, f.attended, f.held, f.rate]
        for f in result.organisations
    ]
    return headers, rows
