"""The URL walk's expectations for sozialraum.meetings."""

from __future__ import annotations

from tests.meetings.invitations import expectations as invites
from tests.walk import Expect, Walk

EXPECTED: dict[str, Expect] = {**invites.EXPECTED}

SECRETS: tuple[str, ...] = (*invites.SECRETS,)


def build(walk: Walk) -> None:
    invites.build(walk)
