"""Onboarding a youth office and (de)activating accounts: the operations services."""

from __future__ import annotations

import pytest
from django.core import mail

from sozialraum.accounts.models import Invitation, Role
from sozialraum.audit.models import Action, AuditEntry
from sozialraum.operations import services
from sozialraum.operations.models import EventKind, OperatorEvent
from sozialraum.regions.models import YouthOffice

pytestmark = pytest.mark.django_db


def create(operator, **overrides):
    values = {
        "kreis_key": "06535",
        "name": "Vogelsbergkreis",
        "slug": "vogelsberg",
        "social_space_label": "Region",
        "coordinator_email": "Koordination@Vogelsberg.example",
        "coordinator_name": "Vera Vogel",
        "actor": operator,
        **overrides,
    }
    return services.create_youth_office(**values)


def test_it_creates_the_office_and_invites_its_first_coordinator(
    municipalities, operator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        office, invitation = create(operator)
    assert (office.name, office.slug, office.kreis_key) == (
        "Vogelsbergkreis",
        "vogelsberg",
        "06535",
    )
    assert office.social_space_label == "Region"
    assert office.municipalities().count() == 19
    assert invitation.youth_office == office
    assert invitation.role == Role.COORDINATION
    assert invitation.email == "koordination@vogelsberg.example"
    assert [message.to for message in mail.outbox] == [["koordination@vogelsberg.example"]]
    assert "Vogelsbergkreis" in mail.outbox[0].body
    assert "/konto/einladung/" in mail.outbox[0].body


def test_it_audits_the_onboarding_in_the_new_office_and_the_operators_trail(
    municipalities, operator
):
    office, _invitation = create(operator)
    actions = set(AuditEntry.objects.in_office(office).values_list("action", flat=True))
    assert actions == {Action.CREATE, Action.INVITE}
    created = AuditEntry.objects.in_office(office).get(action=Action.CREATE)
    assert created.actor == operator
    assert created.changes["kreis_key"] == {"old": "", "new": "06535"}
    event = OperatorEvent.objects.get()
    assert (event.kind, event.subject, event.actor) == (
        EventKind.OFFICE_CREATED,
        "Vogelsbergkreis",
        operator,
    )


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"kreis_key": "3358"}, "kreis_key", "genau fünf Ziffern"),
        ({"kreis_key": "99999"}, "kreis_key", "keine Gemeinde"),
        ({"name": ""}, "name", "Namen des Jugendamts"),
        ({"slug": "Vogel Berg"}, "slug", "Kleinbuchstaben"),
        ({"slug": "betrieb"}, "slug", "reserviert"),
        ({"social_space_label": "Bezirk"}, "social_space_label", "angebotenen"),
        ({"coordinator_email": "keine-adresse"}, "coordinator_email", "gültige E-Mail"),
    ],
)
def test_it_refuses_bad_input_with_a_german_message_at_the_field(
    municipalities, operator, overrides, field, message
):
    with pytest.raises(services.OperationsError) as error:
        create(operator, **overrides)
    assert message in error.value.errors[field]
    assert not YouthOffice.objects.exists()
    assert not Invitation.objects.exists()


def test_it_refuses_a_name_or_slug_that_another_office_has(office_a, operator):
    with pytest.raises(services.OperationsError) as error:
        create(operator, name="landkreis heidekreis", slug="heidekreis")
    assert set(error.value.errors) == {"name", "slug"}
    assert YouthOffice.objects.count() == 1


def test_it_deactivates_and_reactivates_an_account_with_audit(world):
    operator, professional = world.operator, world.professional
    services.set_user_active(user=professional, active=False, actor=operator)
    professional.refresh_from_db()
    assert professional.is_active is False
    entry = AuditEntry.objects.in_office(world.office_a).filter(action=Action.UPDATE).latest("id")
    assert entry.changes == {"access": {"old": "aktiv", "new": "gesperrt"}}
    assert entry.actor == operator
    services.set_user_active(user=professional, active=True, actor=operator)
    professional.refresh_from_db()
    assert professional.is_active is True
    kinds = list(OperatorEvent.objects.order_by("id").values_list("kind", flat=True))
    assert kinds == [EventKind.USER_DEACTIVATED, EventKind.USER_REACTIVATED]


def test_it_never_lets_the_operator_lock_themselves_out(operator):
    with pytest.raises(services.OperationsError) as error:
        services.set_user_active(user=operator, active=False, actor=operator)
    assert "eigenen Zugang" in str(error.value)
    operator.refresh_from_db()
    assert operator.is_active is True
