"""Person pages: profile, create, edit (optimistic locking), affiliations, confirmation, and the
DSGVO requests (Art. 15 export, Art. 17 erasure)."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from sozialraum.audit.models import AuditEntry
from sozialraum.network import services
from sozialraum.network.models import Affiliation, Person
from tests.helpers import assert_queries_constant
from tests.network.conftest import make_organisation, make_person

pytestmark = pytest.mark.django_db


def url(name: str, obj=None, office=None) -> str:
    office = office or obj.youth_office
    kwargs = {"office_slug": office.slug}
    if obj is not None:
        kwargs["pk"] = obj.pk
    return reverse(f"network:{name}", kwargs=kwargs)


def person_data(person: Person, **overrides) -> dict:
    data = {
        "title": person.title,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "email": person.email,
        "phone": person.phone,
        "version": person.version,
    }
    data.update(overrides)
    return data


@pytest.fixture
def affiliation(coordinator, org_a, person_a) -> Affiliation:
    return services.add_affiliation(
        person=person_a,
        organisation=org_a,
        actor=coordinator,
        function="Teamleitung",
        since=date(2021, 8, 1),
    )


# The profile ------------------------------------------------------------------------------------


def test_it_shows_the_person_with_affiliations_and_contacts(
    client_for, reader, affiliation, person_a
):
    response = client_for(reader).get(url("person", person_a))
    content = response.content.decode()
    assert "Anna Müller" in content
    assert "anna.mueller@example.org" in content
    assert "Jugendhilfe Heideblick e. V." in content
    assert "Teamleitung" in content and "seit 01.08.2021" in content
    assert "Bearbeiten" not in content  # readers read
    assert "Art. 15 DSGVO" not in content  # DSGVO requests: coordination only


def test_it_offers_coordination_the_dsgvo_requests(client_for, coordinator, person_a):
    content = client_for(coordinator).get(url("person", person_a)).content.decode()
    assert "Auskunft (Art. 15 DSGVO)" in content
    assert "Person löschen (Art. 17 DSGVO)" in content


def test_it_lists_ended_affiliations_under_earlier(client_for, coordinator, org_a, person_a):
    services.add_affiliation(
        person=person_a,
        organisation=org_a,
        actor=coordinator,
        function="Schulsozialarbeit",
        since=date(2019, 2, 1),
        until=date(2023, 7, 31),
    )
    response = client_for(coordinator).get(url("person", person_a))
    assert [a.function for a in response.context["former"]] == ["Schulsozialarbeit"]
    assert response.context["current"] == []
    assert "01.02.2019 bis 31.07.2023" in response.content.decode()


def test_it_gives_the_other_office_404_for_the_person(
    client_for, coordinator_b, outsider, person_a
):
    for user in (coordinator_b, outsider):
        response = client_for(user).get(url("person", person_a))
        assert response.status_code == 404
        assert "Müller" not in response.content.decode()


def test_it_runs_the_same_queries_however_many_affiliations(
    client_for, coordinator, office_a, person_a
):
    def grow():
        for number in range(15):
            org = make_organisation(office_a, coordinator, f"Kita {number}")
            services.add_affiliation(person=person_a, organisation=org, actor=coordinator)

    # 8 queries: the 4 of every office page (session, user, youth office, roles) + the person, the
    # affiliations with their organisations, the team memberships and the memberships the person
    # substitutes in (teams/_network_memberships.html).
    assert_queries_constant(client_for(coordinator), url("person", person_a), grow, expected=7)


# Create and edit --------------------------------------------------------------------------------


def test_it_creates_a_person_with_the_organisation_she_works_for(
    client_for, professional, office_a, org_a
):
    client = client_for(professional)
    form = client.get(url("person_create", office=office_a) + f"?organisation={org_a.pk}")
    assert form.context["form"].initial["organisation"] == org_a.pk
    response = client.post(
        url("person_create", office=office_a),
        {
            "first_name": "Jörg",
            "last_name": "Weißbach",
            "email": "j.weissbach@example.org",
            "organisation": org_a.pk,
            "function": "Schulleitung",
        },
    )
    person = Person.objects.get(last_name="Weißbach")
    assert response.status_code == 302
    assert response["Location"] == person.get_absolute_url()
    affiliation = Affiliation.objects.get(person=person)
    assert (affiliation.organisation, affiliation.function) == (org_a, "Schulleitung")


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"last_name": ""}, "last_name", "Bitte geben Sie den Nachnamen ein."),
        ({"last_name": "   "}, "last_name", "Bitte geben Sie den Nachnamen ein."),
        ({"last_name": "X", "email": "x@"}, "email", "gültige E-Mail-Adresse"),
        ({"last_name": "X", "phone": "1" * 51}, "phone", "50"),
        ({"last_name": "X", "organisation": "999999"}, "organisation", "gibt es in diesem"),
    ],
)
def test_it_names_bad_input_at_the_field(client_for, coordinator, office_a, data, field, message):
    response = client_for(coordinator).post(url("person_create", office=office_a), data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert message in " ".join(errors[field]), errors
    assert not Person.objects.exists()


def test_it_refuses_an_organisation_of_another_office(client_for, coordinator, office_a, org_b):
    response = client_for(coordinator).post(
        url("person_create", office=office_a), {"last_name": "X", "organisation": org_b.pk}
    )
    assert "organisation" in response.context["form"].errors
    assert not Person.objects.exists()


def test_it_saves_an_edit(client_for, professional, person_a):
    response = client_for(professional).post(
        url("person_edit", person_a), person_data(person_a, phone="05191 1")
    )
    assert response.status_code == 302
    person_a.refresh_from_db()
    assert (person_a.phone, person_a.version) == ("05191 1", 2)


def test_it_does_not_overwrite_a_concurrent_edit(client_for, coordinator, professional, person_a):
    stale = person_data(person_a, phone="stale")
    client_for(coordinator).post(url("person_edit", person_a), person_data(person_a, phone="new"))
    response = client_for(professional).post(url("person_edit", person_a), stale)
    assert response.status_code == 200
    content = response.content.decode()
    assert "während Sie ihn bearbeitet haben" in content
    assert "Ihre Eingabe und was inzwischen gespeichert ist" in content
    person_a.refresh_from_db()
    assert person_a.phone == "new"


def test_it_lets_no_reader_create_or_edit_people(client_for, reader, office_a, person_a):
    client = client_for(reader)
    assert client.get(url("person_create", office=office_a)).status_code == 403
    assert client.post(url("person_edit", person_a), person_data(person_a)).status_code == 403
    assert client.post(url("person_confirm", person_a)).status_code == 403


# Carrier editors and their people -------------------------------------------------------------


def test_it_lets_a_carrier_editor_edit_the_people_of_their_organisation(
    client_for, carrier_editor, affiliation, person_a
):
    client = client_for(carrier_editor)
    assert "Bearbeiten" in client.get(url("person", person_a)).content.decode()
    response = client.post(url("person_edit", person_a), person_data(person_a, phone="0 12"))
    assert response.status_code == 302
    person_a.refresh_from_db()
    assert person_a.phone == "0 12"


def test_it_lets_no_carrier_editor_edit_other_people(
    client_for, carrier_editor, coordinator, office_a
):
    stranger = make_person(office_a, coordinator, "Fremd")
    client = client_for(carrier_editor)
    assert client.get(url("person_edit", stranger)).status_code == 403
    assert client.get(url("affiliation_create", stranger)).status_code == 403
    assert client.post(url("person_confirm", stranger)).status_code == 403


def test_it_lets_a_carrier_editor_add_people_to_their_own_organisation_only(
    client_for, carrier_editor, coordinator, office_a, org_a
):
    other = make_organisation(office_a, coordinator, "Kita Regenbogen")
    client = client_for(carrier_editor)
    form = client.get(url("person_create", office=office_a)).context["form"]
    assert list(form.fields["organisation"].queryset) == [org_a]
    refused = client.post(
        url("person_create", office=office_a), {"last_name": "Neu", "organisation": other.pk}
    )
    assert "organisation" in refused.context["form"].errors
    created = client.post(
        url("person_create", office=office_a), {"last_name": "Neu", "organisation": org_a.pk}
    )
    assert created.status_code == 302
    assert Affiliation.objects.get(person__last_name="Neu").organisation == org_a


def test_it_lets_a_carrier_editor_change_only_affiliations_with_their_organisation(
    client_for, carrier_editor, coordinator, office_a, affiliation, person_a
):
    other = make_organisation(office_a, coordinator, "Kita Regenbogen")
    foreign = services.add_affiliation(person=person_a, organisation=other, actor=coordinator)
    client = client_for(carrier_editor)
    assert client.get(url("affiliation_edit", affiliation)).status_code == 200
    assert client.get(url("affiliation_edit", foreign)).status_code == 403
    assert client.post(url("affiliation_end", foreign)).status_code == 403


# Affiliations -----------------------------------------------------------------------------------


def test_it_adds_an_affiliation(client_for, professional, office_a, person_a, coordinator):
    school = make_organisation(office_a, coordinator, "Grundschule Am Markt")
    response = client_for(professional).post(
        url("affiliation_create", person_a),
        {
            "organisation": school.pk,
            "function": "Schulleitung",
            "since": "2024-08-01",
            "is_contact": "on",
        },
    )
    assert response.status_code == 302
    affiliation = Affiliation.objects.get(person=person_a)
    assert affiliation.since == date(2024, 8, 1)
    assert affiliation.is_contact


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"since": "2024-08-01", "until": "2024-07-31"}, "until", "Das Ende liegt vor dem Beginn"),
        ({"since": "31.02.2024"}, "since", "Den 31. Februar gibt es nicht."),
        ({"until": "29.02.2025"}, "until", "Den 29. Februar gibt es 2025 nicht"),
        ({"since": "00.01.2024"}, "since", "Den 0. Januar gibt es nicht."),
        ({"since": "bald"}, "since", "Bitte geben Sie das Datum als TT.MM.JJJJ ein"),
        ({"organisation": ""}, "organisation", "Bitte wählen Sie die Organisation."),
    ],
)
def test_it_names_bad_affiliation_input_at_the_field(
    client_for, coordinator, org_a, person_a, data, field, message
):
    response = client_for(coordinator).post(
        url("affiliation_create", person_a), {"organisation": org_a.pk, **data}
    )
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not Affiliation.objects.exists()


def test_it_refuses_an_affiliation_with_an_organisation_of_another_office(
    client_for, coordinator, person_a, org_b
):
    response = client_for(coordinator).post(
        url("affiliation_create", person_a), {"organisation": org_b.pk}
    )
    assert "organisation" in response.context["form"].errors
    assert not Affiliation.objects.exists()


def test_it_edits_an_affiliation(client_for, professional, affiliation):
    response = client_for(professional).post(
        url("affiliation_edit", affiliation),
        {
            "function": "Bereichsleitung",
            "since": "2021-08-01",
            "until": "",
            "is_contact": "on",
            "version": affiliation.version,
        },
    )
    assert response.status_code == 302
    affiliation.refresh_from_db()
    assert (affiliation.function, affiliation.is_contact) == ("Bereichsleitung", True)


def test_it_keeps_an_impossible_date_with_a_message_instead_of_dropping_it(
    client_for, professional, affiliation
):
    response = client_for(professional).post(
        url("affiliation_edit", affiliation),
        {"function": "Leitung", "since": "31.02.2025", "version": affiliation.version},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Den 31. Februar gibt es nicht." in page
    assert 'value="31.02.2025"' in page
    affiliation.refresh_from_db()
    assert affiliation.since == date(2021, 8, 1)
    assert affiliation.function != "Leitung"


def test_it_ends_an_affiliation_today(frozen_now, client_for, professional, affiliation):
    response = client_for(professional).post(url("affiliation_end", affiliation))
    assert response.status_code == 302
    affiliation.refresh_from_db()
    assert affiliation.until == frozen_now.date()  # the local date, not the one in UTC
    assert affiliation.since == date(2021, 8, 1)


def test_it_removes_an_affiliation_after_asking(client_for, professional, affiliation, person_a):
    client = client_for(professional)
    assert (
        "Eintrag entfernen?" in client.get(url("affiliation_delete", affiliation)).content.decode()
    )
    response = client.post(url("affiliation_delete", affiliation))
    assert response["Location"] == person_a.get_absolute_url()
    assert not Affiliation.objects.exists()


def test_it_gives_the_other_office_404_for_affiliations(client_for, coordinator_b, affiliation):
    client = client_for(coordinator_b)
    assert client.get(url("affiliation_edit", affiliation)).status_code == 404
    assert client.post(url("affiliation_end", affiliation)).status_code == 404
    affiliation.refresh_from_db()
    assert affiliation.until is None


# Confirmation ------------------------------------------------------------------------------------


def test_it_confirms_a_person(client_for, professional, person_a):
    Person.objects.filter(pk=person_a.pk).update(confirmed_at=timezone.now() - timedelta(days=400))
    response = client_for(professional).post(url("person_confirm", person_a))
    assert response["Location"] == person_a.get_absolute_url()
    person_a.refresh_from_db()
    assert timezone.now() - person_a.confirmed_at < timedelta(minutes=1)


# DSGVO -------------------------------------------------------------------------------------------


def test_it_lets_coordination_download_everything_stored_about_a_person(
    client_for, coordinator, affiliation, person_a
):
    client = client_for(coordinator)
    explained = client.get(url("person_export", person_a)).content.decode()
    assert "Als JSON-Datei herunterladen" in explained
    response = client.post(url("person_export", person_a), {"format": "json"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert 'attachment; filename="auskunft-mueller-' in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["Person"]["Nachname"] == "Müller"
    assert data["Zugehörigkeiten"][0]["Organisation"] == "Jugendhilfe Heideblick e. V."
    assert AuditEntry.objects.filter(
        object_id=str(person_a.pk), changes__has_key="privacy_export"
    ).exists()


def test_it_lets_only_coordination_export_or_erase(
    client_for, professional, carrier_editor, person_a
):
    for user in (professional, carrier_editor):
        client = client_for(user)
        assert client.post(url("person_export", person_a)).status_code == 403
        assert client.post(url("person_erase", person_a), {"bestaetigt": "ja"}).status_code == 403
    assert Person.objects.filter(pk=person_a.pk).exists()


def test_it_explains_what_erasure_deletes_and_what_remains(
    client_for, coordinator, affiliation, person_a
):
    content = client_for(coordinator).get(url("person_erase", person_a)).content.decode()
    assert "Das wird gelöscht" in content
    assert "Das bleibt" in content
    assert "Jugendhilfe Heideblick e. V. (Teamleitung)" in content


def test_it_erases_only_with_the_tick(client_for, coordinator, person_a):
    response = client_for(coordinator).post(url("person_erase", person_a), {})
    assert response.status_code == 200
    assert "Bitte bestätigen Sie mit dem Häkchen" in response.content.decode()
    assert Person.objects.filter(pk=person_a.pk).exists()


def test_it_lets_coordination_erase_a_person(client_for, coordinator, affiliation, person_a, org_a):
    response = client_for(coordinator).post(url("person_erase", person_a), {"bestaetigt": "ja"})
    assert response.status_code == 302
    assert not Person.objects.filter(pk=person_a.pk).exists()
    assert not Affiliation.objects.exists()
    org_a.refresh_from_db()  # the organisation stays
    trail = AuditEntry.objects.filter(object_id=str(person_a.pk))
    assert trail.exists()
    assert not any("Müller" in (entry.object_repr + json.dumps(entry.changes)) for entry in trail)


def test_it_lets_the_other_office_neither_export_nor_erase(client_for, coordinator_b, person_a):
    client = client_for(coordinator_b)
    assert client.post(url("person_export", person_a)).status_code == 404
    assert client.post(url("person_erase", person_a), {"bestaetigt": "ja"}).status_code == 404
    assert Person.objects.filter(pk=person_a.pk).exists()
