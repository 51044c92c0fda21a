"""The URL walk's expectations for sozialraum.consultations: each subject keeps its rows in its own
module (url_expectations_<subject>.py); this one joins them."""

from __future__ import annotations

from tests.consultations import url_expectations_cases as cases
from tests.consultations import url_expectations_guard as guard
from tests.walk import Expect, Walk

PARTS = (
    cases,
    guard,
)


def build(walk: Walk) -> None:
    for part in PARTS:
        part.build(walk)


EXPECTED: dict[str, Expect] = {key: value for part in PARTS for key, value in part.EXPECTED.items()}
SECRETS: tuple[str, ...] = tuple(secret for part in PARTS for secret in part.SECRETS)
