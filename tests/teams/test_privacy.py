"""teams.privacy: a person's memberships and substitutions in the DSGVO Auskunft (Art. 15)
and their removal with the erasure (Art. 17), audit entries without the name."""

from __future__ import annotations

from datetime import date

import pytest

from sozialraum.audit.models import AuditEntry
from sozialraum.network import privacy as network_privacy
from sozialraum.teams import services
from sozialraum.teams.models import Membership
from tests.teams.conftest import organisation, person_at

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(office_a, team_a, coordinator):
    kita = organisation(office_a, "Kita Pusteblume")
    janssen = person_at(office_a, kita, "Sören", "Janßen")
    imke = person_at(office_a, kita, "Ina", "Imke")
    membership = services.add_member(
        team=team_a,
        actor=coordinator,
        person=janssen,
        organisation=kita,
        joined=date(2024, 2, 1),
        substitutes=[imke],
    )
    return janssen, imke, membership


def test_it_lists_memberships_and_substitutions_in_the_auskunft(people, coordinator):
    janssen, imke, _ = people
    data = network_privacy.export_person_data(person=janssen, actor=coordinator)
    section = data["Teams und Gremien"]
    assert section["Mitgliedschaften"] == [
        {
            "Team": "Sozialraumteam Soltau/Wietzendorf",
            "für die Organisation": "Kita Pusteblume",
            "Rolle": "Mitglied",
            "Mitglied seit": "01.02.2024",
            "ausgeschieden am": "",
            "Vertretung": ["Ina Imke"],
        }
    ]
    substitute = network_privacy.export_person_data(person=imke, actor=coordinator)
    assert substitute["Teams und Gremien"]["Vertretung für"][0]["vertritt"] == "Sören Janßen"


def test_it_erases_memberships_and_the_name_in_their_audit_entries(people, coordinator):
    janssen, _imke, membership = people
    network_privacy.erase_person(person=janssen, actor=coordinator)
    assert not Membership.objects.filter(pk=membership.pk).exists()
    entries = AuditEntry.objects.filter(
        object_type="teams.membership", object_id=str(membership.pk)
    )
    assert entries.exists()
    assert all("Janßen" not in e.object_repr and "Janßen" not in str(e.changes) for e in entries)


def test_it_removes_an_erased_substitute_and_their_name(people, coordinator):
    _janssen, imke, membership = people
    network_privacy.erase_person(person=imke, actor=coordinator)
    membership.refresh_from_db()
    assert list(membership.substitutes.all()) == []
    entry = AuditEntry.objects.get(object_type="teams.membership", object_id=str(membership.pk))
    assert "Imke" not in str(entry.changes)
    assert "Sören Janßen" in entry.object_repr  # the member's own entry stays
