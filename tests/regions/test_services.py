"""The writes of the regions app: create, update (optimistic locking), delete, audited."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from sozialraum.audit.models import Action, AuditEntry
from sozialraum.lib.errors import ConcurrentEditError
from sozialraum.regions import services
from sozialraum.regions.models import SocialSpace, SocialSpaceMunicipality
from tests.conftest import municipality

pytestmark = pytest.mark.django_db


def test_it_creates_a_space_with_its_municipalities_and_an_audit_entry(office_a, coordinator):
    space = services.create_social_space(
        office=office_a,
        actor=coordinator,
        name="  Munster/Bispingen  ",
        description=" Heide ",
        municipalities=[municipality("03358016"), municipality("03358002")],
    )
    assert space.name == "Munster/Bispingen"
    assert space.description == "Heide"
    assert space.version == 1
    assert {m.ags for m in space.municipalities.all()} == {"03358016", "03358002"}
    assert all(
        row.youth_office_id == office_a.pk
        for row in SocialSpaceMunicipality.objects.filter(social_space=space)
    )
    entry = AuditEntry.objects.get(object_id=str(space.pk))
    assert entry.action == Action.CREATE
    assert entry.youth_office == office_a
    assert entry.actor == coordinator
    assert entry.changes["municipalities"] == {"old": "", "new": "Bispingen, Munster, Stadt"}


def test_it_refuses_a_municipality_outside_the_kreis(office_a, coordinator):
    with pytest.raises(ValueError, match="nicht im Kreis des Jugendamts: Achim, Stadt"):
        services.create_social_space(
            office=office_a,
            actor=coordinator,
            name="Fremd",
            municipalities=[municipality("03361001")],
        )
    assert not SocialSpace.objects.filter(name="Fremd").exists()


def test_it_refuses_a_municipality_of_another_space(space_a, office_a, coordinator):
    with pytest.raises(services.MunicipalityConflict, match=r"Soltau \(Soltau/Wietzendorf\)"):
        services.create_social_space(
            office=office_a,
            actor=coordinator,
            name="Doppelt",
            municipalities=[municipality("03358021")],
        )
    assert not SocialSpace.objects.filter(name="Doppelt").exists()


def test_it_updates_and_counts_the_version_up(space_a, coordinator):
    updated = services.update_social_space(
        space=space_a,
        actor=coordinator,
        version=1,
        name="Soltau",
        description="Nur noch Soltau",
        municipalities=[municipality("03358021")],
    )
    assert updated.version == 2
    assert updated.name == "Soltau"
    assert [m.ags for m in updated.municipalities.all()] == ["03358021"]
    entry = AuditEntry.objects.get(action=Action.UPDATE)
    assert entry.changes["municipalities"] == {
        "old": "Soltau, Stadt, Wietzendorf",
        "new": "Soltau, Stadt",
    }
    assert entry.changes["name"] == {"old": "Soltau/Wietzendorf", "new": "Soltau"}


def test_it_records_nothing_for_an_update_without_changes(space_a, coordinator):
    services.update_social_space(
        space=space_a,
        actor=coordinator,
        version=1,
        name=space_a.name,
        description=space_a.description,
        municipalities=list(space_a.municipalities.all()),
    )
    assert not AuditEntry.objects.filter(action=Action.UPDATE).exists()


def test_it_refuses_an_update_from_a_stale_version(space_a, coordinator):
    services.update_social_space(
        space=space_a,
        actor=coordinator,
        version=1,
        name="Erste",
        description="",
        municipalities=list(space_a.municipalities.all()),
    )
    stale = SocialSpace.objects.get(pk=space_a.pk)
    with pytest.raises(ConcurrentEditError):
        services.update_social_space(
            space=stale,
            actor=coordinator,
            version=1,
            name="Zweite",
            description="überschrieben?",
            municipalities=[],
        )
    space_a.refresh_from_db()
    assert space_a.name == "Erste"
    assert space_a.version == 2
    assert space_a.municipalities.count() == 2


def test_it_rolls_the_update_back_when_a_municipality_is_taken(space_a, space_a2, coordinator):
    with pytest.raises(services.MunicipalityConflict):
        services.update_social_space(
            space=space_a,
            actor=coordinator,
            version=1,
            name="Umbenannt",
            description="",
            municipalities=[municipality("03358024")],  # Walsrode, in space_a2
        )
    space_a.refresh_from_db()
    assert space_a.name == "Soltau/Wietzendorf"
    assert space_a.version == 1


def test_it_deletes_a_space_and_frees_its_municipalities(space_a, office_a, coordinator):
    pk = space_a.pk
    services.delete_social_space(space=space_a, actor=coordinator)
    assert not SocialSpace.objects.filter(pk=pk).exists()
    entry = AuditEntry.objects.get(action=Action.DELETE)
    assert entry.changes["name"] == {"old": "Soltau/Wietzendorf", "new": ""}
    again = services.create_social_space(
        office=office_a,
        actor=coordinator,
        name="Soltau",
        municipalities=[municipality("03358021")],
    )
    assert again.municipalities.count() == 1


def test_the_database_keeps_a_municipality_in_one_space_per_office(space_a, space_a2):
    with pytest.raises(IntegrityError), transaction.atomic():
        SocialSpaceMunicipality.objects.create(
            youth_office=space_a2.youth_office,
            social_space=space_a2,
            municipality=municipality("03358021"),
        )
