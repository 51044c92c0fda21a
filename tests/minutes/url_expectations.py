"""The URL walk's expectations for sozialraum.minutes."""

from __future__ import annotations

from tests.walk import Expect, Walk

EXPECTED: dict[str, Expect] = {}

SECRETS: tuple[str, ...] = ()


def build(walk: Walk) -> None:
    build_minutes(walk)


# --- Minutes (helper "minutes"): rows, statuses, secrets ---------------------------------------
from sozialraum.minutes import services as minutes_services  # noqa: E402
from sozialraum.minutes.services import ItemInput, MinutesInput  # noqa: E402
from tests.minutes.world import attend, make_meeting, person_of  # noqa: E402
from tests.walk import COORDINATION_PAGE, COORDINATION_WRITE, LOGIN, row  # noqa: E402

DISCUSSION = "Die Hausaufgabenhilfe am Heidering braucht Ehrenamtliche."


def build_minutes(walk: Walk) -> None:
    """A meeting of team_a last week with draft minutes; the team member takes them."""
    from sozialraum.meetings import agenda

    world = walk.world
    assert world.team_a is not None and world.team_member is not None
    meeting = make_meeting(world.team_a, days=-7)
    agenda.add_item(meeting=meeting, actor=world.coordinator, data={"title": "Hausaufgabenhilfe"})
    taker = person_of(world.team_member)
    attend(meeting, taker)
    minutes = minutes_services.start_minutes(
        meeting=meeting, actor=world.coordinator, minute_taker=taker
    )
    item = minutes.items.get()
    minutes_services.save_minutes(
        minutes=minutes,
        actor=world.team_member,
        version=minutes.version,
        data=MinutesInput(items={item.pk: ItemInput(discussion=DISCUSSION)}),
    )
    walk.rows.update(minutes_meeting=meeting.pk)


def minutes_meeting(walk: Walk) -> dict[str, str]:
    return {"meeting_pk": str(walk.rows["minutes_meeting"])}


# Draft minutes: the team and coordination; the rest of the office gets 403.
DRAFT_PAGE = row(
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
# A POST without an action goes back to the minutes with a message.
DRAFT_ACTION = {**DRAFT_PAGE, "coordinator": 302, "operator": 302, "team_member": 302}

EXPECTED.update(
    {
        "minutes:minutes": Expect(get=DRAFT_PAGE, post=DRAFT_ACTION, params=minutes_meeting),
        # The team member is the minute-taker; an empty POST shows the form with its errors.
        "minutes:minutes_edit": Expect(get=DRAFT_PAGE, post=DRAFT_PAGE, params=minutes_meeting),
        "minutes:sections": Expect(get=COORDINATION_PAGE, post=COORDINATION_WRITE),
    }
)
SECRETS += (DISCUSSION,)
