"""Demo data of the Familienwegweiser: FICTIONAL offers of the Heidekreis and Verden demo
organisations, built through the services (audit trail, topics, target groups).

`build_offers(ctx)` is a step of demo.builder.STEPS: published offers, two drafts, a hidden,
an expired and a stale one (not confirmed for 14 months, so out of the public guide), the
carrier editor's offer with a pending change, and public pages of a few social spaces.
`scale_offers(ctx)` is a step of demo.scale: N×1,000 offers for Heidekreis by bulk_create.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from sozialraum.accounts.models import OfficeRole, Role, User
from sozialraum.demo.offers_data import (
    CARRIER_OFFER,
    CARRIER_PROPOSAL,
    HEIDEKREIS_EXPIRED,
    HEIDEKREIS_NOT_PUBLIC,
    HEIDEKREIS_OFFERS,
    HEIDEKREIS_STALE,
    PLACES,
    PUBLIC_SPACES,
    SCALE_DETAILS,
    SCALE_KINDS,
    SCALE_NAMES,
    SCALE_OPENINGS,
    SCALE_STREETS,
    SCALE_SUFFIXES,
    SCALE_WHEN,
    VERDEN_DRAFT,
    VERDEN_OFFERS,
)
from sozialraum.lib.text import sort_key
from sozialraum.network.models import Organisation
from sozialraum.offers import proposals, services
from sozialraum.offers.models import (
    Offer,
    OfferDate,
    OfferStatus,
    OfferTargetGroup,
    OfferTopic,
)
from sozialraum.regions.models import Municipality, SocialSpace, YouthOffice

if TYPE_CHECKING:
    from sozialraum.demo.builder import DemoContext

CARRIER_ORGANISATION = "Jugendhilfeverbund Heideland e. V."
SCALE_OFFERS = 1000  # per scale step, for Heidekreis
BATCH = 1000


def _coordinator(office: YouthOffice) -> User | None:
    role = (
        OfficeRole.objects.filter(youth_office=office, role=Role.COORDINATION)
        .select_related("user")
        .first()
    )
    return role.user if role else None


def _topics(office: YouthOffice) -> dict[str, OfferTopic]:
    OfferTopic.ensure_defaults(office)
    return {topic.name: topic for topic in OfferTopic.objects.in_office(office)}


def _spaces_of(office: YouthOffice) -> dict[int, list[SocialSpace]]:
    """Municipality id -> the office's social spaces it lies in."""
    result: dict[int, list[SocialSpace]] = {}
    for space in SocialSpace.objects.in_office(office).prefetch_related("municipalities"):
        for municipality in space.municipalities.all():
            result.setdefault(municipality.pk, []).append(space)
    return result


def _data(office, entry, organisations, topics, spaces, number: int) -> dict[str, Any]:
    (title, provider, topic_names, groups, age_from, age_until, ags, street, schedule, costs,
     languages, step_free, description) = entry  # fmt: skip
    municipality = Municipality.objects.get(ags=ags)
    city, postcode, lat, lng = PLACES[ags]
    organisation = organisations[provider]
    offset = Decimal(number % 7) / 1000
    return {
        "title": title,
        "description": description,
        "organisation": organisation,
        "topics": [topics[name] for name in topic_names],
        "target_groups": groups,
        "age_from": age_from,
        "age_until": age_until,
        "municipality": municipality,
        "social_spaces": spaces.get(municipality.pk, []),
        "street": street,
        "postcode": postcode,
        "city": city,
        "latitude": Decimal(str(lat)) + offset,
        "longitude": Decimal(str(lng)) - offset,
        "schedule": schedule,
        "is_free": not costs,
        "costs": costs,
        "languages": languages,
        "step_free": step_free,
        "phone": organisation.phone or f"0{5191 + number % 7} {40 + number} {10 + number}",
        "email": organisation.email,
        "website": organisation.website,
    }


def _build_office(ctx: DemoContext, slug: str, entries: list[tuple]) -> dict[str, Offer]:
    office = ctx.offices[slug]
    actor = _coordinator(office)
    organisations = {org.name: org for org in Organisation.objects.in_office(office)}
    topics = _topics(office)
    spaces = _spaces_of(office)
    offers = {}
    for number, entry in enumerate(entries):
        data = _data(office, entry, organisations, topics, spaces, number)
        offers[entry[0]] = services.create_offer(
            office=office, actor=actor, data=data, status=OfferStatus.PUBLISHED
        )
    Organisation.objects.in_office(office).filter(name__in={entry[1] for entry in entries}).update(
        is_public=True
    )
    return offers


