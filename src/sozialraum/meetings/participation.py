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

A constant number of queries (four), whatever the size of the history.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import DateField, Q, Value
from django.db.models.functions import Cast
from django.utils import timezone

from sozialraum.lib.choices import labels_of
from sozialraum.lib.prepared import Prepared
from sozialraum.meetings.columns import Columns, lookups, split
from sozialraum.meetings.models import Meeting, MeetingStatus
from sozialraum.network.models import ExpectedKind, Organisation, OrganisationKind, Person
from sozialraum.teams.models import Membership, Team

MISSED_IN_A_ROW = 3


def _day(value: str) -> Cast:
    """An ISO date given as text, compared as a date (a compiled query's parameter is text)."""
    return Cast(Value(value), output_field=DateField())


# The queries of the review, compiled once per connection (lib/prepared.py, issue 8); the
# columns it shows, as rows (the full rows cost more than their query).
_MEETING = Columns(Meeting, ("id", "team", "date", "starts_at"))
# The meetings of the window, each with who came (one row per attendance entry, one without
# any for a meeting without recorded attendance), in the order of the meetings.
_WINDOW = Prepared(
    lambda team, since, until: (
        Meeting.objects.filter(team_id=team, date__gte=_day(since), date__lte=_day(until))
        .exclude(status=MeetingStatus.CANCELLED)
        .order_by("date", "starts_at", "pk", "attendances__id")
        .values_list(
            *_MEETING.lookups,
            "attendances__id",
            "attendances__membership_id",
            "attendances__person_id",
            "attendances__is_guest",
            "attendances__organisation_id",
            "attendances__organisation__name",
            "attendances__organisation__kind",
            "attendances__organisation__sort_key",
        )
    ),
    int,
    str,
    str,
    rows=True,
)
_MEMBERSHIP = Columns(Membership, ("id", "team", "person", "organisation", "joined", "left"))
_PERSON = Columns(Person, ("id", "title", "first_name", "last_name"), via="person")
_ORGANISATION = Columns(Organisation, ("id", "name", "kind", "sort_key"), via="organisation")
_MEMBERSHIPS = Prepared(
    lambda team, since: (
        Membership.objects.filter(team_id=team)
        .filter(Q(left__isnull=True) | Q(left__gte=_day(since)))
        .order_by("person__sort_key", "pk")
        .values_list(*lookups(_MEMBERSHIP, _PERSON, _ORGANISATION))
    ),
    int,
    str,
    rows=True,
)
# The office's checklist (network.models.expected_kinds) and the organisations of those kinds
# in the team's social spaces.
_KINDS = Prepared(
    lambda office: ExpectedKind.objects.filter(youth_office_id=office).values_list("kind"),
    int,
    rows=True,
)
_IN_SPACES = Prepared(
    lambda team, office: (
        Organisation.objects.filter(
            social_spaces__teams=team,
            kind__in=ExpectedKind.objects.filter(youth_office_id=office).values("kind"),
        )
        .distinct()
        .order_by("sort_key", "pk")
        .values_list("id", "name", "kind", "sort_key")
    ),
    int,
    int,
    rows=True,
)
# Where a membership's values are in its row.
_M_ID, _M_PERSON, _M_JOINED, _M_LEFT = (
    _MEMBERSHIP.position(name) for name in ("id", "person", "joined", "left")
)
_M_ORGANISATION = len(_MEMBERSHIP) + len(_PERSON)
_M_ORGANISATION_ROW = tuple(  # the values of an OrganisationRow
    _M_ORGANISATION + _ORGANISATION.position(name) for name in ("id", "name", "kind", "sort_key")
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
    organisations: list[OrganisationRow]  # of that kind in the team's social spaces (or [])


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


def _window(team: Team, since: date, today: date) -> tuple[list[Meeting], list[tuple[Any, ...]]]:
    """The meetings of the window (each with `recorded`, its number of attendance entries)
    and the rows of those entries."""
    meetings: list[Meeting] = []
    came_to: list[tuple[Any, ...]] = []
    width, current = len(_MEETING), None
    for row in _WINDOW.all(team.pk, since.isoformat(), today.isoformat()):
        if row[0] != current:
            current = row[0]
            meeting = _MEETING.build(row[:width])
            meeting.recorded = 0  # type: ignore[attr-defined]  # as an annotation would
            meetings.append(meeting)
        if row[width] is not None:
            meeting.recorded += 1  # type: ignore[attr-defined]
            came_to.append(row)
    return meetings, came_to


def review(team: Team, today: date | None = None) -> Review:
    today = today or timezone.localdate()
    since = year_before(today)
    # One read of the window's meetings and who came to them: the meetings attended per
    # organisation (anybody for it, substitutes included), the guests, and who came to the
    # last three.
    meetings, came_to = _window(team, since, today)
    held = [m for m in meetings if m.recorded]  # type: ignore[attr-defined]
    last = held[-MISSED_IN_A_ROW:]
    last_ids = {m.pk for m in last}
    came: dict[int, set[int]] = defaultdict(set)  # meeting -> membership ids
    came_persons: set[int] = set()  # people at any of the last three
    met: dict[int, set[int]] = defaultdict(set)  # organisation -> meetings
    organisations: dict[int, OrganisationRow] = {}
    guests = 0
    for row in came_to:
        meeting_id = row[0]
        membership_id, person_id, is_guest, org_id, *org = row[len(_MEETING) + 1 :]
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
    attended = {org_id: len(ids) for org_id, ids in met.items()}
    memberships = _MEMBERSHIPS.all(team.pk, since.isoformat())
    for row in memberships:
        org_id = row[_M_ORGANISATION]
        if org_id is not None and org_id not in organisations:
            organisations[org_id] = OrganisationRow(*(row[at] for at in _M_ORGANISATION_ROW))
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
    memberships: list[tuple[Any, ...]],
    last: list[Meeting],
    came: dict[int, set[int]],
    persons: set[int],
    today: date,
) -> list[Membership]:
    """Members (at the first of the last three meetings already) for whom nobody came to any
    of them; `memberships`: rows of _MEMBERSHIPS, `came`: meeting -> membership ids present,
    `persons`: the people present."""
    if len(last) < MISSED_IN_A_ROW:
        return []
    first = last[0].date
    present = [came[m.pk] for m in last]  # the membership ids present at each of them
    missed = []
    for row in memberships:
        pk, left = row[_M_ID], row[_M_LEFT]
        current = left is None or left >= today
        if not current or row[_M_JOINED] > first:
            continue
        if any(pk in ids for ids in present):
            continue
        if row[_M_PERSON] in persons:
            continue  # came, though for something else (e.g. as a substitute)
        membership, person, organisation = split(row, _MEMBERSHIP, _PERSON, _ORGANISATION)
        membership.person = person
        membership.organisation = organisation
        missed.append(membership)
    return missed


def _missing_kinds(team: Team, attended_ids: set[int]) -> list[MissingKind]:
    kinds = [kind for (kind,) in _KINDS.all(team.youth_office_id)]
    if not kinds:
        return []
    by_kind: dict[str, list[OrganisationRow]] = defaultdict(list)
    for row in _IN_SPACES.all(team.pk, team.youth_office_id):
        by_kind[row[2]].append(OrganisationRow(*row))
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
