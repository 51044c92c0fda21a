"""Demo data of the network: FICTIONAL organisations and people (any likeness to real
institutions is accidental), built through the services so the audit trail has a history.

`build_network(ctx)` is a step of demo.builder.STEPS; `scale_network(ctx)` a step of the scaled
demo (demo.scale) that adds N×100 organisations and N×150 people to Heidekreis by bulk_create.

Heidekreis gets the coordinator's checklist (Kita, Schule, Familienzentrum, Beratungsstelle,
Gesundheitswesen, freier Träger) and social spaces with visible gaps: Walsrode has no family
midwife, Munster/Bispingen no family centre and no health service, Schneverdingen/Neuenkirchen
no family centre and no counselling service, Ahlden/Rethem/Schwarmstedt none of these three;
Soltau/Wietzendorf and Bad Fallingbostel/Osterheide are complete. "Ev. Kita St. Marien" and
"Evangelische Kita St. Marien" in Soltau are a pair of probable duplicates. Some entries were
last confirmed more than a year ago. The carrier editor's change waits for review.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.utils import timezone

from sozialraum.accounts.models import OfficeRole, Role, User
from sozialraum.demo.names import FIRST_NAMES, LAST_NAMES
from sozialraum.demo.network_data import (
    CARRIER_EDITOR_EMAIL,
    CARRIER_EDITOR_NAME,
    HEIDEKREIS,
    HEIDEKREIS_CHECKLIST,
    HEIDEKREIS_PEOPLE,
    STALE_ORGANISATIONS,
    STALE_PEOPLE,
    VERDEN,
    VERDEN_PEOPLE,
)
from sozialraum.lib.text import search_key
from sozialraum.network import proposals, services
from sozialraum.network.models import (
    Affiliation,
    Organisation,
    OrganisationKind,
    Person,
    Sponsorship,
)
from sozialraum.regions.models import Municipality, SocialSpace

if TYPE_CHECKING:
    from sozialraum.demo.builder import DemoContext

K = OrganisationKind


def _coordinator(ctx: DemoContext, slug: str) -> User | None:
    office = ctx.offices[slug]
    return next((u for u in ctx.users.values() if u.role_in(office) == Role.COORDINATION), None)


def _build_office(ctx, slug, entries, people) -> dict[str, Organisation]:
    office = ctx.offices[slug]
    actor = _coordinator(ctx, slug)
    spaces = {space.name: space for space in ctx.spaces[slug]}
    municipalities = {m.ags: m for m in Municipality.objects.filter(kreis_key=office.kreis_key)}
    organisations: dict[str, Organisation] = {}
    for name, kind, street, postcode, ags, space_names, description in entries:
        city = municipalities[ags].short_name if ags else ""
        sponsorship = {
            K.PUBLIC_CARRIER: Sponsorship.PUBLIC,
            K.MUNICIPAL: Sponsorship.PUBLIC,
            K.SCHOOL: Sponsorship.PUBLIC,
        }.get(kind, Sponsorship.FREE)
        organisations[name] = services.create_organisation(
            office=office,
            actor=actor,
            data={
                "name": name,
                "kind": kind,
                "sponsorship": sponsorship,
                "street": street,
                "postcode": postcode,
                "city": city,
                "municipality": municipalities.get(ags),
                "phone": f"0{ctx.rng.randint(4100, 5199)} {ctx.rng.randint(1000, 99999)}",
                "email": f"kontakt@{search_key(name).replace(' ', '-')[:40]}.example",
                "description": description,
                "is_public": kind not in (K.PUBLIC_CARRIER, K.MUNICIPAL),
            },
            social_spaces=[spaces[space] for space in space_names if space in spaces],
        )
    for first, last, affiliations in people:
        person = services.create_person(
            office=office,
            actor=actor,
            data={
                "first_name": first,
                "last_name": last,
                "email": f"{search_key(first)}.{search_key(last)}@beispiel.example".replace(
                    " ", ""
                ),
                "phone": f"0{ctx.rng.randint(4100, 5199)} {ctx.rng.randint(1000, 99999)}",
            },
        )
        for org_name, function, is_contact in affiliations:
            services.add_affiliation(
                person=person,
                organisation=organisations[org_name],
                actor=actor,
                function=function,
                since=date(2018 + ctx.rng.randint(0, 6), ctx.rng.choice([2, 8]), 1),
                is_contact=is_contact,
            )
    Organisation.objects.in_office(office).update(is_demo=True)
    Person.objects.in_office(office).update(is_demo=True)
    return organisations


def build_network(ctx: DemoContext) -> None:
    if "heidekreis" in ctx.offices:
        organisations = _build_office(
            ctx,
            "heidekreis",
            HEIDEKREIS,
            HEIDEKREIS_PEOPLE,
        )
        heidekreis = ctx.offices["heidekreis"]
        coordinator = _coordinator(ctx, "heidekreis")
        services.set_expected_kinds(
            office=heidekreis, actor=coordinator, kinds=list(HEIDEKREIS_CHECKLIST)
        )
        _link_accounts(ctx, organisations)
        long_ago = timezone.now() - timedelta(days=400 + ctx.rng.randint(0, 200))
        Organisation.objects.in_office(heidekreis).filter(name__in=STALE_ORGANISATIONS).update(
            confirmed_at=long_ago
        )
        for first, last in STALE_PEOPLE:
            Person.objects.in_office(heidekreis).filter(first_name=first, last_name=last).update(
                confirmed_at=long_ago
            )
    if "verden" in ctx.offices:
        _build_office(
            ctx,
            "verden",
            [
                (name, kind, "", postcode, ags, spaces, "")
                for name, kind, postcode, ags, spaces in VERDEN
            ],
            VERDEN_PEOPLE,
        )


def _link_accounts(ctx: DemoContext, organisations: dict[str, Organisation]) -> None:
    """The demo logins of Heidekreis are people in the directory; the carrier editor maintains
    the free carrier of Soltau/Wietzendorf and has a change waiting for review."""
    office = ctx.offices["heidekreis"]
    carrier = organisations["Jugendhilfeverbund Heideland e. V."]
    editor = User.objects.create_user(CARRIER_EDITOR_EMAIL, ctx.password, name=CARRIER_EDITOR_NAME)
    OfficeRole.objects.create(
        youth_office=office, user=editor, role=Role.CARRIER_EDITOR, organisation=carrier
    )
    ctx.users[editor.email] = editor
    accounts = {
        "fachkraft@heidekreis.example": ("Jonas", "Albers"),
        "schule@heidekreis.example": ("Heike", "Grote"),
        CARRIER_EDITOR_EMAIL: tuple(CARRIER_EDITOR_NAME.split()),
    }
    for email, (first, last) in accounts.items():
        user = ctx.users.get(email)
        if user is not None:
            Person.objects.in_office(office).filter(first_name=first, last_name=last).update(
                user=user
            )
    carrier.refresh_from_db()
    proposals.propose_organisation_change(
        organisation=carrier,
        actor=editor,
        data={
            "phone": "05191 60 70 80",
            "description": carrier.description + " Neu: Elterntreff donnerstags ab 15 Uhr.",
        },
    )


# Scaled demo (make bench) ---------------------------------------------------------------------

ORGANISATIONS_PER_SCALE = 100
PEOPLE_PER_SCALE = 150
_SCALE_WORDS = [
    "Sonnenblume",
    "Regenbogen",
    "Heideblick",
    "Lindenhof",
    "Am Park",
    "Wiesengrund",
    "Birkenhain",
    "Mühlenbach",
    "Eichenweg",
    "Moorblick",
]
_SCALE_PREFIX = {
    K.PUBLIC_CARRIER: "Außenstelle",
    K.FREE_CARRIER: "Jugendhilfe",
    K.SCHOOL: "Grundschule",
    K.KITA: "Kita",
    K.FAMILY_CENTRE: "Familienzentrum",
    K.COUNSELLING: "Beratungsstelle",
    K.HEALTH: "Hebammenpraxis",
    K.CHURCH: "Kirchengemeinde",
    K.MUNICIPAL: "Jugendpflege",
    K.ASSOCIATION: "Verein",
    K.OTHER: "Initiative",
}


def scale_network(ctx: DemoContext) -> None:
    """N×100 organisations and N×150 people (each in one or two of them) for Heidekreis."""
    office = ctx.offices.get("heidekreis")
    if office is None:
        return
    batch = 1000
    now = timezone.now()
    spaces: list[SocialSpace] = list(ctx.spaces.get("heidekreis", []))
    by_space = {space.pk: list(space.municipalities.all()) for space in spaces}
    kinds = list(K)
    organisations = []
    chosen_spaces = []
    for n in range(ctx.scale * ORGANISATIONS_PER_SCALE):
        kind = kinds[n % len(kinds)]
        space = ctx.rng.choice(spaces) if spaces else None
        municipality = ctx.rng.choice(by_space[space.pk]) if space and by_space[space.pk] else None
        name = f"{_SCALE_PREFIX[kind]} {ctx.rng.choice(_SCALE_WORDS)} {n + 1}"
        organisations.append(
            Organisation(
                youth_office=office,
                name=name,
                kind=kind,
                sponsorship=Sponsorship.FREE,
                postcode=f"29{ctx.rng.randint(600, 699)}",
                city=municipality.short_name if municipality else "",
                municipality=municipality,
                phone=f"05{ctx.rng.randint(100, 199)} {ctx.rng.randint(1000, 99999)}",
                email=f"kontakt{n + 1}@organisation.example",
                is_public=ctx.rng.random() < 0.7,
                confirmed_at=now - timedelta(days=ctx.rng.randint(0, 540)),
                is_demo=True,
            )
        )
        chosen_spaces.append(space)
    for org in organisations:
        org.set_keys()
    organisations = Organisation.objects.bulk_create(organisations, batch_size=batch)
    through = Organisation.social_spaces.through
    through.objects.bulk_create(
        [
            through(organisation_id=org.pk, socialspace_id=space.pk)
            for org, space in zip(organisations, chosen_spaces, strict=True)
            if space is not None
        ],
        batch_size=batch,
    )
    people = []
    for n in range(ctx.scale * PEOPLE_PER_SCALE):
        first, last = ctx.rng.choice(FIRST_NAMES), ctx.rng.choice(LAST_NAMES)
        people.append(
            Person(
                youth_office=office,
                first_name=first,
                last_name=last,
                email=f"person{n + 1}@beispiel.example",
                confirmed_at=now - timedelta(days=ctx.rng.randint(0, 540)),
                is_demo=True,
            )
        )
    for person in people:
        person.set_keys()
    people = Person.objects.bulk_create(people, batch_size=batch)
    if not organisations:
        return
    affiliations = []
    for person in people:
        for org in ctx.rng.sample(
            organisations, k=min(len(organisations), ctx.rng.choice([1, 1, 2]))
        ):
            affiliations.append(
                Affiliation(
                    youth_office=office,
                    person=person,
                    organisation=org,
                    function=ctx.rng.choice(["Leitung", "Fachkraft", "Beratung", "Koordination"]),
                    is_contact=ctx.rng.random() < 0.3,
                )
            )
    Affiliation.objects.bulk_create(affiliations, batch_size=batch)
