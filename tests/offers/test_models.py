"""The offer model: the default topics, what counts as public, the constraints."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from sozialraum.offers.models import (
    DEFAULT_TOPICS,
    GRACE_PERIOD,
    Offer,
    OfferStatus,
    OfferTopic,
    hidden_after_deadline,
)
from tests.offers.conftest import make_offer

pytestmark = pytest.mark.django_db


def test_it_creates_the_default_topics_on_first_use(office_a, office_b):
    OfferTopic.ensure_defaults(office_a)
    OfferTopic.ensure_defaults(office_a)  # a second call adds nothing
    names = list(OfferTopic.objects.in_office(office_a).values_list("name", flat=True))
    assert sorted(names) == sorted(str(name) for name in DEFAULT_TOPICS)
    assert "Frühe Hilfen" in names
    assert not OfferTopic.objects.in_office(office_b).exists()


def test_it_keeps_each_office_its_own_vocabulary(office_a, office_b):
    OfferTopic.ensure_defaults(office_a)
    OfferTopic.objects.create(youth_office=office_a, name="Sprachförderung")
    OfferTopic.ensure_defaults(office_b)
    assert not OfferTopic.objects.in_office(office_b).filter(name="Sprachförderung").exists()


def test_it_shows_only_published_valid_confirmed_offers_of_the_office(
    office_a, office_b, coordinator, coordinator_b, provider_a, provider_b
):
    today = timezone.localdate()
    public = make_offer(office_a, coordinator, "Krabbelgruppe", provider_a)
    make_offer(office_a, coordinator, "Entwurf", provider_a, status=OfferStatus.DRAFT)
    make_offer(office_a, coordinator, "Verborgen", provider_a, status=OfferStatus.HIDDEN)
    make_offer(
        office_a,
        coordinator,
        "Abgelaufen",
        provider_a,
        valid_from=today - timedelta(days=30),
        valid_until=today - timedelta(days=1),
    )
    make_offer(office_a, coordinator, "Kommt noch", provider_a, valid_from=today + timedelta(1))
    stale = make_offer(office_a, coordinator, "Lange nicht bestätigt", provider_a)
    Offer.objects.filter(pk=stale.pk).update(
        confirmed_at=hidden_after_deadline() - timedelta(minutes=1)
    )
    make_offer(office_b, coordinator_b, "Anderes Amt", provider_b)
    assert list(Offer.objects.public(office_a)) == [public]
    for offer in Offer.objects.in_office(office_a):
        assert offer.is_public_now() == (offer == public), offer.title


def test_it_keeps_a_due_offer_public_during_the_grace_period(office_a, coordinator, provider_a):
    offer = make_offer(office_a, coordinator, "Krabbelgruppe", provider_a)
    due = hidden_after_deadline() + GRACE_PERIOD / 2
    Offer.objects.filter(pk=offer.pk).update(confirmed_at=due)
    assert list(Offer.objects.due_for_check()) == [offer]
    assert list(Offer.objects.public(office_a)) == [offer]


def test_it_refuses_an_age_range_from_after_until_in_the_database(
    office_a, coordinator, provider_a
):
    offer = make_offer(office_a, coordinator, "Krabbelgruppe", provider_a)
    with pytest.raises(IntegrityError), transaction.atomic():
        Offer.objects.filter(pk=offer.pk).update(age_from=6, age_until=3)


def test_it_keeps_the_kennung_unique_per_office(
    office_a, office_b, coordinator, coordinator_b, provider_a, provider_b
):
    make_offer(office_a, coordinator, "Eins", provider_a, external_id="K-1")
    make_offer(office_b, coordinator_b, "Anderes Amt", provider_b, external_id="K-1")
    make_offer(office_a, coordinator, "Ohne Kennung", provider_a)
    make_offer(office_a, coordinator, "Auch ohne", provider_a)
    with pytest.raises(IntegrityError), transaction.atomic():
        Offer.objects.create(
            youth_office=office_a, title="Zwei", description="x", organisation=provider_a,
            external_id="K-1",
        )  # fmt: skip
