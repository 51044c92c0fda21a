"""Fixtures of the network tests: organisations and people in office A (Heidekreis) and B
(Verden), a carrier editor. Built through the services, like the application does."""

from __future__ import annotations

import pytest

from sozialraum.accounts.models import OfficeRole, Role, User
from sozialraum.network import services
from sozialraum.network.models import Organisation, OrganisationKind, Person
from tests.conftest import PASSWORD, municipality


def make_organisation(office, actor, name: str, *, spaces=(), **data) -> Organisation:
    values = {"name": name, "kind": OrganisationKind.KITA, **data}
    return services.create_organisation(
        office=office, actor=actor, data=values, social_spaces=list(spaces)
    )


def make_person(office, actor, last_name: str, first_name: str = "", **data) -> Person:
    return services.create_person(
        office=office,
        actor=actor,
        data={"last_name": last_name, "first_name": first_name, **data},
    )


@pytest.fixture
def org_a(office_a, coordinator, space_a) -> Organisation:
    """A free carrier in Soltau/Wietzendorf (office A)."""
    return make_organisation(
        office_a,
        coordinator,
        "Jugendhilfe Heideblick e. V.",
        kind=OrganisationKind.FREE_CARRIER,
        street="Marktstraße 3",
        postcode="29614",
        city="Soltau",
        municipality=municipality("03358021"),
        email="info@heideblick.example",
        spaces=[space_a],
    )


@pytest.fixture
def org_b(office_b, coordinator_b, space_b) -> Organisation:
    """A Kita in Achim (office B)."""
    return make_organisation(
        office_b, coordinator_b, "Kita Weserwiese", postcode="28832", spaces=[space_b]
    )


@pytest.fixture
def person_a(office_a, coordinator) -> Person:
    return make_person(office_a, coordinator, "Müller", "Anna", email="anna.mueller@example.org")


@pytest.fixture
def carrier_editor(office_a, org_a) -> User:
    user = User.objects.create_user("traeger@heidekreis.example", PASSWORD, name="Tom Träger")
    OfficeRole.objects.create(
        youth_office=office_a, user=user, role=Role.CARRIER_EDITOR, organisation=org_a
    )
    return user
