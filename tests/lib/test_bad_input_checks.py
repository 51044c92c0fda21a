"""The mechanisms behind tests/test_bad_input.py (issue 7, point 12): NUL bytes are refused
centrally, ids beyond the database's integers are an invalid choice, and a unique constraint
hit by a parallel save answers with the form's own German message."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sozialraum.lib.errors import InvalidData
from sozialraum.network import services as network_services
from sozialraum.network.models import Organisation
from sozialraum.regions import services as region_services
from sozialraum.regions.forms import SocialSpaceForm
from sozialraum.regions.models import SocialSpace
from tests.conftest import municipality

pytestmark = pytest.mark.django_db

HUGE = "9" * 30


def office_url(world, name: str, **kwargs) -> str:
    return reverse(name, kwargs={"office_slug": world.office_a.slug, **kwargs})


# NUL bytes ------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["network:directory", "network:people", "audit:trail"])
def test_it_refuses_a_nul_byte_in_a_query_parameter_with_a_german_page(world, client_for, name):
    response = client_for(world.coordinator).get(office_url(world, name), {"q": "a\x00b"})
    assert response.status_code == 400
    assert "Steuerzeichen" in response.content.decode()


def test_it_refuses_a_nul_byte_in_a_form_field(world, client_for):
    response = client_for(world.coordinator).post(
        office_url(world, "regions:social_space_create"), {"name": "Heide\x00"}
    )
    assert response.status_code == 400
    assert not SocialSpace.objects.filter(name__startswith="Heide").exists()


def test_it_refuses_a_nul_byte_in_the_api_path_and_a_json_body(world, client_for):
    client = client_for(world.coordinator)
    assert client.get("/api/v1/youth-offices/a%00b/social-spaces").status_code == 400
    body = json.dumps({"name": "a\x00b"})
    assert "\\u0000" in body
    response = client.post("/api/v1/youth-offices", body, content_type="application/json")
    assert response.status_code == 400


def test_it_leaves_nul_bytes_in_uploaded_files_to_the_import(world, client_for):
    upload = SimpleUploadedFile("akteure.xlsx", b"PK\x03\x04\x00\x00binary")
    response = client_for(world.coordinator).post(
        office_url(world, "network:import"), {"file": upload}
    )
    assert "Steuerzeichen" not in response.content.decode()
    assert response.status_code == 302  # on to the preview, where the import reads the file


# Ids beyond the database's integers -----------------------------------------------------------


def test_it_a_30_digit_social_space_is_an_invalid_choice(world, client_for):
    response = client_for(world.coordinator).post(
        office_url(world, "network:organisation_create"),
        {"name": "Kita Riesig", "kind": "kita", "social_spaces": [HUGE]},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["social_spaces"]
    assert not Organisation.objects.filter(name="Kita Riesig").exists()


@pytest.mark.parametrize("value", [HUGE, "²", "-" + HUGE])
def test_it_a_bad_municipality_id_is_an_invalid_choice(world, value):
    form = SocialSpaceForm({"name": "Neu", "municipalities": [value]}, office=world.office_a)
    assert not form.is_valid()
    assert form.errors["municipalities"] == [
        "Diese Gemeinde gehört nicht zum Kreis des Jugendamts."
    ]


# Unique constraints under parallel saves ------------------------------------------------------


def test_it_a_parallel_social_space_name_gets_the_forms_message(world, client_for, monkeypatch):
    # The other request saved "Soltau-Mitte" after this one's form check passed.
    monkeypatch.setattr(SocialSpaceForm, "clean_name", lambda form: form.cleaned_data["name"])
    taken = world.space_a.name
    response = client_for(world.coordinator).post(
        office_url(world, "regions:social_space_create"),
        {"name": taken, "municipalities": [municipality("03358002").pk]},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["name"] == [
        "Dieser Name ist schon vergeben. Bitte wählen Sie einen anderen."
    ]
    assert SocialSpace.objects.filter(youth_office=world.office_a, name=taken).count() == 1


def test_it_renaming_into_a_taken_name_gets_the_forms_message(world):
    with pytest.raises(InvalidData) as error:
        region_services.update_social_space(
            space=world.space_a2,
            actor=world.coordinator,
            version=world.space_a2.version,
            name=world.space_a.name,
            description="",
            municipalities=list(world.space_a2.municipalities.all()),
        )
    assert error.value.errors == {
        "name": ["Dieser Name ist schon vergeben. Bitte wählen Sie einen anderen."]
    }


def test_it_a_parallel_external_id_gets_the_forms_message(world, monkeypatch):
    first = network_services.create_organisation(
        office=world.office_a,
        actor=world.coordinator,
        data={"name": "Kita Eins", "kind": "kita", "external_id": "K-1"},
    )
    real = network_services.external_id_taken
    calls = []

    def passes_once(office, organisation):  # the check ran before the other save committed
        calls.append(organisation)
        return "" if len(calls) == 1 else real(office, organisation)

    monkeypatch.setattr(network_services, "external_id_taken", passes_once)
    with pytest.raises(InvalidData) as error:
        network_services.create_organisation(
            office=world.office_a,
            actor=world.coordinator,
            data={"name": "Kita Zwei", "kind": "kita", "external_id": "K-1"},
        )
    assert error.value.errors == {"external_id": [f"Diese Kennung hat schon „{first.name}“."]}
    assert Organisation.objects.filter(external_id="K-1").count() == 1
