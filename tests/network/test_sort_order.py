"""The lists sort the German way (DIN 5007-1: ä = a, ö = o, ü = u, ß = ss), people by surname and
then first name: the directory, the people list, the social spaces and the access list."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sozialraum.accounts.models import Role
from sozialraum.network import services
from sozialraum.network.models import Organisation, Person
from sozialraum.regions import services as region_services
from tests.conftest import make_user
from tests.network.conftest import make_organisation, make_person

pytestmark = pytest.mark.django_db


def in_order(content: str, *texts: str) -> bool:
    positions = [content.index(text) for text in texts]
    return positions == sorted(positions)


def test_it_sorts_the_directory_with_umlauts_as_their_base_letter(
    client_for, coordinator, office_a
):
    office = office_a
    for name in ["Kita Bärenhöhle", "Kita Bahnhof", "Kita Zwergenland", "Straßenkinder e. V."]:
        make_organisation(office, coordinator, name)
    make_organisation(office, coordinator, "Strasser Jugendtreff")
    response = client_for(coordinator).get(
        reverse("network:directory", kwargs={"office_slug": office.slug})
    )
    content = response.content.decode()
    assert in_order(
        content,
        "Kita Bahnhof",
        "Kita Bärenhöhle",
        "Kita Zwergenland",
        "Straßenkinder e. V.",
        "Strasser Jugendtreff",
    )
    names = list(Organisation.objects.in_office(office).values_list("name", flat=True))
    assert names.index("Kita Bahnhof") < names.index("Kita Bärenhöhle")


def test_it_sorts_people_by_surname_then_first_name(client_for, coordinator, office_a):
    for last, first in [
        ("Müller", "Sven"),
        ("Mulder", "Bert"),
        ("Müller", "Sören"),
        ("Böhme", "Anna"),
        ("Buchholz", "Anton"),
        ("Strauß", "Lena"),
        ("Straub", "Jan"),
    ]:
        make_person(office_a, coordinator, last, first)
    response = client_for(coordinator).get(
        reverse("network:people", kwargs={"office_slug": office_a.slug})
    )
    content = response.content.decode()
    assert in_order(
        content,
        "Böhme, Anna",
        "Buchholz, Anton",
        "Mulder, Bert",
        "Müller, Sören",
        "Müller, Sven",
        "Straub, Jan",
        "Strauß, Lena",
    )
    assert list(Person.objects.in_office(office_a).values_list("last_name", flat=True))[:3] == [
        "Böhme",
        "Buchholz",
        "Mulder",
    ]


def test_it_sorts_social_spaces_with_umlauts_among_their_letter(client_for, coordinator, office_a):
    for name in ["Zeven-Nord", "Örtze-Tal", "Oerrel"]:
        region_services.create_social_space(office=office_a, actor=coordinator, name=name)
    response = client_for(coordinator).get(
        reverse("regions:office", kwargs={"office_slug": office_a.slug})
    )
    assert in_order(response.content.decode(), "Oerrel", "Örtze-Tal", "Zeven-Nord")


def test_it_sorts_the_access_list_by_surname(client_for, coordinator, office_a):
    make_user("zoe@example.org", "Zoe Albers", office=office_a, role=Role.READER)
    make_user("anna@example.org", "Anna Zander", office=office_a, role=Role.READER)
    make_user("soeren@example.org", "Sören Öztürk", office=office_a, role=Role.READER)
    make_user("otto@example.org", "Otto Ostermann", office=office_a, role=Role.READER)
    response = client_for(coordinator).get(
        reverse("access:list", kwargs={"office_slug": office_a.slug})
    )
    assert in_order(
        response.content.decode(), "Zoe Albers", "Otto Ostermann", "Sören Öztürk", "Anna Zander"
    )


def test_it_keeps_the_sort_key_when_a_name_changes(coordinator, office_a):
    person = make_person(office_a, coordinator, "Zander", "Anna")
    services.update_person(
        person=person,
        actor=coordinator,
        version=person.version,
        data={"last_name": "Ähler", "first_name": "Anna"},
    )
    person.refresh_from_db()
    assert person.sort_key == "ahler anna"
