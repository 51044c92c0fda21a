"""The vocabulary of the URL walk (tests/test_url_walk.py), shared by the apps' expectations.

Every app says what its URL patterns answer in `tests/<app>/url_expectations.py` (the project's
own patterns are in `tests/url_expectations.py`). Such a module exports

- ``EXPECTED``: a dict from the pattern's "namespace:name" to an `Expect` (statuses per persona);
- ``SECRETS``: text of office A that the outsider and the other office's coordinator must never
  see in any answer (names of social spaces, organisations, people ...); the walk also checks
  that each secret really shows on a page of office A, so a misspelt secret cannot pass;
- optionally ``build(walk)``: creates the rows its patterns point at, once per module, and
  stores them in ``walk.rows`` under names of its own.

Statuses: an int is that status code; LOGIN is a redirect to the login page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sozialraum.accounts.models import User
from tests.conftest import PERSONAS, World

LOGIN = "login"
Status = int | str


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
    team_member: Status | None = None,
    other_team_member: Status | None = None,
) -> dict[str, Status]:
    """One status per persona; keyword-only so every cell of the table is named. The two team
    personas are Fachkräfte of office A: they answer like ``professional`` unless named (pages
    only a team's members may see name them)."""
    cells = {
        "anonymous": anonymous,
        "outsider": outsider,
        "coordinator_b": coordinator_b,
        "reader": reader,
        "professional": professional,
        "coordinator": coordinator,
        "operator": operator,
        "carrier_editor": carrier_editor,
        "team_member": professional if team_member is None else team_member,
        "other_team_member": professional if other_team_member is None else other_team_member,
    }
    assert tuple(cells) == PERSONAS, "row() and PERSONAS in tests/conftest.py must agree"
    return cells


def professionals(status: Status) -> dict[str, Status]:
    """The cells of every Fachkraft persona of office A (in no team, or in one): spread it into a
    row that changes what the professional gets."""
    return dict.fromkeys(("professional", "team_member", "other_team_member"), status)


def same(status: Status) -> dict[str, Status]:
    return dict.fromkeys(PERSONAS, status)


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


@dataclass
class Walk:
    """The world the walk's URLs point at: every persona, both offices, and the apps' rows."""

    world: World
    rows: dict[str, Any] = field(default_factory=dict)  # filled by the apps' build(walk)

    def persona(self, name: str) -> User | None:
        return self.world.persona(name)


@dataclass(frozen=True)
class Expect:
    get: dict[str, Status]
    post: dict[str, Status] | None = None  # None: POST is not part of this view's contract
    post_data: dict = field(default_factory=dict)
    pk: Callable[[Walk], int] | None = None  # which row `pk` means for this pattern
    # Values of the pattern's other URL parameters (a token, ...), by parameter name.
    params: Callable[[Walk], dict[str, str]] | None = None
