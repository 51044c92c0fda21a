"""The URL walk's expectations for sozialraum.meetings."""

from __future__ import annotations

from tests.walk import Expect

EXPECTED: dict[str, Expect] = {}

SECRETS: tuple[str, ...] = ()
