"""The persona rows of the URL walk (tests/test_url_walk.py): one status per persona."""

from __future__ import annotations

from tests.conftest import PERSONAS

LOGIN = "login"
Status = int | str

# The personas of tests/conftest.py, plus the carrier editor (Redaktion einer Organisation) of
# the organisation the walk's network URLs point at.
WALK_PERSONAS = (*PERSONAS, "carrier_editor")
CARRIER_EDITOR = "redaktion@lindenhof.example"

# Namespaces not walked here, with the reason.
EXCLUDED_NAMESPACES = {
    # The Django admin at /betrieb/admin/ is the platform operator's emergency tool. Its generated
    # patterns (one set per registered model) are covered by
    # test_the_admin_is_for_the_operator_only.
    "admin",
}


def row(
    *,
    anonymous: Status,
    outsider: Status,
    coordinator_b: Status,
    reader: Status,
    professional: Status,
    coordinator: Status,
    operator: Status,
    carrier_editor: Status,
) -> dict[str, Status]:
    """One status per persona; keyword-only so every cell of the table is named."""
    return {
        "anonymous": anonymous,
        "outsider": outsider,
        "coordinator_b": coordinator_b,
        "reader": reader,
        "professional": professional,
        "coordinator": coordinator,
        "operator": operator,
        "carrier_editor": carrier_editor,
    }


def same(status: Status) -> dict[str, Status]:
    return dict.fromkeys(WALK_PERSONAS, status)


# The recurring rows, spelled out once.
PUBLIC = same(200)
# A page of office A for every member; 404 (not 403) for everybody else who is logged in.
MEMBER_PAGE = row(
    anonymous=LOGIN,
    outsider=404,
    coordinator_b=404,
    reader=200,
    professional=200,
    coordinator=200,
    operator=200,
    carrier_editor=200,
)
# A page of office A for its coordination; readers and professionals get 403.
COORDINATION_PAGE = row(
    anonymous=LOGIN,
    outsider=404,
    coordinator_b=404,
    reader=403,
    professional=403,
    coordinator=200,
    operator=200,
    carrier_editor=403,
)
# A write of office A's coordination that redirects after success.
COORDINATION_WRITE = {**COORDINATION_PAGE, "coordinator": 302, "operator": 302}
# Views that take POST only (require_POST is the outermost decorator: 405 before anything else).
POST_ONLY = same(405)
# The personas that must use the second factor (their walk sessions are verified).
REQUIRED_MFA = ("coordinator", "coordinator_b", "operator")
