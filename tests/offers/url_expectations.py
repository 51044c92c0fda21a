"""The URL walk's expectations for the Familienwegweiser (sozialraum.offers): the internal
pages under /<office>/angebote/ and the public guide under /<office>/wegweiser/."""

from __future__ import annotations

from sozialraum.network import services as network_services
from sozialraum.network.models import OrganisationKind
from sozialraum.offers import proposals, services
from sozialraum.offers.models import OfferStatus
from sozialraum.regions.models import SocialSpace
from tests.walk import (
    COORDINATION_PAGE,
    COORDINATION_WRITE,
    MEMBER_PAGE,
    POST_ONLY,
    PUBLIC,
    Expect,
    Walk,
    professionals,
)


def build(walk: Walk) -> None:
    """Office A: a public provider with a published offer in a public social space; the carrier
    editor's organisation (org_a) with a draft offer and a pending proposal for it."""
    world = walk.world
    office, coordinator, org, editor = (
        world.office_a,
        world.coordinator,
        world.org_a,
        world.carrier_editor,
    )
    assert org is not None and editor is not None
    provider = network_services.create_organisation(
        office=office,
        actor=coordinator,
        data={
            "name": "Familienzentrum Lindenhof",
            "kind": OrganisationKind.FAMILY_CENTRE,
            "is_public": True,
        },
    )
    space = SocialSpace.objects.create(youth_office=office, name="Nordheide")
    services.save_space_page(
        social_space=space,
        actor=coordinator,
        version=1,
        is_public=True,
        public_description="Wir sind die Fachleute für Familien in der Nordheide.",
    )
    published = services.create_offer(
        office=office,
        actor=coordinator,
        data={
            "title": "Krabbelgruppe Lindenhof",
            "description": "Eltern mit Kindern bis drei Jahre treffen sich zum Spielen.",
            "organisation": provider,
            "social_spaces": [space],
        },
        status=OfferStatus.PUBLISHED,
    )
    draft = services.create_offer(
        office=office,
        actor=editor,
        data={
            "title": "Elterncafé Heideblick",
            "description": "Offenes Café für Eltern.",
            "organisation": org,
        },
    )
    change = proposals.propose_offer_change(
        offer=draft, actor=editor, data={"schedule": "auch samstags geöffnet"}
    )
    walk.rows.update(
        offers_published=published.pk,
        offers_draft=draft.pk,
        offers_change=change.pk,
        offers_space=space.pk,
        offers_private_space=world.space_a.pk,
    )


def published(walk: Walk) -> int:
    return walk.rows["offers_published"]


def draft(walk: Walk) -> int:
    return walk.rows["offers_draft"]


def change(walk: Walk) -> int:
    return walk.rows["offers_change"]


def public_space(walk: Walk) -> int:
    return walk.rows["offers_space"]


def private_space(walk: Walk) -> int:
    return walk.rows["offers_private_space"]


# Creating: coordination, Fachkräfte and carrier editors (for their own organisation).
ADD_PAGE = {**MEMBER_PAGE, "reader": 403}
# Editing directly: coordination and Fachkräfte; the carrier editor proposes instead.
EDIT_PAGE = {**MEMBER_PAGE, "reader": 403, "carrier_editor": 403}
# Only the carrier editor of the offer's organisation proposes.
CARRIER_EDITOR_ONLY = {
    **MEMBER_PAGE,
    "reader": 403,
    **professionals(403),
    "coordinator": 403,
    "operator": 403,
    "carrier_editor": 200,
}
CONFIRM_WRITE = {
    **MEMBER_PAGE,
    "reader": 403,
    **professionals(302),
    "coordinator": 302,
    "operator": 302,
    "carrier_editor": 302,
}

