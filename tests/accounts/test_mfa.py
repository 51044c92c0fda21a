"""The second factor: required for coordination and the operator, optional for everybody else."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from sozialraum.accounts import mfa
from sozialraum.accounts.models import RecoveryCode
from sozialraum.demo.builder import DEMO_TOTP_SECRET
from tests.conftest import PASSWORD, totp_code, totp_device

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")
VERIFY = reverse("accounts:mfa_verify")
SETUP = reverse("accounts:mfa_setup")
OFFICE = "/heidekreis/"
CODE_RE = re.compile(r"\b[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}\b")


def password_step(client: Client, user, next_url: str = "") -> None:
    data = {"username": user.email, "password": PASSWORD}
    if next_url:
        data["next"] = next_url
    response = client.post(LOGIN, data)
    assert response.status_code == 302, response.content.decode()[:500]


def set_up(client: Client, user) -> list[str]:
    """Walk through the set-up page as the user would; returns the recovery codes shown."""
    page = client.get(SETUP)
    assert page.status_code == 200
    assert "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(SETUP, {"code": totp_code(device)})
    assert response.status_code == 200
    codes = CODE_RE.findall(response.content.decode())
    assert len(codes) == mfa.RECOVERY_CODE_COUNT
    return codes


def test_it_a_coordinator_without_a_device_is_led_to_the_set_up_and_reaches_nothing_else(
    client, coordinator, office_a
):
    password_step(client, coordinator)
    for url in (OFFICE, "/heidekreis/zugaenge/", "/heidekreis/akteure/", "/", "/konto/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(SETUP), (url, response.url)
    # A write is refused too, and the API answers 401 instead of data.
    assert client.post("/heidekreis/raeume/neu/", {"name": "X"}).url.startswith(SETUP)
    api = client.get("/api/v1/youth-offices")
    assert api.status_code == 401
    assert "Zwei-Faktor" in api.json()["detail"]
    # htmx requests get a full-page redirect, not a fragment.
    htmx = client.get(OFFICE, headers={"HX-Request": "true"})
    assert htmx["HX-Redirect"].startswith(SETUP)
    # Public pages stay reachable.
    assert client.get("/impressum/").status_code == 200


def test_it_the_set_up_leads_on_to_the_page_first_asked_for(client, coordinator, office_a):
    password_step(client, coordinator, next_url="/heidekreis/zugaenge/")
    response = client.get("/heidekreis/zugaenge/")
    assert response.url == SETUP + "?next=%2Fheidekreis%2Fzugaenge%2F"
    page = client.get(response.url)
    assert 'value="/heidekreis/zugaenge/"' in page.content.decode()
    device = TOTPDevice.objects.get(user=coordinator, confirmed=False)
    done = client.post(SETUP, {"code": totp_code(device), "next": "/heidekreis/zugaenge/"})
    assert 'href="/heidekreis/zugaenge/"' in done.content.decode()
    assert client.get("/heidekreis/zugaenge/").status_code == 200


def test_it_the_set_up_refuses_a_wrong_code_in_german(client, coordinator, office_a):
    password_step(client, coordinator)
    client.get(SETUP)
    response = client.post(SETUP, {"code": "000000"})
    assert response.status_code == 200
    assert "Dieser Code stimmt nicht" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=coordinator, confirmed=True).exists()
    assert client.get(OFFICE).url.startswith(SETUP)
    empty = client.post(SETUP, {"code": ""})
    assert "Bitte geben Sie den Code aus der App ein." in empty.content.decode()


def test_it_the_qr_code_carries_no_inline_style(client, coordinator, office_a):
    password_step(client, coordinator)
    content = client.get(SETUP).content.decode()
    svg = content[content.index("<svg") : content.index("</svg>")]
    assert "style" not in svg
    assert "<script" not in svg
    device = TOTPDevice.objects.get(user=coordinator, confirmed=False)
    assert mfa.secret_for_display(device) in content  # to type in without a camera


def test_it_a_coordinator_with_a_device_must_enter_a_code(client, coordinator, office_a):
    device = totp_device(coordinator)
    password_step(client, coordinator)
    response = client.get(OFFICE)
    assert response.url == VERIFY + "?next=%2Fheidekreis%2F"
    wrong = client.post(VERIFY, {"code": "123456", "next": OFFICE})
    assert wrong.status_code == 200
    assert "Dieser Code stimmt nicht" in wrong.content.decode()
    assert client.get(OFFICE).status_code == 302
    # django-otp makes the next attempt wait (1, 2, 4 ... seconds after each wrong code).
    throttled = client.post(VERIFY, {"code": totp_code(device), "next": OFFICE})
    assert "Bitte warten Sie" in throttled.content.decode()
    assert client.get(OFFICE).status_code == 302
    device.refresh_from_db()
    device.throttle_reset()
    right = client.post(VERIFY, {"code": totp_code(device), "next": OFFICE})
    assert right.status_code == 302
    assert right.url == OFFICE
    assert client.get(OFFICE).status_code == 200


def test_it_the_code_step_gets_a_new_session_key(client, coordinator, office_a):
    device = totp_device(coordinator)
    password_step(client, coordinator)
    before = client.session.session_key
    client.post(VERIFY, {"code": totp_code(device)})
    assert client.session.session_key != before


def test_it_pages_with_secrets_are_never_cached(client, coordinator, office_a):
    password_step(client, coordinator)
    assert "no-store" in client.get(SETUP)["Cache-Control"]
    device = TOTPDevice.objects.get(user=coordinator, confirmed=False)
    codes_page = client.post(SETUP, {"code": totp_code(device)})
    assert "no-store" in codes_page["Cache-Control"]


def test_it_a_recovery_code_works_once(client, coordinator, office_a):
    password_step(client, coordinator)
    codes = set_up(client, coordinator)
    assert all(code not in str(list(RecoveryCode.objects.values())) for code in codes)
    client.post(reverse("accounts:logout"))

    password_step(client, coordinator)
    response = client.post(VERIFY, {"code": codes[0].lower().replace("-", " "), "next": OFFICE})
    assert response.status_code == 302
    page = client.get(OFFICE)
    assert page.status_code == 200
    assert "Ihnen bleiben 9" in page.content.decode()
    client.post(reverse("accounts:logout"))

    password_step(client, coordinator)
    again = client.post(VERIFY, {"code": codes[0], "next": OFFICE})
    assert again.status_code == 200
    assert client.get(OFFICE).status_code == 302


def test_it_new_recovery_codes_replace_the_old_ones(client_for, coordinator, office_a):
    client = client_for(coordinator)
    first = mfa.regenerate_recovery_codes(user=coordinator)
    response = client.post(reverse("accounts:mfa_new_codes"))
    new = CODE_RE.findall(response.content.decode())
    assert len(new) == 10 and not set(new) & set(first)
    assert mfa.check_code(coordinator, new[0]) is not None
    assert mfa.check_code(coordinator, first[0]) is None
    # The overview shows how many are left, never the codes themselves.
    overview = client.get(reverse("accounts:mfa")).content.decode()
    assert "noch 9 unbenutzte" in overview
    assert not CODE_RE.search(overview)


def test_it_a_professional_logs_in_without_a_second_factor(client, professional, office_a):
    password_step(client, professional)
    assert client.get(OFFICE).status_code == 200


def test_it_a_professional_may_switch_it_on_and_off(client, professional, office_a):
    password_step(client, professional)
    assert "Noch nicht eingerichtet" in client.get(reverse("accounts:mfa")).content.decode()
    set_up(client, professional)
    assert client.get(OFFICE).status_code == 200
    client.post(reverse("accounts:logout"))

    password_step(client, professional)
    assert client.get(OFFICE).url.startswith(VERIFY)
    device = TOTPDevice.objects.get(user=professional)
    client.post(VERIFY, {"code": totp_code(device)})
    assert "Eingeschaltet" in client.get(reverse("accounts:mfa")).content.decode()

    # Switching off needs a current code.
    disable = reverse("accounts:mfa_disable")
    assert "Dieser Code stimmt nicht" in client.post(disable, {"code": "1"}).content.decode()
    device.refresh_from_db()
    device.throttle_reset()
    assert client.post(disable, {"code": totp_code(device)}).status_code == 302
    assert not mfa.has_device(professional)
    client.post(reverse("accounts:logout"))
    password_step(client, professional)
    assert client.get(OFFICE).status_code == 200


def test_it_coordination_cannot_switch_it_off(client_for, coordinator, office_a):
    client = client_for(coordinator)
    response = client.post(reverse("accounts:mfa_disable"), {"code": "000000"})
    assert response.status_code == 302
    assert mfa.has_device(coordinator)
    page = client.get(reverse("accounts:mfa")).content.decode()
    assert "vorgeschrieben" in page
    assert reverse("accounts:mfa_disable") not in page


def test_it_the_operator_needs_the_second_factor_for_the_admin(client, operator):
    password_step(client, operator)
    assert client.get("/betrieb/").url.startswith(SETUP)


def test_it_the_operator_resets_a_lost_authenticator_without_seeing_its_key(
    client_for, operator, coordinator
):
    device = totp_device(coordinator)
    client = client_for(operator)
    page = client.get(f"/betrieb/admin/otp_totp/totpdevice/{device.pk}/change/")
    assert page.status_code == 200
    assert device.key not in page.content.decode()
    assert client.get(f"/betrieb/admin/otp_totp/totpdevice/{device.pk}/qrcode/").status_code == 403
    delete = client.post(f"/betrieb/admin/otp_totp/totpdevice/{device.pk}/delete/", {"post": "yes"})
    assert delete.status_code == 302
    assert not mfa.has_device(coordinator)


def test_it_is_required_exactly_for_coordination_and_the_operator(
    coordinator, coordinator_b, operator, professional, reader, outsider
):
    assert [mfa.is_required(u) for u in (coordinator, coordinator_b, operator)] == [True] * 3
    assert [mfa.is_required(u) for u in (professional, reader, outsider)] == [False] * 3


def test_it_the_demo_secret_is_valid_base32_for_twenty_bytes():
    assert len(mfa.hex_key_from_base32(DEMO_TOTP_SECRET)) == 40


def test_it_the_public_guide_opens_between_password_and_code(client, coordinator, office_a):
    totp_device(coordinator)
    password_step(client, coordinator)
    assert client.get(OFFICE).url.startswith(VERIFY)  # the office's pages wait for the code
    guide = client.get(reverse("offers:guide", kwargs={"office_slug": office_a.slug}))
    assert guide.status_code == 200
    easy = client.get(reverse("offers:easy_language", kwargs={"office_slug": office_a.slug}))
    assert easy.status_code == 200
