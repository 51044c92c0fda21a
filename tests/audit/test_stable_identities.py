"""Audit entries with stable identities: the type as "app_label.model_name", changes keyed by
field name, values as German text whatever the session's language; labels are rendered in the
reader's language when the trail is shown."""

from __future__ import annotations

import importlib
import re
from datetime import date

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from sozialraum.audit import registry
from sozialraum.audit.models import Action, AuditEntry
from sozialraum.network import privacy as network_privacy
from sozialraum.network import services as network_services
from sozialraum.regions import services as region_services
from tests.network.conftest import make_organisation, make_person

pytestmark = pytest.mark.django_db

TRAIL = reverse("audit:trail", kwargs={"office_slug": "heidekreis"})
MIGRATION = importlib.import_module("sozialraum.audit.migrations.0003_stable_identities")


def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_it_writes_the_same_entry_in_an_english_session(office_a, coordinator, space_a):
    with translation.override("en"):
        org = make_organisation(office_a, coordinator, "Kita Sonnenblume", spaces=[space_a])
        network_services.update_organisation(
            organisation=org, actor=coordinator, version=org.version, data={"is_public": True}
        )
    created, updated = AuditEntry.objects.filter(object_repr="Kita Sonnenblume").order_by("id")
    assert created.object_type == updated.object_type == "network.organisation"
    assert created.changes["kind"] == {"old": "", "new": "Kindertagesstätte"}  # not "Day care"
    assert created.changes["is_public"] == {"old": "", "new": "nein"}
    assert updated.changes == {"is_public": {"old": "nein", "new": "ja"}}  # not True/False


def test_it_writes_notes_and_roles_in_german_in_an_english_session(office_a, coordinator, space_a):
    org = make_organisation(office_a, coordinator, "Kita Sonnenblume", spaces=[space_a])
    person = make_person(office_a, coordinator, "Grote", "Heike")
    with translation.override("en"):
        network_services.add_affiliation(
            person=person, organisation=org, actor=coordinator, since=date(2024, 8, 1)
        )
        network_services.set_expected_kinds(office=office_a, actor=coordinator, kinds=["kita"])
        network_services.delete_organisation(organisation=org, actor=coordinator)
    added, removed = AuditEntry.objects.filter(
        object_type="network.person", changes__has_key="affiliation"
    ).order_by("id")
    assert added.changes["affiliation"]["new"] == "Kita Sonnenblume (seit 01.08.2024)"
    # Deleting the organisation ends the affiliation, recorded on the person (issue 7).
    assert removed.changes["affiliation"] == {
        "old": "Kita Sonnenblume (seit 01.08.2024)",
        "new": "",
    }
    checklist = AuditEntry.objects.get(object_type="network.expectedkind")
    assert checklist.object_repr == "Checkliste der Arten"
    assert checklist.changes["expected_kinds"]["new"] == "Kindertagesstätte"
    deleted = AuditEntry.objects.get(object_type="network.organisation", action=Action.DELETE)
    assert deleted.changes["affiliations"]["old"] == "1 Personen"


def test_it_shows_labels_in_the_readers_language(world, client_for):
    region_services.update_social_space(
        space=world.space_a,
        actor=world.coordinator,
        version=world.space_a.version,
        name="Soltau",
        description="",
        municipalities=list(world.space_a.municipalities.all()),
    )
    german = client_for(world.coordinator).get(TRAIL)
    body = german.content.decode()
    assert "Sozialraum:" in body
    assert "<dt>Gemeinden</dt>" in body
    assert re.fullmatch(r"\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}", german.context["rows"][0]["when"])

    response = english(client_for(world.coordinator)).get(TRAIL)
    body = response.content.decode()
    assert "Social space:" in body
    assert "<dt>Name</dt>" in body
    assert "<dt>Municipalities</dt>" in body
    assert "<dt>Gemeinden</dt>" not in body
    # The same row's time in the English format (month/day/year).
    assert re.match(r"\d{2}/\d{2}/\d{4} ", response.context["rows"][0]["when"])


def test_it_shows_an_unknown_old_entry_as_it_was_stored(world, client_for):
    AuditEntry.objects.create(
        youth_office=world.office_a,
        action=Action.UPDATE,
        object_type="Altes Verzeichnis",
        object_repr="Eintrag von früher",
        changes={"Früheres Feld": {"old": "a", "new": "b"}},
    )
    body = english(client_for(world.coordinator)).get(TRAIL).content.decode()
    assert "Altes Verzeichnis:" in body
    assert "<dt>Früheres Feld</dt>" in body


def test_it_builds_the_type_filter_from_the_registered_models(world, client_for):
    client = client_for(world.coordinator)
    client.get(TRAIL)  # warm-up
    with CaptureQueriesContext(connection) as queries:
        response = client.get(TRAIL)
    assert not any("DISTINCT" in query["sql"].upper() for query in queries.captured_queries)
    choices = dict(response.context["form"].fields["art"].choices)
    assert {
        "network.organisation",
        "network.person",
        "network.organisationchange",
        "network.expectedkind",
        "regions.socialspace",
        "accounts.invitation",
        "accounts.officerole",
    } <= set(choices)
    assert choices["network.organisationchange"] == "Änderungsvorschlag"
    with translation.override("en"):
        assert dict(registry.known_types())["network.organisationchange"] == "Suggested change"


