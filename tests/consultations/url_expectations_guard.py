"""The URL walk's expectations for sozialraum.consultations: guard (see url_expectations.py)."""

from __future__ import annotations

from tests.walk import Expect, Walk


def build(walk: Walk) -> None:
    """Rows the walk needs for these patterns (walk.rows.update(...))."""


EXPECTED: dict[str, Expect] = {}

SECRETS: tuple[str, ...] = ()
