"""Secrets at rest: no working link in the task table, the secret key file for its owner only."""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from sozialraum.accounts import services
from sozialraum.accounts.models import Invitation, Role
from sozialraum.accounts.tasks import send_invitation, send_password_reset

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
ROOT = Path(__file__).resolve().parents[2]


@override_settings(TASKS=DATABASE_TASKS)
def test_it_the_task_table_holds_no_invitation_token(
    office_a, coordinator, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation, token = services.invite(
            office=office_a, actor=coordinator, email="neu@heidekreis.example", role=Role.READER
        )
    rows = list(DBTaskResult.objects.all())
    assert len(rows) == 1
    stored = json.dumps(rows[0].args_kwargs)
    assert token not in stored
    assert rows[0].args_kwargs["kwargs"] == {"invitation_id": invitation.pk}
    assert not Invitation.objects.filter(token_nonce=token).exists()
    assert token not in json.dumps(list(Invitation.objects.values()), default=str)
    # The worker builds the link when it sends; the link opens the invitation.
    send_invitation.call(invitation_id=invitation.pk)
    found = re.search(r"/konto/einladung/([\w-]+)/", mail.outbox[0].body)
    assert found and found.group(1) == token
    assert client.get(reverse("accounts:invitation", kwargs={"token": token})).status_code == 200


def test_it_a_revoked_invitation_is_not_sent_later(office_a, coordinator):
    invitation, _token = services.invite(
        office=office_a, actor=coordinator, email="neu@heidekreis.example", role=Role.READER
    )
    services.revoke_invitation(invitation=invitation, actor=coordinator)
    send_invitation.call(invitation_id=invitation.pk)
    assert mail.outbox == []


@override_settings(TASKS=DATABASE_TASKS)
def test_it_the_task_table_holds_no_password_reset_token(client, coordinator):
    response = client.post(reverse("accounts:password_reset"), {"email": coordinator.email})
    assert response.status_code == 302
    rows = list(DBTaskResult.objects.all())
    assert [row.args_kwargs["kwargs"] for row in rows] == [{"user_id": coordinator.pk}]
    send_password_reset.call(user_id=coordinator.pk)
    assert "/konto/passwort-neu/" in mail.outbox[0].body


def test_it_every_task_is_called_with_ids_only():
    """No task takes a token, a password or a link as an argument."""
    sources = "\n".join(path.read_text() for path in (ROOT / "src").rglob("*.py"))
    calls = re.findall(r"\.enqueue\(([^)]*)\)", sources, flags=re.S)
    assert calls
    for call in calls:
        assert not re.search(r"token|password|url|link", call, flags=re.I), call


def test_it_settings_create_the_secret_key_readable_by_its_owner_only(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    env.update(SOZIALRAUM_HOME=str(tmp_path), DEBUG="true")
    subprocess.run(
        [sys.executable, "-c", "import django.conf, sozialraum.settings"],
        env=env,
        check=True,
        cwd=tmp_path,
    )
    key_file = tmp_path / "var" / "secret_key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert len(key_file.read_text()) > 50


def test_it_make_creates_the_secret_key_readable_by_its_owner_only(tmp_path):
    subprocess.run(
        [
            "make",
            "-s",
            "-C",
            str(tmp_path),
            "-f",
            str(ROOT / "Makefile"),
            "var/secret_key",
            f"BIN={Path(sys.executable).parent}",
        ],
        check=True,
        env={**os.environ, "MAKEFLAGS": ""},
    )
    key_file = tmp_path / "var" / "secret_key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
