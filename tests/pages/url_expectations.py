"""The URL walk's expectations for the platform pages (sozialraum.pages)."""

from __future__ import annotations

from tests.walk import PUBLIC, Expect, row

EXPECTED: dict[str, Expect] = {
    "healthz": Expect(get=PUBLIC),
    "pages:home": Expect(
        get=row(
            anonymous=200,
            outsider=200,  # "no youth office yet"
            coordinator_b=302,  # one office: straight there
            reader=302,
            professional=302,
            coordinator=302,
            operator=200,  # chooses among all offices
            carrier_editor=302,
        )
    ),
    "pages:imprint": Expect(get=PUBLIC),
    "pages:privacy": Expect(get=PUBLIC),
    "pages:accessibility": Expect(get=PUBLIC, post=PUBLIC),  # empty feedback: form errors
}

SECRETS: tuple[str, ...] = ()
