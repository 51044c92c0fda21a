"""Login throttling without a proxy and behind one; the unlock link; limits on mails."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from axes.models import AccessFailureLog
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from sozialraum.accounts.throttling import client_ip
from tests.conftest import PASSWORD, make_user

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")
ATTACKER = "203.0.113.7"
OWNER = "198.51.100.20"
PROXY = "10.0.0.1"


def log_in(client, email: str, password: str = PASSWORD, **extra):
    return client.post(LOGIN, {"username": email, "password": password}, **extra)


def fail(client, email: str, times: int, **extra) -> list[int]:
    return [log_in(client, email, f"falsch-{n}", **extra).status_code for n in range(times)]


def age_failures(minutes: int) -> None:
    AccessFailureLog.objects.update(attempt_time=timezone.now() - timedelta(minutes=minutes))


def add_failures(email: str, ip: str, times: int) -> None:
    AccessFailureLog.objects.bulk_create(
        AccessFailureLog(username=email, ip_address=ip, user_agent="x", attempt_time=timezone.now())
        for _ in range(times)
    )


# Without a proxy ------------------------------------------------------------------------------


def test_it_without_a_proxy_x_forwarded_for_is_ignored(rf):
    request = rf.get("/", REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert client_ip(request) == ATTACKER


def test_it_without_a_proxy_a_spoofed_header_does_not_escape_the_lock(client, coordinator):
    codes = [
        log_in(
            client,
            coordinator.email,
            "falsch",
            REMOTE_ADDR=ATTACKER,
            HTTP_X_FORWARDED_FOR=f"1.2.3.{n}",
        ).status_code
        for n in range(5)
    ]
    assert codes == [200, 200, 200, 200, 429]
    assert log_in(client, coordinator.email, REMOTE_ADDR=ATTACKER).status_code == 429
    # The owner elsewhere is not locked out by the attacker.
    assert log_in(Client(), coordinator.email, REMOTE_ADDR=OWNER).status_code == 302


def test_it_failures_during_a_lock_are_not_counted(client, coordinator):
    fail(client, coordinator.email, 5, REMOTE_ADDR=ATTACKER)
    fail(client, coordinator.email, 20, REMOTE_ADDR=ATTACKER)
    assert AccessFailureLog.objects.filter(username=coordinator.email).count() == 5


def test_it_each_further_lock_lasts_twice_as_long(client, coordinator):
    assert fail(client, coordinator.email, 5, REMOTE_ADDR=ATTACKER)[-1] == 429
    assert "15 Minuten" in log_in(client, coordinator.email, REMOTE_ADDR=ATTACKER).content.decode()
    age_failures(16)
    assert fail(client, coordinator.email, 5, REMOTE_ADDR=ATTACKER) == [200, 200, 200, 200, 429]
    page = log_in(client, coordinator.email, REMOTE_ADDR=ATTACKER).content.decode()
    assert "30 Minuten" in page
    age_failures(20)  # still inside the 30 minutes
    assert log_in(client, coordinator.email, REMOTE_ADDR=ATTACKER).status_code == 429


def test_it_one_address_is_limited_across_accounts(client, office_a):
    victims = [make_user(f"person{n}@heidekreis.example", f"Person {n}") for n in range(8)]
    for victim in victims:
        add_failures(victim.email, ATTACKER, 4)  # password spraying: four guesses each
    response = log_in(client, victims[0].email, REMOTE_ADDR=ATTACKER)  # even the right password
    assert response.status_code == 429
    assert "verschiedenen Zugängen" in response.content.decode()
    assert log_in(Client(), victims[0].email, REMOTE_ADDR=OWNER).status_code == 302


# Behind one proxy -----------------------------------------------------------------------------


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_it_behind_a_proxy_the_client_is_the_address_the_proxy_added(rf):
    assert client_ip(rf.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=ATTACKER)) == ATTACKER
    spoofed = rf.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"1.2.3.4, {ATTACKER}")
    assert client_ip(spoofed) == ATTACKER
    assert client_ip(rf.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="kaputt")) == PROXY


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_it_behind_a_proxy_an_attacker_does_not_lock_out_the_owner(client, coordinator):
    via_proxy = {"REMOTE_ADDR": PROXY}
    codes = [
        log_in(
            client,
            coordinator.email,
            "falsch",
            HTTP_X_FORWARDED_FOR=f"9.9.9.{n}, {ATTACKER}",
            **via_proxy,
        ).status_code
        for n in range(5)
    ]
    assert codes == [200, 200, 200, 200, 429]
    assert set(AccessFailureLog.objects.values_list("ip_address", flat=True)) == {ATTACKER}
    owner = log_in(Client(), coordinator.email, HTTP_X_FORWARDED_FOR=OWNER, **via_proxy)
    assert owner.status_code == 302


# Account lock and the unlock link -------------------------------------------------------------


def test_it_many_addresses_lock_the_account_and_the_owner_unlocks_it(client, coordinator):
    for n in range(10):
        add_failures(coordinator.email, f"192.0.2.{n}", 5)
    response = log_in(client, coordinator.email, REMOTE_ADDR=OWNER)
    assert response.status_code == 429
    assert "Konto entsperren" in response.content.decode()

    sent = client.post(reverse("accounts:unlock"), {"email": coordinator.email})
    assert sent.status_code == 200
    link = re.search(r"https?://[^/\s]+(/konto/entsperren/[^/\s]+/[^/\s]+/)", mail.outbox[0].body)
    assert link, mail.outbox[0].body
    assert client.get(link.group(1)).status_code == 200
    assert client.post(link.group(1)).status_code == 302
    assert log_in(client, coordinator.email, REMOTE_ADDR=OWNER).status_code == 302
    # Valid once.
    assert Client().get(link.group(1)).status_code == 410


def test_it_the_unlock_page_does_not_tell_whether_an_account_exists(client, coordinator):
    def page(email: str) -> tuple[int, str]:
        response = client.post(reverse("accounts:unlock"), {"email": email})
        text = re.sub(r'value="[^"]+"', "", response.content.decode()).replace(email, "X")
        return response.status_code, text

    assert page(coordinator.email) == page("niemand@example.org")
    assert len(mail.outbox) == 1


def test_it_a_new_password_lifts_the_lock(client, coordinator):
    fail(client, coordinator.email, 5, REMOTE_ADDR=OWNER)
    client.post(reverse("accounts:password_reset"), {"email": coordinator.email})
    path = re.search(r"https?://[^/\s]+(/konto/passwort-neu/[^/\s]+/[^/\s]+/)", mail.outbox[0].body)
    set_url = client.get(path.group(1), follow=True).redirect_chain[-1][0]
    new = "Lüneburger-Heide-Weg-77"
    client.post(set_url, {"new_password1": new, "new_password2": new})
    assert log_in(client, coordinator.email, new, REMOTE_ADDR=OWNER).status_code == 302


# Limits on mails --------------------------------------------------------------------------------


def test_it_password_reset_mails_are_limited_per_account_without_revealing_it(client, coordinator):
    reset = reverse("accounts:password_reset")
    for email in (coordinator.email, "niemand@example.org"):
        codes = [
            client.post(reset, {"email": email}, REMOTE_ADDR=f"192.0.2.{n}").status_code
            for n in range(4)
        ]
        assert codes == [302, 302, 302, 429], email
    assert len(mail.outbox) == 3
    page = client.post(reset, {"email": "niemand@example.org"}).content.decode()
    assert "in einer Stunde noch einmal" in page


def test_it_password_reset_mails_are_limited_per_address(client, db):
    reset = reverse("accounts:password_reset")
    codes = [
        client.post(reset, {"email": f"p{n}@example.org"}, REMOTE_ADDR=ATTACKER).status_code
        for n in range(6)
    ]
    assert codes == [302] * 5 + [429]


def test_it_feedback_mails_are_limited_with_a_friendly_message(client):
    url = reverse("pages:accessibility")
    data = {"message": "Der Kontrast ist zu schwach.", "page": "/", "email": ""}
    codes = [client.post(url, data, REMOTE_ADDR=ATTACKER).status_code for _ in range(6)]
    assert codes == [302] * 5 + [429]
    page = client.post(url, data, REMOTE_ADDR=ATTACKER).content.decode()
    assert "schon mehrere Rückmeldungen" in page
    assert len(mail.outbox) == 5
    assert client.post(url, data, REMOTE_ADDR=OWNER).status_code == 302
