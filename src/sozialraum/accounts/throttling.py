"""Login throttling (django-axes) and limits on the mails that anyone can trigger.

Three locks, all counted on axes' failure log (the database, so every worker sees the same):

- one e-mail address from one client address: LOGIN_FAILURE_LIMIT failures lock that pair for
  15 minutes; each further round of failures doubles the lock (30, 60, ... minutes, at most a
  day). Someone guessing from elsewhere never locks the owner out this way.
- one client address across accounts (password spraying): LOGIN_ADDRESS_FAILURE_LIMIT failures
  within an hour lock that address.
- one account from many addresses: LOGIN_ACCOUNT_FAILURE_LIMIT failures within a day lock the
  account. Its owner lifts every lock at once with the mailed link "Konto entsperren" (valid
  once) or by setting a new password.

Failures during a lock are not counted (AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False),
so hammering a locked pair neither grows its lock nor adds up to an account lock: one address
alone gets about 35 real guesses a day at one account, below the account limit.
"""

from __future__ import annotations

import hashlib
import ipaddress
from dataclasses import dataclass
from datetime import datetime, timedelta

from axes.handlers.database import AxesDatabaseHandler
from axes.models import AccessAttempt, AccessFailureLog
from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

FIRST_LOCK = timedelta(minutes=15)
LONGEST_LOCK = timedelta(days=1)
ADDRESS_WINDOW = timedelta(hours=1)
ACCOUNT_WINDOW = timedelta(days=1)


def username(request: HttpRequest | None, credentials: dict | None = None) -> str:
    """The address in lower case: login ignores case, so "A@x" and "a@x" share one counter."""
    value = (credentials or {}).get("username")
    if value is None and request is not None:
        value = getattr(request, "data", request.POST).get("username")
    return (value or "").strip().lower()


