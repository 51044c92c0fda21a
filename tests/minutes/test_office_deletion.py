"""A youth office with tasks can be deleted (by the operator in the admin, by `demo --reset`):
minutes.Task.responsible restricts deleting the person alone, not the whole office."""

from __future__ import annotations

from sozialraum.minutes.models import Task
from sozialraum.regions.models import YouthOffice
from tests.minutes.world import make_meeting, person_of


def test_it_deletes_an_office_whose_people_are_responsible_for_tasks(office_a, team_a, team_member):
    Task.objects.create(
        youth_office=office_a,
        team=team_a,
        title="Antrag schreiben",
        responsible=person_of(team_member),
    )
    make_meeting(team_a)
    office_a.delete()
    assert not YouthOffice.objects.filter(pk=office_a.pk).exists()
    assert not Task.objects.exists()
