"""Organisation pages: profile, create, edit (optimistic locking), delete, confirm, proposals
by carrier editors, inviting a carrier editor."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from sozialraum.accounts import services as account_services
from sozialraum.accounts.models import Invitation, OfficeRole, Role, User
from sozialraum.audit.models import AuditEntry
from sozialraum.network import services
from sozialraum.network.models import (
    ChangeStatus,
    Organisation,
    OrganisationChange,
    OrganisationKind,
)
from tests.conftest import PASSWORD, municipality
from tests.helpers import assert_queries_constant
from tests.network.conftest import make_organisation, make_person

pytestmark = pytest.mark.django_db


def url(name: str, org: Organisation | None = None, office=None) -> str:
    office = office or org.youth_office
    kwargs = {"office_slug": office.slug}
    if org is not None:
        kwargs["pk"] = org.pk
    return reverse(f"network:{name}", kwargs=kwargs)


def valid_data(space=None, **overrides) -> dict:
    data = {
        "name": "Kita Sonnenschein",
        "kind": OrganisationKind.KITA,
        "sponsorship": "frei",
        "street": "Am Markt 1",
        "postcode": "29614",
        "city": "Soltau",
        "municipality": municipality("03358021").pk,
        "phone": "05191 123",
        "email": "kita@sonnenschein.example",
        "website": "www.sonnenschein.example",
        "description": "Krippe und Kindergarten",
        "external_id": "K-7",
    }
    if space is not None:
        data["social_spaces"] = [space.pk]
    data.update(overrides)
    return data


def edit_data(org: Organisation, **overrides) -> dict:
    data = {
        "name": org.name,
        "kind": org.kind,
        "sponsorship": org.sponsorship,
        "street": org.street,
        "postcode": org.postcode,
        "city": org.city,
        "municipality": org.municipality_id or "",
        "phone": org.phone,
        "email": org.email,
        "website": org.website,
        "description": org.description,
        "social_spaces": [s.pk for s in org.social_spaces.all()],
        "external_id": org.external_id,
        "version": org.version,
    }
    data.update(overrides)
    return data


# The profile ------------------------------------------------------------------------------------


def test_it_shows_the_organisation_with_people_and_social_spaces(
    client_for, reader, coordinator, org_a, person_a, space_a
):
    services.add_affiliation(
        person=person_a, organisation=org_a, actor=coordinator, function="Teamleitung"
    )
    response = client_for(reader).get(url("organisation", org_a))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Jugendhilfe Heideblick e. V." in content
    assert "Anna Müller" in content and "Teamleitung" in content
    assert space_a.name in content
    assert "Zuletzt bestätigt am" in content
    # Readers see, but do not edit.
    assert "Bearbeiten" not in content
    assert "Angaben bestätigen" not in content
    assert "Redaktion einladen" not in content


def test_it_shows_editors_and_coordination_their_buttons(
    client_for, professional, coordinator, org_a
):
    professional_page = client_for(professional).get(url("organisation", org_a)).content.decode()
    assert "Bearbeiten" in professional_page
    assert "Angaben bestätigen" in professional_page
    assert "Redaktion einladen" not in professional_page
    coordinator_page = client_for(coordinator).get(url("organisation", org_a)).content.decode()
    assert "Redaktion einladen" in coordinator_page


def test_it_offers_a_carrier_editor_a_proposal_for_their_own_organisation_only(
    client_for, carrier_editor, coordinator, org_a, office_a
):
    client = client_for(carrier_editor)
    own = client.get(url("organisation", org_a)).content.decode()
    assert "Änderung vorschlagen" in own
    assert "Angaben bestätigen" in own
    other = make_organisation(office_a, coordinator, "Kita Regenbogen")
    other_page = client.get(url("organisation", other)).content.decode()
    assert "Änderung vorschlagen" not in other_page
    assert "Angaben bestätigen" not in other_page


def test_it_marks_an_entry_not_confirmed_for_a_year(frozen_now, client_for, coordinator, org_a):
    Organisation.objects.filter(pk=org_a.pk).update(
        confirmed_at=timezone.now() - timedelta(days=400)
    )
    content = client_for(coordinator).get(url("organisation", org_a)).content.decode()
    assert "Bitte prüfen" in content
    assert "mehr als zwölf Monate" in content


def test_it_gives_the_other_office_404_for_the_organisation(client_for, coordinator_b, org_a):
    response = client_for(coordinator_b).get(url("organisation", org_a))
    assert response.status_code == 404
    assert org_a.name not in response.content.decode()
    foreign_slug = reverse("network:organisation", kwargs={"office_slug": "verden", "pk": org_a.pk})
    assert client_for(coordinator_b).get(foreign_slug).status_code == 404


def test_it_runs_the_same_queries_however_many_people(
    client_for, coordinator, office_a, org_a, space_a, space_a2
):
    def grow():
        for number in range(20):
            person = make_person(office_a, coordinator, f"Person{number}")
            services.add_affiliation(
                person=person, organisation=org_a, actor=coordinator, function="Fachkraft"
            )
        org_a.social_spaces.add(space_a2)

    # 10 queries: the 4 of every office page (session, user, youth office, roles) + the
    # organisation, its affiliations, open proposals, carrier editors, its spaces, its team
    # memberships (teams/_network_memberships.html).
    assert_queries_constant(client_for(coordinator), url("organisation", org_a), grow, expected=9)


# Create and edit --------------------------------------------------------------------------------


def test_it_creates_an_organisation(client_for, professional, office_a, space_a):
    response = client_for(professional).post(
        url("organisation_create", office=office_a), valid_data(space_a)
    )
    org = Organisation.objects.get(name="Kita Sonnenschein")
    assert response.status_code == 302
    assert response["Location"] == org.get_absolute_url()
    assert org.youth_office == office_a
    assert list(org.social_spaces.all()) == [space_a]
    assert org.website == "https://www.sonnenschein.example"
    assert AuditEntry.objects.filter(object_id=str(org.pk), action="create").exists()


def test_it_lets_no_reader_create_or_edit(client_for, reader, office_a, org_a):
    client = client_for(reader)
    assert client.get(url("organisation_create", office=office_a)).status_code == 403
    assert client.post(url("organisation_create", office=office_a), valid_data()).status_code == 403
    assert client.post(url("organisation_edit", org_a), edit_data(org_a)).status_code == 403
    assert not Organisation.objects.filter(name="Kita Sonnenschein").exists()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"name": "   "}, "name", "Bitte geben Sie einen Namen ein."),
        ({"kind": ""}, "kind", "Bitte wählen Sie die Art der Organisation."),
        ({"kind": "zirkus"}, "kind", "zirkus"),
        ({"postcode": "2961"}, "postcode", "Die Postleitzahl hat genau fünf Ziffern."),
        ({"email": "kita(at)example"}, "email", "gültige E-Mail-Adresse"),
        ({"website": "http://"}, "website", "gültige Internetadresse"),
        ({"description": "x" * 5001}, "description", "5000"),
    ],
)
def test_it_names_bad_input_at_the_field(
    client_for, coordinator, office_a, overrides, field, message
):
    response = client_for(coordinator).post(
        url("organisation_create", office=office_a), valid_data(**overrides)
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors, errors
    assert message in " ".join(errors[field])
    assert not Organisation.objects.exists()


def test_it_refuses_a_municipality_outside_the_kreis(client_for, coordinator, office_a):
    response = client_for(coordinator).post(
        url("organisation_create", office=office_a),
        valid_data(municipality=municipality("03361001").pk),  # Achim, Landkreis Verden
    )
    assert "Diese Gemeinde gehört nicht zum Kreis des Jugendamts." in " ".join(
        response.context["form"].errors["municipality"]
    )
    assert not Organisation.objects.exists()


def test_it_refuses_a_social_space_of_another_office(client_for, coordinator, office_a, space_b):
    response = client_for(coordinator).post(
        url("organisation_create", office=office_a), valid_data(space_b)
    )
    assert "social_spaces" in response.context["form"].errors
    assert not Organisation.objects.exists()


def test_it_refuses_an_external_id_taken_by_another_organisation(
    client_for, coordinator, office_a, org_a
):
    Organisation.objects.filter(pk=org_a.pk).update(external_id="K-7")
    response = client_for(coordinator).post(
        url("organisation_create", office=office_a), valid_data()
    )
    assert "external_id" in response.context["form"].errors


def test_it_saves_an_edit(client_for, professional, org_a, space_a2):
    response = client_for(professional).post(
        url("organisation_edit", org_a),
        edit_data(org_a, phone="05191 999", social_spaces=[space_a2.pk]),
    )
    assert response.status_code == 302
    org_a.refresh_from_db()
    assert org_a.phone == "05191 999"
    assert list(org_a.social_spaces.all()) == [space_a2]
    assert org_a.version == 2


def test_it_does_not_overwrite_a_concurrent_edit(client_for, coordinator, professional, org_a):
    stale = edit_data(org_a, phone="01 stale")
    client_for(coordinator).post(
        url("organisation_edit", org_a), edit_data(org_a, phone="02 first")
    )
    professional_client = client_for(professional)
    response = professional_client.post(url("organisation_edit", org_a), stale)
    assert response.status_code == 200
    content = response.content.decode()
    assert "während Sie ihn bearbeitet haben" in content
    org_a.refresh_from_db()
    assert org_a.phone == "02 first"
    # Nothing typed is lost: the form keeps the input, the table shows both values.
    rows = response.context["form"].conflict_rows
    assert [(row.label, row.mine, row.theirs) for row in rows] == [
        ("Telefon", "01 stale", "02 first")
    ]
    assert 'value="01 stale"' in content
    # The second save is deliberate: it keeps the user's value.
    again = professional_client.post(
        url("organisation_edit", org_a),
        {**stale, "version": response.context["form"]["version"].value()},
    )
    assert again.status_code == 302
    org_a.refresh_from_db()
    assert org_a.phone == "01 stale"


def test_it_deletes_an_organisation_after_asking(client_for, coordinator, org_a, person_a):
    services.add_affiliation(person=person_a, organisation=org_a, actor=coordinator)
    client = client_for(coordinator)
    question = client.get(url("organisation_delete", org_a)).content.decode()
    assert "Die Person selbst bleibt im Verzeichnis" in question
    assert "Anna Müller" in question
    response = client.post(url("organisation_delete", org_a))
    assert response.status_code == 302
    assert not Organisation.objects.filter(pk=org_a.pk).exists()
    person_a.refresh_from_db()  # the person stays


# Confirm ----------------------------------------------------------------------------------------


def test_it_confirms_an_organisation_and_returns_to_the_list(
    frozen_now, client_for, professional, org_a
):
    Organisation.objects.filter(pk=org_a.pk).update(
        confirmed_at=timezone.now() - timedelta(days=400)
    )
    due = reverse("network:due", kwargs={"office_slug": org_a.youth_office.slug})
    response = client_for(professional).post(url("organisation_confirm", org_a), {"next": due})
    assert response.status_code == 302
    assert response["Location"] == due
    org_a.refresh_from_db()
    assert org_a.confirmed_at == frozen_now


def test_it_confirms_without_redirecting_elsewhere(client_for, professional, org_a):
    response = client_for(professional).post(
        url("organisation_confirm", org_a), {"next": "https://example.com/"}
    )
    assert response["Location"] == org_a.get_absolute_url()


def test_it_lets_editors_and_the_own_carrier_editor_confirm(
    client_for, reader, carrier_editor, coordinator, office_a, org_a
):
    assert client_for(reader).post(url("organisation_confirm", org_a)).status_code == 403
    assert client_for(carrier_editor).post(url("organisation_confirm", org_a)).status_code == 302
    other = make_organisation(office_a, coordinator, "Kita Regenbogen")
    assert client_for(carrier_editor).post(url("organisation_confirm", other)).status_code == 403
    assert client_for(carrier_editor).get(url("organisation_confirm", org_a)).status_code == 405


# Proposals by carrier editors -------------------------------------------------------------------


def test_it_keeps_a_carrier_editors_proposal_waiting_for_review(client_for, carrier_editor, org_a):
    data = edit_data(org_a, phone="05191 4711")
    del data["external_id"]
    response = client_for(carrier_editor).post(url("organisation_propose", org_a), data)
    assert response.status_code == 302
    org_a.refresh_from_db()
    assert org_a.phone == ""  # unchanged until coordination approves
    change = OrganisationChange.objects.get(organisation=org_a)
    assert change.status == ChangeStatus.PENDING
    assert change.proposed["phone"] == "05191 4711"
    page = client_for(carrier_editor).get(url("organisation", org_a)).content.decode()
    assert "wartet auf die Prüfung durch die Koordination" in page


def test_it_refuses_a_proposal_without_changes(client_for, carrier_editor, org_a):
    data = edit_data(org_a)
    del data["external_id"]
    response = client_for(carrier_editor).post(url("organisation_propose", org_a), data)
    assert response.status_code == 200
    assert "Sie haben nichts geändert." in response.content.decode()
    assert not OrganisationChange.objects.exists()


def test_it_names_the_field_of_a_proposal_with_bad_input(client_for, carrier_editor, org_a):
    data = edit_data(org_a, email="kein-mail")
    response = client_for(carrier_editor).post(url("organisation_propose", org_a), data)
    assert "email" in response.context["form"].errors
    assert not OrganisationChange.objects.exists()


def test_it_lets_a_carrier_editor_neither_edit_directly_nor_touch_other_organisations(
    client_for, carrier_editor, coordinator, office_a, org_a
):
    client = client_for(carrier_editor)
    assert client.get(url("organisation_edit", org_a)).status_code == 403
    assert client.get(url("organisation_delete", org_a)).status_code == 403
    assert client.get(url("organisation_create", office=office_a)).status_code == 403
    other = make_organisation(office_a, coordinator, "Kita Regenbogen")
    assert client.get(url("organisation_propose", other)).status_code == 403
    assert client.post(url("organisation_propose", other), edit_data(other)).status_code == 403
    assert not OrganisationChange.objects.exists()


def test_it_lets_only_a_carrier_editor_propose(client_for, coordinator, org_a):
    assert client_for(coordinator).get(url("organisation_propose", org_a)).status_code == 403


# Inviting a carrier editor ----------------------------------------------------------------------


def test_it_lets_coordination_invite_a_carrier_editor_for_the_organisation(
    client_for, coordinator, org_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(coordinator).post(
            url("organisation_invite_editor", org_a),
            {"email": "Leitung@Heideblick.example", "name": "Lea Leitung"},
        )
    assert response.status_code == 302
    invitation = Invitation.objects.get(email="leitung@heideblick.example")
    assert invitation.role == Role.CARRIER_EDITOR
    assert invitation.organisation == org_a
    assert len(mail.outbox) == 1


def test_it_names_bad_input_in_the_invitation_form(client_for, coordinator, reader, org_a):
    client = client_for(coordinator)
    empty = client.post(url("organisation_invite_editor", org_a), {"email": ""})
    assert "Bitte geben Sie die E-Mail-Adresse ein." in empty.content.decode()
    member = client.post(url("organisation_invite_editor", org_a), {"email": reader.email})
    assert "hat schon einen Zugang" in member.content.decode()
    assert not Invitation.objects.exists()


def test_it_lets_only_coordination_invite_carrier_editors(client_for, professional, org_a):
    response = client_for(professional).post(
        url("organisation_invite_editor", org_a), {"email": "x@example.org"}
    )
    assert response.status_code == 403
    assert not Invitation.objects.exists()


def test_it_makes_a_carrier_editor_of_the_organisation_from_an_accepted_invitation(
    client_for, coordinator, org_a
):
    _invitation, token = account_services.invite(
        office=org_a.youth_office,
        actor=coordinator,
        email="neu@heideblick.example",
        role=Role.CARRIER_EDITOR,
        organisation=org_a,
    )
    client = client_for(None)
    client.post(
        reverse("accounts:invitation", kwargs={"token": token}),
        {"name": "Nina Neu", "password1": PASSWORD, "password2": PASSWORD},
    )
    user = User.objects.get(email="neu@heideblick.example")
    role = OfficeRole.objects.get(user=user)
    assert (role.role, role.organisation) == (Role.CARRIER_EDITOR, org_a)
    page = client.get(url("organisation", org_a)).content.decode()
    assert "Änderung vorschlagen" in page