def client_ip(request: HttpRequest) -> str:
    """The client's address, as far as the configured reverse proxies vouch for it.

    Without a proxy (TRUSTED_PROXY_COUNT = 0) it is REMOTE_ADDR; X-Forwarded-For is ignored,
    because anyone can send it. Behind N proxies that each append the address they were
    contacted from (nginx: `$proxy_add_x_forwarded_for`), it is the N-th address from the right
    of X-Forwarded-For: what the client itself wrote further left is never trusted.
    """
    remote = request.META.get("REMOTE_ADDR", "") or ""
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    chain = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    chain = [part for part in chain if part]
    if len(chain) < count:
        return remote  # not through all proxies (e.g. a health check on the host itself)
    candidate = chain[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


# The three locks -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Lock:
    kind: str  # "pair", "address" or "account"
    until: datetime

    @property
    def minutes(self) -> int:
        seconds = (self.until - timezone.now()).total_seconds()
        return max(1, int(-(-seconds // 60)))


def _rolling_until(times: list[datetime], limit: int, window: timedelta) -> datetime:
    """When a window of `limit` failures ends: the oldest that keeps the count at the limit."""
    return times[len(times) - limit] + window


def current_lock(name: str, ip: str | None, now: datetime | None = None) -> Lock | None:
    now = now or timezone.now()
    recent = AccessFailureLog.objects.filter(attempt_time__gte=now - ACCOUNT_WINDOW)
    limit = settings.AXES_FAILURE_LIMIT
    if name and ip:
        pair = list(
            recent.filter(username=name, ip_address=ip)
            .order_by("attempt_time")
            .values_list("attempt_time", flat=True)
        )
        if len(pair) >= limit:
            rounds = len(pair) // limit
            length = min(FIRST_LOCK * 2 ** (rounds - 1), LONGEST_LOCK)
            # The lock runs from the failure that completed the round, not from later ones.
            until = pair[rounds * limit - 1] + length
            if until > now:
                return Lock("pair", until)
    if ip:
        address = list(
            recent.filter(ip_address=ip, attempt_time__gte=now - ADDRESS_WINDOW)
            .order_by("attempt_time")
            .values_list("attempt_time", flat=True)
        )
        address_limit = settings.LOGIN_ADDRESS_FAILURE_LIMIT
        if len(address) >= address_limit:
            return Lock("address", _rolling_until(address, address_limit, ADDRESS_WINDOW))
    if name:
        account = list(
            recent.filter(username=name)
            .order_by("attempt_time")
            .values_list("attempt_time", flat=True)
        )
        account_limit = settings.LOGIN_ACCOUNT_FAILURE_LIMIT
        if len(account) >= account_limit:
            return Lock("account", _rolling_until(account, account_limit, ACCOUNT_WINDOW))
    return None


def clear_failures(email: str) -> None:
    """Lift every lock of an account: its owner proved to read the account's mail."""
    name = email.strip().lower()
    AccessFailureLog.objects.filter(username=name).delete()
    AccessAttempt.objects.filter(username=name).delete()


class LoginThrottle(AxesDatabaseHandler):
    """axes' database handler with the three locks above instead of its single counter."""

    def is_locked(self, request, credentials: dict | None = None) -> bool:
        if not getattr(settings, "AXES_LOCK_OUT_AT_FAILURE", True):
            return False
        return self._lock(request, credentials) is not None

    def _lock(self, request, credentials) -> Lock | None:
        lock = current_lock(
            username(request, credentials), getattr(request, "axes_ip_address", None)
        )
        request.sozialraum_lock = lock
        return lock

    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs):
        super().user_login_failed(sender, credentials, request, **kwargs)
        if request is not None:
            request.axes_locked_out = self._lock(request, credentials) is not None

    def user_logged_in(self, sender, request, user, **kwargs):
        super().user_logged_in(sender, request, user, **kwargs)
        # The right password from this address: its earlier typos no longer count.
        AccessFailureLog.objects.filter(
            username=user.get_username().lower(), ip_address=request.axes_ip_address
        ).delete()


def locked_response(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    lock = getattr(request, "sozialraum_lock", None) or current_lock(
        username(request, credentials), getattr(request, "axes_ip_address", None)
    )
    return render(
        request,
        "accounts/locked.html",
        {"lock": lock, "kind": lock.kind if lock else "pair"},
        status=429,
    )


class UnlockTokenGenerator(PasswordResetTokenGenerator):
    """The link "Konto entsperren": valid once, because unlocking deletes the failures it names."""

    key_salt = "sozialraum.accounts.throttling.UnlockTokenGenerator"

    def _make_hash_value(self, user, timestamp: int) -> str:
        first = (
            AccessFailureLog.objects.filter(username=user.email.lower())
            .order_by("pk")
            .values_list("pk", flat=True)
            .first()
        )
        return f"{user.pk}{user.password}{timestamp}{first or '-'}"


unlock_token_generator = UnlockTokenGenerator()


# Limits on mails anyone can trigger -------------------------------------------------------------


def allow(scope: str, key: str, limit: int, period: int = 3600) -> bool:
    """Count one use of `scope` by `key` in the current period; False once over the limit.

    Counted in Django's cache: exact with a shared cache (Redis, database cache); with the default
    local-memory cache each worker process counts for itself.
    """
    digest = hashlib.sha256(f"{scope}:{key}".encode()).hexdigest()[:32]
    cache_key = f"sozialraum:limit:{scope}:{digest}"
    cache.add(cache_key, 0, period)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, period)
        count = 1
    return count <= limit


def allow_account_mail(request: HttpRequest, *, scope: str, email: str) -> bool:
    """Password reset and unlock mails: limited per client address and per e-mail address.

    Counted by the address typed in, whether or not an account has it, so the answer never tells
    whether an account exists.
    """
    by_address = allow(f"{scope}:ip", client_ip(request), settings.PASSWORD_RESET_MAILS_PER_ADDRESS)
    by_account = allow(
        f"{scope}:email", email.strip().lower(), settings.PASSWORD_RESET_MAILS_PER_ACCOUNT
    )
    return by_address and by_account
