"""A social space with budgets cannot be deleted (RESTRICT): the coordinator gets the reason in
German on the deletion page (409), nothing is deleted and no deletion is recorded."""

from decimal import Decimal

from django.urls import reverse

from sozialraum.audit.models import Action, AuditEntry
from sozialraum.planning.models import Budget
from sozialraum.regions.models import SocialSpace


def test_it_refuses_to_delete_a_social_space_with_a_budget(world, client_for):
    space = world.space_a
    Budget.objects.create(
        youth_office=world.office_a, social_space=space, year=2026, planned=Decimal("5000.00")
    )
    url = reverse(
        "regions:social_space_delete", kwargs={"office_slug": world.office_a.slug, "pk": space.pk}
    )
    response = client_for(world.coordinator).post(url)
    assert response.status_code == 409
    page = response.content.decode()
    assert "Der Raum wurde nicht gelöscht." in page
    assert "Sozialraumbudgets: 1" in page
    assert SocialSpace.objects.filter(pk=space.pk).exists()
    assert not AuditEntry.objects.filter(action=Action.DELETE, object_id=str(space.pk)).exists()
