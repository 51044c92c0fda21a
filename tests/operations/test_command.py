"""sozialraum create_youth_office: German help and messages, exit status 0 or not."""

from __future__ import annotations

import subprocess
import sys

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError

from sozialraum.accounts.models import Invitation
from sozialraum.regions.models import YouthOffice

pytestmark = pytest.mark.django_db


def test_it_creates_a_youth_office_from_its_kreis_key(
    municipalities, capsys, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        call_command(
            "create_youth_office",
            "--kreis-key",
            "03358",
            "--name",
            "Landkreis Heidekreis",
            "--coordinator-email",
            "koordination@heidekreis.example",
            "--label",
            "Sozialraumbezirk",
        )
    office = YouthOffice.objects.get()
    assert (office.slug, office.social_space_label) == ("heidekreis", "Sozialraumbezirk")
    invitation = Invitation.objects.get()
    assert invitation.email == "koordination@heidekreis.example"
    assert invitation.invited_by is None
    assert "Sie sind eingeladen, beim Jugendamt Landkreis Heidekreis" in mail.outbox[0].body
    out = capsys.readouterr().out
    assert "Landkreis Heidekreis ist angelegt (Adresse /heidekreis/" in out


def test_it_names_every_wrong_option_in_german_and_creates_nothing(municipalities, capsys):
    with pytest.raises(CommandError, match=r"Das Jugendamt wurde nicht angelegt\."):
        call_command(
            "create_youth_office",
            "--kreis-key",
            "99999",
            "--name",
            "Irgendwo",
            "--coordinator-email",
            "kaputt",
        )
    err = capsys.readouterr().err
    assert (
        "--kreis-key: Zum Kreisschlüssel 99999 gibt es in der Gemeindeliste keine Gemeinde." in err
    )
    assert "--coordinator-email: Bitte geben Sie eine gültige E-Mail-Adresse ein" in err
    assert not YouthOffice.objects.exists()


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "sozialraum.cli", "create_youth_office", *args],
        capture_output=True,
        text=True,
        env={"SOZIALRAUM_TESTING": "1", "PATH": "/usr/bin:/bin"},
        timeout=60,
    )


def test_it_explains_itself_in_german():
    result = run("--help")
    assert result.returncode == 0
    assert result.stdout.startswith("Aufruf: ")
    assert "Legt ein Jugendamt für einen Kreis" in result.stdout
    assert "Diese Hilfe anzeigen und beenden." in result.stdout
    assert "show this help" not in result.stdout


def test_it_exits_non_zero_with_a_german_message_when_options_are_missing():
    result = run("--name", "Irgendwo")
    assert result.returncode != 0
    assert "Fehler: Diese Angaben fehlen: --kreis-key, --coordinator-email" in result.stderr
