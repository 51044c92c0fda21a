"""The audit trail: who changed what, when; readable by coordinators of the youth office."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sozialraum.audit.models import Action, AuditEntry
from sozialraum.audit.services import diff, record, snapshot
from sozialraum.regions import services as region_services
from tests.conftest import make_user
from tests.helpers import assert_queries_constant

pytestmark = pytest.mark.django_db

TRAIL = reverse("audit:trail", kwargs={"office_slug": "heidekreis"})


def test_it_shows_who_changed_what(world, client_for):
    region_services.update_social_space(
        space=world.space_a,
        actor=world.coordinator,
        version=1,
        name="Soltau",
        description="",
        municipalities=list(world.space_a.municipalities.all()),
    )
    response = client_for(world.coordinator).get(TRAIL)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Katrin Meyer" in body
    assert "geändert" in body
    assert "Soltau/Wietzendorf" in body  # the old name, in the change rows
    entries = list(response.context["page"])
    assert entries[0].action == Action.UPDATE  # newest first
    assert all(entry.youth_office_id == world.office_a.pk for entry in entries)


def test_it_never_shows_another_offices_entries(world, client_for):
    response = client_for(world.coordinator).get(TRAIL)
    assert "Achim" not in response.content.decode()
    assert "Maren Kruse" not in response.content.decode()


def test_it_is_for_coordination_only(world, client_for):
    for persona in (world.reader, world.professional):
        assert client_for(persona).get(TRAIL).status_code == 403
    for persona in (world.outsider, world.coordinator_b):
        response = client_for(persona).get(TRAIL)
        assert response.status_code == 404
        assert "Soltau" not in response.content.decode()
    assert client_for(world.operator).get(TRAIL).status_code == 200


def test_it_filters_by_type_and_action(world, client_for):
    region_services.delete_social_space(space=world.space_a2, actor=world.coordinator)
    client = client_for(world.coordinator)
    deleted = client.get(TRAIL, {"aktion": "delete"})
    assert [e.object_repr for e in deleted.context["page"]] == ["Walsrode"]
    by_type = client.get(TRAIL, {"art": "regions.socialspace"})
    assert {e.object_type for e in by_type.context["page"]} == {"regions.socialspace"}
    assert ("regions.socialspace", "Sozialraum") in by_type.context["form"].fields["art"].choices


def test_it_ignores_unknown_filter_values(world, client_for):
    client = client_for(world.coordinator)
    response = client.get(TRAIL, {"aktion": "<script>", "art": "gibt es nicht", "seite": "x"})
    assert response.status_code == 200
    # Like the directory's filter: a value that is not a choice drops out, the trail shows all.
    assert len(response.context["page"]) == AuditEntry.objects.in_office(world.office_a).count()
    assert response.context["filtered"] is False
    assert "<script>" not in response.content.decode()


def test_it_keeps_the_entry_when_its_actor_is_deleted(world):
    entry = AuditEntry.objects.filter(actor=world.coordinator).first()
    world.coordinator.delete()
    entry.refresh_from_db()
    assert entry.actor is None


def test_it_describes_a_change_by_snapshot_and_diff(world):
    before = snapshot(world.space_a, ["name", "municipalities"])
    assert before == {"name": "Soltau/Wietzendorf", "municipalities": "Soltau, Stadt, Wietzendorf"}
    after = {**before, "name": "Soltau"}
    assert diff(before, after) == {"name": {"old": "Soltau/Wietzendorf", "new": "Soltau"}}
    assert diff(before, before) == {}


def test_it_records_no_actor_for_an_anonymous_user(world):
    from django.contrib.auth.models import AnonymousUser

    entry = record(
        office=world.office_a, actor=AnonymousUser(), action=Action.UPDATE, instance=world.space_a
    )
    assert entry.actor is None
    assert entry.object_repr == "Soltau/Wietzendorf"


def test_it_keeps_its_query_count_when_the_trail_grows(world, client_for):
    def grow():
        actors = [
            make_user(
                f"akteur{n}@heidekreis.example",
                f"Akteur {n}",
                office=world.office_a,
                role="fachkraft",
            )
            for n in range(10)
        ]
        for number in range(60):
            record(
                office=world.office_a,
                actor=actors[number % len(actors)],
                action=Action.UPDATE,
                instance=world.space_a,
                changes={"name": {"old": f"Alt {number}", "new": f"Neu {number}"}},
            )

    # 6 queries: the 4 of every office page (session, user, youth office, roles), the count and
    # a page of entries; the type filter comes from the registry, not from the log.
    assert_queries_constant(client_for(world.coordinator), TRAIL, grow, expected=5)
