"""Writes of offers: validation, tenancy, optimistic locking, status, confirmation, audit."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from sozialraum.audit.models import AuditEntry
from sozialraum.lib.errors import ConcurrentEditError, InvalidData
from sozialraum.offers import services
from sozialraum.offers.models import Offer, OfferStatus, PublicSpacePage
from tests.conftest import municipality
from tests.offers.conftest import make_offer, topic

pytestmark = pytest.mark.django_db


def test_it_creates_a_draft_with_all_its_parts(office_a, coordinator, provider_a, space_a):
    offer = make_offer(
        office_a,
        coordinator,
        "Eltern-Kind-Gruppe",
        provider_a,
        status=OfferStatus.DRAFT,
        topics=[topic(office_a, "Frühe Hilfen")],
        target_groups=["eltern", "kinder"],
        languages=["de", "ar"],
        social_spaces=[space_a],
        municipality=municipality("03358021"),
        latitude=Decimal("52.9866"),
        longitude=Decimal("9.843"),
        age_from=1,
        age_until=3,
    )
    assert offer.status == OfferStatus.DRAFT and offer.version == 1
    assert [t.name for t in offer.topics.all()] == ["Frühe Hilfen"]
    assert sorted(r.target_group for r in offer.target_group_rows.all()) == ["eltern", "kinder"]
    assert sorted(r.language for r in offer.language_rows.all()) == ["ar", "de"]
    entry = AuditEntry.objects.get(object_type="offers.offer", object_id=str(offer.pk))
    assert entry.changes["title"]["new"] == "Eltern-Kind-Gruppe"
    assert entry.changes["target_groups"]["new"] == "Eltern, Kinder"


def test_it_refuses_an_age_from_after_until(office_a, coordinator, provider_a):
    with pytest.raises(InvalidData) as error:
        make_offer(office_a, coordinator, "Kurs", provider_a, age_from=6, age_until=3)
    assert "age_until" in error.value.errors
    assert not Offer.objects.exists()


def test_it_refuses_rows_of_another_office(office_a, coordinator, provider_b, space_b, provider_a):
    with pytest.raises(ValueError, match="gehört nicht zu diesem Jugendamt"):
        make_offer(office_a, coordinator, "Kurs", provider_b)
    with pytest.raises(ValueError, match="gehört nicht zu diesem Jugendamt"):
        make_offer(office_a, coordinator, "Kurs", provider_a, social_spaces=[space_b])
    with pytest.raises(ValueError, match="nicht im Kreis"):
        make_offer(office_a, coordinator, "Kurs", provider_a, municipality=municipality("03361001"))
    assert not Offer.objects.exists()


def test_it_refuses_a_kennung_twice_with_the_other_title(office_a, coordinator, provider_a):
    make_offer(office_a, coordinator, "Krabbelgruppe", provider_a, external_id="HK-7")
    with pytest.raises(InvalidData) as error:
        make_offer(office_a, coordinator, "Kurs", provider_a, external_id="HK-7")
    assert "Krabbelgruppe" in error.value.errors["external_id"][0]


def test_it_updates_with_the_current_version_and_refuses_a_stale_one(
    office_a, coordinator, professional, offer_a
):
    updated = services.update_offer(
        offer=offer_a, actor=professional, version=1, data={"title": "Krabbelgruppe am Morgen"}
    )
    assert updated.version == 2 and updated.title == "Krabbelgruppe am Morgen"
    assert updated.sort_key == "krabbelgruppe-am-morgen"
    with pytest.raises(ConcurrentEditError):
        services.update_offer(offer=offer_a, actor=coordinator, version=1, data={"title": "Alt"})
    assert Offer.objects.get(pk=offer_a.pk).title == "Krabbelgruppe am Morgen"


def test_it_publishes_hides_and_confirms(office_a, coordinator, provider_a):
    offer = make_offer(office_a, coordinator, "Kurs", provider_a, status=OfferStatus.DRAFT)
    assert offer not in Offer.objects.public(office_a)
    offer = services.set_offer_status(offer=offer, actor=coordinator, status=OfferStatus.PUBLISHED)
    assert offer in Offer.objects.public(office_a) and offer.published_at is not None
    offer = services.set_offer_status(offer=offer, actor=coordinator, status=OfferStatus.HIDDEN)
    assert offer not in Offer.objects.public(office_a)
    services.confirm_offer(offer=offer, actor=coordinator)
    statuses = [
        e.changes.get("status", {}).get("new")
        for e in AuditEntry.objects.filter(object_id=str(offer.pk)).order_by("pk")
    ]
    assert statuses[-3:-1] == ["veröffentlicht", "verborgen"]


def test_it_saves_a_space_page_once_per_version(office_a, coordinator, space_a):
    page = services.save_space_page(
        social_space=space_a,
        actor=coordinator,
        version=1,
        is_public=True,
        public_description="Hallo",
    )
    assert page.version == 2 and page.is_public
    with pytest.raises(ConcurrentEditError):
        services.save_space_page(
            social_space=space_a,
            actor=coordinator,
            version=1,
            is_public=False,
            public_description="",
        )
    assert PublicSpacePage.objects.get(pk=page.pk).is_public


def test_it_keeps_dates_and_validity(office_a, coordinator, provider_a):
    with pytest.raises(InvalidData) as error:
        make_offer(
            office_a,
            coordinator,
            "Kurs",
            provider_a,
            valid_from=date(2027, 3, 1),
            valid_until=date(2027, 2, 1),
        )
    assert "valid_until" in error.value.errors


def test_it_refuses_to_delete_a_provider_with_offers_in_german(
    client_for, coordinator, office_a, provider_a, offer_a
):
    from django.urls import reverse

    url = reverse(
        "network:organisation_delete", kwargs={"office_slug": office_a.slug, "pk": provider_a.pk}
    )
    response = client_for(coordinator).post(url)
    assert response.status_code == 409
    assert "Angebote: 1" in response.content.decode()
    assert Offer.objects.filter(pk=offer_a.pk).exists()


def test_it_deletes_the_offers_with_their_youth_office(office_a, offer_a, own_offer):
    office_a.delete()
    assert not Offer.objects.exists()
