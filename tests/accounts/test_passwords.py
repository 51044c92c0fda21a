"""Passwords: the German list, personal data and the youth office's name are refused."""

from __future__ import annotations

import pytest
from django.contrib.auth import password_validation
from django.contrib.auth.password_validation import CommonPasswordValidator
from django.core.exceptions import ValidationError
from django.urls import reverse

from sozialraum.accounts import services
from sozialraum.accounts.models import Role, User
from sozialraum.accounts.validators import (
    PASSWORD_HELP_TEXT,
    GermanCommonPasswordValidator,
    PersonalDataPasswordValidator,
    german_passwords,
)

pytestmark = pytest.mark.django_db


def messages_for(password: str, user=None) -> list[str]:
    try:
        password_validation.validate_password(password, user)
    except ValidationError as error:
        return error.messages
    return []


@pytest.mark.parametrize("password", ["passwort123", "hallo12345", "Passwort123"])
def test_it_refuses_german_common_passwords_that_django_accepts(password):
    with pytest.raises(ValidationError):
        GermanCommonPasswordValidator().validate(password)
    CommonPasswordValidator().validate(password)  # Django's English list alone lets them pass
    assert any("gängig" in message for message in messages_for(password))


def test_it_refuses_a_common_password_with_digits_or_symbols_around():
    for password in ("Sonnenschein2026!", "2024kennwort!!", "sunshine2026"):
        with pytest.raises(ValidationError, match="Ziffern oder Zeichen"):
            GermanCommonPasswordValidator().validate(password)


def test_it_the_list_is_the_shipped_german_list():
    passwords = german_passwords()
    assert len(passwords) > 800
    assert {"passwort", "hallo123", "schatz", "fussball"} <= passwords


def test_it_refuses_the_name_of_the_users_youth_office(coordinator):
    assert messages_for("Heidekreis2026", coordinator) == [
        "Das Passwort enthält den Namen Ihres Jugendamts oder ähnelt ihm. Das ist leicht zu "
        "erraten. Bitte wählen Sie ein anderes."
    ]


def test_it_refuses_the_name_of_the_office_someone_is_invited_to(office_a, coordinator):
    services.invite(office=office_a, actor=coordinator, email="neu@example.org", role=Role.READER)
    probe = User(email="neu@example.org", name="Nina Neu")
    assert any("Jugendamts" in message for message in messages_for("Heidekreis2026", probe))
    # Someone without a link to that office may use the word.
    stranger = User(email="fremd@example.org", name="Fritz Fremd")
    assert not messages_for("Heidekreis-Wanderweg-77", stranger)


@pytest.mark.parametrize("password", ["KatrinMeyer2026", "meyer-katrin-01", "K4trin!Meyer"])
def test_it_refuses_the_users_name(coordinator, password):
    with pytest.raises(ValidationError, match="Namen"):
        PersonalDataPasswordValidator().validate(password, coordinator)


def test_it_refuses_the_local_part_of_the_email_address(coordinator):
    with pytest.raises(ValidationError, match="E-Mail-Adresse"):
        PersonalDataPasswordValidator().validate("koordination!2026", coordinator)


def test_it_accepts_a_good_password(coordinator):
    assert messages_for("Lüneburger-Heide-Weg-77", coordinator) == []


def test_it_the_invitation_form_refuses_the_office_name_and_says_what_is_checked(
    client, office_a, coordinator
):
    _invitation, token = services.invite(
        office=office_a, actor=coordinator, email="neu@heidekreis.example", role=Role.READER
    )
    url = reverse("accounts:invitation", kwargs={"token": token})
    page = client.get(url).content.decode()
    assert "deutschen und einer englischen Liste" in page
    response = client.post(
        url, {"name": "Nina Neu", "password1": "Heidekreis2026", "password2": "Heidekreis2026"}
    )
    assert response.status_code == 200
    assert "Namen Ihres Jugendamts" in response.content.decode()
    assert not User.objects.filter(email="neu@heidekreis.example").exists()


def test_it_the_help_text_names_every_check():
    text = str(PASSWORD_HELP_TEXT)
    for part in ("10 Zeichen", "Ziffern", "gängige", "Namen", "E-Mail-Adresse", "Jugendamts"):
        assert part in text
