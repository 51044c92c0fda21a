"""The URL walk's expectations for the network of actors (sozialraum.network): organisations,
people, their affiliations, proposals of carrier editors, imports."""

from __future__ import annotations

from sozialraum.network import proposals as network_review
from sozialraum.network import services as network_services
from sozialraum.network.models import PendingImport
from tests.walk import (
    COORDINATION_PAGE,
    COORDINATION_WRITE,
    MEMBER_PAGE,
    POST_ONLY,
    Expect,
    Walk,
    professionals,
)


def build(walk: Walk) -> None:
    """Office A's network rows: the carrier editor's organisation (org_a of tests/conftest.py)
    with a person in it, a pending proposal of the carrier editor, an uploaded import."""
    world = walk.world
    org, editor = world.org_a, world.carrier_editor
    assert org is not None and editor is not None
    person = network_services.create_person(
        office=world.office_a,
        actor=world.coordinator,
        data={"first_name": "Lina", "last_name": "Lindner"},
    )
    affiliation = network_services.add_affiliation(
        person=person, organisation=org, actor=world.coordinator, function="Leitung"
    )
    change = network_review.propose_organisation_change(
        organisation=org, actor=editor, data={"phone": "05191 12345"}, social_spaces=None
    )
    pending = PendingImport.objects.create(
        youth_office=world.office_a,
        created_by=world.coordinator,
        filename="akteure.csv",
        data=b"Name;Art\nKita Regenbogen;Kita\n",
    )
    walk.rows.update(
        organisation=org.pk,
        person=person.pk,
        affiliation=affiliation.pk,
        change=change.pk,
        pending_import=pending.pk,
    )


def organisation(walk: Walk) -> int:
    return walk.rows["organisation"]


def person(walk: Walk) -> int:
    return walk.rows["person"]


def affiliation(walk: Walk) -> int:
    return walk.rows["affiliation"]


def change(walk: Walk) -> int:
    return walk.rows["change"]


def pending_import(walk: Walk) -> int:
    return walk.rows["pending_import"]


# Edits by coordination and professionals; readers 403.
NETWORK_EDIT_PAGE = {**MEMBER_PAGE, "reader": 403}
# The carrier editor edits the people and affiliations of their own organisation directly.
NETWORK_EDIT_WRITE = {
    **NETWORK_EDIT_PAGE,
    **professionals(302),
    "coordinator": 302,
    "operator": 302,
    "carrier_editor": 302,
}
# Organisations themselves: the carrier editor proposes changes instead (organisation_propose).
ORGANISATION_EDIT_PAGE = {**NETWORK_EDIT_PAGE, "carrier_editor": 403}
ORGANISATION_EDIT_WRITE = {**NETWORK_EDIT_WRITE, "carrier_editor": 403}
# Pages of the organisation's carrier editor: every other member of office A gets 403.
CARRIER_EDITOR_ONLY = {
    **MEMBER_PAGE,
    "reader": 403,
    **professionals(403),
    "coordinator": 403,
    "operator": 403,
    "carrier_editor": 200,
}
# An uploaded file's preview belongs to whoever uploaded it (the coordinator): 404 for others.
UPLOADER_PAGE = {**COORDINATION_PAGE, "operator": 404}

EXPECTED: dict[str, Expect] = {
    "network:directory": Expect(get=MEMBER_PAGE),
    "network:directory_csv": Expect(get=MEMBER_PAGE),
    "network:directory_xlsx": Expect(get=MEMBER_PAGE),
    "network:organisation_create": Expect(get=ORGANISATION_EDIT_PAGE, post=ORGANISATION_EDIT_PAGE),
    "network:organisation": Expect(get=MEMBER_PAGE, pk=organisation),
    "network:organisation_edit": Expect(
        get=ORGANISATION_EDIT_PAGE, post=ORGANISATION_EDIT_PAGE, pk=organisation
    ),
    # Only the carrier editor of the organisation proposes changes (tests/network).
    "network:organisation_propose": Expect(
        get=CARRIER_EDITOR_ONLY, post=CARRIER_EDITOR_ONLY, pk=organisation
    ),
    # Coordination deletes organisations; this one has a carrier editor, so it is refused (409).
    "network:organisation_delete": Expect(
        get=COORDINATION_PAGE,
        post={**COORDINATION_PAGE, "coordinator": 409, "operator": 409},
        pk=organisation,
    ),
    "network:organisation_confirm": Expect(get=POST_ONLY, post=NETWORK_EDIT_WRITE, pk=organisation),
    "network:organisation_invite_editor": Expect(
        get=COORDINATION_PAGE, post=COORDINATION_PAGE, pk=organisation
    ),
    "network:people": Expect(get=MEMBER_PAGE),
    "network:person_create": Expect(get=NETWORK_EDIT_PAGE, post=NETWORK_EDIT_PAGE),
    "network:person": Expect(get=MEMBER_PAGE, pk=person),
    "network:person_edit": Expect(get=NETWORK_EDIT_PAGE, post=NETWORK_EDIT_PAGE, pk=person),
    "network:person_confirm": Expect(get=POST_ONLY, post=NETWORK_EDIT_WRITE, pk=person),
    "network:person_export": Expect(
        get=COORDINATION_PAGE,
        post=COORDINATION_PAGE,
        pk=person,  # POST: the download
    ),
    "network:person_erase": Expect(
        get=COORDINATION_PAGE,
        post=COORDINATION_WRITE,
        post_data={"bestaetigt": "ja"},
        pk=person,
    ),
    "network:affiliation_create": Expect(get=NETWORK_EDIT_PAGE, post=NETWORK_EDIT_PAGE, pk=person),
    "network:affiliation_edit": Expect(
        get=NETWORK_EDIT_PAGE,
        post=NETWORK_EDIT_WRITE,
        post_data={"function": "Teamleitung", "version": 1},
        pk=affiliation,
    ),
    "network:affiliation_end": Expect(get=POST_ONLY, post=NETWORK_EDIT_WRITE, pk=affiliation),
    "network:affiliation_delete": Expect(
        get=NETWORK_EDIT_PAGE, post=NETWORK_EDIT_WRITE, pk=affiliation
    ),
    "network:overview": Expect(get=MEMBER_PAGE),
    "network:expected_kinds": Expect(get=COORDINATION_PAGE, post=COORDINATION_WRITE),
    "network:changes": Expect(get=COORDINATION_PAGE),
    "network:change": Expect(get=COORDINATION_PAGE, pk=change),
    "network:change_approve": Expect(get=POST_ONLY, post=COORDINATION_WRITE, pk=change),
    "network:change_reject": Expect(get=POST_ONLY, post=COORDINATION_WRITE, pk=change),
    "network:due": Expect(get=COORDINATION_PAGE),
    "network:duplicates": Expect(get=COORDINATION_PAGE),
    "network:import": Expect(get=COORDINATION_PAGE, post=COORDINATION_PAGE),
    "network:import_template": Expect(get=COORDINATION_PAGE),
    "network:import_preview": Expect(get=UPLOADER_PAGE, pk=pending_import),
    "network:import_apply": Expect(
        get=POST_ONLY, post={**UPLOADER_PAGE, "coordinator": 302}, pk=pending_import
    ),
    "network:import_discard": Expect(
        get=POST_ONLY, post={**UPLOADER_PAGE, "coordinator": 302}, pk=pending_import
    ),
}

# Office A's organisations, people and what the carrier editor proposed.
SECRETS = (
    "Jugendhilfe Heideblick e. V.",
    "info@heideblick.example",
    "Lindner",
    "05191 12345",
    "akteure.csv",
)
