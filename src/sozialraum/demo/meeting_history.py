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
from django.utils import timezone

from sozialraum.demo import teams_data as data
from sozialraum.demo.rows import Rows, search_text
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
from sozialraum.teams.models import Membership, MembershipRole, Team

if TYPE_CHECKING:
    from sozialraum.accounts.models import User
    from sozialraum.demo.builder import DemoContext

YEARS_OF_HISTORY = 3
INTERVAL = timedelta(weeks=6)
UPCOMING_DAYS = 140
# Flush the buffered rows after this many meetings.
FLUSH_MEETINGS = 600
MORNING = (time(9, 0), time(11, 0))
AFTERNOON = (time(14, 0), time(16, 0))
TWO_HOURS = 120  # minutes of every demo meeting (MORNING, AFTERNOON)

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


def easter_sunday(year: int) -> date:
    """Easter Sunday of the Gregorian calendar (the anonymous algorithm, Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    leap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * leap) // 433
    month = (h + leap - 7 * m + 90) // 25
    day = (h + leap - 7 * m + 33 * month + 19) % 32
    return date(year, month, day)


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


@dataclass
class MeetingRow:
    pk: int
    office: int
    team: int
    date: date
    sent_at: datetime | None


class History:
    """Plans the rows of many teams' meetings and writes them in chunks (Rows)."""

    def __init__(self, ctx: DemoContext) -> None:
        self.ctx = ctx
        self.rng = ctx.rng
        self.today = timezone.localdate()
        self.now = timezone.now()
        self.first = self.today - timedelta(days=365 * YEARS_OF_HISTORY)
        self.last = self.today + timedelta(days=UPCOMING_DAYS)
        self.calendar = Calendar(self.first, self.last)
        self.rows = Rows()
        self.pending_meetings = 0
        self.counts: dict[str, int] = {}

    # One team --------------------------------------------------------------------------------

    def team(self, plan: TeamPlan) -> None:
        team, rng = plan.team, self.rng
        lead = plan.lead_user.pk if plan.lead_user else None
        start = self.first + timedelta(days=(plan.weekday - self.first.weekday()) % 7)
        start += timedelta(days=7 * rng.randint(0, 5))
        series = self.rows.add(
            MeetingSeries, team.youth_office_id, team.pk, start, self.last, plan.place, lead
        )
        numbers: dict[int, int] = {}
        taker, upcoming = 0, 0
        dates = self.calendar.dates(start, self.last)
        latest = max((day for day in dates if day < self.today), default=None)
        for index, day in enumerate(dates):
            slot = TimeSlot.MORNING if index % 2 == 0 else TimeSlot.AFTERNOON
            starts, ends = MORNING if slot == TimeSlot.MORNING else AFTERNOON
            past = day < self.today
            sent = (
                aware(day - timedelta(days=21))
                if past
                else self.now - timedelta(days=5)
                if upcoming == 0
                else None
            )
            pk = self.rows.add(
                Meeting,
                team.youth_office_id,
                team.pk,
                series,
                day,
                day,
                starts,
                ends,
                slot,
                plan.place,
                uuid.uuid4(),
                sent,
                True,
            )
            meeting = MeetingRow(pk, team.youth_office_id, team.pk, day, sent)
            if past:
                t = (day - self.first).days / (365 * YEARS_OF_HISTORY)
                taker = self.past_meeting(plan, meeting, t, numbers, taker, day == latest)
            else:
                if upcoming == 0:
                    self.next_meeting(plan, meeting)
                upcoming += 1
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

    def attend(self, plan: TeamPlan, meeting: MeetingRow, t: float) -> list[int]:
        """Invitations with answers and the attendance of one past meeting: who was there."""
        rng, day, rows = self.rng, meeting.date, self.rows
        answered = [aware(day - timedelta(days=n)) for n in (2, 5, 9, 14)]
        recorder = plan.lead_user.pk if plan.lead_user else None
        present: list[int] = []
        for member in self.current_members(plan, day):
            m = member.membership
            comes = rng.random() < member.profile(t)
            substitute = None
            if not comes and member.substitutes and rng.random() < 0.35:
                substitute = rng.choice(member.substitutes).pk
            if comes:
                answer = Answer.YES if rng.random() < 0.9 else Answer.OPEN
            elif substitute is not None:
                answer = Answer.SUBSTITUTE
            else:
                answer = Answer.NO if rng.random() < 0.6 else Answer.OPEN
            rows.add(
                Invitation,
                meeting.office,
                meeting.pk,
                m.person_id,
                m.pk,
                answer,
                substitute,
                rng.choice(answered) if answer != Answer.OPEN else None,
                meeting.sent_at,
                0,
            )
            attendee = m.person_id if comes else substitute
            if attendee is not None:
                rows.add(
                    Attendance,
                    meeting.office,
                    meeting.pk,
                    attendee,
                    "",
                    m.organisation_id,
                    "",
                    m.pk,
                    not comes,
                    False,
                    recorder,
                )
                present.append(attendee)
        if rng.random() < 0.12:
            name, org = rng.choice(data.GUESTS)
            rows.add(
                Attendance,
                meeting.office,
                meeting.pk,
                None,
                name,
                None,
                org,
                None,
                False,
                True,
                recorder,
            )
        return present

    def past_meeting(
        self,
        plan: TeamPlan,
        meeting: MeetingRow,
        t: float,
        numbers: dict[int, int],
        taker: int,
        latest: bool = False,
    ) -> int:
        rng, day, rows = self.rng, meeting.date, self.rows
        present = self.attend(plan, meeting, t)
        if not present:
            return taker
        if plan.rich:
            topics = rng.sample(data.TOPICS, k=rng.randint(1, 3))
            standing = [data.OPENING, data.REPORTS, data.TASK_REVIEW]
        else:
            topics = [(f"Thema {rng.randint(1, 99)}", ""), (f"Bericht {rng.randint(1, 99)}", "")]
            standing = []
        approver = plan.lead_user.pk if plan.lead_user else None
        minutes = rows.add(
            Minutes,
            meeting.office,
            meeting.pk,
            present[taker % len(present)],
            MinutesStatus.APPROVED,
            1,
            aware(day + timedelta(days=rng.randint(7, 20))),
            approver,
        )
        position = 0
        for title, length in standing:
            text = data.STANDING_TEXT.get(title, data.REPORT_TEXT)
            self.item(meeting, minutes, position, title, length, None, text)
            position += 1
        submitters: list[int | None] = [u.pk for u in plan.users] or [approver]
        # The topics share what the standing items leave of two hours: no agenda runs over.
        budget = TWO_HOURS - sum(length for _title, length in [*standing, data.CLOSING])
        cap = max(5, budget // len(topics) // 5 * 5)
        for title, reason in topics:
            length = min(rng.choice([15, 20, 30]), cap)
            topic = rows.add(
                Topic,
                meeting.office,
                meeting.team,
                title,
                reason,
                length,
                rng.choice(submitters),
                aware(day - timedelta(days=rng.randint(10, 40))),
                TopicStatus.DONE if rng.random() < 0.7 else TopicStatus.DISCUSSED,
                "",
                aware(day),
                meeting.pk,
            )
            text = rng.choice(data.DISCUSSION) if plan.rich else ""
            item = self.item(meeting, minutes, position, title, length, topic, text)
            position += 1
            for _ in range(rng.choice([0, 1, 1, 2] if plan.rich else [1, 2, 3])):
                self.decision(meeting, minutes, item, title, numbers)
            for _ in range(rng.choice([0, 1, 1, 2])):
                self.task(meeting, minutes, item, title, rng.choice(present))
        if latest and plan.rich and topics:
            self.lead_task(plan, meeting, minutes, item, title)
        if plan.rich:
            self.item(meeting, minutes, position, *data.CLOSING, None, "")
        return taker + 1

    def item(self, meeting, minutes, position, title, length, topic, discussion) -> int | None:
        agenda = self.rows.add(
            AgendaItem, meeting.office, meeting.pk, position, title, length, topic
        )
        if minutes is None:
            return None
        return self.rows.add(
            MinutesItem, meeting.office, minutes, agenda, position, title, discussion
        )

    def decision(self, meeting, minutes, item, topic: str, numbers: dict[int, int]) -> None:
        rng, year = self.rng, meeting.date.year
        numbers[year] = numbers.get(year, 0) + 1
        roll = rng.random()
        if (self.today - meeting.date).days > 365:
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
        self.rows.add(
            Decision,
            meeting.office,
            meeting.team,
            minutes,
            item,
            year,
            numbers[year],
            meeting.date,
            text,
            status,
            search_text(text),
            True,
        )

    def task(self, meeting, minutes, item, topic: str, responsible: int) -> None:
        rng = self.rng
        due = meeting.date + timedelta(weeks=rng.randint(3, 8))
        roll = rng.random()
        if (self.today - meeting.date).days > 120:
            status = (
                TaskStatus.DONE
                if roll < 0.8
                else TaskStatus.DROPPED
                if roll < 0.9
                else TaskStatus.OPEN
            )
        else:
            status = TaskStatus.OPEN if roll < 0.7 else TaskStatus.DONE
        title = rng.choice(data.TASKS).format(topic=topic)
        self.add_task(meeting, minutes, item, title, responsible, due, status)

    def add_task(self, meeting, minutes, item, title: str, responsible: int, due, status) -> None:
        self.rows.add(
            Task,
            meeting.office,
            meeting.team,
            minutes,
            item,
            title[:300],
            responsible,
            due,
            status,
            aware(min(due, self.today)) if status == TaskStatus.DONE else None,
            True,
        )

    def lead_task(self, plan: TeamPlan, meeting, minutes, item, topic: str) -> None:
        """The Leitung of a hand-made team takes one open task in its latest meeting, so the
        demo's personas find something under "Meine Aufgaben" whatever the day the demo is
        built on (the random tasks of the history may all be done by then), and the bench's
        page of them shows tasks at every scale. Draws nothing from the random sequence."""
        lead = next(
            (
                m.membership.person_id
                for m in plan.members
                if m.membership.role == MembershipRole.LEAD
            ),
            None,
        )
        if lead is not None:
            due = max(meeting.date + timedelta(weeks=3), self.today + timedelta(days=7))
            title = data.TASKS[0].format(topic=topic)
            self.add_task(meeting, minutes, item, title, lead, due, TaskStatus.OPEN)

    def next_meeting(self, plan: TeamPlan, meeting: MeetingRow) -> None:
        """The next meeting: invited (some answers in), with its agenda and scheduled topics."""
        rng = self.rng
        for member in self.current_members(plan, meeting.date):
            m = member.membership
            answer = rng.choice([Answer.YES, Answer.YES, Answer.NO, Answer.OPEN, Answer.OPEN])
            self.rows.add(
                Invitation,
                meeting.office,
                meeting.pk,
                m.person_id,
                m.pk,
                answer,
                None,
                self.now - timedelta(days=rng.randint(0, 4)) if answer != Answer.OPEN else None,
                meeting.sent_at,
                0,
            )
        self.item(meeting, None, 0, *data.OPENING, None, "")
        self.item(meeting, None, 1, *data.TASK_REVIEW, None, "")
        position = 2
        if plan.rich:
            for title, reason in rng.sample(data.TOPICS, k=2):
                topic = self.topic(plan, title, reason, TopicStatus.SCHEDULED, meeting=meeting.pk)
                self.item(meeting, None, position, title, 20, topic, "")
                position += 1
        self.item(meeting, None, position, *data.CLOSING, None, "")

    def topic(self, plan: TeamPlan, title, reason, status, meeting=None, why="") -> int:
        rng = self.rng
        lead = plan.lead_user.pk if plan.lead_user else None
        submitters: list[int | None] = [u.pk for u in plan.users] or [lead]
        return self.rows.add(
            Topic,
            plan.team.youth_office_id,
            plan.team.pk,
            title,
            reason,
            20,
            rng.choice(submitters),
            self.now - timedelta(days=rng.randint(3, 30)),
            status,
            why,
            self.now - timedelta(days=rng.randint(0, 2))
            if status != TopicStatus.SUBMITTED
            else None,
            meeting,
        )

    def backlog(self, plan: TeamPlan) -> None:
        """Topics between meetings: one just submitted, one deferred, one declined."""
        if not plan.rich:
            return
        (a, ra), (b, rb), (c, rc) = self.rng.sample(data.TOPICS, k=3)
        self.topic(plan, a, ra, TopicStatus.SUBMITTED)
        self.topic(plan, b, rb, TopicStatus.DEFERRED, why=data.DEFERRED_REASON)
        self.topic(plan, c, rc, TopicStatus.DECLINED, why=data.DECLINED_REASON)

    def flush(self) -> None:
        self.rows.write(self.counts)
        self.pending_meetings = 0
