"""Reads of the Familienwegweiser with constant query counts."""

from __future__ import annotations

from datetime import datetime

from django.core.cache import cache
from django.db.models import DateField, Exists, OuterRef, Prefetch, Q, QuerySet, Value
from django.db.models.functions import Cast
from django.utils import timezone

from sozialraum.lib.choice_fields import out_of_range
from sozialraum.lib.prepared import Prepared, attach, attach_related
from sozialraum.network.models import ChangeStatus, Organisation
from sozialraum.offers.models import (
    Offer,
    OfferChange,
    OfferDate,
    OfferLanguage,
    OfferTargetGroup,
    OfferTopic,
    PublicSpacePage,
    hidden_after_deadline,
    public_conditions,
)
from sozialraum.offers.search import search_offers
from sozialraum.regions.models import Municipality, SocialSpace, YouthOffice


def office_offers(
    office: YouthOffice, *, q: str = "", status: str = "", topic: OfferTopic | None = None
) -> QuerySet[Offer]:
    """The internal list: every offer of the office, filtered."""
    offers: QuerySet[Offer] = Offer.objects.in_office(office).select_related("organisation")
    if status:
        offers = offers.filter(status=status)
    if topic is not None:
        offers = offers.filter(topics=topic)
    if q:
        offers = search_offers(offers, q)
    return offers


def pending_offer_ids(offers: list[Offer]) -> set[int]:
    """Of these offers, those with a proposal waiting for review (one query)."""
    return set(
        OfferChange.objects.filter(
            offer__in=[offer.pk for offer in offers], status=ChangeStatus.PENDING
        ).values_list("offer_id", flat=True)
    )


def guide_offers(
    office: YouthOffice,
    *,
    q: str = "",
    topic: OfferTopic | None = None,
    target_group: str = "",
    age: int | None = None,
    social_space: SocialSpace | None = None,
    municipality: Municipality | None = None,
    language: str = "",
    free: bool = False,
    step_free: bool = False,
) -> QuerySet[Offer]:
    """What the public guide shows: public offers of `office` only (Offer.objects.public),
    filtered; with a query in relevance order (search_offers), else by title."""
    offers: QuerySet[Offer] = Offer.objects.public(office)
    # EXISTS rather than joins: the database walks the offers in title order and stops after a
    # page, instead of collecting every offer of a target group first and sorting them.
    if topic is not None:
        offers = offers.filter(
            Exists(Offer.topics.through.objects.filter(offer=OuterRef("pk"), offertopic=topic))
        )
    if target_group:
        offers = offers.filter(
            Exists(OfferTargetGroup.objects.filter(offer=OuterRef("pk"), target_group=target_group))
        )
    if age is not None:
        offers = offers.filter(
            Q(age_from__isnull=True) | Q(age_from__lte=age),
            Q(age_until__isnull=True) | Q(age_until__gte=age),
        )
    if social_space is not None:
        offers = offers.filter(
            Exists(
                Offer.social_spaces.through.objects.filter(
                    offer=OuterRef("pk"), socialspace=social_space
                )
            )
        )
    if municipality is not None:
        offers = offers.filter(municipality=municipality)
    if language:
        offers = offers.filter(
            Exists(OfferLanguage.objects.filter(offer=OuterRef("pk"), language=language))
        )
    if free:
        offers = offers.filter(is_free=True)
    if step_free:
        offers = offers.filter(step_free=True)
    if q:
        offers = search_offers(offers, q)
    return offers


def with_card_parts(offers: list[Offer] | QuerySet[Offer]) -> QuerySet[Offer] | list[Offer]:
    """What a result card shows beside the offer: provider, place, topics, target groups."""
    if isinstance(offers, QuerySet):
        return offers.select_related("organisation", "municipality").prefetch_related(
            Prefetch("topics", queryset=OfferTopic.objects.order_by("sort_key")),
            "target_group_rows",
        )
    return offers


def public_spaces(office: YouthOffice) -> QuerySet[SocialSpace]:
    """The social spaces the public may see by name: those whose public page coordination made
    public. Nothing is public by default, so a space without a public page is never named in
    the guide (not in the filter, not on an offer page)."""
    return SocialSpace.objects.in_office(office).filter(public_page__is_public=True)


GUIDE_MUNICIPALITIES_SECONDS = 3600


def guide_municipalities(office: YouthOffice) -> QuerySet[Municipality]:
    """The municipalities with public offers (the guide's filter offers nothing empty), cached
    per office data version and day, so the list costs one small query per page."""
    key = f"offers:guide-municipalities:{office.pk}:{office.data_version}:{timezone.localdate()}"
    ids = cache.get(key)
    if ids is None:
        ids = sorted(
            set(
                Offer.objects.public(office)
                .exclude(municipality=None)
                .order_by()
                .values_list("municipality_id", flat=True)
                .distinct()
            )
        )
        cache.set(key, ids, GUIDE_MUNICIPALITIES_SECONDS)
    return office.municipalities().filter(pk__in=ids).order_by("name")


