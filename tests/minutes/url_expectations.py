"""The URL walk's expectations for sozialraum.minutes."""

from __future__ import annotations

from datetime import date, timedelta

from tests.walk import MEMBER_PAGE, POST_ONLY, Expect, Walk, professionals, row

EXPECTED: dict[str, Expect] = {}

SECRETS: tuple[str, ...] = ()


# --- The decisions register, tasks, the minutes' documents and the read API (register helper) --
# The helper "minutes" adds its rows to this file too; these are in one block.


def build_register(walk: Walk) -> None:
    """Team A's approved minutes with a decision and a task of the team member, and a draft
    minutes of another meeting (team-only until approved) for the documents."""
    from sozialraum.minutes.models import MinutesStatus
    from tests.minutes.conftest import (
        make_decision,
        make_meeting,
        make_minutes,
        make_task,
        person_of,
    )

    world = walk.world
    team = world.team_a
    assert team is not None and world.team_member is not None
    meeting = make_meeting(team, date.today() - timedelta(days=30))
    minutes = make_minutes(meeting, status=MinutesStatus.APPROVED)
    decision = make_decision(team, "Ferienprogramm am Heidesee wird fortgesetzt.", minutes=minutes)
    task = make_task(
        team,
        "Flyer für das Ferienprogramm drucken",
        person_of(world.team_member),
        due=date.today() + timedelta(days=7),
        minutes=minutes,
    )
    draft_meeting = make_meeting(team, date.today() - timedelta(days=2))
    make_minutes(draft_meeting, status=MinutesStatus.DRAFT)
    walk.rows.update(
        register_decision=decision.pk,
        register_task=task.pk,
        register_draft_meeting=draft_meeting.pk,
    )


def register_decision(walk: Walk) -> int:
    return walk.rows["register_decision"]


def register_task(walk: Walk) -> int:
    return walk.rows["register_task"]


def draft_meeting(walk: Walk) -> dict[str, str]:
    return {"meeting_pk": str(walk.rows["register_draft_meeting"])}


# Changing a decision's status: coordination and the team's Leitung (none in the walk's team);
# an empty POST shows the form with its errors (200).
DECISION_STATUS_POST = {
    **MEMBER_PAGE,
    "reader": 403,
    **professionals(403),
    "carrier_editor": 403,
    "coordinator": 200,
    "operator": 200,
}
# A task's status: also its responsible person (the team member).
TASK_STATUS_POST = {**DECISION_STATUS_POST, "team_member": 200}
# Draft minutes: coordination and the team's members only; a member of another team gets 403.
DRAFT_MINUTES_DOCUMENT = {
    **MEMBER_PAGE,
    "reader": 403,
    **professionals(403),
    "team_member": 200,
    "carrier_editor": 403,
}
# The read API: 401 without a session, 404 for another office.
OFFICE_API = row(
    anonymous=401,
    outsider=404,
    coordinator_b=404,
    reader=200,
    professional=200,
    coordinator=200,
    operator=200,
    carrier_editor=200,
)

EXPECTED.update(
    {
        "minutes:decisions": Expect(get=MEMBER_PAGE),
        "minutes:decisions_csv": Expect(get=MEMBER_PAGE),
        "minutes:decisions_xlsx": Expect(get=MEMBER_PAGE),
        "minutes:decision": Expect(
            get=MEMBER_PAGE, post=DECISION_STATUS_POST, pk=register_decision
        ),
        # Publishing the decision (Familienwegweiser): coordination and the team's Leitung.
        "minutes:decision_public": Expect(
            get=POST_ONLY,
            post={**DECISION_STATUS_POST, "coordinator": 302, "operator": 302},
            pk=register_decision,
        ),
        "minutes:my_tasks": Expect(get=MEMBER_PAGE),
        "minutes:task": Expect(get=MEMBER_PAGE, post=TASK_STATUS_POST, pk=register_task),
        "minutes:minutes_pdf": Expect(get=DRAFT_MINUTES_DOCUMENT, params=draft_meeting),
        "minutes:minutes_docx": Expect(get=DRAFT_MINUTES_DOCUMENT, params=draft_meeting),
        "api:list_teams": Expect(get=OFFICE_API),
        "api:list_meetings": Expect(get=OFFICE_API),
        "api:list_decisions": Expect(get=OFFICE_API),
    }
)
SECRETS += ("Ferienprogramm am Heidesee", "Flyer für das Ferienprogramm drucken")


def build(walk: Walk) -> None:
    build_register(walk)
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
    item = minutes.items.get(title="Hausaufgabenhilfe")
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
