"""The URL walk's expectations for the audit trail (sozialraum.audit)."""

from __future__ import annotations

from tests.walk import COORDINATION_PAGE, Expect

EXPECTED: dict[str, Expect] = {
    "audit:trail": Expect(get=COORDINATION_PAGE),
}

SECRETS: tuple[str, ...] = ()
