"""The youth office's start page: its social spaces with their municipalities."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sozialraum.regions import services
from sozialraum.regions.models import SocialSpace
from tests.helpers import assert_queries_constant

pytestmark = pytest.mark.django_db


def office_url(office) -> str:
    return reverse("regions:office", kwargs={"office_slug": office.slug})


def test_it_shows_the_social_spaces_with_their_municipalities(world, client_for):
    response = client_for(world.reader).get(office_url(world.office_a))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Landkreis Heidekreis" in body
    assert "Soltau/Wietzendorf" in body
    assert "Walsrode" in body
    assert "Wietzendorf" in body
    assert world.space_a.get_absolute_url() in body


def test_it_uses_the_offices_own_word_for_social_spaces(world, client_for):
    response = client_for(world.reader).get(office_url(world.office_a))
    assert "Sozialraumbezirk" in response.content.decode()


def test_it_lists_the_municipalities_not_yet_in_a_social_space(world, client_for):
    response = client_for(world.reader).get(office_url(world.office_a))
    names = {m.name for m in response.context["unassigned"]}
    assert "Bispingen" in names
    assert "Soltau, Stadt" not in names
    assert "Bispingen" in response.content.decode()


def test_it_never_shows_another_offices_social_spaces(world, client_for):
    response = client_for(world.coordinator).get(office_url(world.office_a))
    assert world.space_b not in response.context["spaces"]
    assert "Achim" not in response.content.decode()


def test_it_offers_the_create_link_to_coordinators_only(world, client_for):
    create_url = reverse("regions:social_space_create", kwargs={"office_slug": "heidekreis"})
    coordinator_page = client_for(world.coordinator).get(office_url(world.office_a))
    assert create_url in coordinator_page.content.decode()
    for persona in (world.reader, world.professional):
        page = client_for(persona).get(office_url(world.office_a))
        assert create_url not in page.content.decode()


def test_it_labels_demo_data(world, client_for):
    SocialSpace.objects.filter(pk=world.space_a.pk).update(is_demo=True)
    response = client_for(world.reader).get(office_url(world.office_a))
    assert response.context["has_demo"] is True
    assert "Demo" in response.content.decode()


def test_it_shows_an_office_without_social_spaces(office_a, coordinator, client_for):
    response = client_for(coordinator).get(office_url(office_a))
    assert response.status_code == 200
    assert list(response.context["spaces"]) == []
    assert len(response.context["unassigned"]) == 23  # every municipality of the Heidekreis


def test_it_lets_the_operator_in(world, client_for):
    response = client_for(world.operator).get(office_url(world.office_a))
    assert response.status_code == 200


def test_it_sends_anonymous_visitors_to_the_login(world, client):
    response = client.get(office_url(world.office_a))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_it_answers_404_to_outsiders_and_other_offices(world, client_for):
    for persona in (world.outsider, world.coordinator_b):
        response = client_for(persona).get(office_url(world.office_a))
        assert response.status_code == 404
        assert "Soltau" not in response.content.decode()


def test_it_answers_404_for_an_unknown_office(world, client_for):
    response = client_for(world.coordinator).get("/gibt-es-nicht/")
    assert response.status_code == 404


def test_it_keeps_its_query_count_when_the_office_grows(world, client_for):
    free = list(world.office_a.municipalities().filter(social_spaces__isnull=True).order_by("ags"))

    def grow():
        for number in range(30):
            services.create_social_space(
                office=world.office_a,
                actor=world.coordinator,
                name=f"Raum {number:02}",
                description="Zusätzlicher Raum",
                municipalities=[free[number]] if number < len(free) else [],
            )

    # 7 queries: the 4 of every office page (session, user, youth office, roles) + the spaces, their
    # municipalities, the office's municipalities.
    assert_queries_constant(client_for(world.reader), office_url(world.office_a), grow, expected=6)
