"""Permissions of sozialraum.meetings (django-rules, autodiscovered)."""

from __future__ import annotations

# --- Topics and agenda (helper "minutes") ----------------------------------------------------
# Object: the team (lists, submitting) or the topic / the meeting. Team-only: coordination of
# the office and the team's members; members of another team get 403.
import rules

from sozialraum.accounts.predicates import is_coordinator, is_member
from sozialraum.teams.predicates import is_team_lead, is_team_member


@rules.predicate
def is_submitter(user, obj) -> bool:
    """The user brought this topic in (they keep seeing its feedback after leaving the team)."""
    return bool(getattr(user, "is_authenticated", False)) and (
        getattr(obj, "submitted_by_id", None) == user.pk
    )


rules.add_perm("meetings.view_topics", is_coordinator | is_team_member)
rules.add_perm("meetings.view_topic", is_coordinator | is_team_member | (is_member & is_submitter))
rules.add_perm("meetings.submit_topic", is_coordinator | is_team_member)
# Schedule into an agenda, defer, decline with a reason.
rules.add_perm("meetings.manage_topics", is_coordinator | is_team_lead)
rules.add_perm("meetings.view_agenda", is_coordinator | is_team_member)
rules.add_perm("meetings.manage_agenda", is_coordinator | is_team_lead)