EXPECTED: dict[str, Expect] = {
    "offers:list": Expect(get=MEMBER_PAGE),
    "offers:create": Expect(get=ADD_PAGE, post=ADD_PAGE),
    "offers:offer": Expect(get=MEMBER_PAGE, pk=draft),
    "offers:edit": Expect(get=EDIT_PAGE, post=EDIT_PAGE, pk=draft),
    "offers:propose": Expect(get=CARRIER_EDITOR_ONLY, post=CARRIER_EDITOR_ONLY, pk=draft),
    "offers:publish": Expect(get=POST_ONLY, post=COORDINATION_WRITE, pk=draft),
    "offers:hide": Expect(get=POST_ONLY, post=COORDINATION_WRITE, pk=published),
    "offers:confirm": Expect(get=POST_ONLY, post=CONFIRM_WRITE, pk=draft),
    "offers:changes": Expect(get=COORDINATION_PAGE),
    "offers:change": Expect(get=COORDINATION_PAGE, pk=change),
    "offers:change_approve": Expect(get=POST_ONLY, post=COORDINATION_WRITE, pk=change),
    "offers:change_reject": Expect(get=POST_ONLY, post=COORDINATION_WRITE, pk=change),
    "offers:space_pages": Expect(get=COORDINATION_PAGE),
    "offers:space_page_edit": Expect(
        get=COORDINATION_PAGE, post=COORDINATION_PAGE, pk=private_space
    ),
    # The public guide: everybody, logged in or not, from any office (only published offers).
    "offers:guide": Expect(get=PUBLIC, post={**PUBLIC, **dict.fromkeys(PUBLIC, 405)}),
    "offers:easy_language": Expect(get=PUBLIC),
    "offers:public_offer": Expect(get=PUBLIC, pk=published),
    "offers:public_space": Expect(get=PUBLIC, pk=public_space),
}

# Office A's draft offer and the carrier editor's pending proposal: never public.
SECRETS = ("Elterncafé Heideblick", "auch samstags geöffnet")


# ---- The search helper's URLs: import, synonyms, export of the guide, the public API ----------

_build_guide = build


def build(walk: Walk) -> None:
    from sozialraum.offers.import_models import PendingOfferImport
    from sozialraum.offers.search_models import OfferSynonym

    _build_guide(walk)
    office, coordinator = walk.world.office_a, walk.world.coordinator
    pending = PendingOfferImport.objects.create(
        youth_office=office,
        created_by=coordinator,
        filename="angebote-zauberwald.csv",
        data=b"Titel;Anbieter\r\nKurs;Gibt es nicht\r\n",  # an error: apply shows the preview
    )
    synonym = OfferSynonym.objects.create(
        youth_office=office, word="Zauberwaldkurs", synonym="Waldkurs"
    )
    walk.rows.update(offers_pending_import=pending.pk, offers_synonym=synonym.pk)


def pending_import(walk: Walk) -> int:
    return walk.rows["offers_pending_import"]


def synonym(walk: Walk) -> int:
    return walk.rows["offers_synonym"]


EXPECTED.update(
    {
        "offers:import": Expect(get=COORDINATION_PAGE, post=COORDINATION_PAGE),
        "offers:import_template": Expect(get=COORDINATION_PAGE),
        "offers:import_preview": Expect(get=COORDINATION_PAGE, pk=pending_import),
        "offers:import_apply": Expect(get=POST_ONLY, post=COORDINATION_PAGE, pk=pending_import),
        "offers:import_discard": Expect(get=POST_ONLY, post=COORDINATION_WRITE, pk=pending_import),
        "offers:synonyms": Expect(get=COORDINATION_PAGE, post=COORDINATION_PAGE),
        "offers:synonym_delete": Expect(get=POST_ONLY, post=COORDINATION_WRITE, pk=synonym),
        # The guide as a table: public like the guide (only published offers).
        "offers:guide_export": Expect(
            get=PUBLIC,
            post={**PUBLIC, **dict.fromkeys(PUBLIC, 405)},
            params=lambda walk: {"file_format": "csv"},
        ),
        # The public API answers 422 without ?youth_office= (the walk sends no query string).
        "api:list_offers": Expect(get=dict.fromkeys(PUBLIC, 422)),
    }
)
SECRETS = (*SECRETS, "angebote-zauberwald.csv", "Zauberwaldkurs")