def _add_dates(offer: Offer, first: date, count: int, hour: int) -> None:
    tz = timezone.get_current_timezone()
    OfferDate.objects.bulk_create(
        OfferDate(
            offer=offer,
            starts_at=datetime.combine(first + timedelta(weeks=n), datetime.min.time()).replace(
                hour=hour, tzinfo=tz
            ),
        )
        for n in range(count)
    )


def _not_public(ctx: DemoContext, office: YouthOffice, actor: User | None) -> None:
    organisations = {org.name: org for org in Organisation.objects.in_office(office)}
    today = timezone.localdate()
    for title, provider, status in HEIDEKREIS_NOT_PUBLIC:
        services.create_offer(
            office=office,
            actor=actor,
            data={
                "title": title,
                "description": f"{title}: in Planung, noch nicht öffentlich.",
                "organisation": organisations[provider],
            },
            status=status,
        )
    services.create_offer(
        office=office,
        actor=actor,
        data={
            "title": HEIDEKREIS_EXPIRED,
            "description": "Basteln für die Adventszeit, im letzten Jahr.",
            "organisation": organisations["Familienzentrum Lindenhof"],
            "valid_from": today - timedelta(days=400),
            "valid_until": today - timedelta(days=340),
        },
        status=OfferStatus.PUBLISHED,
    )
    stale = services.create_offer(
        office=office,
        actor=actor,
        data={
            "title": HEIDEKREIS_STALE,
            "description": "Väter und Kinder frühstücken zusammen, jeden Samstag.",
            "organisation": organisations["Familienzentrum Kleeblatt"],
        },
        status=OfferStatus.PUBLISHED,
    )
    Offer.objects.filter(pk=stale.pk).update(
        confirmed_at=timezone.now() - timedelta(days=430 + ctx.rng.randint(0, 30))
    )


def _carrier_offer(office: YouthOffice, actor: User | None) -> None:
    organisation = Organisation.objects.in_office(office).get(name=CARRIER_ORGANISATION)
    title, description, schedule = CARRIER_OFFER
    offer = services.create_offer(
        office=office,
        actor=actor,
        data={
            "title": title,
            "description": description,
            "schedule": schedule,
            "organisation": organisation,
            "target_groups": ["eltern"],
            "is_free": True,
            "city": "Soltau",
            "postcode": "29614",
            "street": "Am Mühlenteich 4",
        },
        status=OfferStatus.PUBLISHED,
    )
    role = (
        OfficeRole.objects.filter(
            youth_office=office, role=Role.CARRIER_EDITOR, organisation=organisation
        )
        .select_related("user")
        .first()
    )
    if role is not None:
        proposals.propose_offer_change(offer=offer, actor=role.user, data=dict(CARRIER_PROPOSAL))


def _public_spaces(ctx: DemoContext, slug: str, actor: User | None) -> None:
    office = ctx.offices[slug]
    for name, text in PUBLIC_SPACES.get(slug, {}).items():
        space = SocialSpace.objects.in_office(office).filter(name=name).first()
        if space is not None:
            services.save_space_page(
                social_space=space, actor=actor, version=1, is_public=True, public_description=text
            )


def build_offers(ctx: DemoContext) -> None:
    if "heidekreis" in ctx.offices:
        office = ctx.offices["heidekreis"]
        actor = _coordinator(office)
        offers = _build_office(ctx, "heidekreis", HEIDEKREIS_OFFERS)
        # Courses with dates: the swimming course and the parents' course.
        today = timezone.localdate()
        saturday = today + timedelta(days=7 + (5 - today.weekday()) % 7)
        _add_dates(offers["Schwimmkurs Seepferdchen"], saturday, 10, 9)
        _add_dates(
            offers["Elternkurs „Starke Eltern – starke Kinder“"], saturday + timedelta(3), 8, 19
        )
        _not_public(ctx, office, actor)
        _carrier_offer(office, actor)
        _public_spaces(ctx, "heidekreis", actor)
        _team_news(office, actor)
    if "verden" in ctx.offices:
        office = ctx.offices["verden"]
        actor = _coordinator(office)
        _build_office(ctx, "verden", VERDEN_OFFERS)
        title, provider = VERDEN_DRAFT
        services.create_offer(
            office=office,
            actor=actor,
            data={
                "title": title,
                "description": "Gemeinsam nähen und flicken, mit Kinderbetreuung. In Planung.",
                "organisation": Organisation.objects.in_office(office).get(name=provider),
            },
        )
        _public_spaces(ctx, "verden", actor)


PUBLIC_TEAM_SPACE = "Soltau/Wietzendorf"


