"""The URL walk's expectations for the operator area (sozialraum.operations, /betrieb/)."""

from __future__ import annotations

from tests.walk import LOGIN, POST_ONLY, Expect, Walk, same

# The operator only; the area does not exist (404) for anybody else logged in.
OPERATOR_PAGE = {**same(404), "anonymous": LOGIN, "operator": 200}
OPERATOR_WRITE = {**OPERATOR_PAGE, "operator": 302}


def account(walk: Walk) -> int:
    """An account that is no persona (blocking it must not log a persona out)."""
    return walk.rows["reset_user"].pk


EXPECTED: dict[str, Expect] = {
    "operations:index": Expect(get=OPERATOR_PAGE),
    "operations:office_create": Expect(get=OPERATOR_PAGE, post=OPERATOR_PAGE),  # empty: errors
    "operations:users": Expect(get=OPERATOR_PAGE),
    "operations:user_deactivate": Expect(get=POST_ONLY, post=OPERATOR_WRITE, pk=account),
    "operations:user_reactivate": Expect(get=POST_ONLY, post=OPERATOR_WRITE, pk=account),
}

SECRETS: tuple[str, ...] = ()
