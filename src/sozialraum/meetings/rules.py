"""Permissions of sozialraum.meetings (django-rules, autodiscovered).

Office level (the youth office as object):

- ``meetings.view_holidays``   every member sees the school holidays the office entered;
- ``meetings.manage_holidays`` coordination enters and deletes them.

Team level (a team, or a meeting: the predicates find the team):

- ``meetings.view_meeting``     every member of the office sees a team's meeting dates;
- ``meetings.manage_meetings``  coordination and the team's Leitung create, move and cancel;
- ``meetings.view_attendance``  coordination and the team's members see who was there;
- ``meetings.take_attendance``  coordination, the Leitung, and any member of the team on the
  day of the meeting (the check-in list on a phone);
- ``meetings.view_participation`` coordination and the team's members: the participation
  review names members who missed meetings, so it is not for the whole office.
"""

from __future__ import annotations

import rules

from sozialraum.accounts.predicates import is_coordinator, is_member
from sozialraum.meetings.predicates import is_meeting_day
from sozialraum.teams.predicates import is_team_lead, is_team_member

rules.add_perm("meetings.view_holidays", is_member)
rules.add_perm("meetings.manage_holidays", is_coordinator)

rules.add_perm("meetings.view_meeting", is_member)
rules.add_perm("meetings.manage_meetings", is_coordinator | is_team_lead)
# Announcing a meeting on the public pages of the team's social spaces (Familienwegweiser).
rules.add_perm("meetings.publish_meeting", is_coordinator | is_team_lead)
rules.add_perm("meetings.view_attendance", is_coordinator | is_team_member)
rules.add_perm(
    "meetings.take_attendance", is_coordinator | is_team_lead | (is_team_member & is_meeting_day)
)
rules.add_perm("meetings.view_participation", is_coordinator | is_team_member)

# Invitations, answers, reminders, calendar feed.
from sozialraum.meetings import invitation_rules  # noqa: E402, F401


# --- Topics and agenda (helper "minutes") ----------------------------------------------------
# Object: the team (lists, submitting) or the topic / the meeting. Team-only: coordination of
# the office and the team's members; members of another team get 403.
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
