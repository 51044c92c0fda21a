"""The URL walk's expectations for invitations, answers, reminders and the calendar feed
(merged into tests/meetings/url_expectations.py)."""

from __future__ import annotations

from datetime import time, timedelta

from django.utils import timezone

from tests.walk import COORDINATION_PAGE, LOGIN, MEMBER_PAGE, Expect, Walk, row, same

# A place only office A's pages show.
PLACE = "Rathaus Soltau, Sitzungssaal"
BOGUS_TOKEN = "WzEsMiwzLCJ6Il0:1uXyZa:kein-gueltiges-zeichen"


def build(walk: Walk) -> None:
    """A meeting of team_a ahead, with the team member invited (no mail is sent in the walk)."""
    from sozialraum.meetings import invitations
    from sozialraum.meetings.models import Meeting, TimeSlot

    world = walk.world
    meeting = Meeting.objects.create(
        youth_office=world.office_a,
        team=world.team_a,
        date=timezone.localdate() + timedelta(days=14),
        starts_at=time(14, 0),
        ends_at=time(16, 0),
        time_slot=TimeSlot.AFTERNOON,
        place=PLACE,
    )
    invitations.send_invitations(meeting=meeting, actor=world.coordinator)
    walk.rows["invites_meeting"] = meeting


def meeting_pk(walk: Walk) -> int:
    return walk.rows["invites_meeting"].pk


# Invite: coordination and the team's Leitung (the walk's team member is a plain member).
INVITE = row(
    anonymous=LOGIN,
    outsider=404,
    coordinator_b=404,
    reader=403,
    professional=403,
    coordinator=200,
    operator=200,
    carrier_editor=403,
    team_member=403,
    other_team_member=403,
)
# Answer: the invitee only (the team member); everybody else in the office is not invited.
ANSWER = row(
    anonymous=LOGIN,
    outsider=404,
    coordinator_b=404,
    reader=403,
    professional=403,
    coordinator=403,
    operator=403,
    carrier_editor=403,
    team_member=200,
    other_team_member=403,
)

EXPECTED: dict[str, Expect] = {
    "meetings:invite": Expect(
        get=INVITE,
        post={**INVITE, "coordinator": 302, "operator": 302},
        pk=meeting_pk,
    ),
    "meetings:answer": Expect(
        get=ANSWER,
        post={**ANSWER, "team_member": 302},
        post_data={"answer": "zusage"},
        pk=meeting_pk,
    ),
    # Public: the token is the key. A bogus one gets the German error page, whoever asks.
    "meetings:rsvp": Expect(
        get=same(400),
        post=same(400),
        post_data={"answer": "zusage"},
        params=lambda walk: {"token": BOGUS_TOKEN},
    ),
    "meetings:reminder_settings": Expect(
        get=COORDINATION_PAGE,
        post={**COORDINATION_PAGE, "coordinator": 302, "operator": 302},
        post_data={"days_before": "3", "answer_days_before": "7"},
    ),
    "meetings:calendar_feed_settings": Expect(
        get=MEMBER_PAGE,
        post={persona: 302 if status == 200 else status for persona, status in MEMBER_PAGE.items()},
        post_data={"aktion": "erneuern"},
    ),
    # The feed answers without a session; a wrong token is 404 for everybody.
    "calendar_feed": Expect(get=same(404), params=lambda walk: {"token": "falsch"}),
}

SECRETS: tuple[str, ...] = (PLACE,)
