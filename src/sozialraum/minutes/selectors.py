"""Reads of the decisions register and of tasks, for the pages here and for other parts (the
team page, the agenda, reminders). Every function is scoped and runs a fixed number of queries,
however many decisions and tasks there are.

Visibility: a decision or task whose minutes are not approved yet is seen only by coordination
and the team's members (the same as `minutes.view_decision`); everything else by every member
of the office. The register asks it inside its one query (a subquery of the user's teams).
"""

from __future__ import annotations

import re
from datetime import date
from typing import cast

from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone

from sozialraum.accounts.predicates import is_coordinator
from sozialraum.lib import search
from sozialraum.lib.prepared import Prepared
from sozialraum.minutes.models import (
    Decision,
    DecisionQuerySet,
    MinutesStatus,
    Task,
    TaskStatus,
)
from sozialraum.network.models import Person
from sozialraum.regions.models import SocialSpace, YouthOffice
from sozialraum.teams.models import Membership, Team

# "3/2026", "Nr. 3/2026", "3 / 2026": one decision by its number.
_NUMBER = re.compile(r"^\s*(?:nr\.?\s*)?(\d{1,6})\s*/\s*(\d{4})\s*$", re.IGNORECASE | re.ASCII)


def search_terms(q: str) -> search.Query:
    return search.parse(q)


def _pk(value) -> int | None:
    if value in (None, ""):
        return None
    if hasattr(value, "pk"):
        return value.pk
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1  # matches nothing


def user_team_ids(user) -> QuerySet:
    """The teams the user is a current member or named substitute of (a subquery)."""
    current = Membership.objects.current()
    return current.filter(Q(person__user=user) | Q(substitutes__user=user)).values("team_id")


def visible_decisions(office: YouthOffice, user) -> DecisionQuerySet:
    """The decisions of the office the user may see (see the module's docstring)."""
    decisions = cast(DecisionQuerySet, Decision.objects.in_office(office))
    if is_coordinator(user, office):
        return decisions
    return decisions.filter(
        Q(minutes__isnull=True)
        | Q(minutes__status=MinutesStatus.APPROVED)
        | Q(team_id__in=user_team_ids(user))
    )


def decision_register(
    office: YouthOffice,
    *,
    user,
    q: str = "",
    team: Team | int | None = None,
    social_space: SocialSpace | int | None = None,
    year: int | None = None,
) -> QuerySet[Decision]:
    """The register: the office's decisions the user may see, filtered, newest first. The
    search is German-aware (lib.search over the text); "3/2026" finds that number. Team and
    minutes (with the meeting's id) are joined."""
    decisions = visible_decisions(office, user).select_related("team", "minutes")
    number = _NUMBER.match(q or "")
    if number:
        decisions = decisions.filter(number=int(number[1]), year=int(number[2]))
    elif q:
        decisions = decisions.search(q)
    team_id = _pk(team)
    if team_id is not None:
        decisions = decisions.filter(team_id=team_id)
    space_id = _pk(social_space)
    if space_id is not None:
        served = Team.social_spaces.through.objects.filter(
            team_id=OuterRef("team_id"), socialspace_id=space_id
        )
        decisions = decisions.filter(Exists(served))
    if year is not None:
        decisions = decisions.filter(year=year)
    return decisions.order_by("-date", "-number", "-id")


# The date of the office's oldest decision, compiled once per connection (lib/prepared.py).
_FIRST_DATE = Prepared(
    lambda office: (
        Decision.objects.filter(youth_office_id=office).order_by("date").values_list("date")[:1]
    ),
    int,
    rows=True,
)


def first_decision_year(office: YouthOffice) -> int | None:
    """The year of the office's oldest decision (one query through the date index)."""
    first = _FIRST_DATE.first(office.pk)
    return first[0].year if first else None


# Tasks ------------------------------------------------------------------------------------------


def open_tasks(team: Team) -> QuerySet[Task]:
    """The team's open tasks, soonest due first (without a due date last), with the
    responsible person. For the team page and the next agenda."""
    return (
        Task.objects.filter(team=team, status=TaskStatus.OPEN)
        .select_related("responsible")
        .order_by(_due_order(), "id")
    )


def overdue_tasks(person: Person, *, today: date | None = None) -> QuerySet[Task]:
    """The person's open tasks past their due date, oldest due first (for reminders)."""
    today = today or timezone.localdate()
    return (
        Task.objects.filter(responsible=person, status=TaskStatus.OPEN, due__lt=today)
        .select_related("team")
        .order_by("due", "id")
    )


def _due_order():
    """Soonest due first, tasks without a due date last (the same on SQLite and PostgreSQL)."""
    return F("due").asc(nulls_last=True)


def my_tasks(office: YouthOffice, user) -> QuerySet[Task]:
    """The tasks of the office whose responsible person is the user (Person.user). The user's
    person records come first as a subquery, so the tasks are read through their index on the
    responsible person instead of through all tasks of the office (bench: 7.6 ms at scale 1,
    48 ms at scale 100 with the join)."""
    people = Person.objects.in_office(office).filter(user=user).values("pk")
    return Task.objects.in_office(office).filter(responsible__in=people).select_related("team")


def my_open_tasks(office: YouthOffice, user) -> QuerySet[Task]:
    return my_tasks(office, user).filter(status=TaskStatus.OPEN).order_by(_due_order(), "id")


def my_closed_tasks(office: YouthOffice, user) -> QuerySet[Task]:
    """Done and dropped tasks, the most recently changed first."""
    return my_tasks(office, user).exclude(status=TaskStatus.OPEN).order_by("-updated_at", "-id")
