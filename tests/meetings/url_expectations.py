"""The URL walk's expectations for sozialraum.meetings."""

from __future__ import annotations

from tests.walk import Expect, Walk

EXPECTED: dict[str, Expect] = {}

SECRETS: tuple[str, ...] = ()


def build(walk: Walk) -> None:
    build_topics_and_agenda(walk)


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
TEAM_PAGE = row(
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
TEAM_LEAD_WRITE = {**TEAM_PAGE, "coordinator": 302, "operator": 302, "team_member": 403}

EXPECTED.update(
    {
        "meetings:topics": Expect(get=TEAM_PAGE, params=team_pk),
        "meetings:topic_create": Expect(get=TEAM_PAGE, post=TEAM_PAGE, params=team_pk),
        "meetings:topic": Expect(
            get=TEAM_PAGE, post=TEAM_LEAD_WRITE, pk=lambda walk: walk.rows["topic"]
        ),
        "meetings:agenda": Expect(
            get=TEAM_PAGE, post=TEAM_LEAD_WRITE, pk=lambda walk: walk.rows["topic_meeting"]
        ),
    }
)
SECRETS += (TOPIC_TITLE,)
