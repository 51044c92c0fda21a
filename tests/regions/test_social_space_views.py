"""Social space profile, create, edit (optimistic locking, bad input) and delete."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sozialraum.audit.models import Action, AuditEntry
from sozialraum.regions.models import Municipality, SocialSpace, SocialSpaceMunicipality
from tests.conftest import municipality

pytestmark = pytest.mark.django_db

CONFLICT = "Jemand anderes hat diesen Eintrag gespeichert, während Sie ihn bearbeitet haben"


def url(name: str, space=None, office_slug: str = "heidekreis") -> str:
    kwargs = {"office_slug": office_slug}
    if space is not None:
        kwargs["pk"] = space.pk
    return reverse(f"regions:{name}", kwargs=kwargs)


def form_data(space=None, **changes) -> dict:
    data = {"name": "Bispingen", "description": "", "municipalities": []}
    if space is not None:
        data = {
            "name": space.name,
            "description": space.description,
            "municipalities": [m.pk for m in space.municipalities.all()],
            "version": space.version,
        }
    data.update(changes)
    return data


# Profile page ---------------------------------------------------------------------------------


def test_it_shows_the_profile_to_every_member(world, client_for):
    for persona in (world.reader, world.professional, world.coordinator):
        response = client_for(persona).get(url("social_space", world.space_a))
        assert response.status_code == 200
        body = response.content.decode()
        assert "Soltau/Wietzendorf" in body
        assert "Zwei Gemeinden in der Mitte des Kreises." in body
        assert "Wietzendorf" in body


def test_it_offers_editing_to_coordinators_only(world, client_for):
    edit_url = url("social_space_edit", world.space_a)
    assert (
        edit_url
        in client_for(world.coordinator).get(url("social_space", world.space_a)).content.decode()
    )
    reader_page = client_for(world.reader).get(url("social_space", world.space_a))
    assert edit_url not in reader_page.content.decode()


def test_it_answers_404_for_another_offices_space_under_its_own_address(world, client_for):
    response = client_for(world.coordinator).get(url("social_space", world.space_b))
    assert response.status_code == 404
    assert "Achim" not in response.content.decode()


def test_it_answers_404_to_the_other_office_asking_under_its_own_slug(world, client_for):
    client = client_for(world.coordinator_b)
    for name in ("social_space", "social_space_edit", "social_space_delete"):
        response = client.get(url(name, world.space_a, office_slug="verden"))
        assert response.status_code == 404, name
        assert "Soltau" not in response.content.decode()


# Create -------------------------------------------------------------------------------------


def test_it_creates_a_social_space(world, client_for):
    bispingen = municipality("03358002")
    munster = municipality("03358016")
    response = client_for(world.coordinator).post(
        url("social_space_create"),
        form_data(
            name="Munster/Bispingen",
            description="Heide",
            municipalities=[bispingen.pk, munster.pk],
        ),
    )
    space = SocialSpace.objects.get(youth_office=world.office_a, name="Munster/Bispingen")
    assert response.status_code == 302
    assert response.url == space.get_absolute_url()
    assert set(space.municipalities.all()) == {bispingen, munster}
    assert space.description == "Heide"
    entry = AuditEntry.objects.get(youth_office=world.office_a, object_id=str(space.pk))
    assert entry.action == Action.CREATE
    assert entry.actor == world.coordinator


def test_it_shows_the_create_form(world, client_for):
    response = client_for(world.coordinator).get(url("social_space_create"))
    assert response.status_code == 200
    choices = {m.pk for m in response.context["form"].fields["municipalities"].queryset}
    assert municipality("03358002").pk in choices
    assert municipality("03361001").pk not in choices  # Achim lies in another Kreis


def test_it_forbids_creating_to_readers_and_professionals(world, client_for):
    for persona in (world.reader, world.professional):
        response = client_for(persona).post(
            url("social_space_create"),
            form_data(name="Heimlich", municipalities=[municipality("03358002").pk]),
        )
        assert response.status_code == 403
    assert not SocialSpace.objects.filter(name="Heimlich").exists()


# Bad input ----------------------------------------------------------------------------------


def assert_rejected(response, field: str, message: str) -> None:
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors, f"expected an error at {field}, got {errors.as_data()}"
    assert any(message in error for error in errors[field]), errors[field]
    assert message in response.content.decode()


@pytest.mark.parametrize("name", ["", "   "])
def test_it_rejects_an_empty_name(world, client_for, name):
    response = client_for(world.coordinator).post(
        url("social_space_create"),
        form_data(name=name, municipalities=[municipality("03358002").pk]),
    )
    assert_rejected(response, "name", "Bitte füllen Sie dieses Feld aus.")
    assert SocialSpace.objects.in_office(world.office_a).count() == 2


def test_it_rejects_a_duplicate_name(world, client_for):
    response = client_for(world.coordinator).post(
        url("social_space_create"),
        form_data(name="walsrode", municipalities=[municipality("03358002").pk]),
    )
    assert_rejected(response, "name", "Dieser Name ist schon vergeben.")
    assert SocialSpace.objects.in_office(world.office_a).count() == 2


def test_it_allows_a_name_that_another_office_uses(world, client_for):
    response = client_for(world.coordinator).post(
        url("social_space_create"),
        form_data(name="Achim", municipalities=[municipality("03358002").pk]),
    )
    assert response.status_code == 302


def test_it_rejects_a_space_without_municipality(world, client_for):
    response = client_for(world.coordinator).post(
        url("social_space_create"), form_data(name="Leer", municipalities=[])
    )
    assert_rejected(response, "municipalities", "Bitte wählen Sie mindestens eine Gemeinde.")
    assert not SocialSpace.objects.filter(name="Leer").exists()


def test_it_rejects_a_municipality_of_another_kreis(world, client_for):
    achim = municipality("03361001")
    response = client_for(world.coordinator).post(
        url("social_space_create"), form_data(name="Fremd", municipalities=[achim.pk])
    )
    assert_rejected(
        response, "municipalities", "Diese Gemeinde gehört nicht zum Kreis des Jugendamts."
    )
    assert not SocialSpace.objects.filter(name="Fremd").exists()


def test_it_rejects_a_municipality_that_does_not_exist(world, client_for):
    missing = (Municipality.objects.order_by("-pk").first().pk or 0) + 1000
    response = client_for(world.coordinator).post(
        url("social_space_create"), form_data(name="Nirgends", municipalities=[missing])
    )
    assert_rejected(
        response, "municipalities", "Diese Gemeinde gehört nicht zum Kreis des Jugendamts."
    )


@pytest.mark.parametrize("value", ["abc", "1; DROP TABLE"])
def test_it_rejects_garbage_as_municipality(world, client_for, value):
    response = client_for(world.coordinator).post(
        url("social_space_create"), form_data(name="Unsinn", municipalities=[value])
    )
    assert response.status_code == 200
    assert "municipalities" in response.context["form"].errors
    assert not SocialSpace.objects.filter(name="Unsinn").exists()


def test_it_rejects_a_municipality_already_in_another_space(world, client_for):
    soltau = municipality("03358021")
    response = client_for(world.coordinator).post(
        url("social_space_create"),
        form_data(name="Doppelt", municipalities=[soltau.pk, municipality("03358002").pk]),
    )
    assert_rejected(response, "municipalities", "Schon vergeben: Soltau (Soltau/Wietzendorf).")
    assert not SocialSpace.objects.filter(name="Doppelt").exists()
    assert SocialSpaceMunicipality.objects.get(municipality=soltau).social_space == world.space_a


def test_it_rejects_a_name_that_is_too_long(world, client_for):
    response = client_for(world.coordinator).post(
        url("social_space_create"),
        form_data(name="x" * 201, municipalities=[municipality("03358002").pk]),
    )
    assert response.status_code == 200
    assert "name" in response.context["form"].errors
    assert not SocialSpace.objects.filter(name="x" * 201).exists()


def test_it_rejects_bad_input_on_edit_without_saving(world, client_for):
    space = world.space_a
    response = client_for(world.coordinator).post(
        url("social_space_edit", space),
        form_data(space, name="Walsrode", municipalities=[municipality("03358024").pk]),
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "name" in errors and "municipalities" in errors
    space.refresh_from_db()
    assert space.name == "Soltau/Wietzendorf"
    assert space.version == 1
    assert {m.ags for m in space.municipalities.all()} == {"03358021", "03358023"}


# Edit ---------------------------------------------------------------------------------------


def test_it_shows_the_edit_form_with_the_current_values(world, client_for):
    response = client_for(world.coordinator).get(url("social_space_edit", world.space_a))
    assert response.status_code == 200
    initial = response.context["form"].initial
    assert initial["name"] == "Soltau/Wietzendorf"
    assert initial["version"] == 1
    assert set(initial["municipalities"]) == {
        municipality("03358021").pk,
        municipality("03358023").pk,
    }


def test_it_saves_an_edit(world, client_for):
    space = world.space_a
    bispingen = municipality("03358002")
    response = client_for(world.coordinator).post(
        url("social_space_edit", space),
        form_data(
            space,
            name="Soltau/Wietzendorf/Bispingen",
            municipalities=[municipality("03358021").pk, bispingen.pk],
        ),
    )
    assert response.status_code == 302
    space.refresh_from_db()
    assert space.name == "Soltau/Wietzendorf/Bispingen"
    assert space.version == 2
    assert {m.ags for m in space.municipalities.all()} == {"03358021", "03358002"}
    entry = AuditEntry.objects.filter(action=Action.UPDATE, object_id=str(space.pk)).get()
    assert entry.changes["name"] == {
        "old": "Soltau/Wietzendorf",
        "new": "Soltau/Wietzendorf/Bispingen",
    }


def test_it_detects_two_edits_from_the_same_version(world, client_for):
    """Optimistic locking: the second save from version 1 must not overwrite the first."""
    space = world.space_a
    first_client = client_for(world.coordinator)
    second_client = client_for(world.operator)
    # Both open the form while the space is at version 1.
    assert first_client.get(url("social_space_edit", space)).context["form"].initial["version"] == 1
    assert (
        second_client.get(url("social_space_edit", space)).context["form"].initial["version"] == 1
    )

    first = first_client.post(
        url("social_space_edit", space),
        form_data(space, name="Erste Fassung", description="von der Koordination"),
    )
    assert first.status_code == 302

    second = second_client.post(
        url("social_space_edit", space),
        form_data(
            space,
            name="Zweite Fassung",
            description="vom Betrieb",
            municipalities=[municipality("03358021").pk],
        ),
    )
    assert second.status_code == 200
    assert any(CONFLICT in error for error in second.context["form"].non_field_errors())
    assert CONFLICT in second.content.decode()

    space.refresh_from_db()
    assert space.name == "Erste Fassung"
    assert space.description == "von der Koordination"
    assert space.version == 2
    assert {m.ags for m in space.municipalities.all()} == {"03358021", "03358023"}
    assert AuditEntry.objects.filter(action=Action.UPDATE, object_id=str(space.pk)).count() == 1


def test_it_treats_a_missing_version_as_a_conflict(world, client_for):
    space = world.space_a
    data = form_data(space, name="Ohne Version")
    del data["version"]
    response = client_for(world.coordinator).post(url("social_space_edit", space), data)
    assert response.status_code == 200
    assert CONFLICT in response.content.decode()
    space.refresh_from_db()
    assert space.name == "Soltau/Wietzendorf"


def test_it_forbids_editing_to_readers_and_professionals(world, client_for):
    for persona in (world.reader, world.professional):
        response = client_for(persona).post(
            url("social_space_edit", world.space_a), form_data(world.space_a, name="Gekapert")
        )
        assert response.status_code == 403
    world.space_a.refresh_from_db()
    assert world.space_a.name == "Soltau/Wietzendorf"


# Delete -------------------------------------------------------------------------------------


def test_it_asks_before_deleting(world, client_for):
    response = client_for(world.coordinator).get(url("social_space_delete", world.space_a))
    assert response.status_code == 200
    assert "Soltau/Wietzendorf" in response.content.decode()
    assert SocialSpace.objects.filter(pk=world.space_a.pk).exists()


def test_it_deletes_a_social_space(world, client_for):
    pk = world.space_a.pk
    response = client_for(world.coordinator).post(url("social_space_delete", world.space_a))
    assert response.status_code == 302
    assert response.url == reverse("regions:office", kwargs={"office_slug": "heidekreis"})
    assert not SocialSpace.objects.filter(pk=pk).exists()
    assert not SocialSpaceMunicipality.objects.filter(social_space_id=pk).exists()
    entry = AuditEntry.objects.get(action=Action.DELETE, object_id=str(pk))
    assert entry.object_repr == "Soltau/Wietzendorf"


def test_it_forbids_deleting_to_readers_and_professionals(world, client_for):
    for persona in (world.reader, world.professional):
        response = client_for(persona).post(url("social_space_delete", world.space_a))
        assert response.status_code == 403
    assert SocialSpace.objects.filter(pk=world.space_a.pk).exists()


def test_it_deleting_a_space_lists_and_records_the_organisations_that_lose_it(world, client_for):
    """Issue 7, point 5: the organisations stay, each with an audit entry of its own."""
    from sozialraum.network.models import Organisation
    from tests.network.conftest import make_organisation

    space = world.space_a
    kept = make_organisation(
        world.office_a, world.coordinator, "Kita Sonnenblume", spaces=[space, world.space_a2]
    )
    only = make_organisation(world.office_a, world.coordinator, "Jugendtreff Mitte", spaces=[space])
    url = reverse(
        "regions:social_space_delete", kwargs={"office_slug": world.office_a.slug, "pk": space.pk}
    )
    client = client_for(world.coordinator)
    body = client.get(url).content.decode()
    assert "Kita Sonnenblume" in body and "Jugendtreff Mitte" in body
    assert client.post(url).status_code == 302
    assert Organisation.objects.filter(pk__in=[kept.pk, only.pk]).count() == 2
    for org, left in ((kept, world.space_a2.name), (only, "")):
        entry = AuditEntry.objects.filter(
            object_type="network.organisation", object_id=str(org.pk), action=Action.UPDATE
        ).latest("pk")
        assert entry.changes["social_spaces"]["new"] == left
        assert space.name in entry.changes["social_spaces"]["old"]
