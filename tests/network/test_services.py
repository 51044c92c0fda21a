"""network.services: every write, tenancy, optimistic locking, audit trail, DSGVO."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from django.utils import timezone

from sozialraum.accounts.models import OfficeRole, Role
from sozialraum.audit.models import Action, AuditEntry
from sozialraum.lib.errors import ConcurrentEditError, InvalidData
from sozialraum.network import privacy, proposals, services
from sozialraum.network.models import (
    Affiliation,
    ChangeStatus,
    ExpectedKind,
    Organisation,
    OrganisationChange,
    Person,
)
from tests.conftest import municipality
from tests.network.conftest import make_organisation, make_person


def entries_for(instance) -> list[AuditEntry]:
    return list(
        AuditEntry.objects.filter(
            object_type=instance._meta.label_lower, object_id=str(instance.pk)
        ).order_by("id")
    )


# Organisations ----------------------------------------------------------------------------------


def test_it_creates_an_organisation_with_keys_and_audit(office_a, coordinator, space_a):
    org = make_organisation(
        office_a,
        coordinator,
        " Ev. Kita St. Marien ",
        postcode="29614",
        municipality=municipality("03358021"),
        spaces=[space_a],
    )
    assert org.name == "Ev. Kita St. Marien"
    assert org.name_key == "ev kita st marien"
    assert org.duplicate_key == "evangelisch kita sankt marien"
    assert list(org.social_spaces.all()) == [space_a]
    (entry,) = entries_for(org)
    assert entry.action == Action.CREATE
    assert entry.actor == coordinator
    assert entry.changes["name"] == {"old": "", "new": "Ev. Kita St. Marien"}
    assert entry.changes["kind"]["new"] == "Kindertagesstätte"
    assert entry.changes["social_spaces"]["new"] == "Soltau/Wietzendorf"
    assert entry.changes["municipality"]["new"] == "Soltau, Stadt"
    assert entry.changes["is_public"]["new"] == "nein"  # not "False"


def test_it_refuses_a_social_space_of_another_office(office_a, coordinator, space_b):
    with pytest.raises(ValueError, match="gehören nicht zu diesem Jugendamt: Achim"):
        make_organisation(office_a, coordinator, "Kita X", spaces=[space_b])
    assert not Organisation.objects.exists()


def test_it_refuses_a_municipality_outside_the_kreis(office_a, coordinator):
    with pytest.raises(ValueError, match="Achim, Stadt liegt nicht im Kreis"):
        make_organisation(office_a, coordinator, "Kita X", municipality=municipality("03361001"))


def test_it_refuses_invalid_fields_in_german(office_a, coordinator):
    with pytest.raises(InvalidData) as info:
        make_organisation(office_a, coordinator, "", email="kein-at", kind="gibtsnicht")
    assert set(info.value.errors) == {"name", "email", "kind"}
    assert "E-Mail:" in str(info.value)
    assert isinstance(info.value, ValueError)


def test_it_refuses_a_taken_external_id(office_a, coordinator, office_b, coordinator_b):
    make_organisation(office_a, coordinator, "Kita A", external_id="K-1")
    with pytest.raises(InvalidData, match="Diese Kennung hat schon „Kita A“"):
        make_organisation(office_a, coordinator, "Kita B", external_id="K-1")
    # Another youth office may use the same id.
    make_organisation(office_b, coordinator_b, "Kita B", external_id="K-1")


def test_it_updates_an_organisation_and_records_the_difference(
    org_a, coordinator, professional, space_a, space_a2
):
    old_confirmed = org_a.confirmed_at
    updated = services.update_organisation(
        organisation=org_a,
        actor=professional,
        version=org_a.version,
        data={"name": "Jugendhilfe Heideblick gGmbH", "phone": "05191 1234"},
        social_spaces=[space_a, space_a2],
    )
    assert updated.version == org_a.version + 1
    assert updated.name_key == "jugendhilfe heideblick ggmbh"
    assert updated.email == "info@heideblick.example"  # untouched
    assert updated.confirmed_at > old_confirmed
    entry = entries_for(org_a)[-1]
    assert entry.action == Action.UPDATE
    assert entry.actor == professional
    assert entry.changes == {
        "name": {"old": "Jugendhilfe Heideblick e. V.", "new": "Jugendhilfe Heideblick gGmbH"},
        "social_spaces": {"old": "Soltau/Wietzendorf", "new": "Soltau/Wietzendorf, Walsrode"},
        "phone": {"old": "", "new": "05191 1234"},
    }


def test_it_detects_a_concurrent_edit(org_a, coordinator, professional):
    version = org_a.version
    services.update_organisation(
        organisation=org_a, actor=coordinator, version=version, data={"city": "Soltau (Heide)"}
    )
    with pytest.raises(ConcurrentEditError):
        services.update_organisation(
            organisation=org_a, actor=professional, version=version, data={"city": "Wietzendorf"}
        )
    org_a.refresh_from_db()
    assert org_a.city == "Soltau (Heide)"


def test_it_refuses_an_update_with_spaces_of_another_office(org_a, coordinator, space_b):
    with pytest.raises(ValueError, match="Achim"):
        services.update_organisation(
            organisation=org_a,
            actor=coordinator,
            version=org_a.version,
            data={},
            social_spaces=[space_b],
        )
    assert org_a.social_spaces.get().name == "Soltau/Wietzendorf"


def test_it_deletes_an_organisation_with_an_audit_entry(org_a, person_a, coordinator):
    services.add_affiliation(person=person_a, organisation=org_a, actor=coordinator)
    pk = org_a.pk
    services.delete_organisation(organisation=org_a, actor=coordinator)
    assert not Organisation.objects.filter(pk=pk).exists()
    assert Person.objects.filter(pk=person_a.pk).exists()
    entry = AuditEntry.objects.get(
        object_type="network.organisation", object_id=str(pk), action="delete"
    )
    assert entry.changes["name"] == {"old": "Jugendhilfe Heideblick e. V.", "new": ""}
    assert entry.changes["affiliations"]["old"] == "1 Personen"


def test_it_confirms_an_organisation(org_a, coordinator):
    Organisation.objects.filter(pk=org_a.pk).update(
        confirmed_at=timezone.now() - timedelta(days=400)
    )
    org_a.refresh_from_db()
    services.confirm_organisation(organisation=org_a, actor=coordinator)
    org_a.refresh_from_db()
    assert timezone.now() - org_a.confirmed_at < timedelta(minutes=1)
    assert entries_for(org_a)[-1].changes.keys() == {"confirmed_at"}


# People and affiliations ------------------------------------------------------------------------


def test_it_creates_and_updates_a_person(office_a, coordinator, professional):
    person = make_person(office_a, coordinator, "Grote", "Heike", title="Dr.")
    assert person.name_key == "grote heike"
    updated = services.update_person(
        person=person, actor=professional, version=person.version, data={"last_name": "Größe"}
    )
    assert updated.name_key == "groesse heike"
    assert updated.version == person.version + 1
    assert entries_for(person)[-1].changes == {"last_name": {"old": "Grote", "new": "Größe"}}
    with pytest.raises(ConcurrentEditError):
        services.update_person(
            person=person, actor=coordinator, version=person.version, data={"phone": "1"}
        )
    with pytest.raises(InvalidData):
        services.create_person(office=office_a, actor=coordinator, data={"last_name": " "})


def test_it_confirms_a_person(person_a, coordinator):
    Person.objects.filter(pk=person_a.pk).update(confirmed_at=timezone.now() - timedelta(days=800))
    person_a.refresh_from_db()
    services.confirm_person(person=person_a, actor=coordinator)
    person_a.refresh_from_db()
    assert timezone.now() - person_a.confirmed_at < timedelta(minutes=1)


def test_it_adds_updates_and_removes_affiliations_on_the_person(
    person_a, org_a, office_a, coordinator
):
    second = make_organisation(office_a, coordinator, "Grundschule Heidesand")
    first = services.add_affiliation(
        person=person_a,
        organisation=org_a,
        actor=coordinator,
        function="Teamleitung",
        since=date(2024, 8, 1),
        is_contact=True,
    )
    services.add_affiliation(person=person_a, organisation=second, actor=coordinator)
    assert person_a.affiliations.count() == 2
    services.update_affiliation(
        affiliation=first,
        actor=coordinator,
        function="Leitung",
        since=date(2024, 8, 1),
        until=date(2025, 7, 31),
        is_contact=False,
    )
    services.remove_affiliation(affiliation=first, actor=coordinator)
    changes = [e.changes["affiliation"] for e in entries_for(person_a)[1:]]
    assert changes == [
        {
            "old": "",
            "new": "Jugendhilfe Heideblick e. V. – Teamleitung (seit 01.08.2024), Ansprechperson",
        },
        {"old": "", "new": "Grundschule Heidesand"},
        {
            "old": "Jugendhilfe Heideblick e. V. – Teamleitung (seit 01.08.2024), Ansprechperson",
            "new": "Jugendhilfe Heideblick e. V. – Leitung (seit 01.08.2024, bis 31.07.2025)",
        },
        {
            "old": "Jugendhilfe Heideblick e. V. – Leitung (seit 01.08.2024, bis 31.07.2025)",
            "new": "",
        },
    ]


def test_it_refuses_an_affiliation_across_offices(person_a, org_b, coordinator):
    with pytest.raises(ValueError, match="anderen Jugendamt"):
        services.add_affiliation(person=person_a, organisation=org_b, actor=coordinator)
    assert not Affiliation.objects.exists()


def test_it_refuses_an_affiliation_ending_before_it_starts(person_a, org_a, coordinator):
    with pytest.raises(ValueError, match="Ende liegt vor dem Beginn"):
        services.add_affiliation(
            person=person_a,
            organisation=org_a,
            actor=coordinator,
            since=date(2025, 1, 1),
            until=date(2024, 1, 1),
        )


# Checklist of expected kinds --------------------------------------------------------------------


def test_it_sets_the_expected_kinds(office_a, office_b, coordinator):
    services.set_expected_kinds(office=office_a, actor=coordinator, kinds=["kita", "schule"])
    services.set_expected_kinds(
        office=office_a, actor=coordinator, kinds=["schule", "beratungsstelle"]
    )
    kinds = set(ExpectedKind.objects.in_office(office_a).values_list("kind", flat=True))
    assert kinds == {"schule", "beratungsstelle"}
    assert not ExpectedKind.objects.in_office(office_b).exists()
    entry = AuditEntry.objects.filter(object_repr="Checkliste der Arten").first()
    assert entry.changes == {
        "expected_kinds": {
            "old": "Schule, Kindertagesstätte",
            "new": "Schule, Beratungsstelle",
        }
    }
    with pytest.raises(ValueError, match="gibt es nicht: kino"):
        services.set_expected_kinds(office=office_a, actor=coordinator, kinds=["kino"])


# Proposals by carrier editors -------------------------------------------------------------------


def test_it_keeps_a_proposal_for_review_and_applies_it_on_approval(
    org_a, carrier_editor, coordinator, space_a2
):
    change = proposals.propose_organisation_change(
        organisation=org_a,
        actor=carrier_editor,
        data={"phone": "05191 9999", "municipality": municipality("03358024")},
        social_spaces=[space_a2],
    )
    org_a.refresh_from_db()
    assert org_a.phone == ""  # nothing changes before the review
    assert change.status == ChangeStatus.PENDING
    assert change.proposed == {
        "phone": "05191 9999",
        "municipality": municipality("03358024").pk,
        "social_spaces": [space_a2.pk],
    }
    proposal_entry = entries_for(change)[0]
    assert proposal_entry.actor == carrier_editor
    assert proposal_entry.changes["phone"] == {"old": "", "new": "05191 9999"}

    approved = proposals.approve_change(change=change, actor=coordinator)
    assert approved.phone == "05191 9999"
    assert approved.municipality.ags == "03358024"
    assert list(approved.social_spaces.all()) == [space_a2]
    change.refresh_from_db()
    assert change.status == ChangeStatus.APPROVED
    assert change.reviewed_by == coordinator
    assert entries_for(org_a)[-1].actor == coordinator
    assert entries_for(change)[-1].changes["status"] == {
        "old": "wartet auf Prüfung",
        "new": "freigegeben",
    }
    with pytest.raises(ValueError, match="schon entschieden"):
        proposals.approve_change(change=change, actor=coordinator)


def test_it_approving_never_undoes_what_coordination_changed_since(
    org_a, carrier_editor, coordinator
):
    change = proposals.propose_organisation_change(
        organisation=org_a, actor=carrier_editor, data={"phone": "1", "city": "Bispingen"}
    )
    org_a.refresh_from_db()
    services.update_organisation(
        organisation=org_a,
        actor=coordinator,
        version=org_a.version,
        data={"phone": "2", "email": "neu@heideblick.example"},
    )
    change = OrganisationChange.objects.select_related("organisation").get(pk=change.pk)
    rows = {row.name: row for row in proposals.compare(change)}
    assert rows["phone"].conflict  # both changed it
    assert (rows["phone"].base, rows["phone"].proposed, rows["phone"].current) == ("", "1", "2")
    assert rows["city"].proposed_here and not rows["city"].conflict
    assert not rows["email"].proposed_here  # coordination's own change: not part of the review
    approved = proposals.approve_change(change=change, actor=coordinator, fields=["city"])
    assert (approved.phone, approved.city, approved.email) == (
        "2",
        "Bispingen",
        "neu@heideblick.example",
    )
    change.refresh_from_db()
    assert change.status == ChangeStatus.APPROVED


def test_it_approving_needs_at_least_one_field(org_a, carrier_editor, coordinator):
    change = proposals.propose_organisation_change(
        organisation=org_a, actor=carrier_editor, data={"phone": "1"}
    )
    with pytest.raises(ValueError, match="mindestens ein Feld"):
        proposals.approve_change(change=change, actor=coordinator, fields=[])
    change.refresh_from_db()
    assert change.status == ChangeStatus.PENDING


def test_it_rejects_a_proposal_with_a_note(org_a, carrier_editor, coordinator):
    change = proposals.propose_organisation_change(
        organisation=org_a, actor=carrier_editor, data={"name": "Heideblick"}
    )
    proposals.reject_change(change=change, actor=coordinator, note="Bitte vollen Namen angeben.")
    change.refresh_from_db()
    assert change.status == ChangeStatus.REJECTED
    assert change.review_note == "Bitte vollen Namen angeben."
    org_a.refresh_from_db()
    assert org_a.name == "Jugendhilfe Heideblick e. V."
    assert entries_for(change)[-1].changes["review_note"]["new"] == "Bitte vollen Namen angeben."


def test_it_a_second_proposal_amends_the_waiting_one(org_a, carrier_editor):
    first = proposals.propose_organisation_change(
        organisation=org_a, actor=carrier_editor, data={"phone": "1"}
    )
    second = proposals.propose_organisation_change(
        organisation=org_a, actor=carrier_editor, data={"phone": "1", "city": "Bispingen"}
    )
    assert second.pk == first.pk
    first.refresh_from_db()
    assert first.status == ChangeStatus.PENDING  # never "abgelehnt" without a rejection
    assert first.proposed == {"phone": "1", "city": "Bispingen"}
    assert OrganisationChange.objects.filter(organisation=org_a).count() == 1
    assert proposals.proposal_initial(org_a)["city"] == "Bispingen"


def test_it_refuses_an_empty_or_foreign_proposal(org_a, carrier_editor, space_b):
    with pytest.raises(ValueError, match="nichts geändert"):
        proposals.propose_organisation_change(
            organisation=org_a, actor=carrier_editor, data={"name": org_a.name}
        )
    with pytest.raises(ValueError, match="Achim"):
        proposals.propose_organisation_change(
            organisation=org_a, actor=carrier_editor, data={}, social_spaces=[space_b]
        )


# DSGVO ------------------------------------------------------------------------------------------


@pytest.fixture
def person_with_history(office_a, org_a, person_a, coordinator, professional):
    second = make_organisation(office_a, coordinator, "Familienzentrum Lindenhof")
    services.add_affiliation(
        person=person_a, organisation=org_a, actor=coordinator, function="Teamleitung"
    )
    services.add_affiliation(person=person_a, organisation=second, actor=coordinator)
    services.update_person(
        person=person_a, actor=professional, version=person_a.version, data={"phone": "0171 123"}
    )
    person_a.refresh_from_db()
    person_a.user = professional
    person_a.save()
    return person_a


def test_it_exports_everything_about_a_person(person_with_history, coordinator, office_b):
    data = privacy.export_person_data(person=person_with_history, actor=coordinator)
    json.dumps(data)  # serialisable as it is
    assert data["Person"]["Nachname"] == "Müller"
    assert data["Person"]["E-Mail"] == "anna.mueller@example.org"
    assert data["Person"]["Telefon"] == "0171 123"
    assert [a["Organisation"] for a in data["Zugehörigkeiten"]] == [
        "Familienzentrum Lindenhof",
        "Jugendhilfe Heideblick e. V.",
    ]
    assert data["Zugehörigkeiten"][1]["Funktion"] == "Teamleitung"
    assert data["Zugang"]["E-Mail-Adresse"] == "fachkraft@heidekreis.example"
    assert data["Zugang"]["Rollen"] == [{"Jugendamt": "Landkreis Heidekreis", "Rolle": "Fachkraft"}]
    trail = data["Änderungsprotokoll"]
    assert [entry["Aktion"] for entry in trail] == ["angelegt", "geändert", "geändert", "geändert"]
    assert trail[0]["Eintrag"] == "Anna Müller"
    assert trail[0]["durch"] == "Katrin Meyer"
    # The export itself is in the audit trail.
    last = entries_for(person_with_history)[-1]
    assert "privacy_export" in last.changes


def test_it_exports_only_the_role_in_the_own_office(person_with_history, coordinator, office_b):
    OfficeRole.objects.create(
        youth_office=office_b, user=person_with_history.user, role=Role.READER
    )
    data = privacy.export_person_data(person=person_with_history, actor=coordinator)
    assert data["Zugang"]["Rollen"] == [{"Jugendamt": "Landkreis Heidekreis", "Rolle": "Fachkraft"}]


def test_it_erases_a_person_and_scrubs_the_audit_trail(
    person_with_history, org_a, coordinator, professional
):
    person = person_with_history
    privacy.export_person_data(person=person, actor=coordinator)
    pk = person.pk
    before = len(entries_for(person))
    privacy.erase_person(person=person, actor=coordinator)

    assert not Person.objects.filter(pk=pk).exists()
    assert not Affiliation.objects.filter(person_id=pk).exists()
    assert Organisation.objects.filter(pk=org_a.pk).exists()
    professional.refresh_from_db()  # the login account is not the directory entry
    entries = list(AuditEntry.objects.filter(object_type="network.person", object_id=str(pk)))
    assert len(entries) == before + 1
    assert {e.object_repr for e in entries} == {"Gelöschte Person"}
    erased = [e for e in entries if e.action == Action.ERASE]
    assert len(erased) == 1
    assert erased[0].actor == coordinator
    dump = json.dumps([[e.object_repr, e.changes] for e in AuditEntry.objects.all()])
    for trace in ("Müller", "Anna", "anna.mueller", "0171 123", "Teamleitung"):
        assert trace not in dump, trace
    assert all(e.changes == {} for e in entries if e.action != Action.ERASE)
