"""Fixtures of the offers tests: offers of office A (Heidekreis) and B (Verden), built through
the services like the application does."""

from __future__ import annotations

from typing import Any

import pytest

from sozialraum.network import services as network_services
from sozialraum.network.models import Organisation, OrganisationKind
from sozialraum.offers import services
from sozialraum.offers.models import Offer, OfferStatus, OfferTopic, PublicSpacePage
from sozialraum.regions.models import SocialSpace, YouthOffice


def make_provider(office: YouthOffice, actor, name: str, **data: Any) -> Organisation:
    values = {"name": name, "kind": OrganisationKind.FAMILY_CENTRE, "is_public": True, **data}
    return network_services.create_organisation(office=office, actor=actor, data=values)


def topic(office: YouthOffice, name: str) -> OfferTopic:
    OfferTopic.ensure_defaults(office)
    return OfferTopic.objects.get(youth_office=office, name=name)


def make_offer(
    office: YouthOffice,
    actor,
    title: str,
    organisation: Organisation,
    *,
    status: str = OfferStatus.PUBLISHED,
    **data: Any,
) -> Offer:
    values = {
        "title": title,
        "description": data.pop("description", f"{title}: ein Angebot für Familien."),
        "organisation": organisation,
        **data,
    }
    return services.create_offer(office=office, actor=actor, data=values, status=status)


def make_public_space(office: YouthOffice, actor, name: str, text: str = "") -> SocialSpace:
    space = SocialSpace.objects.create(youth_office=office, name=name)
    services.save_space_page(
        social_space=space, actor=actor, version=1, is_public=True, public_description=text
    )
    return space


@pytest.fixture
def provider_a(office_a, coordinator) -> Organisation:
    return make_provider(
        office_a, coordinator, "Familienzentrum Lindenhof", city="Bispingen", postcode="29646"
    )


@pytest.fixture
def provider_b(office_b, coordinator_b) -> Organisation:
    return make_provider(office_b, coordinator_b, "Familienbüro Weserbogen", city="Achim")


@pytest.fixture
def offer_a(office_a, coordinator, provider_a) -> Offer:
    """A published offer of office A."""
    return make_offer(
        office_a,
        coordinator,
        "Krabbelgruppe Lindenhof",
        provider_a,
        description="Eltern mit Kindern bis drei Jahre treffen sich zum Spielen und Singen.",
        topics=[topic(office_a, "Frühe Hilfen")],
        target_groups=["eltern", "kinder"],
        age_from=0,
        age_until=3,
        is_free=True,
        city="Bispingen",
    )


@pytest.fixture
def own_offer(office_a, coordinator, org_a) -> Offer:
    """A published offer of the carrier editor's organisation (org_a)."""
    return make_offer(
        office_a,
        coordinator,
        "Elterncafé Heideblick",
        org_a,
        description="Offenes Café für Eltern, jeden Mittwoch.",
        phone="05191 4711",
    )


@pytest.fixture
def offer_b(office_b, coordinator_b, provider_b) -> Offer:
    return make_offer(office_b, coordinator_b, "Schwimmkurs Weserbogen", provider_b)


__all__ = ["PublicSpacePage"]
