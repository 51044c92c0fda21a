"""The URL walk's expectations for the project's own patterns (src/sozialraum/urls.py, api.py)."""

from __future__ import annotations

from tests.walk import PUBLIC, Expect, same

EXPECTED: dict[str, Expect] = {
    "set_language": Expect(
        get=same(302), post=same(302), post_data={"language": "de", "next": "/"}
    ),
    # The API (/api/v1/): its root is no page; the schema and its documentation are public.
    "api:api-root": Expect(get=same(404)),
    "api:openapi-json": Expect(get=PUBLIC),
    "api:openapi-view": Expect(get=PUBLIC),
}

SECRETS: tuple[str, ...] = ()
