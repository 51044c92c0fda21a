"""Inviting people by e-mail, accepting the link, and what happens to bad links."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from sozialraum.accounts import services
from sozialraum.accounts.models import Invitation, OfficeRole, Role, User
from sozialraum.audit.models import Action, AuditEntry
from tests.conftest import log_in_client

pytestmark = pytest.mark.django_db

PEOPLE = reverse("access:list", kwargs={"office_slug": "heidekreis"})
NEW_PASSWORD = "Heideblüte-Soltau-77"


def link(token: str) -> str:
    return reverse("accounts:invitation", kwargs={"token": token})


@pytest.fixture
def invitation(office_a, coordinator):
    """A pending invitation for a professional; returns (invitation, token)."""
    return services.invite(
        office=office_a,
        actor=coordinator,
        email="Neu@Heidekreis.example",
        role=Role.PROFESSIONAL,
        name="Nina Neu",
    )


def accept_data(**changes) -> dict:
    data = {"name": "Nina Neu", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    data.update(changes)
    return data


# Inviting -----------------------------------------------------------------------------------


def test_it_sends_a_german_mail_with_the_link(
    coordinator_client, client, office_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            PEOPLE, {"email": "Neu@Heidekreis.example", "name": "Nina Neu", "role": "fachkraft"}
        )
    assert response.status_code == 302
    assert response.url == PEOPLE
    invitation = Invitation.objects.get(youth_office=office_a)
    assert invitation.email == "neu@heidekreis.example"
    assert invitation.role == Role.PROFESSIONAL
    assert invitation.expires_at - timezone.now() > timedelta(days=13)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["neu@heidekreis.example"]
    assert message.subject == "Einladung zu Sozialraum – Landkreis Heidekreis"
    assert "Landkreis Heidekreis" in message.body
    found = re.search(re.escape(settings.SITE_URL) + r"/konto/einladung/([\w-]+)/", message.body)
    assert found, message.body
    # The mail's link opens the invitation; the token itself is not stored.
    assert invitation.token_hash != found.group(1)
    page = client.get(link(found.group(1)))  # the invited person, not yet logged in
    assert page.status_code == 200
    entry = AuditEntry.objects.get(action=Action.INVITE)
    assert entry.actor.email == "koordination@heidekreis.example"


def test_it_rejects_a_bad_address_when_inviting(coordinator_client, office_a):
    response = coordinator_client.post(PEOPLE, {"email": "kein at zeichen", "role": "fachkraft"})
    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    assert "Bitte geben Sie eine gültige E-Mail-Adresse ein." in response.content.decode()
    assert not Invitation.objects.exists()


def test_it_rejects_an_unknown_role_when_inviting(coordinator_client, office_a):
    response = coordinator_client.post(PEOPLE, {"email": "neu@example.org", "role": "chef"})
    assert response.status_code == 200
    assert "role" in response.context["form"].errors
    assert not Invitation.objects.exists()


def test_it_does_not_invite_somebody_who_has_access_already(coordinator_client, reader):
    response = coordinator_client.post(
        PEOPLE, {"email": "LESEND@heidekreis.example", "role": "fachkraft"}
    )
    assert response.status_code == 200
    errors = response.context["form"].errors["email"]
    assert "Diese Person hat schon Zugang zu diesem Jugendamt." in errors[0]
    assert not Invitation.objects.exists()


def test_it_replaces_an_older_invitation_with_a_new_one(office_a, coordinator, invitation, client):
    _first, old_token = invitation
    services.invite(
        office=office_a, actor=coordinator, email="neu@heidekreis.example", role="lesend"
    )
    response = client.get(link(old_token))
    assert response.status_code == 410
    assert "durch eine neuere ersetzt" in response.content.decode()


# Accepting ----------------------------------------------------------------------------------


def test_it_shows_the_accept_form(client, invitation):
    _invitation, token = invitation
    response = client.get(link(token))
    assert response.status_code == 200
    assert response.context["form"].initial["name"] == "Nina Neu"
    assert "Landkreis Heidekreis" in response.content.decode()


def test_it_creates_the_account_and_the_role(client, invitation, office_a):
    pending, token = invitation
    response = client.post(link(token), accept_data())
    assert response.status_code == 302
    assert response.url == "/heidekreis/"
    user = User.objects.get(email="neu@heidekreis.example")
    assert user.name == "Nina Neu"
    assert user.check_password(NEW_PASSWORD)
    assert user.role_in(office_a) == Role.PROFESSIONAL
    assert client.session["_auth_user_id"] == str(user.pk)
    pending.refresh_from_db()
    assert pending.accepted_by == user
    assert pending.state == "accepted"
    assert AuditEntry.objects.filter(action=Action.JOIN, actor=user).exists()
    # The new account can open its youth office straight away.
    assert client.get("/heidekreis/").status_code == 200


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"name": "  "}, "name", "Bitte füllen Sie dieses Feld aus."),
        ({"password2": "Anders-als-vorher-1"}, "password2", "stimmen nicht überein"),
        ({"password1": "kurz", "password2": "kurz"}, "password1", "zu kurz"),
        (
            {"password1": "1234567890123", "password2": "1234567890123"},
            "password1",
            "nur aus Ziffern",
        ),
        ({"password1": "", "password2": ""}, "password1", "Bitte füllen Sie dieses Feld aus."),
    ],
)
def test_it_rejects_bad_input_when_accepting(client, invitation, changes, field, message):
    _invitation, token = invitation
    response = client.post(link(token), accept_data(**changes))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors, errors
    assert any(message in error for error in errors[field]), errors[field]
    assert not User.objects.filter(email="neu@heidekreis.example").exists()


def test_it_lets_an_existing_user_join_while_logged_in(
    client, coordinator, coordinator_b, office_a
):
    pending, token = services.invite(
        office=office_a,
        actor=coordinator,
        email=coordinator_b.email.upper(),
        role=Role.PROFESSIONAL,
    )
    log_in_client(client, coordinator_b)
    page = client.get(link(token))
    assert page.status_code == 200
    assert "accounts/invitation_join.html" in [t.name for t in page.templates]
    response = client.post(link(token))
    assert response.status_code == 302
    assert response.url == "/heidekreis/"
    coordinator_b.refresh_from_db()
    assert coordinator_b.role_in(office_a) == Role.PROFESSIONAL
    assert OfficeRole.objects.filter(user=coordinator_b).count() == 2
    pending.refresh_from_db()
    assert pending.accepted_by == coordinator_b


def test_it_refuses_a_link_opened_by_somebody_else(client, invitation, coordinator_b, office_a):
    pending, token = invitation
    log_in_client(client, coordinator_b)
    for response in (client.get(link(token)), client.post(link(token))):
        assert response.status_code == 403
        assert "Diese Einladung gilt für neu@heidekreis.example" in response.content.decode()
    assert coordinator_b.role_in(office_a) is None
    pending.refresh_from_db()
    assert pending.accepted_at is None


def test_it_asks_an_existing_user_who_is_not_logged_in_to_log_in(client, office_a, coordinator):
    User.objects.create_user("schon@da.example", "Irgendein-Passwort-1", name="Schon Da")
    _invitation, token = services.invite(
        office=office_a, actor=coordinator, email="schon@da.example", role=Role.READER
    )
    response = client.post(link(token), accept_data(name="Schon Da"))
    assert response.status_code == 410
    assert "melden Sie sich" in response.content.decode()
    assert not OfficeRole.objects.filter(user__email="schon@da.example").exists()


# Links that cannot be used: 410 with an explanation -----------------------------------------


def test_it_explains_an_expired_link(client, invitation):
    pending, token = invitation
    Invitation.objects.filter(pk=pending.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    for response in (client.get(link(token)), client.post(link(token), accept_data())):
        assert response.status_code == 410
        body = response.content.decode()
        assert "Diese Einladung ist abgelaufen." in body
        assert "Landkreis Heidekreis" in body
    assert not User.objects.filter(email="neu@heidekreis.example").exists()


def test_it_explains_a_revoked_link(client, invitation, coordinator):
    pending, token = invitation
    services.revoke_invitation(invitation=pending, actor=coordinator)
    response = client.get(link(token))
    assert response.status_code == 410
    assert "zurückgezogen" in response.content.decode()
    assert client.post(link(token), accept_data()).status_code == 410
    assert not User.objects.filter(email="neu@heidekreis.example").exists()


def test_it_explains_a_used_link(client, invitation, client_for):
    _invitation, token = invitation
    assert client.post(link(token), accept_data()).status_code == 302
    other = client_for(None)
    response = other.get(link(token))
    assert response.status_code == 410
    assert "Diese Einladung wurde schon angenommen." in response.content.decode()
    assert other.post(link(token), accept_data(name="Zweiter Versuch")).status_code == 410
    assert User.objects.get(email="neu@heidekreis.example").name == "Nina Neu"


def test_it_explains_an_unknown_link(client, db):
    response = client.get(link("ausgedacht-1234567890"))
    assert response.status_code == 410
    assert "Diesen Einladungslink kennen wir nicht." in response.content.decode()


def test_it_explains_a_bad_link_to_a_logged_in_user_too(client_for, reader):
    response = client_for(reader).post(link("ausgedacht"))
    assert response.status_code == 410


# Revoking -----------------------------------------------------------------------------------


def test_it_lets_the_coordinator_revoke_an_invitation(coordinator_client, invitation, client):
    pending, token = invitation
    response = coordinator_client.post(
        reverse("access:revoke_invitation", kwargs={"office_slug": "heidekreis", "pk": pending.pk})
    )
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.state == "revoked"
    assert client.get(link(token)).status_code == 410


# The last coordinator -----------------------------------------------------------------------


def test_it_does_not_demote_the_last_coordinator(coordinator_client, coordinator, office_a):
    role = OfficeRole.objects.get(user=coordinator)
    response = coordinator_client.post(
        reverse("access:change_role", kwargs={"office_slug": "heidekreis", "pk": role.pk}),
        {"role": Role.READER},
        follow=True,
    )
    assert response.status_code == 200
    assert "einzige Koordination" in response.content.decode()
    role.refresh_from_db()
    assert role.role == Role.COORDINATION


def test_it_does_not_remove_the_last_coordinator(coordinator_client, coordinator):
    role = OfficeRole.objects.get(user=coordinator)
    response = coordinator_client.post(
        reverse("access:remove_access", kwargs={"office_slug": "heidekreis", "pk": role.pk}),
        follow=True,
    )
    assert response.status_code == 200
    assert "einzige Koordination" in response.content.decode()
    assert OfficeRole.objects.filter(pk=role.pk).exists()


def test_it_protects_the_last_coordinator_in_the_services_too(coordinator):
    role = OfficeRole.objects.get(user=coordinator)
    with pytest.raises(services.LastCoordinatorError):
        services.change_role(office_role=role, actor=coordinator, role=Role.PROFESSIONAL)
    with pytest.raises(services.LastCoordinatorError):
        services.remove_from_office(office_role=role, actor=coordinator)


def test_it_does_not_count_a_deactivated_second_coordinator(coordinator, office_a):
    from tests.conftest import make_user

    second = make_user("zweite@heidekreis.example", "Zweite", office=office_a, role="koordination")
    second.is_active = False
    second.save(update_fields=["is_active"])
    role = OfficeRole.objects.get(user=coordinator)
    with pytest.raises(services.LastCoordinatorError):
        services.change_role(office_role=role, actor=coordinator, role=Role.READER)


def test_it_lets_a_coordinator_step_down_when_there_is_another(coordinator, office_a, professional):
    other = OfficeRole.objects.get(user=professional)
    services.change_role(office_role=other, actor=coordinator, role=Role.COORDINATION)
    mine = OfficeRole.objects.get(user=coordinator)
    services.change_role(office_role=mine, actor=professional, role=Role.READER)
    mine.refresh_from_db()
    assert mine.role == Role.READER
