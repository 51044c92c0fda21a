"""The directory's and the people list's searches keep the ids of their hits (network/rows.py,
issue 8): every write to the office shows at once, another office never sees them, and a
kept list is read by id without counting the hits again."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sozialraum.network import services
from tests.network.conftest import make_organisation, make_person

pytestmark = pytest.mark.django_db


def url(name: str, office, **query) -> str:
    return reverse(f"network:{name}", kwargs={"office_slug": office.slug}) + "?" + urlencode(query)


def names(response) -> list[str]:
    return [row["name"] for row in response.context["page"].object_list]


def test_it_shows_a_new_renamed_or_deleted_organisation_at_once(client_for, coordinator, office_a):
    first = make_organisation(office_a, coordinator, "Kita Abendrot")
    client = client_for(coordinator)
    search = url("directory", office_a, q="kita")
    assert names(client.get(search)) == ["Kita Abendrot"]

    second = make_organisation(office_a, coordinator, "Kita Birkenhain")
    assert names(client.get(search)) == ["Kita Abendrot", "Kita Birkenhain"]

    first.refresh_from_db()
    services.update_organisation(
        organisation=first, actor=coordinator, version=first.version, data={"name": "Hort Abendrot"}
    )
    assert names(client.get(search)) == ["Kita Birkenhain"]

    services.delete_organisation(organisation=second, actor=coordinator)
    response = client.get(search)
    assert names(response) == []
    assert response.context["page"].paginator.count == 0


def test_it_reads_a_kept_list_by_id_without_counting_again(client_for, coordinator, office_a):
    for number in range(30):
        make_organisation(office_a, coordinator, f"Kita Nummer {number:02}")
    client = client_for(coordinator)
    search = url("directory", office_a, q="kita", seite=2)
    first = client.get(search)  # finds and keeps the ids
    with CaptureQueriesContext(connection) as captured:
        again = client.get(search)
    sql = " ".join(query["sql"] for query in captured.captured_queries)
    assert "COUNT(" not in sql
    assert "MATCH" not in sql and "LIKE" not in sql  # the search does not run again
    assert names(again) == names(first) == [f"Kita Nummer {n:02}" for n in range(25, 30)]
    assert again.context["page"].paginator.count == 30
    assert again.context["page"].number == 2


def test_it_keeps_the_hits_of_each_office_and_filter_apart(
    client_for, coordinator, coordinator_b, office_a, office_b
):
    make_organisation(office_a, coordinator, "Kita Heideblüte")
    make_organisation(office_a, coordinator, "Familienzentrum Heideblüte", kind="familienzentrum")
    make_organisation(office_b, coordinator_b, "Kita Weserblick")
    client_a, client_b = client_for(coordinator), client_for(coordinator_b)
    assert names(client_a.get(url("directory", office_a, q="kita"))) == ["Kita Heideblüte"]
    assert names(client_b.get(url("directory", office_b, q="kita"))) == ["Kita Weserblick"]
    kitas = url("directory", office_a, q="heideblüte", art="kita")
    assert names(client_a.get(kitas)) == ["Kita Heideblüte"]
    assert names(client_a.get(url("directory", office_a, q="heideblüte"))) == [
        "Familienzentrum Heideblüte",
        "Kita Heideblüte",
    ]


def test_it_shows_a_new_person_in_the_people_search_at_once(client_for, coordinator, office_a):
    make_person(office_a, coordinator, "Müller", "Anna")
    client = client_for(coordinator)
    search = url("people", office_a, q="mueller")

    def last_names(response) -> list[str]:
        return [row["last_name"] for row in response.context["page"].object_list]

    assert last_names(client.get(search)) == ["Müller"]
    make_person(office_a, coordinator, "Müllermann", "Bernd")
    assert last_names(client.get(search)) == ["Müller", "Müllermann"]
