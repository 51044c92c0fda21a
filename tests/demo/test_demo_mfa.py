"""The demo's second factor: coordination and the operator can log in with the documented key."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from sozialraum.accounts import mfa
from sozialraum.accounts.models import User
from sozialraum.demo.builder import DEMO_TOTP_SECRET
from tests.demo.test_demo_command import DEMO_PASSWORD, demo  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def test_it_prints_the_demo_key_and_gives_it_to_those_who_need_it(demo):  # noqa: F811
    assert DEMO_TOTP_SECRET in demo
    key = mfa.hex_key_from_base32(DEMO_TOTP_SECRET)
    for email in ("admin@sozialraum.example", "koordination@heidekreis.example"):
        assert TOTPDevice.objects.get(user__email=email, confirmed=True).key == key
    assert not TOTPDevice.objects.filter(user__email="fachkraft@heidekreis.example").exists()
    required = [u for u in User.objects.all() if mfa.is_required(u)]
    assert all(mfa.has_device(u) for u in required)


def test_it_a_tester_logs_in_with_the_code_the_demo_prints(demo):  # noqa: F811
    out = StringIO()
    call_command("demo", "--code", stdout=out)
    code = out.getvalue().strip()
    assert len(code) == 6 and code.isdigit()
    client = Client()
    client.post(
        "/konto/anmelden/",
        {"username": "koordination@heidekreis.example", "password": DEMO_PASSWORD},
    )
    response = client.post("/konto/anmelden/code/", {"code": code, "next": "/heidekreis/"})
    assert response.status_code == 302
    assert response.url == "/heidekreis/"
    assert client.get("/heidekreis/").status_code == 200
