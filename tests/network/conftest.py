"""Fixtures of the network tests: organisations and people in office A (Heidekreis) and B
(Verden). Built through the services, like the application does. The carrier editor and their
organisation (``carrier_editor``, ``org_a``) are personas of tests/conftest.py."""

from __future__ import annotations

import pytest

from sozialraum.network import services
from sozialraum.network.models import Organisation, OrganisationKind, Person


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
def org_b(office_b, coordinator_b, space_b) -> Organisation:
    """A Kita in Achim (office B)."""
    return make_organisation(
        office_b, coordinator_b, "Kita Weserwiese", postcode="28832", spaces=[space_b]
    )


@pytest.fixture
def person_a(office_a, coordinator) -> Person:
    return make_person(office_a, coordinator, "Müller", "Anna", email="anna.mueller@example.org")
