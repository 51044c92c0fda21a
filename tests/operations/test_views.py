"""The operator area at /betrieb/: only for the platform operator."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from sozialraum.accounts import services as account_services
from sozialraum.accounts.models import Invitation, Role
from sozialraum.operations import services
from sozialraum.regions import services as region_services
from sozialraum.regions.models import YouthOffice
from tests.conftest import make_user
from tests.helpers import assert_queries_constant

pytestmark = pytest.mark.django_db

INDEX = "/betrieb/"
# session, user, the offices with their counts (one query), the page count, the operator trail
INDEX_QUERIES = 5
# session, user, the count, a page of users, their roles (one prefetch)
USERS_QUERIES = 5
CREATE = "/betrieb/jugendaemter/neu/"
USERS = "/betrieb/personen/"


@pytest.mark.parametrize("persona", ["outsider", "coordinator_b", "reader", "coordinator"])
def test_it_does_not_exist_for_anybody_but_the_operator(world, client_for, persona):
    client = client_for(world.persona(persona))
    for url in (INDEX, CREATE, USERS, f"{CREATE}?kreis=03358"):
        response = client.get(url)
        assert response.status_code == 404, f"{url} as {persona}"
        assert "errors/404.html" in [t.name for t in response.templates]
    response = client.post(CREATE, {"kreis_key": "06535", "name": "X", "slug": "x"})
    assert response.status_code == 404
    assert not YouthOffice.objects.filter(slug="x").exists()


def test_it_sends_anonymous_visitors_to_the_login(client):
    response = client.get(INDEX)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_it_lists_the_youth_offices_with_their_numbers(world, client_for):
    account_services.invite(
        office=world.office_a, actor=world.coordinator, email="neu@example.org", role="lesend"
    )
    response = client_for(world.operator).get(INDEX)
    assert response.status_code == 200
    rows = {office.slug: office for office in response.context["page"].object_list}
    heidekreis, verden = rows["heidekreis"], rows["verden"]
    assert (heidekreis.kreis_key, heidekreis.space_count) == ("03358", 2)
    assert (heidekreis.user_count, heidekreis.invitation_count) == (3, 1)
    assert (verden.space_count, verden.user_count, verden.invitation_count) == (1, 1, 0)
    body = response.content.decode()
    assert "Landkreis Heidekreis" in body
    assert "Jugendamt anlegen" in body


def test_it_keeps_the_query_count_of_the_office_list_when_offices_grow(world, client_for):
    def grow():
        for number in range(10):
            office = YouthOffice.objects.create(
                name=f"Amt {number}", slug=f"amt-{number}", kreis_key="03358"
            )
            region_services.create_social_space(
                office=office, actor=world.operator, name="Mitte", municipalities=[]
            )
            account_services.invite(
                office=office, actor=world.operator, email=f"k{number}@example.org", role="lesend"
            )

    assert_queries_constant(client_for(world.operator), INDEX, grow, expected=INDEX_QUERIES)


def test_it_offers_the_kreise_of_the_municipality_list(world, client_for):
    response = client_for(world.operator).get(CREATE)
    assert response.status_code == 200
    body = response.content.decode()
    assert 'label="Niedersachsen"' in body
    assert "03358 – Kreis mit 23 Gemeinden, u. a. Bad Fallingbostel" in body
    assert "01001 – Flensburg, Stadt (kreisfreie Stadt)" in body


def test_it_proposes_name_and_slug_of_a_kreisfreie_stadt(world, client_for):
    response = client_for(world.operator).get(CREATE, {"kreis": "01003"})
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["name"] == "Hansestadt Lübeck"
    assert form.initial["slug"] == "luebeck"
    assert form.initial["kreis_key"] == "01003"


def test_it_shows_an_unknown_kreis_key_at_the_field(world, client_for):
    response = client_for(world.operator).get(CREATE, {"kreis": "99999"})
    assert response.status_code == 200
    assert "Diesen Kreisschlüssel kennt die Gemeindeliste nicht." in response.content.decode()


def test_it_says_which_office_the_kreis_already_has(world, client_for):
    response = client_for(world.operator).get(CREATE, {"kreis": "03358"})
    assert [office.slug for office in response.context["existing"]] == ["heidekreis"]
    assert "Für diesen Kreis gibt es schon:" in response.content.decode()


def test_it_creates_the_office_and_invites_the_coordinator(
    world, client_for, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(world.operator).post(
            CREATE,
            {
                "kreis_key": "06535",
                "name": "Vogelsbergkreis",
                "slug": "",  # proposed from the name
                "social_space_label": "Region",
                "coordinator_email": "koordination@vogelsberg.example",
                "coordinator_name": "Vera Vogel",
            },
            follow=True,
        )
    office = YouthOffice.objects.get(name="Vogelsbergkreis")
    assert office.slug == "vogelsbergkreis"
    assert Invitation.objects.get(youth_office=office).role == Role.COORDINATION
    assert mail.outbox[0].to == ["koordination@vogelsberg.example"]
    assert "Vogelsbergkreis ist angelegt." in response.content.decode()


def test_it_shows_refusals_of_the_service_at_the_fields(world, client_for):
    response = client_for(world.operator).post(
        CREATE,
        {
            "kreis_key": "03358",
            "name": "Landkreis Heidekreis",
            "slug": "heidekreis",
            "social_space_label": "Sozialraum",
            "coordinator_email": "k@example.org",
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["name"] == ["Ein Jugendamt mit diesem Namen gibt es schon."]
    assert form.errors["slug"] == ["Diese Kurzbezeichnung hat schon ein anderes Jugendamt."]
    assert YouthOffice.objects.count() == 2


@pytest.mark.parametrize("kreis_key", ["", "abc", "0335", "²²²²²", "9" * 30])
def test_it_never_fails_on_a_tampered_kreis_key(world, client_for, kreis_key):
    response = client_for(world.operator).post(
        CREATE,
        {
            "kreis_key": kreis_key,
            "name": "Neu",
            "slug": "neu",
            "social_space_label": "Sozialraum",
            "coordinator_email": "k@example.org",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not YouthOffice.objects.filter(slug="neu").exists()


def test_it_finds_users_by_name_or_email_with_their_roles(world, client_for):
    client = client_for(world.operator)
    response = client.get(USERS, {"q": "brandt"})
    assert [user.email for user in response.context["page"].object_list] == [world.reader.email]
    body = response.content.decode()
    assert "Landkreis Heidekreis: Lesend" in body
    response = client.get(USERS, {"q": "verden.example"})
    assert [user.name for user in response.context["page"].object_list] == ["Maren Kruse"]
    response = client.get(USERS, {"q": "%"})
    assert list(response.context["page"].object_list) == []
    assert "Suche zurücksetzen" in response.content.decode()


def test_it_keeps_the_query_count_of_the_user_list(world, client_for):
    def grow():
        for number in range(20):
            make_user(
                f"p{number}@example.org", f"Person {number}", office=world.office_b, role="lesend"
            )

    assert_queries_constant(client_for(world.operator), USERS, grow, expected=USERS_QUERIES)


def test_it_deactivates_a_user_who_is_then_logged_out(world, client_for):
    reader_client = client_for(world.reader)
    assert reader_client.get("/heidekreis/").status_code == 200
    response = client_for(world.operator).post(
        f"/betrieb/personen/{world.reader.pk}/sperren/", {"q": "brandt"}
    )
    assert response.status_code == 302
    assert response["Location"] == f"{USERS}?q=brandt"
    world.reader.refresh_from_db()
    assert world.reader.is_active is False
    after = reader_client.get("/heidekreis/")
    assert after.status_code == 302 and after["Location"].startswith("/konto/anmelden/")

    response = client_for(world.operator).post(
        f"/betrieb/personen/{world.reader.pk}/freigeben/", follow=True
    )
    world.reader.refresh_from_db()
    assert world.reader.is_active is True
    assert "kann sich wieder anmelden" in response.content.decode()


def test_it_refuses_to_deactivate_the_operator_themselves(world, client_for):
    response = client_for(world.operator).post(
        f"/betrieb/personen/{world.operator.pk}/sperren/", follow=True
    )
    assert "Ihren eigenen Zugang können Sie nicht sperren." in response.content.decode()
    world.operator.refresh_from_db()
    assert world.operator.is_active


def test_it_links_the_operator_area_for_operators_only(world, client_for):
    assert 'href="/betrieb/"' in client_for(world.operator).get("/heidekreis/").content.decode()
    for persona in (world.coordinator, world.reader):
        assert 'href="/betrieb/"' not in client_for(persona).get("/heidekreis/").content.decode()


def test_it_the_service_and_view_share_one_error_for_a_deactivated_self(world):
    with pytest.raises(services.OperationsError):
        services.set_user_active(user=world.operator, active=False, actor=world.operator)
