"""The bench logs in as coordination with the demo's second factor (bench/load.py): its code
generator must agree with django-otp and its secret with the demo's."""

from __future__ import annotations

import sys
from pathlib import Path

from django_otp.oath import TOTP

from sozialraum.accounts import mfa
from sozialraum.demo.builder import DEMO_TOTP_SECRET

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from load import totp_code

from pages import DEMO_TOTP_SECRET as BENCH_SECRET


def test_it_uses_the_demo_secret():
    assert BENCH_SECRET == DEMO_TOTP_SECRET


def test_it_computes_the_code_django_otp_accepts():
    key = bytes.fromhex(mfa.hex_key_from_base32(DEMO_TOTP_SECRET))
    for moment in (0, 59, 1_700_000_000, 1_800_000_029.5):
        expected = TOTP(key, step=30, t0=0, digits=6)
        expected.time = moment
        assert totp_code(DEMO_TOTP_SECRET, at=moment) == f"{expected.token():06d}"
