"""The youth office's people with access: list, roles, removal; coordination only."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sozialraum.accounts import services
from sozialraum.accounts.models import Invitation, OfficeRole, Role
from sozialraum.audit.models import Action, AuditEntry
from tests.conftest import make_user
from tests.helpers import assert_queries_constant

pytestmark = pytest.mark.django_db

PEOPLE = reverse("access:list", kwargs={"office_slug": "heidekreis"})


def role_url(name: str, role: OfficeRole, office_slug: str = "heidekreis") -> str:
    return reverse(f"access:{name}", kwargs={"office_slug": office_slug, "pk": role.pk})


def test_it_lists_the_people_with_their_roles(world, client_for):
    services.invite(
        office=world.office_a, actor=world.coordinator, email="offen@example.org", role="lesend"
    )
    response = client_for(world.coordinator).get(PEOPLE)
    assert response.status_code == 200
    body = response.content.decode()
    for name in ("Katrin Meyer", "Jonas Albers", "Lena Brandt"):
        assert name in body
    assert "offen@example.org" in body
    # Nobody of the other youth office, and no outsider.
    assert "Maren Kruse" not in body
    assert "Otto Außenstehend" not in body


def test_it_is_for_coordination_only(world, client_for):
    for persona in (world.reader, world.professional):
        assert client_for(persona).get(PEOPLE).status_code == 403
        assert client_for(persona).post(PEOPLE, {"email": "x@example.org"}).status_code == 403
    for persona in (world.outsider, world.coordinator_b):
        assert client_for(persona).get(PEOPLE).status_code == 404
    assert not Invitation.objects.exists()


def test_it_survives_a_bad_page_number(world, client_for):
    assert client_for(world.coordinator).get(PEOPLE + "?seite=abc").status_code == 200
    assert client_for(world.coordinator).get(PEOPLE + "?seite=999").status_code == 200


def test_it_changes_a_role(world, client_for):
    role = OfficeRole.objects.get(user=world.reader)
    response = client_for(world.coordinator).post(
        role_url("change_role", role), {"role": Role.PROFESSIONAL}, follow=True
    )
    assert response.status_code == 200
    role.refresh_from_db()
    assert role.role == Role.PROFESSIONAL
    assert "Die Rolle von Lena Brandt ist jetzt „Fachkraft“." in response.content.decode()
    entry = AuditEntry.objects.get(action=Action.ROLE)
    assert entry.changes["role"] == {"old": "Lesend", "new": "Fachkraft"}


def test_it_refuses_an_unknown_role(world, client_for):
    role = OfficeRole.objects.get(user=world.reader)
    response = client_for(world.coordinator).post(
        role_url("change_role", role), {"role": "chef"}, follow=True
    )
    assert "Bitte wählen Sie eine gültige Rolle." in response.content.decode()
    role.refresh_from_db()
    assert role.role == Role.READER


def test_it_asks_before_removing_somebody(world, client_for):
    role = OfficeRole.objects.get(user=world.reader)
    response = client_for(world.coordinator).get(role_url("remove_access", role))
    assert response.status_code == 200
    assert "Lena Brandt" in response.content.decode()
    assert OfficeRole.objects.filter(pk=role.pk).exists()


def test_it_removes_somebody(world, client_for):
    role = OfficeRole.objects.get(user=world.reader)
    response = client_for(world.coordinator).post(role_url("remove_access", role))
    assert response.status_code == 302
    assert not OfficeRole.objects.filter(pk=role.pk).exists()
    assert AuditEntry.objects.filter(action=Action.REMOVE, object_repr="Lena Brandt").exists()
    # The person is gone from the youth office: 404, not even 403.
    assert client_for(world.reader).get("/heidekreis/").status_code == 404


def test_it_never_touches_another_offices_roles(world, client_for):
    foreign = OfficeRole.objects.get(user=world.coordinator_b)
    client = client_for(world.coordinator)
    assert client.post(role_url("change_role", foreign), {"role": "lesend"}).status_code == 404
    assert client.post(role_url("remove_access", foreign)).status_code == 404
    # ... not even under the other office's own address.
    assert client.post(role_url("remove_access", foreign, office_slug="verden")).status_code == 404
    foreign.refresh_from_db()
    assert foreign.role == Role.COORDINATION


def test_it_keeps_its_query_count_when_many_people_join(world, client_for):
    # One pending invitation from the start: an empty page of a list costs no query at all.
    services.invite(
        office=world.office_a, actor=world.coordinator, email="erste@example.org", role=Role.READER
    )

    def grow():
        for number in range(50):
            make_user(
                f"person{number}@heidekreis.example",
                f"Person {number:02}",
                office=world.office_a,
                role=[Role.PROFESSIONAL, Role.READER][number % 2],
            )
        for number in range(20):
            services.invite(
                office=world.office_a,
                actor=[world.coordinator, world.operator][number % 2],
                email=f"eingeladen{number}@example.org",
                role=Role.READER,
            )

    # 8 queries: the 4 of every office page (session, user, youth office, roles) + two counts, a
    # page of roles, a page of invitations.
    assert_queries_constant(client_for(world.coordinator), PEOPLE, grow, expected=7)
