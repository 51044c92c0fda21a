"""Permissions of invitations, answers, reminders and the calendar feed (imported by rules.py).

- ``meetings.send_invitations``  (a meeting) coordination or the team's Leitung;
- ``meetings.view_invitations``  (a meeting) who answered what: coordination and the team;
- ``meetings.answer_invitation`` (an invitation) the invitee themselves;
- ``meetings.manage_reminders``  (the office) coordination sets when reminders go out;
- ``meetings.use_calendar_feed`` (the office) every member has a personal feed.
"""

from __future__ import annotations

from typing import Any

import rules

from sozialraum.accounts.predicates import is_coordinator, is_member
from sozialraum.teams.predicates import is_team_lead, is_team_member


@rules.predicate
def is_invitee(user: Any, invitation: Any) -> bool:
    """The invitation's person is the user (through the person's account, Person.user)."""
    person = getattr(invitation, "person", None)
    return (
        person is not None
        and getattr(user, "is_authenticated", False)
        and person.user_id is not None
        and person.user_id == user.pk
    )


rules.add_perm("meetings.send_invitations", is_coordinator | is_team_lead)
rules.add_perm("meetings.view_invitations", is_coordinator | is_team_member)
rules.add_perm("meetings.answer_invitation", is_member & is_invitee)
rules.add_perm("meetings.manage_reminders", is_coordinator)
rules.add_perm("meetings.use_calendar_feed", is_member)
