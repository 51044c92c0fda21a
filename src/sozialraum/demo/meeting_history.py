"""Three years of meeting history for the demo's teams, written with bulk_create (no services).

`History(ctx)` takes planned teams (`TeamPlan`: the team, its members with an attendance
profile, its weekday) and writes, per team: a meeting series every 6 weeks alternating
vormittags/nachmittags (skipping public holidays of Lower Saxony and school holidays), and for
every past meeting invitations with answers, attendance with drift (a core that always comes,
members who drop off over time, the municipality rarely, substitutes sometimes, a guest now
and then), topics, the agenda, approved minutes with items, decisions numbered per team and
year, and tasks (some overdue); then the upcoming meetings of the next months, the next one
invited with its agenda, and topics waiting in the backlog. Rows are flushed in chunks, so
the scaled demo (demo --scale N) never holds all of them at once.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

import holidays
from dateutil.easter import easter as easter_sunday
from django.db import connection
from django.db.models import Model
from django.utils import timezone

from sozialraum.demo import teams_data as data
from sozialraum.lib.search import document
from sozialraum.meetings.models import (
    AgendaItem,
    Answer,
    Attendance,
    Invitation,
    Meeting,
    MeetingSeries,
    SchoolHoliday,
    TimeSlot,
    Topic,
    TopicStatus,
)
from sozialraum.minutes.models import (
    Decision,
    DecisionStatus,
    Minutes,
    MinutesItem,
    MinutesStatus,
    Task,
    TaskStatus,
)
from sozialraum.network.models import Person
from sozialraum.regions.models import YouthOffice
from sozialraum.teams.models import Membership, Team

if TYPE_CHECKING:
    from sozialraum.accounts.models import User
    from sozialraum.demo.builder import DemoContext

YEARS_OF_HISTORY = 3
INTERVAL = timedelta(weeks=6)
UPCOMING_DAYS = 140
BATCH = 2000
# Flush the buffered rows after this many meetings.
FLUSH_MEETINGS = 600
MORNING = (time(9, 0), time(11, 0))
AFTERNOON = (time(14, 0), time(16, 0))

Profile = Callable[[float], float]  # share of the history (0..1) -> chance to attend


def core(_: float) -> float:
    return 0.93


def regular(_: float) -> float:
    return 0.72


def fading(t: float) -> float:
    """Came at first, drops off over time (the seeds' "kein konstanter Teilnehmerkreis")."""
    return max(0.1, 0.88 - 0.8 * t)


def rare(_: float) -> float:
    """The municipality: invited every time, there now and then."""
    return 0.22


@dataclass
class MemberPlan:
    membership: Membership
    profile: Profile
    substitutes: list[Person] = field(default_factory=list)


@dataclass
class TeamPlan:
    team: Team
    members: list[MemberPlan]
    weekday: int  # 0 = Monday
    lead_user: User | None
    users: list[User] = field(default_factory=list)  # members' accounts (topic submitters)
    place: str = ""
    # Rich text (topics from teams_data with discussions) or the plain text of the scaled demo.
    rich: bool = True


def school_holidays(year: int) -> list[tuple[str, date, date]]:
    """Approximate school holidays of Lower Saxony (the demo's offices): Easter around Easter
    Sunday, summer in July/August, autumn in October, Christmas around the turn of the year."""
    easter = easter_sunday(year)
    return [
        (f"Osterferien {year}", easter - timedelta(days=12), easter + timedelta(days=8)),
        (f"Sommerferien {year}", date(year, 7, 2), date(year, 8, 12)),
        (f"Herbstferien {year}", date(year, 10, 13), date(year, 10, 24)),
        (f"Weihnachtsferien {year}/{year + 1}", date(year, 12, 22), date(year + 1, 1, 6)),
    ]


class Calendar:
    """Which days a series skips: public holidays (Lower Saxony) and school holidays."""

    def __init__(self, first: date, last: date) -> None:
        years = list(range(first.year - 1, last.year + 2))
        self.public = holidays.country_holidays("DE", subdiv="NI", years=years)
        self.school = [window for year in years for window in school_holidays(year)]

    def free(self, day: date) -> bool:
        return day not in self.public and not any(a <= day <= b for _, a, b in self.school)

    def dates(self, first: date, last: date) -> list[date]:
        """Every 6 weeks from `first`; a date in the holidays moves on by a week."""
        result, day = [], first
        while day <= last:
            moved = day
            while not self.free(moved):
                moved += timedelta(weeks=1)
            if moved <= last:
                result.append(moved)
            day = moved + INTERVAL
        return result


def add_school_holidays(office: YouthOffice, first: date, last: date) -> None:
    SchoolHoliday.objects.bulk_create(
        [
            SchoolHoliday(youth_office=office, name=name, first_day=a, last_day=b)
            for year in range(first.year, last.year + 1)
            for name, a, b in school_holidays(year)
        ]
    )


def aware(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


class History:
    """Buffers the rows of many teams and writes them in dependency order."""

    def __init__(self, ctx: DemoContext) -> None:
        self.ctx = ctx
        self.rng = ctx.rng
        self.today = timezone.localdate()
        self.first = self.today - timedelta(days=365 * YEARS_OF_HISTORY)
        self.last = self.today + timedelta(days=UPCOMING_DAYS)
        self.calendar = Calendar(self.first, self.last)
        self.rows: dict[type, list] = {}
        self.raw: dict[type, list[tuple]] = {}
        self.now = timezone.now()
        self.pending_meetings = 0
        self.counts: dict[str, int] = {}

    def add(self, row) -> None:
        self.rows.setdefault(type(row), []).append(row)

    # One team --------------------------------------------------------------------------------

    def team(self, plan: TeamPlan) -> None:
        team, rng = plan.team, self.rng
        start = self.first + timedelta(days=(plan.weekday - self.first.weekday()) % 7)
        start += timedelta(days=7 * rng.randint(0, 5))
        series = MeetingSeries(
            youth_office_id=team.youth_office_id,
            team=team,
            first_date=start,
            until=self.last,
            interval_weeks=6,
            place=plan.place,
            created_by=plan.lead_user,
        )
        self.add(series)
        days = self.calendar.dates(start, self.last)
        numbers: dict[int, int] = {}
        taker = 0
        upcoming_seen = 0
        for index, day in enumerate(days):
            slot = TimeSlot.MORNING if index % 2 == 0 else TimeSlot.AFTERNOON
            starts, ends = MORNING if slot == TimeSlot.MORNING else AFTERNOON
            meeting = Meeting(
                youth_office_id=team.youth_office_id,
                team=team,
                series=series,
                series_date=day,
                date=day,
                starts_at=starts,
                ends_at=ends,
                time_slot=slot,
                place=plan.place,
                uid=uuid.uuid4(),
                is_demo=True,
            )
            self.add(meeting)
            if day < self.today:
                meeting.invitations_sent_at = aware(day - timedelta(days=21))
                taker = self.past_meeting(
                    plan, meeting, (day - self.first).days / 1095, numbers, taker
                )
            else:
                if upcoming_seen == 0:
                    meeting.invitations_sent_at = timezone.now() - timedelta(days=5)
                    self.next_meeting(plan, meeting)
                upcoming_seen += 1
            self.pending_meetings += 1
        self.backlog(plan)
        if self.pending_meetings >= FLUSH_MEETINGS:
            self.flush()

    def current_members(self, plan: TeamPlan, day: date) -> list[MemberPlan]:
        return [
            m
            for m in plan.members
            if m.membership.joined <= day
            and (m.membership.left is None or m.membership.left >= day)
        ]

    def past_meeting(
        self, plan: TeamPlan, meeting: Meeting, t: float, numbers: dict[int, int], taker: int
    ) -> int:
        rng, day, office_id = self.rng, meeting.date, meeting.youth_office_id
        present: list[Person] = []
        answered = [aware(day - timedelta(days=n)) for n in (2, 5, 9, 14)]
        for member in self.current_members(plan, day):
            m = member.membership
            comes = rng.random() < member.profile(t)
            substitute = None
            if not comes and member.substitutes and rng.random() < 0.35:
                substitute = rng.choice(member.substitutes)
            if comes:
                answer = Answer.YES if rng.random() < 0.9 else Answer.OPEN
            elif substitute is not None:
                answer = Answer.SUBSTITUTE
            else:
                answer = Answer.NO if rng.random() < 0.6 else Answer.OPEN
            self.invitation(
                meeting,
                m,
                answer,
                substitute if answer == Answer.SUBSTITUTE else None,
                rng.choice(answered) if answer != Answer.OPEN else None,
            )
            attendee = m.person if comes else substitute
            if attendee is not None:
                self.attendance(meeting, attendee, m, not comes, plan.lead_user)
                present.append(attendee)
        if rng.random() < 0.12:
            name, org = rng.choice(data.GUESTS)
            self.add(
                Attendance(
                    youth_office_id=office_id,
                    meeting=meeting,
                    guest_name=name,
                    organisation_name=org,
                    is_guest=True,
                    recorded_by=plan.lead_user,
                )
            )
        if not present:
            return taker
        # Agenda, topics and minutes.
        topics = (
            rng.sample(data.TOPICS, k=rng.randint(1, 3))
            if plan.rich
            else [(f"Thema {rng.randint(1, 99)}", ""), (f"Bericht {rng.randint(1, 99)}", "")]
        )
        taker_person = present[taker % len(present)]
        minutes = Minutes(
            youth_office_id=office_id,
            meeting=meeting,
            minute_taker=taker_person,
            status=MinutesStatus.APPROVED,
            revision=1,
            approved_at=aware(day + timedelta(days=rng.randint(7, 20))),
            approved_by=plan.lead_user,
        )
        self.add(minutes)
        items: list[tuple[AgendaItem, MinutesItem, str]] = []
        standing = [data.OPENING, data.REPORTS, data.TASK_REVIEW] if plan.rich else [data.OPENING]
        for title, length in standing:
            self.item(meeting, minutes, len(items), title, length, None, items, data.REPORT_TEXT)
        for title, reason in topics:
            topic = Topic(
                youth_office_id=office_id,
                team=meeting.team,
                title=title,
                reason=reason,
                minutes_needed=rng.choice([15, 20, 30]),
                submitted_by=rng.choice(plan.users) if plan.users else plan.lead_user,
                submitted_at=aware(day - timedelta(days=rng.randint(10, 40))),
                status=TopicStatus.DONE if rng.random() < 0.7 else TopicStatus.DISCUSSED,
                status_changed_at=aware(day),
                meeting=meeting,
            )
            self.add(topic)
            text = rng.choice(data.DISCUSSION) if plan.rich else ""
            self.item(meeting, minutes, len(items), title, topic.minutes_needed, topic, items, text)
        if plan.rich:
            self.item(meeting, minutes, len(items), *data.CLOSING, None, items, "")
        for agenda, item, title in items[len(standing) :]:
            for _ in range(rng.choice([0, 1, 1, 2] if plan.rich else [1, 1, 2])):
                self.decision(meeting, minutes, item, title, numbers)
            for _ in range(rng.choice([0, 1, 1, 2])):
                self.task(meeting, minutes, item, title, rng.choice(present))
        return taker + 1

    # The two largest tables are written as plain rows (no model instances): see flush().

    def invitation(self, meeting, membership, answer, substitute, answered_at) -> None:
        self.raw.setdefault(Invitation, []).append(
            (
                meeting.youth_office_id,
                meeting,
                membership.person,
                membership,
                False,
                answer,
                substitute,
                answered_at,
                meeting.invitations_sent_at,
                0,
            )
        )

    def attendance(self, meeting, person, membership, is_substitute, recorded_by) -> None:
        self.raw.setdefault(Attendance, []).append(
            (
                meeting.youth_office_id,
                meeting,
                person,
                "",
                membership.organisation,
                "",
                membership,
                is_substitute,
                False,
                recorded_by,
                self.now,
            )
        )

    def item(self, meeting, minutes, position, title, length, topic, items, discussion) -> None:
        agenda = AgendaItem(
            youth_office_id=meeting.youth_office_id,
            meeting=meeting,
            position=position,
            title=title,
            duration_minutes=length,
            topic=topic,
        )
        self.add(agenda)
        item = None
        if minutes is not None:
            item = MinutesItem(
                youth_office_id=meeting.youth_office_id,
                minutes=minutes,
                agenda_item=agenda,
                position=position,
                title=title,
                discussion=discussion,
            )
            self.add(item)
        items.append((agenda, item, title))

    def decision(self, meeting, minutes, item, topic: str, numbers: dict[int, int]) -> None:
        rng, year = self.rng, meeting.date.year
        numbers[year] = numbers.get(year, 0) + 1
        age = (self.today - meeting.date).days
        roll = rng.random()
        if age > 365:
            status = (
                DecisionStatus.DONE
                if roll < 0.6
                else DecisionStatus.REVOKED
                if roll < 0.7
                else DecisionStatus.VALID
            )
        else:
            status = DecisionStatus.VALID if roll < 0.9 else DecisionStatus.DONE
        text = rng.choice(data.DECISIONS).format(topic=topic)
        self.add(
            Decision(
                youth_office_id=meeting.youth_office_id,
                team=meeting.team,
                minutes=minutes,
                item=item,
                year=year,
                number=numbers[year],
                date=meeting.date,
                text=text,
                status=status,
                search_text=document(text),
                is_demo=True,
            )
        )

    def task(self, meeting, minutes, item, topic: str, responsible: Person) -> None:
        rng = self.rng
        due = meeting.date + timedelta(weeks=rng.randint(3, 8))
        age = (self.today - meeting.date).days
        roll = rng.random()
        if age > 120:
            status = (
                TaskStatus.DONE
                if roll < 0.8
                else TaskStatus.DROPPED
                if roll < 0.9
                else TaskStatus.OPEN
            )
        else:
            status = TaskStatus.OPEN if roll < 0.7 else TaskStatus.DONE
        self.add(
            Task(
                youth_office_id=meeting.youth_office_id,
                team=meeting.team,
                minutes=minutes,
                item=item,
                title=rng.choice(data.TASKS).format(topic=topic)[:300],
                responsible=responsible,
                due=due,
                status=status,
                completed_at=aware(min(due, self.today)) if status == TaskStatus.DONE else None,
                is_demo=True,
            )
        )

    def next_meeting(self, plan: TeamPlan, meeting: Meeting) -> None:
        """The next meeting: invited (some answers in), with its agenda and scheduled topics."""
        rng = self.rng
        for member in self.current_members(plan, meeting.date):
            m = member.membership
            answer = rng.choice([Answer.YES, Answer.YES, Answer.NO, Answer.OPEN, Answer.OPEN])
            answered_at = timezone.now() - timedelta(days=rng.randint(0, 4))
            self.invitation(
                meeting, m, answer, None, answered_at if answer != Answer.OPEN else None
            )
        items: list = []
        self.item(meeting, None, 0, *data.OPENING, None, items, "")
        self.item(meeting, None, 1, *data.TASK_REVIEW, None, items, "")
        if plan.rich:
            for title, reason in rng.sample(data.TOPICS, k=2):
                topic = self.topic(plan, title, reason, TopicStatus.SCHEDULED, meeting=meeting)
                self.item(meeting, None, len(items), title, topic.minutes_needed, topic, items, "")
        self.item(meeting, None, len(items), *data.CLOSING, None, items, "")

    def topic(self, plan: TeamPlan, title, reason, status, meeting=None, why="") -> Topic:
        topic = Topic(
            youth_office_id=plan.team.youth_office_id,
            team=plan.team,
            title=title,
            reason=reason,
            minutes_needed=self.rng.choice([15, 20, 30]),
            submitted_by=self.rng.choice(plan.users) if plan.users else plan.lead_user,
            submitted_at=timezone.now() - timedelta(days=self.rng.randint(3, 30)),
            status=status,
            status_reason=why,
            status_changed_at=timezone.now() - timedelta(days=self.rng.randint(0, 2))
            if status != TopicStatus.SUBMITTED
            else None,
            meeting=meeting,
        )
        self.add(topic)
        return topic

    def backlog(self, plan: TeamPlan) -> None:
        """Topics between meetings: one just submitted, one deferred, one declined."""
        if not plan.rich:
            return
        (a, ra), (b, rb), (c, rc) = self.rng.sample(data.TOPICS, k=3)
        self.topic(plan, a, ra, TopicStatus.SUBMITTED)
        self.topic(
            plan,
            b,
            rb,
            TopicStatus.DEFERRED,
            why="Zurückgestellt bis die Zahlen des Landkreises vorliegen.",
        )
        self.topic(
            plan,
            c,
            rc,
            TopicStatus.DECLINED,
            why="Das Thema gehört in die AG nach § 78; wir geben es dorthin weiter.",
        )

    # Writing ---------------------------------------------------------------------------------

    ORDER = (
        MeetingSeries,
        Meeting,
        Topic,
        AgendaItem,
        Minutes,
        MinutesItem,
        Decision,
        Task,
        Invitation,
        Attendance,
    )

    def flush(self) -> None:
        from sozialraum.demo.scale import explicit_timestamps

        with explicit_timestamps(Topic, "submitted_at"):
            for model in self.ORDER:
                rows = self.rows.pop(model, [])
                if rows:
                    model.objects.bulk_create(rows, batch_size=BATCH)
                    key = model._meta.model_name
                    self.counts[key] = self.counts.get(key, 0) + len(rows)
        for model, raw in self.raw.items():
            write_rows(model, RAW_FIELDS[model], raw)
            key = model._meta.model_name
            self.counts[key] = self.counts.get(key, 0) + len(raw)
        self.raw = {}
        self.pending_meetings = 0


# The columns of the rows History.invitation and History.attendance write, in their order.
RAW_FIELDS = {
    Invitation: (
        "youth_office",
        "meeting",
        "person",
        "membership",
        "is_guest",
        "answer",
        "substitute",
        "answered_at",
        "sent_at",
        "sent_sequence",
    ),
    Attendance: (
        "youth_office",
        "meeting",
        "person",
        "guest_name",
        "organisation",
        "organisation_name",
        "membership",
        "is_substitute",
        "is_guest",
        "recorded_by",
        "recorded_at",
    ),
}


def write_rows(model, fields: tuple[str, ...], rows: list[tuple]) -> None:
    """INSERT `rows` (values in the order of `fields`; model instances stand for their saved
    primary key) with one executemany per batch: several times faster than bulk_create for
    the hundreds of thousands of invitations and attendances of the scaled demo."""
    ops = connection.ops
    meta = model._meta
    columns = [meta.get_field(name).column for name in fields]
    adapt = []
    for name in fields:
        kind = meta.get_field(name).get_internal_type()
        adapt.append(
            ops.adapt_datetimefield_value
            if kind == "DateTimeField"
            else ops.adapt_datefield_value
            if kind == "DateField"
            else None
        )
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        ops.quote_name(meta.db_table),
        ", ".join(ops.quote_name(c) for c in columns),
        ", ".join(["%s"] * len(columns)),
    )
    prepared = [
        tuple(
            None
            if value is None
            else value.pk
            if isinstance(value, Model)
            else convert(value)
            if convert is not None
            else value
            for value, convert in zip(row, adapt, strict=True)
        )
        for row in rows
    ]
    with connection.cursor() as cursor:
        for start in range(0, len(prepared), BATCH * 5):
            cursor.executemany(sql, prepared[start : start + BATCH * 5])
