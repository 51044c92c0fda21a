"""The URL walk's expectations for sozialraum.planning: projects (joined in url_expectations.py).

The walk's project belongs to a measure of office A carried by org_a (the carrier editor's
organisation) for team_a (the team member's team)."""

from __future__ import annotations

from tests.planning.project_fixtures import make_criteria, make_project
from tests.walk import COORDINATION_PAGE, LOGIN, MEMBER_PAGE, Expect, Walk, professionals, row, same

PROJECT_TITLE = "Elterncafé am Heidering"


def build(walk: Walk) -> None:
    world = walk.world
    found = make_project(
        world.office_a,
        spaces=[world.space_a, world.space_a2],
        carrier=world.org_a,
        team=world.team_a,
        title=PROJECT_TITLE,
    )
    make_criteria(world.office_a)
    walk.rows.update(project=found.pk)


def project(walk: Walk) -> int:
    return walk.rows["project"]


def _allowed(status, *, carrier_editor, team_member, professional):
    """A write on the project: coordination (and the operator) always; the others as named."""
    return row(
        anonymous=LOGIN,
        outsider=404,
        coordinator_b=404,
        reader=403,
        professional=professional,
        coordinator=status,
        operator=status,
        carrier_editor=carrier_editor,
        team_member=team_member,
        other_team_member=professional,
    )


# Progress notes: coordination, the carrier's editor, the team's members. A GET goes back to the
# project's page (302); an empty POST shows the page with the form's errors (200).
NOTE_GET = _allowed(302, carrier_editor=302, team_member=302, professional=403)
NOTE_POST = _allowed(200, carrier_editor=200, team_member=200, professional=403)
# Evaluation: coordination and the carrier's editor; an empty POST saves an empty draft.
EVALUATION_GET = _allowed(200, carrier_editor=200, team_member=403, professional=403)
EVALUATION_POST = _allowed(302, carrier_editor=302, team_member=403, professional=403)
# Continuing: who may draft measures (coordination, professionals, the carrier's editor).
CONTINUE_POST = {
    **_allowed(302, carrier_editor=302, team_member=302, professional=302),
    **professionals(302),
}

EXPECTED: dict[str, Expect] = {
    "planning:projects": Expect(get=MEMBER_PAGE),
    "planning:project": Expect(get=MEMBER_PAGE, pk=project),
    "planning:project_note_add": Expect(get=NOTE_GET, post=NOTE_POST, pk=project),
    "planning:evaluation": Expect(get=EVALUATION_GET, post=EVALUATION_POST, pk=project),
    "planning:project_continue": Expect(get=same(405), post=CONTINUE_POST, pk=project),
    # An empty POST (no action) shows the form with its errors.
    "planning:quality_criteria": Expect(get=COORDINATION_PAGE, post=COORDINATION_PAGE),
}

SECRETS: tuple[str, ...] = (PROJECT_TITLE,)
