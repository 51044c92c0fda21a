"""The URL walk's expectations for sozialraum.consultations: cases (see url_expectations.py).

The walk's consultation was brought by ``team_member`` (the teacher) to the ASD of
Soltau/Wietzendorf, ``professional``: those two are the parties. Everybody else gets 404 on its
URLs, including ``other_team_member`` (a Fachkraft of the same office who is no party),
coordination, readers, the carrier editor and the platform operator. Coordination sees the
counts (200), never contents.
"""

from __future__ import annotations

from sozialraum.consultations.models import ConcernArea
from tests.consultations.world import bring, build_cases
from tests.walk import COORDINATION_PAGE, LOGIN, POST_ONLY, Expect, Walk, row


def build(walk: Walk) -> None:
    world = walk.world
    assert world.team_member is not None
    cases = build_cases(
        world.office_a, world.space_a, teacher=world.team_member, asd_user=world.professional
    )
    consultation = bring(cases, teacher=world.team_member, space=world.space_a)
    walk.rows.update(
        consultation=consultation.pk,
        consultant=cases.insofa.pk,
        concern=ConcernArea.objects.filter(youth_office=world.office_a).first().pk,  # type: ignore[union-attr]
    )


def consultation(walk: Walk) -> int:
    return walk.rows["consultation"]


def consultant(walk: Walk) -> int:
    return walk.rows["consultant"]


def concern(walk: Walk) -> int:
    return walk.rows["concern"]


def parties(party: int | str, requester: int | str | None = None) -> dict:
    """The consultation's parties get `party` (the requester `requester` if given); every other
    persona of the office gets 404, like a consultation that does not exist."""
    return row(
        anonymous=LOGIN,
        outsider=404,
        coordinator_b=404,
        reader=404,
        professional=party,
        coordinator=404,
        operator=404,
        carrier_editor=404,
        team_member=party if requester is None else requester,
        other_team_member=404,
    )


# Fachkräfte (their consultations) and coordination (the counts); the operator sees nothing.
AREA = row(
    anonymous=LOGIN,
    outsider=404,
    coordinator_b=404,
    reader=403,
    professional=200,
    coordinator=200,
    operator=403,
    carrier_editor=403,
)
BRINGING = {**AREA, "coordinator": 403}
COUNTS = {**COORDINATION_PAGE, "operator": 403}
LIST_WRITE = {**COORDINATION_PAGE, "coordinator": 302, "operator": 302}

EXPECTED: dict[str, Expect] = {
    "consultations:list": Expect(get=AREA),
    # An empty form answers 200 with its errors.
    "consultations:create": Expect(get=BRINGING, post=BRINGING),
    "consultations:detail": Expect(get=parties(200), pk=consultation),
    # An empty message shows the page again with the error (200).
    "consultations:message": Expect(get=POST_ONLY, post=parties(200), pk=consultation),
    # Only the consultant side recommends; the requester is a party (403, not 404).
    "consultations:recommend": Expect(
        get=parties(200, requester=403), post=parties(200, requester=403), pk=consultation
    ),
    "consultations:close": Expect(get=POST_ONLY, post=parties(302), pk=consultation),
    "consultations:counts": Expect(get=COUNTS),
    "consultations:consultants": Expect(get=COORDINATION_PAGE, post=COORDINATION_PAGE),
    "consultations:consultant_remove": Expect(get=POST_ONLY, post=LIST_WRITE, pk=consultant),
    "consultations:concerns": Expect(get=COORDINATION_PAGE, post=COORDINATION_PAGE),
    "consultations:concern_remove": Expect(get=POST_ONLY, post=LIST_WRITE, pk=concern),
}

# Shown to coordination on the list of consultants; never to another office.
SECRETS: tuple[str, ...] = ("Ines Fachmann", "Beratungsstelle Heidekreis")
