"""The URL walk's expectations for sozialraum.planning: each subject keeps its rows in its own
module (url_expectations_<subject>.py); this one joins them."""

from __future__ import annotations

from tests.planning import url_expectations_budgets as budgets
from tests.planning import url_expectations_needs as needs
from tests.planning import url_expectations_projects as projects
from tests.walk import Expect, Walk

PARTS = (
    needs,
    budgets,
    projects,
)


def build(walk: Walk) -> None:
    for part in PARTS:
        part.build(walk)


EXPECTED: dict[str, Expect] = {key: value for part in PARTS for key, value in part.EXPECTED.items()}
SECRETS: tuple[str, ...] = tuple(secret for part in PARTS for secret in part.SECRETS)