def _team_news(office: YouthOffice, actor: User | None) -> None:
    """The team serving the public space Soltau/Wietzendorf publishes its newest decision of
    approved minutes and announces its next meeting; every other decision and meeting stays
    internal (nothing is public by default)."""
    from sozialraum.meetings import public_services
    from sozialraum.meetings.models import Meeting, MeetingStatus
    from sozialraum.minutes import register_services
    from sozialraum.minutes.models import Decision, MinutesStatus
    from sozialraum.teams.models import Team

    team = Team.objects.in_office(office).filter(social_spaces__name=PUBLIC_TEAM_SPACE).first()
    if team is None:
        return
    decision = (
        Decision.objects.filter(team=team, minutes__status=MinutesStatus.APPROVED)
        .order_by("-date", "-number")
        .first()
    )
    if decision is not None:
        register_services.set_decision_public(
            decision=decision, actor=actor, version=decision.version, is_public=True
        )
    meeting = (
        Meeting.objects.filter(
            team=team, date__gte=timezone.localdate(), status=MeetingStatus.PLANNED
        )
        .order_by("date", "starts_at")
        .first()
    )
    if meeting is not None:
        public_services.set_meeting_public(
            meeting=meeting, actor=actor, version=meeting.version, is_public=True
        )


# Scaled demo (make bench) ---------------------------------------------------------------------


def scaled_offer(ctx: DemoContext, office: YouthOffice, organisations, places, number: int):
    """One synthetic offer (unsaved) and its topic names and target groups."""
    rng = ctx.rng
    kind, topic_names, groups, age_from, age_until = rng.choice(SCALE_KINDS)
    name = rng.choice(SCALE_NAMES)
    municipality, (city, postcode, lat, lng) = rng.choice(places)
    title = f"{kind} „{name}“ {rng.choice(SCALE_SUFFIXES)} in {city}"
    description = " ".join(
        [
            f"{kind} für Familien in {city}.",
            rng.choice(SCALE_OPENINGS),
            rng.choice(SCALE_DETAILS),
            rng.choice(SCALE_DETAILS),
        ]
    )
    free = rng.random() < 0.6
    offer = Offer(
        youth_office=office,
        title=title,
        sort_key=sort_key(title),
        description=description,
        organisation=rng.choice(organisations),
        age_from=age_from,
        age_until=age_until,
        municipality=municipality,
        street=f"{rng.choice(SCALE_STREETS)} {rng.randint(1, 80)}",
        postcode=postcode,
        city=city,
        latitude=Decimal(str(lat)) + Decimal(rng.randint(-90, 90)) / 10000,
        longitude=Decimal(str(lng)) + Decimal(rng.randint(-90, 90)) / 10000,
        schedule=rng.choice(SCALE_WHEN),
        is_free=free,
        costs="" if free else f"{rng.choice((5, 10, 15, 20, 35, 45))} € pro Monat",
        step_free=rng.random() < 0.5,
        status=OfferStatus.PUBLISHED if rng.random() < 0.9 else OfferStatus.DRAFT,
        external_id=f"demo-{number}",
        is_demo=True,
    )
    return offer, topic_names, groups


def scale_offers(ctx: DemoContext) -> None:
    """Heidekreis grows by ctx.scale × SCALE_OFFERS offers (bulk_create, deterministic)."""
    office = ctx.offices.get("heidekreis")
    if office is None:
        return
    organisations = list(Organisation.objects.in_office(office))
    places = [
        (Municipality.objects.get(ags=ags), place)
        for ags, place in PLACES.items()
        if ags.startswith(office.kreis_key)
    ]
    topics = _topics(office)
    through = Offer.topics.through
    total = ctx.scale * SCALE_OFFERS
    new_ids: list[int] = []
    for start in range(0, total, BATCH):
        rows = [
            scaled_offer(ctx, office, organisations, places, number)
            for number in range(start, min(start + BATCH, total))
        ]
        created = Offer.objects.bulk_create([offer for offer, _, _ in rows])
        new_ids.extend(offer.pk for offer in created)
        through.objects.bulk_create(
            through(offer_id=offer.pk, offertopic_id=topics[name].pk)
            for offer, (_, names, _) in zip(created, rows, strict=True)
            for name in names
        )
        OfferTargetGroup.objects.bulk_create(
            OfferTargetGroup(offer_id=offer.pk, target_group=group)
            for offer, (_, _, groups) in zip(created, rows, strict=True)
            for group in groups
        )
    # bulk_create sends no signals: the search entries of the new offers are written here.
    from sozialraum.offers import search_index

    search_index.index_offers(new_ids)
