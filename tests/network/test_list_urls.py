"""The directory and the list of people reverse their row URLs once per page (issue 8)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.helpers import count_reverses
from tests.network.conftest import make_organisation, make_person

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["network:directory", "network:people"])
def test_it_reverses_the_row_urls_once_per_page(
    name, office_a, coordinator, client_for, monkeypatch
):
    url = reverse(name, kwargs={"office_slug": office_a.slug})
    client = client_for(coordinator)
    make_organisation(office_a, coordinator, "Kita Erste")
    make_person(office_a, coordinator, "Erster")
    client.get(url)
    few = count_reverses(client, url, monkeypatch)
    for n in range(12):
        make_organisation(office_a, coordinator, f"Kita Nummer {n}")
        make_person(office_a, coordinator, f"Person {n}")
    assert count_reverses(client, url, monkeypatch) == few


def test_it_links_each_row_to_its_page(office_a, coordinator, client_for):
    org = make_organisation(office_a, coordinator, "Kita Sonnenschein")
    person = make_person(office_a, coordinator, "Sommer", "Lea")
    client = client_for(coordinator)
    directory = client.get(reverse("network:directory", kwargs={"office_slug": office_a.slug}))
    people = client.get(reverse("network:people", kwargs={"office_slug": office_a.slug}))
    assert f'href="{org.get_absolute_url()}"' in directory.content.decode()
    person_url = reverse("network:person", kwargs={"office_slug": office_a.slug, "pk": person.pk})
    assert f'href="{person_url}"' in people.content.decode()
