"""Deleting an organisation (issue 7, point 5): the confirmation page lists what goes with it,
every affiliation that ends is recorded on its person, and access bound to the organisation
(carrier editors' roles, open invitations) is never removed by a cascade."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db.models import RestrictedError
from django.urls import reverse
from django.utils import timezone

from sozialraum.accounts import services as account_services
from sozialraum.accounts.models import Invitation, OfficeRole, Role
from sozialraum.audit.models import AuditEntry
from sozialraum.network import services
from sozialraum.network.models import Affiliation, Organisation
from tests.network.conftest import make_person


def delete_url(org) -> str:
    return reverse(
        "network:organisation_delete", kwargs={"office_slug": org.youth_office.slug, "pk": org.pk}
    )


def invite_editor(org, coordinator, email="neu@traeger.example"):
    invitation, _token = account_services.invite(
        office=org.youth_office,
        actor=coordinator,
        email=email,
        role=Role.CARRIER_EDITOR,
        organisation=org,
    )
    return invitation


@pytest.mark.django_db
def test_it_records_the_end_of_each_affiliation_on_the_person(org_a, office_a, coordinator):
    anna = make_person(office_a, coordinator, "Müller", "Anna")
    ben = make_person(office_a, coordinator, "Becker", "Ben")
    services.add_affiliation(person=anna, organisation=org_a, actor=coordinator, function="Leitung")
    services.add_affiliation(person=ben, organisation=org_a, actor=coordinator)
    services.delete_organisation(organisation=org_a, actor=coordinator)
    for person, text in (
        (anna, "Jugendhilfe Heideblick e. V. – Leitung"),
        (ben, "Jugendhilfe Heideblick e. V."),
    ):
        entry = AuditEntry.objects.filter(
            object_type="network.person", object_id=str(person.pk)
        ).latest("pk")
        assert entry.changes == {"affiliation": {"old": text, "new": ""}}
        assert entry.actor == coordinator
    assert not Affiliation.objects.exists()


@pytest.mark.django_db
def test_it_refuses_to_delete_an_organisation_with_carrier_editors(
    org_a, carrier_editor, coordinator
):
    with pytest.raises(services.OrganisationInUse) as error:
        services.delete_organisation(organisation=org_a, actor=coordinator)
    assert "noch 1 Zugang der Redaktion" in str(error.value)
    assert "„Zugänge“" in str(error.value)
    assert Organisation.objects.filter(pk=org_a.pk).exists()
    assert OfficeRole.objects.filter(user=carrier_editor).exists()


@pytest.mark.django_db
def test_it_refuses_to_delete_an_organisation_with_open_invitations(org_a, coordinator):
    invite_editor(org_a, coordinator)
    invite_editor(org_a, coordinator, "zwei@traeger.example")
    with pytest.raises(services.OrganisationInUse, match="noch 2 offene Einladungen"):
        services.delete_organisation(organisation=org_a, actor=coordinator)
    assert Invitation.objects.filter(organisation=org_a).count() == 2


@pytest.mark.django_db
def test_it_deletes_closed_invitations_and_says_so(org_a, coordinator):
    revoked = invite_editor(org_a, coordinator)
    account_services.revoke_invitation(invitation=revoked, actor=coordinator)
    expired = invite_editor(org_a, coordinator, "alt@traeger.example")
    Invitation.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(days=1))
    pk = org_a.pk
    services.delete_organisation(organisation=org_a, actor=coordinator)
    assert not Invitation.objects.filter(pk__in=[revoked.pk, expired.pk]).exists()
    entry = AuditEntry.objects.get(
        object_type="network.organisation", object_id=str(pk), action="delete"
    )
    assert entry.changes["invitations"]["old"] == "2 abgelaufene oder erledigte Einladungen"


@pytest.mark.django_db
def test_it_the_database_never_removes_access_by_a_cascade(org_a, carrier_editor):
    with pytest.raises(RestrictedError):
        Organisation.objects.filter(pk=org_a.pk).delete()
    assert OfficeRole.objects.filter(user=carrier_editor, organisation=org_a).exists()


@pytest.mark.django_db
def test_it_deleting_a_whole_youth_office_still_takes_its_roles(org_a, carrier_editor, coordinator):
    invite_editor(org_a, coordinator)
    org_a.youth_office.delete()
    assert not OfficeRole.objects.filter(user=carrier_editor).exists()
    assert not Invitation.objects.exists()


@pytest.mark.django_db
def test_it_the_confirmation_page_lists_people_editors_and_invitations(
    org_a, office_a, coordinator, carrier_editor, client_for
):
    anna = make_person(office_a, coordinator, "Müller", "Anna")
    services.add_affiliation(person=anna, organisation=org_a, actor=coordinator, function="Leitung")
    invite_editor(org_a, coordinator, "offen@traeger.example")
    client = client_for(coordinator)
    page = client.get(delete_url(org_a))
    body = page.content.decode()
    assert page.status_code == 200
    assert "Müller" in body and "Leitung" in body
    assert "Tom Träger" in body
    assert "offen@traeger.example" in body
    assert "noch 1 Zugang der Redaktion und 1 offene Einladung" in body
    assert "Ja, endgültig löschen" not in body
    refused = client.post(delete_url(org_a))
    assert refused.status_code == 409
    assert "noch 1 Zugang der Redaktion" in refused.content.decode()
    assert Organisation.objects.filter(pk=org_a.pk).exists()


@pytest.mark.django_db
def test_it_deletes_after_the_access_was_removed(org_a, coordinator, carrier_editor, client_for):
    role = OfficeRole.objects.get(user=carrier_editor)
    account_services.remove_from_office(office_role=role, actor=coordinator)
    client = client_for(coordinator)
    assert "Ja, endgültig löschen" in client.get(delete_url(org_a)).content.decode()
    assert client.post(delete_url(org_a)).status_code == 302
    assert not Organisation.objects.filter(pk=org_a.pk).exists()


@pytest.mark.django_db
def test_it_a_professional_edits_but_does_not_delete_organisations(org_a, professional, client_for):
    client = client_for(professional)
    assert client.post(delete_url(org_a)).status_code == 403
    assert Organisation.objects.filter(pk=org_a.pk).exists()
    assert delete_url(org_a) not in client.get(org_a.get_absolute_url()).content.decode()
