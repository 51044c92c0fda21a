"""demo.teams: the teams of Heidekreis and Verden with three years of meeting history, the
demo personas in the Sozialraumteam Soltau/Wietzendorf, and the scaled demo."""

from __future__ import annotations

import itertools
from datetime import timedelta

import pytest
from django.db.models import Count
from django.utils import timezone

from sozialraum.accounts.models import User
from sozialraum.demo.builder import build_demo
from sozialraum.demo.teams import SCALE_TEAMS_PER_STEP
from sozialraum.meetings.models import Answer, Attendance, Invitation, Meeting, Topic, TopicStatus
from sozialraum.minutes.models import Decision, DecisionStatus, Minutes, MinutesStatus, Task
from sozialraum.teams.models import Membership, MembershipRole, Team, TeamKind

PASSWORD = "Demo-Passwort-2026"


@pytest.fixture
def demo(municipalities):
    return build_demo(password=PASSWORD)


def test_it_builds_the_teams_of_heidekreis_and_verden(demo):
    teams = Team.objects.annotate(n=Count("memberships"))
    heidekreis = teams.filter(youth_office__slug="heidekreis")
    verden = teams.filter(youth_office__slug="verden")
    assert heidekreis.filter(kind=TeamKind.SOCIAL_SPACE_TEAM).count() == 6
    assert verden.filter(kind=TeamKind.SOCIAL_SPACE_TEAM).count() == 7
    assert verden.filter(name="Sozialraumteam Langwedel").exists()
    for office in (heidekreis, verden):
        assert office.filter(kind=TeamKind.REGIONAL_TEAM).count() == 1
        assert office.filter(kind=TeamKind.WORKING_GROUP_78).count() == 1
    for team in teams:
        current = Membership.objects.current().filter(team=team)
        assert 10 <= current.count() <= 25, team
        lead = current.get(role=MembershipRole.LEAD)
        assert lead.organisation.kind == "oeffentlicher_traeger", team  # the youth office
    assert Membership.objects.filter(left__isnull=False).exists()  # some left over time
    assert Membership.objects.filter(substitutes__isnull=False).exists()
    assert Membership.objects.filter(role=MembershipRole.GUEST).exists()


def test_it_puts_the_demo_personas_into_soltau_wietzendorf(demo):
    team = Team.objects.get(name="Sozialraumteam Soltau/Wietzendorf")
    current = Membership.objects.current().filter(team=team).select_related("person__user")
    accounts = {m.person.user.email: m for m in current if m.person.user_id}
    assert accounts["fachkraft@heidekreis.example"].organisation.name == (
        "Jugendhilfeverbund Heideland e. V."
    )
    assert accounts["schule@heidekreis.example"].organisation.name == "Grundschule Am Sandberg"
    assert accounts["koordination@heidekreis.example"].role == MembershipRole.LEAD
    for email in ("fachkraft@heidekreis.example", "schule@heidekreis.example"):
        user = User.objects.get(email=email)
        assert user.has_perm("teams.view_team", team)
        assert not user.has_perm("teams.manage_members", team)
    assert User.objects.get(email="koordination@heidekreis.example").has_perm(
        "teams.manage_members", team
    )


def test_it_writes_three_years_of_meetings_every_six_weeks(demo):
    today = timezone.localdate()
    team = Team.objects.get(name="Sozialraumteam Soltau/Wietzendorf")
    meetings = list(Meeting.objects.filter(team=team).order_by("date"))
    past = [m for m in meetings if m.date < today]
    upcoming = [m for m in meetings if m.date >= today]
    assert 22 <= len(past) <= 27
    assert past[0].date <= today - timedelta(days=365 * 3 - 50)
    assert 2 <= len(upcoming) <= 4
    assert {m.time_slot for m in meetings} == {"vormittags", "nachmittags"}
    gaps = {(b.date - a.date).days for a, b in itertools.pairwise(meetings)}
    # Six weeks; a date in the holidays moves on by a week (the summer holidays by several).
    assert min(gaps) >= 42 and max(gaps) <= 84
    assert all(m.date.weekday() < 5 for m in meetings)
    assert not any((m.date.month, m.date.day) in {(12, 25), (12, 26), (1, 1)} for m in meetings)
    # Every past meeting: invitations, attendance, approved minutes with items.
    for meeting in past:
        assert meeting.invitations.exists() and meeting.attendances.exists()
        assert meeting.minutes.status == MinutesStatus.APPROVED
        assert meeting.minutes.items.exists()
        assert meeting.agenda_items.exists()
    assert upcoming[0].invitations.exists() and upcoming[0].agenda_items.exists()
    assert upcoming[0].topics.filter(status=TopicStatus.SCHEDULED).exists()
    assert not Minutes.objects.filter(meeting__date__gte=today).exists()


