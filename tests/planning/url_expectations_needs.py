"""The URL walk's expectations for sozialraum.planning: needs, prioritisation, measures, cost
calculations, approval, the settings and the measure's documents (planning-needs; joined in
url_expectations.py)."""

from __future__ import annotations

from datetime import date, time

from tests.walk import (
    COORDINATION_PAGE,
    COORDINATION_WRITE,
    LOGIN,
    MEMBER_PAGE,
    POST_ONLY,
    Expect,
    Walk,
    row,
)


def build(walk: Walk) -> None:
    """An accepted need of team_a, a draft measure of the carrier editor's organisation with a
    goal and a cost calculation, an agenda item of team_a, and one row of each setting."""
    from sozialraum.meetings.models import AgendaItem, Meeting, TimeSlot
    from sozialraum.planning.models import NeedStatus
    from tests.planning.needs_world import (
        make_criteria,
        make_levels,
        make_measure,
        make_need,
        make_pay_group,
    )

    world = walk.world
    office, team = world.office_a, world.team_a
    assert team is not None and world.org_a is not None
    need = make_need(
        office, world.space_a, "Streetwork am Bahnhof Soltau", status=NeedStatus.ACCEPTED, team=team
    )
    measure = make_measure(office, world.org_a, "Ferienfreizeit Heideblick", team=team)
    measure.needs.add(need)
    meeting = Meeting.objects.create(
        youth_office=office,
        team=team,
        date=date(2026, 5, 6),
        starts_at=time(9),
        ends_at=time(11),
        time_slot=TimeSlot.MORNING,
    )
    item = AgendaItem.objects.create(
        youth_office=office, meeting=meeting, title="Jugendliche am Bahnhof"
    )
    criterion, _other = make_criteria(office)
    level, _department = make_levels(office, world.coordinator)
    walk.rows.update(
        planning_need=need.pk,
        planning_measure=measure.pk,
        planning_item=item.pk,
        planning_pay_group=make_pay_group(office).pk,
        planning_criterion=criterion.pk,
        planning_level=level.pk,
    )


def _pk(name: str):
    return lambda walk: walk.rows[name]


# Professionals and coordination raise and edit needs; readers and carrier editors read only.
CONTRIBUTOR_PAGE = {**MEMBER_PAGE, "reader": 403, "carrier_editor": 403}
# Measures: professionals, coordination and the carrier editor of the measure's organisation.
MEASURE_WRITER_PAGE = {**MEMBER_PAGE, "reader": 403}
MEASURE_WRITER_REDIRECT = {
    **MEASURE_WRITER_PAGE,
    "professional": 302,
    "team_member": 302,
    "other_team_member": 302,
    "coordinator": 302,
    "operator": 302,
    "carrier_editor": 302,
}
# A POST-only step of coordination that renders the page with the form's errors.
COORDINATION_POST = row(
    anonymous=LOGIN,
    outsider=404,
    coordinator_b=404,
    reader=403,
    professional=403,
    coordinator=200,
    operator=200,
    carrier_editor=403,
)
COORDINATION_POST_REDIRECT = {**COORDINATION_POST, "coordinator": 302, "operator": 302}

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

NEED = _pk("planning_need")
MEASURE = _pk("planning_measure")

EXPECTED: dict[str, Expect] = {
    "planning:needs": Expect(get=MEMBER_PAGE),
    "planning:need_ranking": Expect(get=MEMBER_PAGE),
    # Invalid (empty) forms answer 200 with their errors.
    "planning:need_add": Expect(get=CONTRIBUTOR_PAGE, post=CONTRIBUTOR_PAGE),
    "planning:need": Expect(get=MEMBER_PAGE, pk=NEED),
    "planning:need_edit": Expect(get=CONTRIBUTOR_PAGE, post=CONTRIBUTOR_PAGE, pk=NEED),
    "planning:need_status": Expect(get=POST_ONLY, post=COORDINATION_POST, pk=NEED),
    # No score given is a valid form (every score may stay empty): saved, back to the ranking.
    "planning:need_scores": Expect(get=COORDINATION_PAGE, post=COORDINATION_WRITE, pk=NEED),
    "planning:need_from_item": Expect(
        get=CONTRIBUTOR_PAGE, post=CONTRIBUTOR_PAGE, pk=_pk("planning_item")
    ),
    "planning:measures": Expect(get=MEMBER_PAGE),
    "planning:measure_add": Expect(get=MEASURE_WRITER_PAGE, post=MEASURE_WRITER_PAGE),
    "planning:measure": Expect(get=MEMBER_PAGE, pk=MEASURE),
    "planning:measure_edit": Expect(get=MEASURE_WRITER_PAGE, post=MEASURE_WRITER_PAGE, pk=MEASURE),
    "planning:measure_costs": Expect(get=MEASURE_WRITER_PAGE, post=MEASURE_WRITER_PAGE, pk=MEASURE),
    # Without the page's version the submit is refused with a message, back to the measure.
    "planning:measure_submit": Expect(get=POST_ONLY, post=MEASURE_WRITER_REDIRECT, pk=MEASURE),
    # A draft is not decided: the message says so, back to the measure.
    "planning:measure_decide": Expect(get=POST_ONLY, post=COORDINATION_POST_REDIRECT, pk=MEASURE),
    "planning:measure_pdf": Expect(get=MEMBER_PAGE, pk=MEASURE),
    "planning:measure_docx": Expect(get=MEMBER_PAGE, pk=MEASURE),
    "planning:settings": Expect(get=COORDINATION_PAGE),
    "planning:settings_pay_group_add": Expect(get=COORDINATION_PAGE, post=COORDINATION_PAGE),
    "planning:settings_pay_group": Expect(
        get=COORDINATION_PAGE, post=COORDINATION_PAGE, pk=_pk("planning_pay_group")
    ),
    "planning:settings_criterion_add": Expect(get=COORDINATION_PAGE, post=COORDINATION_PAGE),
    "planning:settings_criterion": Expect(
        get=COORDINATION_PAGE, post=COORDINATION_PAGE, pk=_pk("planning_criterion")
    ),
    "planning:settings_level_add": Expect(get=COORDINATION_PAGE, post=COORDINATION_PAGE),
    "planning:settings_level": Expect(
        get=COORDINATION_PAGE, post=COORDINATION_PAGE, pk=_pk("planning_level")
    ),
    # The read API: 401 without a session, 404 for another office.
    "api:list_needs": Expect(get=OFFICE_API),
    "api:list_measures": Expect(get=OFFICE_API),
}

SECRETS: tuple[str, ...] = ("Streetwork am Bahnhof Soltau", "Ferienfreizeit Heideblick")
