"""Permissions of sozialraum.minutes (django-rules, autodiscovered)."""

from __future__ import annotations

# --- Decisions register, tasks and the minutes' documents (register helper) ------------------
#
# Office level (the object is the youth office): every member sees the register and their own
# tasks. A decision or task is seen by every member of the office once its minutes are
# approved (or when it has no minutes); before that by coordination and the team's members
# (and, for a task, the responsible person). Coordination and the team's Leitung change a
# decision's status; a task's status also its responsible person.
import rules

from sozialraum.accounts.predicates import is_coordinator, is_member
from sozialraum.minutes.predicates import (
    is_approved,
    is_attendee,
    is_draft,
    is_in_review,
    is_minute_taker,
)
from sozialraum.teams.predicates import is_team_lead, is_team_member


def _minutes_approved(minutes) -> bool:
    from sozialraum.minutes.models import MinutesStatus

    return minutes is None or minutes.status == MinutesStatus.APPROVED


@rules.predicate
def is_published(user, obj) -> bool:
    """A decision or task whose minutes are approved, or that has no minutes."""
    return obj.minutes_id is None or _minutes_approved(obj.minutes)


@rules.predicate
def is_responsible(user, task) -> bool:
    """The logged-in user is the task's responsible person (Person.user)."""
    return bool(getattr(user, "is_authenticated", False)) and (
        task.responsible.user_id is not None and task.responsible.user_id == user.pk
    )


@rules.predicate
def is_approved_minutes(user, minutes) -> bool:
    return _minutes_approved(minutes)


may_see_minutes = is_coordinator | is_team_member | (is_member & is_approved_minutes)


@rules.predicate
def may_view_minutes(user, minutes) -> bool:
    """The minutes page's own rule (`minutes.view_minutes`) where it exists, so the documents
    follow the page; else: coordination, the team's members, everyone once approved."""
    if rules.perm_exists("minutes.view_minutes"):
        return user.has_perm("minutes.view_minutes", minutes)
    return may_see_minutes(user, minutes)


rules.add_perm("minutes.view_register", is_member)
rules.add_perm("minutes.view_my_tasks", is_member)
rules.add_perm(
    "minutes.view_decision", is_coordinator | is_team_member | (is_member & is_published)
)
rules.add_perm("minutes.change_decision_status", is_coordinator | is_team_lead)
# Publishing a decision on the public pages of the team's social spaces (Familienwegweiser):
# coordination and the team's Leitung, once the minutes are approved.
rules.add_perm("minutes.publish_decision", (is_coordinator | is_team_lead) & is_published)
rules.add_perm(
    "minutes.view_task",
    is_coordinator | is_team_member | is_responsible | (is_member & is_published),
)
rules.add_perm("minutes.change_task_status", is_coordinator | is_team_lead | is_responsible)
rules.add_perm("minutes.download_minutes", may_view_minutes)

# --- Minutes (helper "minutes") ----------------------------------------------------------------
# Object: the Minutes (or the meeting while there are none yet, which counts as a draft);
# manage_sections takes the youth office.

# Approved minutes: every member of the office; drafts and minutes in review: the team and
# coordination.
rules.add_perm("minutes.view_minutes", (is_approved & is_member) | is_coordinator | is_team_member)
# Draft: the minute-taker, coordination, the team's Leitung; in review: the minute-taker (and
# coordination); approved: nobody (a correction is a new version: correct_minutes).
rules.add_perm(
    "minutes.edit_minutes",
    (is_draft & (is_minute_taker | is_coordinator | is_team_lead))
    | (is_in_review & (is_minute_taker | is_coordinator)),
)
# Starting the minutes and choosing (overriding) the minute-taker.
rules.add_perm("minutes.start_minutes", ~is_approved & (is_coordinator | is_team_lead))
rules.add_perm(
    "minutes.comment_minutes", is_in_review & (is_attendee | is_team_member | is_coordinator)
)
rules.add_perm("minutes.approve_minutes", is_in_review & (is_coordinator | is_team_lead))
rules.add_perm("minutes.correct_minutes", is_approved & (is_coordinator | is_team_lead))
rules.add_perm("minutes.manage_sections", is_coordinator)