def day_of(text: str) -> Cast:
    """A date given as ISO text ("2026-12-02"), as an SQL date: a parameter of a compiled
    query that takes any day."""
    return Cast(Value(text), output_field=DateField())


# A public offer's page: the offer (with its organisation and municipality) and what its page
# shows of it, compiled once per connection (lib/prepared.py), as `public_offer` read them
# through Offer.objects.public and prefetches.
_PUBLIC_OFFER = Prepared(
    lambda office, pk, confirmed_after, valid_from_by, valid_until_from: Offer.objects.filter(
        public_conditions(confirmed_after, day_of(valid_from_by), day_of(valid_until_from)),
        youth_office_id=office,
        pk=pk,
    ).select_related("organisation", "municipality"),
    int,
    int,
    datetime,
    str,
    str,
)
_TOPICS = Prepared(lambda pk: OfferTopic.objects.filter(offers=pk).order_by("sort_key"), int)
_PUBLIC_SPACES = Prepared(
    lambda pk: SocialSpace.objects.filter(offers=pk, public_page__is_public=True).order_by(
        "sort_key"
    ),
    int,
)
_TARGET_GROUPS = Prepared(lambda pk: OfferTargetGroup.objects.filter(offer_id=pk), int)
_LANGUAGES = Prepared(lambda pk: OfferLanguage.objects.filter(offer_id=pk), int)
_DATES_FROM = Prepared(
    lambda pk, now: OfferDate.objects.filter(offer_id=pk, starts_at__gte=now), int, datetime
)


def public_offer(office: YouthOffice, pk: int) -> Offer | None:
    """One public offer of `office` with everything its page shows (topics, public social
    spaces, target groups, languages, the dates from now), or None; six queries (none for a
    number no offer can have)."""
    if out_of_range(Offer._meta.pk, pk):  # type: ignore[arg-type]
        return None
    now = timezone.now()
    today = timezone.localdate(now).isoformat()
    offer = _PUBLIC_OFFER.first(office.pk, pk, hidden_after_deadline(now), today, today)
    if offer is None:
        return None
    attach_related(offer, "topics", _TOPICS.all(offer.pk))
    attach_related(offer, "social_spaces", _PUBLIC_SPACES.all(offer.pk))
    attach([offer], "target_group_rows", _TARGET_GROUPS.all(offer.pk))
    attach([offer], "language_rows", _LANGUAGES.all(offer.pk))
    attach([offer], "dates", _DATES_FROM.all(offer.pk, now))
    return offer


def public_space_page(office: YouthOffice, pk: int) -> PublicSpacePage | None:
    """The public page of social space `pk`, only if coordination made it public."""
    return (
        PublicSpacePage.objects.in_office(office)
        .filter(social_space_id=pk, is_public=True)
        .select_related("social_space")
        .first()
    )


def public_organisations(office: YouthOffice, space: SocialSpace) -> list[Organisation]:
    """The social space's organisations that chose to be public (no people, only the
    organisation's own published contact)."""
    return list(
        Organisation.objects.in_office(office)
        .filter(is_public=True, social_spaces=space)
        .only("name", "kind", "street", "postcode", "city", "phone", "email", "website")
        .order_by("sort_key", "id")
    )


PUBLIC_ITEMS = 10  # published decisions and public meetings on a social space's page


def public_decisions(office: YouthOffice, space: SocialSpace) -> list:
    """The decisions the teams serving `space` chose to publish (Decision.is_public), of
    approved minutes only (or without minutes), newest first."""
    from sozialraum.minutes.models import Decision, MinutesStatus

    return list(
        Decision.objects.in_office(office)
        .filter(is_public=True, team__social_spaces=space)
        .filter(Q(minutes__isnull=True) | Q(minutes__status=MinutesStatus.APPROVED))
        .select_related("team")
        .only("year", "number", "date", "text", "status", "team__name")
        .order_by("-date", "-number", "-id")[:PUBLIC_ITEMS]
    )


def public_meetings(office: YouthOffice, space: SocialSpace) -> list:
    """The upcoming meetings the teams serving `space` announced publicly (Meeting.is_public),
    not cancelled, soonest first."""
    from sozialraum.meetings.models import Meeting, MeetingStatus

    return list(
        Meeting.objects.in_office(office)
        .filter(is_public=True, team__social_spaces=space, date__gte=timezone.localdate())
        .exclude(status=MeetingStatus.CANCELLED)
        .select_related("team")
        .only("date", "starts_at", "ends_at", "place", "team__name")
        .order_by("date", "starts_at", "id")[:PUBLIC_ITEMS]
    )
