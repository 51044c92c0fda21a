"""The URL walk's expectations for sozialraum.meetings: a team's meetings, one meeting, moving
and cancelling it, the check-in list, the participation review and the school holidays.

Team-only pages (attendance, participation) answer 403 to Fachkräfte outside the team, the
member of another team included; the meeting list and a meeting's page are for every member
of the office. Managing meetings is coordination's and the team's Leitung's (there is no
Leitung persona: team_member is an ordinary member, so 403)."""

from __future__ import annotations

from datetime import date, time

from django.utils import timezone

from sozialraum.meetings.models import Meeting, SchoolHoliday, TimeSlot
from tests.meetings.invitations import expectations as invites
from tests.walk import (
    COORDINATION_PAGE,
    COORDINATION_WRITE,
    MEMBER_PAGE,
    POST_ONLY,
    Expect,
    Walk,
    professionals,
)

PLACE = "Sitzungssaal Heideblick"


def build(walk: Walk) -> None:
    """A meeting of team_a today (the team member may take attendance today), school holidays
    of office A, and the invitations' rows (tests/meetings/invitations)."""
    world = walk.world
    assert world.team_a is not None
    meeting = Meeting.objects.create(
        youth_office=world.office_a,
        team=world.team_a,
        date=timezone.localdate(),
        starts_at=time(9),
        ends_at=time(11),
        time_slot=TimeSlot.MORNING,
        place=PLACE,
    )
    holiday = SchoolHoliday.objects.create(
        youth_office=world.office_a,
        name="Herbstferien",
        first_day=date(2030, 10, 14),
        last_day=date(2030, 10, 25),
    )
    walk.rows.update(meeting=meeting.pk, school_holiday=holiday.pk, team_a=world.team_a.pk)
    invites.build(walk)
    build_topics_and_agenda(walk)


def meeting(walk: Walk) -> int:
    return walk.rows["meeting"]


def school_holiday(walk: Walk) -> int:
    return walk.rows["school_holiday"]


def team(walk: Walk) -> dict[str, str]:
    return {"team_pk": str(walk.rows["team_a"])}


# Coordination and the team's Leitung; everybody else of the office 403.
MANAGE_PAGE = COORDINATION_PAGE
# Coordination and the team's members (any role); Fachkräfte outside the team 403.
TEAM_PAGE = {**COORDINATION_PAGE, "team_member": 200, "other_team_member": 403}
# The check-in list saved: the team member may on the day of the meeting (today).
TEAM_WRITE = {**TEAM_PAGE, "coordinator": 302, "operator": 302, "team_member": 302}
# Managers may post the page (a form with errors: 200); others 403.
MANAGE_POST = {**MEMBER_PAGE, "reader": 403, **professionals(403), "carrier_editor": 403}

EXPECTED: dict[str, Expect] = {
    "meetings:team_meetings": Expect(get=MEMBER_PAGE, post=MANAGE_POST, params=team),
    "meetings:meeting": Expect(get=MEMBER_PAGE, pk=meeting),
    "meetings:meeting_edit": Expect(get=MANAGE_PAGE, post=MANAGE_PAGE, pk=meeting),
    "meetings:meeting_cancel": Expect(get=MANAGE_PAGE, post=MANAGE_PAGE, pk=meeting),
    # Announcing the meeting publicly (Familienwegweiser): coordination and the Leitung.
    "meetings:meeting_public": Expect(get=POST_ONLY, post=COORDINATION_WRITE, pk=meeting),
    "meetings:attendance": Expect(get=TEAM_PAGE, post=TEAM_WRITE, pk=meeting),
    "meetings:participation": Expect(get=TEAM_PAGE, params=team),
    "meetings:participation_csv": Expect(get=TEAM_PAGE, params=team),
    "meetings:participation_xlsx": Expect(get=TEAM_PAGE, params=team),
    "meetings:holidays": Expect(get=MEMBER_PAGE, post=MANAGE_POST),
    "meetings:holiday_delete": Expect(get=POST_ONLY, post=COORDINATION_WRITE, pk=school_holiday),
}

EXPECTED.update(invites.EXPECTED)

SECRETS: tuple[str, ...] = (PLACE, *invites.SECRETS)

# --- Topics and agenda (helper "minutes"): rows, statuses, secrets -----------------------------
from sozialraum.meetings import agenda as agenda_services  # noqa: E402
from sozialraum.meetings import topics as topic_services  # noqa: E402
from tests.minutes.world import make_meeting  # noqa: E402
from tests.walk import LOGIN, row  # noqa: E402

TOPIC_TITLE = "Schulweg an der Heidmarkstraße"


def build_topics_and_agenda(walk: Walk) -> None:
    world = walk.world
    assert world.team_a is not None and world.team_member is not None
    meeting = make_meeting(world.team_a, days=14)
    topic = topic_services.submit_topic(
        team=world.team_a,
        actor=world.team_member,
        data={"title": TOPIC_TITLE, "reason": "Autos fahren zu schnell.", "minutes_needed": 20},
    )
    agenda_services.add_item(
        meeting=meeting, actor=world.coordinator, data={"title": "Bericht aus der Kita"}
    )
    walk.rows.update(topic_meeting=meeting.pk, topic=topic.pk)


def team_pk(walk: Walk) -> dict[str, str]:
    assert walk.world.team_a is not None
    return {"team_pk": str(walk.world.team_a.pk)}


# Team-only pages: coordination and the team's members; the rest of the office gets 403.
TOPIC_PAGE = row(
    anonymous=LOGIN,
    outsider=404,
    coordinator_b=404,
    reader=403,
    professional=403,
    coordinator=200,
    operator=200,
    carrier_editor=403,
    team_member=200,
    other_team_member=403,
)
# Decisions of coordination or the team's Leitung: a plain member gets 403; a POST without an
# action redirects back with a message.
TEAM_LEAD_WRITE = {**TOPIC_PAGE, "coordinator": 302, "operator": 302, "team_member": 403}

EXPECTED.update(
    {
        "meetings:topics": Expect(get=TOPIC_PAGE, params=team_pk),
        "meetings:topic_create": Expect(get=TOPIC_PAGE, post=TOPIC_PAGE, params=team_pk),
        "meetings:topic": Expect(
            get=TOPIC_PAGE, post=TEAM_LEAD_WRITE, pk=lambda walk: walk.rows["topic"]
        ),
        "meetings:agenda": Expect(
            get=TOPIC_PAGE, post=TEAM_LEAD_WRITE, pk=lambda walk: walk.rows["topic_meeting"]
        ),
    }
)
SECRETS += (TOPIC_TITLE,)