def test_it_lets_attendance_drift(demo):
    team = Team.objects.get(name="Sozialraumteam Soltau/Wietzendorf")
    past = Meeting.objects.filter(team=team, date__lt=timezone.localdate()).count()
    shares = []
    for membership in Membership.objects.filter(team=team, left__isnull=True):
        shares.append(
            Attendance.objects.filter(membership=membership, is_substitute=False).count() / past
        )
    assert max(shares) > 0.8  # a core that (almost) always comes
    assert min(shares) < 0.4  # and some who hardly do (the municipality, the fading)
    assert Attendance.objects.filter(meeting__team=team, is_substitute=True).exists()
    assert Attendance.objects.filter(is_guest=True).exists()
    assert Invitation.objects.filter(answer=Answer.SUBSTITUTE, substitute__isnull=False).exists()
    assert Invitation.objects.filter(answer=Answer.NO).exists()


def test_it_numbers_decisions_per_team_and_year_and_flags_overdue_tasks(demo):
    for team in Team.objects.all():
        rows = Decision.objects.filter(team=team).values_list("year", "number")
        by_year: dict[int, list[int]] = {}
        for year, number in rows:
            by_year.setdefault(year, []).append(number)
        for numbers in by_year.values():
            assert sorted(numbers) == list(range(1, len(numbers) + 1))
    assert set(Decision.objects.values_list("status", flat=True)) == set(DecisionStatus.values)
    today = timezone.localdate()
    assert Task.objects.filter(status="offen", due__lt=today).exists()  # overdue
    assert Task.objects.filter(status="erledigt").exists()
    assert set(Topic.objects.values_list("status", flat=True)) == set(TopicStatus.values)
    decision = Decision.objects.first()
    assert decision.search_text.strip()


def test_it_grows_the_teams_with_the_scale(municipalities):
    build_demo(password=PASSWORD, scale=2)
    heidekreis = Team.objects.filter(youth_office__slug="heidekreis")
    assert heidekreis.count() == 8 + SCALE_TEAMS_PER_STEP
    grown = heidekreis.filter(name__startswith="Arbeitsgruppe")
    assert grown.count() == SCALE_TEAMS_PER_STEP
    for team in grown:
        assert Membership.objects.filter(team=team).count() >= 10
        assert Meeting.objects.filter(team=team).count() >= 24
    assert Decision.objects.filter(team__in=grown).exists()
    assert Attendance.objects.filter(meeting__team__in=grown).count() > 10 * 24 * 8


def test_it_plans_no_agenda_that_runs_over_its_meeting(demo):
    from datetime import datetime

    from django.db.models import Sum

    over = []
    for meeting in Meeting.objects.annotate(planned=Sum("agenda_items__duration_minutes")):
        length = datetime.combine(meeting.date, meeting.ends_at) - datetime.combine(
            meeting.date, meeting.starts_at
        )
        if meeting.planned and meeting.planned > length.total_seconds() / 60:
            over.append((meeting.team_id, meeting.date, meeting.planned))
    assert not over, over[:5]


@pytest.mark.parametrize("days", [0, 17, 45, 200])
def test_it_gives_the_coordinators_open_tasks_whatever_the_day(municipalities, days, monkeypatch):
    """The Leitung of each hand-made team takes an open task in its latest meeting, so
    "Meine Aufgaben" of the demo's coordinators is never empty (and the bench's page of it
    shows tasks at every scale), whichever day the demo is built on."""
    from sozialraum.minutes.models import TaskStatus

    today = timezone.localdate() + timedelta(days=days)
    monkeypatch.setattr(timezone, "localdate", lambda *args: today)
    build_demo(password=PASSWORD)
    for email in ("koordination@heidekreis.example", "koordination@verden.example"):
        open_tasks = Task.objects.filter(responsible__user__email=email, status=TaskStatus.OPEN)
        assert open_tasks.exists(), email
        assert open_tasks.filter(due__gte=today).exists(), email