def test_it_the_erasure_finds_entries_of_every_session_language(office_a, coordinator, space_a):
    org = make_organisation(office_a, coordinator, "Kita Sonnenblume", spaces=[space_a])
    with translation.override("en"):
        person = make_person(office_a, coordinator, "Grote", "Heike")
        network_services.add_affiliation(person=person, organisation=org, actor=coordinator)
    with translation.override("de"):
        network_services.update_person(
            person=person, actor=coordinator, version=person.version, data={"phone": "0171 1"}
        )
    with translation.override("en"):
        network_privacy.erase_person(person=person, actor=coordinator)
    entries = AuditEntry.objects.filter(object_type="network.person", object_id=str(person.pk))
    assert entries.count() == 4
    assert {entry.object_repr for entry in entries} == {"Gelöschte Person"}
    assert not any("Grote" in str(entry.changes) for entry in entries)
    erased = entries.get(action=Action.ERASE)
    assert erased.changes["audit_trail"]["new"] == "3 Einträge anonymisiert"


# The data migration -----------------------------------------------------------------------------


def test_it_the_migration_converts_german_and_english_labels():
    assert MIGRATION.convert(
        "Organisation",
        {
            "Telefon": {"old": "", "new": "05191 1"},
            "öffentlich sichtbar": {"old": "False", "new": "True"},
            "Zugehörigkeiten": {"old": "2 Personen", "new": ""},
        },
    ) == (
        "network.organisation",
        {
            "phone": {"old": "", "new": "05191 1"},
            "is_public": {"old": "nein", "new": "ja"},
            "affiliations": {"old": "2 Personen", "new": ""},
        },
    )
    assert MIGRATION.convert("Social space", {"Municipalities": {"old": "", "new": "Soltau"}}) == (
        "regions.socialspace",
        {"municipalities": {"old": "", "new": "Soltau"}},
    )
    assert MIGRATION.convert("Änderungsvorschlag", {"Anmerkung": {"new": "Bitte"}}) == (
        "network.organisationchange",
        {"review_note": {"new": "Bitte"}},
    )
    assert MIGRATION.convert("Rolle im Jugendamt", {"Role": {"old": "Lesend"}}) == (
        "accounts.officerole",
        {"role": {"old": "Lesend"}},
    )


def test_it_the_migration_keeps_what_it_does_not_know():
    assert MIGRATION.convert("Unbekannt", {"Feld": {"old": "a"}}) == (
        "Unbekannt",
        {"Feld": {"old": "a"}},
    )
    assert MIGRATION.convert("Person", {"Lieblingsfarbe": {"new": "blau"}}) == (
        "network.person",
        {"Lieblingsfarbe": {"new": "blau"}},
    )
    assert MIGRATION.convert("network.person", {"phone": {"new": "1"}}) == (
        "network.person",
        {"phone": {"new": "1"}},
    )


def test_it_the_migration_can_be_reversed():
    assert MIGRATION.revert("network.person", {"last_name": {"new": "Grote"}}) == (
        "Person",
        {"Nachname": {"new": "Grote"}},
    )


@pytest.mark.django_db(transaction=True)
def test_it_the_migration_converts_stored_rows(office_a):
    from django.db.migrations.executor import MigrationExecutor

    before = [("audit", "0002_import_export_actions")]
    after = [("audit", "0003_stable_identities")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old_apps = executor.loader.project_state(before).apps
    OldEntry = old_apps.get_model("audit", "AuditEntry")
    OldEntry.objects.create(
        youth_office_id=office_a.pk,
        action="update",
        object_type="Person",
        object_id="7",
        object_repr="Heike Grote",
        changes={"Nachname": {"old": "Grote", "new": "Größe"}},
    )
    OldEntry.objects.create(
        youth_office_id=office_a.pk,
        action="update",
        object_type="Sonstiges",
        object_id="8",
        object_repr="Alt",
        changes={"Feld": {"old": "", "new": "x"}},
    )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(after)
    converted = AuditEntry.objects.get(object_id="7")
    assert converted.object_type == "network.person"
    assert converted.changes == {"last_name": {"old": "Grote", "new": "Größe"}}
    kept = AuditEntry.objects.get(object_id="8")
    assert (kept.object_type, kept.changes) == ("Sonstiges", {"Feld": {"old": "", "new": "x"}})
    # The erasure finds the converted entry.
    assert AuditEntry.objects.filter(object_type="network.person", object_id="7").exists()


def test_it_the_dsgvo_export_shows_the_changes_with_german_labels(office_a, coordinator):
    person = make_person(office_a, coordinator, "Grote", "Heike")
    network_services.update_person(
        person=person, actor=coordinator, version=person.version, data={"phone": "0171 1"}
    )
    with translation.override("en"):
        data = network_privacy.export_person_data(person=person, actor=coordinator)
    changes = data["Änderungsprotokoll"][-1]["Änderungen"]
    assert changes == {"Telefon": {"old": "", "new": "0171 1"}}
