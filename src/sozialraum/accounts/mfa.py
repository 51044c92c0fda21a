"""The second factor (TOTP with recovery codes) and ending sessions: the rules and the writes.

Who needs it: coordination in any youth office and the platform operator. Everybody else may
switch it on. A session counts as verified once django-otp's device id is in it
(`django_otp.login`); the session lives on the server (database backend), so the key alone is
trustworthy and no device needs loading per request.
"""

from __future__ import annotations

import logging
import secrets
from base64 import b32decode, b32encode
from binascii import hexlify

import django_otp
import segno
from django.contrib.auth import logout
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest
from django_otp.models import Device
from django_otp.plugins.otp_totp.models import TOTPDevice

from sozialraum.accounts.models import (
    RECOVERY_CODE_ALPHABET,
    RECOVERY_CODE_LENGTH,
    RecoveryCode,
    RecoveryCodeDevice,
    Role,
    User,
)

log = logging.getLogger("sozialraum.security")

RECOVERY_CODE_COUNT = 10


def is_required(user: User) -> bool:
    """Coordination (in any youth office) and the operator must use the second factor."""
    if user.is_superuser:
        return True
    return Role.COORDINATION in user.office_roles().values()


# A session of a user without an authenticator remembers so (no query per request); setting one
# up ends the user's other sessions, so none of them can keep skipping the code.
NO_DEVICE_SESSION_KEY = "mfa_no_device"


def has_device(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def known_without_device(request: HttpRequest) -> bool:
    return request.session.get(NO_DEVICE_SESSION_KEY) == request.user.pk


def remember_without_device(request: HttpRequest) -> None:
    if request.session.get(NO_DEVICE_SESSION_KEY) != request.user.pk:
        request.session[NO_DEVICE_SESSION_KEY] = request.user.pk


def is_verified(request: HttpRequest) -> bool:
    return django_otp.DEVICE_ID_SESSION_KEY in request.session


def mark_verified(request: HttpRequest, device: Device) -> None:
    """After a right code: a new session key (the session gained a factor), then the device."""
    request.session.cycle_key()
    django_otp.login(request, device)


def pending_device(user: User) -> TOTPDevice:
    """The unconfirmed authenticator of a set-up in progress (one per user, kept across views)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator-App", confirmed=False)
    return device


def secret_for_display(device: TOTPDevice) -> str:
    """The secret in Base32 groups of four, for typing into an app without a camera."""
    text = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def hex_key_from_base32(secret: str) -> str:
    """A TOTP device key (hex) from a Base32 secret (the demo's documented secret)."""
    cleaned = secret.replace(" ", "").upper()
    cleaned += "=" * (-len(cleaned) % 8)
    return hexlify(b32decode(cleaned)).decode()


def qr_svg(device: TOTPDevice) -> str:
    """The otpauth link as an inline SVG QR code: paths only, no style attributes (CSP)."""
    qr = segno.make(device.config_url, error="m")
    return qr.svg_inline(
        scale=4,
        border=2,
        dark="#000",
        light="#fff",
        omitsize=True,
        svgclass="sr-qr__image",
        lineclass=None,
    )


def check_code(user: User, code: str, *, device: TOTPDevice | None = None) -> Device | None:
    """The device that accepts `code` (a TOTP code or a recovery code), else None.

    Each device throttles its own wrong codes (django-otp: waits of 1, 2, 4 ... seconds).
    """
    code = (code or "").strip().replace(" ", "")
    with transaction.atomic():
        if code.isdigit():
            candidates = (
                [device] if device else list(TOTPDevice.objects.filter(user=user, confirmed=True))
            )
        else:
            candidates = list(RecoveryCodeDevice.objects.filter(user=user))
        for candidate in candidates:
            if candidate.verify_token(code):
                return candidate
    return None


def waiting_seconds(user: User) -> int:
    """How long the user must wait before the next code is checked (0: no wait)."""
    from django.utils import timezone

    longest = 0
    devices: list[Device] = [
        *TOTPDevice.objects.filter(user=user, confirmed=True),
        *RecoveryCodeDevice.objects.filter(user=user),
    ]
    for device in devices:
        allowed, info = device.verify_is_allowed()
        if not allowed and info and info.get("locked_until"):
            seconds = (info["locked_until"] - timezone.now()).total_seconds()
            longest = max(longest, int(seconds) + 1)
    return longest


def _new_codes() -> list[str]:
    codes: list[str] = []
    lookups: set[str] = set()
    while len(codes) < RECOVERY_CODE_COUNT:
        code = "".join(secrets.choice(RECOVERY_CODE_ALPHABET) for _ in range(RECOVERY_CODE_LENGTH))
        if code[:4] not in lookups:
            lookups.add(code[:4])
            codes.append(code)
    return codes


def format_code(code: str) -> str:
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


@transaction.atomic
def regenerate_recovery_codes(*, user: User) -> list[str]:
    """Ten new recovery codes replace the old ones; returned once, stored only as hashes."""
    RecoveryCodeDevice.objects.filter(user=user).delete()
    device = RecoveryCodeDevice.objects.create(user=user, name="Wiederherstellungscodes")
    codes = _new_codes()
    RecoveryCode.objects.bulk_create(
        RecoveryCode(device=device, lookup=code[:4], code_hash=make_password(code))
        for code in codes
    )
    log.info("mfa: recovery codes regenerated for user %s", user.pk)
    return [format_code(code) for code in codes]


@transaction.atomic
def confirm_setup(*, user: User, device: TOTPDevice) -> list[str]:
    """The new authenticator is confirmed (replacing any older one); new recovery codes. Every
    other session of the user ends (a new session epoch): from now on each needs the code,
    also those that remembered "no authenticator" (see NO_DEVICE_SESSION_KEY)."""
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    User.objects.filter(pk=user.pk).update(session_epoch=F("session_epoch") + 1)  # type: ignore[misc]
    user.refresh_from_db(fields=["session_epoch"])
    log.info("mfa: authenticator confirmed for user %s", user.pk)
    return regenerate_recovery_codes(user=user)


@transaction.atomic
def disable(*, user: User) -> None:
    if is_required(user):
        raise PermissionError("The second factor is required for this user.")
    TOTPDevice.objects.filter(user=user).delete()
    RecoveryCodeDevice.objects.filter(user=user).delete()
    log.info("mfa: second factor switched off by user %s", user.pk)


def unused_recovery_codes(user: User) -> int:
    device = RecoveryCodeDevice.objects.filter(user=user).first()
    return device.unused_count() if device else 0


def end_all_sessions(request: HttpRequest) -> None:
    """Log the user out everywhere: a new session epoch voids every session's auth hash."""
    user_id = request.user.pk
    User.objects.filter(pk=user_id).update(session_epoch=F("session_epoch") + 1)  # type: ignore[misc]
    log.info("sessions: user %s logged out on all devices", user_id)
    logout(request)


def demo_device(*, user: User, secret: str) -> TOTPDevice:
    """A confirmed authenticator with a fixed, documented secret (the demo only)."""
    return TOTPDevice.objects.create(
        user=user, name="Demo-Authenticator", confirmed=True, key=hex_key_from_base32(secret)
    )
