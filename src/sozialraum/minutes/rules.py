"""Permissions of sozialraum.minutes (django-rules, autodiscovered)."""

from __future__ import annotations

# --- Minutes (helper "minutes") ----------------------------------------------------------------
# Object: the Minutes (or the meeting while there are none yet, which counts as a draft);
# manage_sections takes the youth office.
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
