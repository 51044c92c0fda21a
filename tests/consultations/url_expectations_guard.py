"""The URL walk's expectations for sozialraum.consultations: guard (see url_expectations.py).

The rare-feature list: every member of office A reads it; coordination adds and removes."""

from __future__ import annotations

from sozialraum.consultations.models import RareFeature
from tests.walk import COORDINATION_PAGE, COORDINATION_WRITE, MEMBER_PAGE, Expect, Walk, same

SECRET_TERM = "Glasknochenkrankheit Walkdorf"


def build(walk: Walk) -> None:
    """A rare feature of office A."""
    feature = RareFeature.objects.create(
        youth_office=walk.world.office_a, term=SECRET_TERM, reason="Nur ein Kind im Ort."
    )
    walk.rows.update(rare_feature=feature.pk)


def rare_feature(walk: Walk) -> int:
    return walk.rows["rare_feature"]


EXPECTED: dict[str, Expect] = {
    "consultations:rare_features": Expect(get=MEMBER_PAGE),
    # Trying the guard stores nothing: a member's POST answers 200 with the findings.
    "consultations:guard_check": Expect(
        get=MEMBER_PAGE, post=MEMBER_PAGE, post_data={"text": "Lena ist 7 Jahre alt."}
    ),
    # An empty form answers 200 with its errors; a term added redirects.
    "consultations:rare_feature_add": Expect(
        get=COORDINATION_PAGE,
        post=COORDINATION_WRITE,
        post_data={"term": "Seltene Walk-Erkrankung", "reason": ""},
    ),
    "consultations:rare_feature_delete": Expect(
        get=COORDINATION_PAGE, post=COORDINATION_WRITE, pk=rare_feature
    ),
}

SECRETS: tuple[str, ...] = (SECRET_TERM,)

# POST /api/v1/consultations/check takes a JSON body (tests/consultations/test_guard_api.py);
# the walk's GET is refused as a method, its form-encoded POST as an unreadable body, after the
# login check. No persona learns anything about an office from either answer.
CHECK_POST = {**same(422), "anonymous": 401}
EXPECTED["api:check"] = Expect(get=same(405), post=CHECK_POST)
