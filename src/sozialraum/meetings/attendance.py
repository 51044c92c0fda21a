"""Attendance (Anwesenheit): the check-in list of a meeting and how it is saved.

The list shows the team's members on the day of the meeting, each with a checkbox and, where
the member has named substitutes or colleagues in the directory, a choice "vertreten durch";
below, whoever else was recorded (guests by name and organisation in words, former members).

Saving merges, it never replaces. The form carries what it showed (hidden `war_*` fields), and
only what the user changed against that is applied: a member ticked here is added, a member
unticked here is removed, everything the user did not touch stays as the database has it. So
two phones checking people in at the same door both keep their ticks (a replace would drop the
first phone's), and sending the same form twice changes nothing the second time: rows are
unique per meeting and person (database constraint), new guests are matched by name. We chose
this over optimistic locking because a conflict page is useless at a door with people arriving:
per person the last change wins, and nobody's tick is lost. The meeting row is locked while a
save runs (PostgreSQL; SQLite serialises writes anyway), so the merges run one after another.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sozialraum.audit.models import Action
from sozialraum.audit.services import record, stored_language
from sozialraum.lib.errors import InvalidData
from sozialraum.meetings.models import Attendance, Meeting, MeetingStatus
from sozialraum.network.models import Affiliation, Person
from sozialraum.teams.models import Membership

if TYPE_CHECKING:
    from sozialraum.accounts.models import User


@dataclass
class MemberRow:
    """One member on the check-in list, with who may come instead."""

    membership: Membership
    present: bool = False
    substitute_id: int | None = None
    substitutes: list[Person] = field(default_factory=list)  # named in the membership
    colleagues: list[Person] = field(default_factory=list)  # of the same organisation

    @property
    def pk(self) -> int:
        return self.membership.pk

    def option_ids(self) -> set[int]:
        return {p.pk for p in self.substitutes} | {p.pk for p in self.colleagues}


@dataclass
class CheckIn:
    meeting: Meeting
    rows: list[MemberRow]
    others: list[Attendance]  # guests, former members, substitutes of former members

    @property
    def present_count(self) -> int:
        return (
            sum(1 for row in self.rows if row.present)
            + sum(1 for row in self.rows if row.substitute_id)
            + len(self.others)
        )


def check_in(meeting: Meeting) -> CheckIn:
    """The check-in list: four queries, whatever the size of the team."""
    memberships = list(
        Membership.objects.current(meeting.date)
        .filter(team_id=meeting.team_id)
        .select_related("person", "organisation")
        .prefetch_related("substitutes")
        .order_by("organisation__sort_key", "person__sort_key", "pk")
    )
    org_ids = {m.organisation_id for m in memberships if m.organisation_id}
    colleagues: dict[int, list[Person]] = {}
    affiliations = (
        Affiliation.objects.current()
        .filter(organisation_id__in=org_ids)
        .select_related("person")
        .order_by("person__sort_key", "pk")
    )
    for affiliation in affiliations:
        colleagues.setdefault(affiliation.organisation_id, []).append(affiliation.person)
    attendances = list(
        Attendance.objects.filter(meeting=meeting)
        .select_related("person", "organisation")
        .order_by("is_guest", "guest_name", "pk")
    )
    rows, used = [], set()
    for membership in memberships:
        named = sorted(membership.substitutes.all(), key=lambda p: p.sort_key)
        named_ids = {p.pk for p in named} | {membership.person_id}
        row = MemberRow(
            membership=membership,
            substitutes=named,
            colleagues=[
                p
                for p in colleagues.get(membership.organisation_id or 0, [])
                if p.pk not in named_ids
            ],
        )
        for attendance in attendances:
            if attendance.pk in used:
                continue
            if attendance.person_id == membership.person_id and not attendance.is_substitute:
                row.present = True
                used.add(attendance.pk)
            elif (
                attendance.is_substitute
                and attendance.membership_id == membership.pk
                and row.substitute_id is None
            ):
                row.substitute_id = attendance.person_id
                used.add(attendance.pk)
        if row.substitute_id is not None and row.substitute_id not in row.option_ids():
            row.colleagues.append(
                next(a.person for a in attendances if a.person_id == row.substitute_id)
            )
        rows.append(row)
    others = [a for a in attendances if a.pk not in used]
    return CheckIn(meeting=meeting, rows=rows, others=others)


@dataclass
class Changes:
    """What the user changed on the check-in list against what it showed."""

    arrived: set[int] = field(default_factory=set)  # membership ids ticked
    left: set[int] = field(default_factory=set)  # membership ids unticked
    substitutes: dict[int, int | None] = field(default_factory=dict)  # membership -> person
    replaced: dict[int, int | None] = field(default_factory=dict)  # membership -> old person
    removed: set[int] = field(default_factory=set)  # attendance ids unticked
    guests: list[tuple[str, str]] = field(default_factory=list)  # (name, organisation)

    def __bool__(self) -> bool:
        return bool(self.arrived or self.left or self.substitutes or self.removed or self.guests)


def refusal(meeting: Meeting) -> str:
    """Why attendance cannot be taken for this meeting now ("" if it can)."""
    if meeting.status == MeetingStatus.CANCELLED:
        return _("Dieses Treffen ist abgesagt; es gibt keine Anwesenheit zu erfassen.")
    if meeting.date > timezone.localdate():
        return _("Die Anwesenheit lässt sich ab dem Tag des Treffens erfassen.")
    return ""


def _guest_texts(name: str, organisation: str) -> tuple[str, str]:
    return " ".join(name.split())[:200], " ".join(organisation.split())[:250]


def _apply_members(rows: dict[int, MemberRow], changes: Changes, attendances, common) -> None:
    for pk in changes.left:
        membership = rows[pk].membership
        attendances.filter(person_id=membership.person_id, is_substitute=False).delete()
    for pk in changes.arrived:
        membership = rows[pk].membership
        Attendance.objects.get_or_create(
            meeting=common["meeting"],
            person_id=membership.person_id,
            defaults={
                **common,
                "organisation_id": membership.organisation_id,
                "membership": membership,
            },
        )


def _apply_substitutes(
    rows: dict[int, MemberRow], changes: Changes, attendances, common
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for pk, person_id in changes.substitutes.items():
        row = rows[pk]
        old = changes.replaced.get(pk)
        if old:
            attendances.filter(
                person_id=old, membership=row.membership, is_substitute=True
            ).delete()
        if person_id is None:
            continue
        if person_id not in row.option_ids():
            errors[f"vertretung_{pk}"] = [_("Diese Person steht nicht zur Auswahl.")]
            continue
        Attendance.objects.get_or_create(
            meeting=common["meeting"],
            person_id=person_id,
            defaults={
                **common,
                "organisation_id": row.membership.organisation_id,
                "membership": row.membership,
                "is_substitute": True,
            },
        )
    return errors


def _add_guests(changes: Changes, attendances, common) -> None:
    """New guests, unless a guest of that name is recorded already (a form sent twice)."""
    known = {
        name.casefold()
        for name in attendances.filter(is_guest=True).values_list("guest_name", flat=True)
    }
    for raw_name, raw_org in changes.guests:
        name, organisation = _guest_texts(raw_name, raw_org)
        if not name or name.casefold() in known:
            continue
        known.add(name.casefold())
        Attendance.objects.create(
            **common, guest_name=name, organisation_name=organisation, is_guest=True
        )


@transaction.atomic
def save_attendance(*, meeting: Meeting, actor: User | None, changes: Changes) -> int:
    """Apply the changes (see the module's description); returns how many are present now."""
    message = refusal(meeting)
    if message:
        raise ValueError(message)
    Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
    rows = {row.pk: row for row in check_in(meeting).rows}
    unknown = (changes.arrived | changes.left | set(changes.substitutes)) - set(rows)
    if unknown:
        raise ValueError(_("Diese Auswahl gehört nicht zur Mitgliederliste dieses Treffens."))
    attendances = Attendance.objects.filter(meeting=meeting)
    before = attendances.count()
    user = actor if actor is not None and actor.is_authenticated else None
    common = {"youth_office_id": meeting.youth_office_id, "meeting": meeting, "recorded_by": user}
    _apply_members(rows, changes, attendances, common)
    errors = _apply_substitutes(rows, changes, attendances, common)
    if errors:
        raise InvalidData(errors)
    if changes.removed:
        attendances.filter(pk__in=changes.removed).delete()
    _add_guests(changes, attendances, common)
    after = attendances.count()
    if changes:
        with stored_language():
            record(
                office=meeting.youth_office,
                actor=actor,
                action=Action.UPDATE,
                instance=meeting,
                changes={"attendance": {"old": str(before), "new": str(after)}},
            )
    return after
