"""Bad input on every form and list URL never answers 5xx (issue 7, point 12).

The URLs come from the project's resolver (the list of tests/test_url_walk.py, with its
expectations and sample rows), so a new page is covered automatically. Each page is requested
by a persona that may see it (coordination first, then the operator, the carrier editor,
anonymous visitors). Then:

- GET with each bad value in each text parameter of the URL itself (slugs, tokens);
- GET with each bad value in each query parameter: the fields of the page's forms one at a time
  (a bad value in one field must not hide another) and the parameters read outside forms
  (pagination, `next`, presets) all at once;
- POST per field of every form in the page's context: the form's own values, with that one field
  replaced by each bad value (so the other fields are valid and the value reaches the service).

Bad values: 30-digit ids (SQLite integers end at 2**63), a superscript digit that passes
`str.isdigit()`, NUL bytes (PostgreSQL refuses them in text), negative and overlong values.
The test runs on whichever database the suite uses.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import pytest
from django import forms
from django.template import Context
from django.test import Client

from tests.conftest import log_in_client
from tests.test_url_walk import (
    EXPECTED,
    ROUTES,
    Route,
    build_url,
    sample_values,
    walk,  # noqa: F401  (the fixture)
)

BAD_VALUES = [
    "9" * 30,
    "²",
    "a\x00b",
    "\x00",
    "-1",
    "x" * 3000,
    "%_",
]
# Query parameters read outside forms, by name (grep request.GET in src/).
LOOSE_PARAMETERS = ["seite", "seite_personen", "einladungen", "organisation", "next", "kreis", "q"]
PERSONAS_IN_ORDER = ("coordinator", "operator", "carrier_editor", "anonymous")
# Requests that end the session or the row under test go last: logging out, deleting.
LAST = {"accounts:logout"}


def persona_for(route: Route) -> str | None:
    expect = EXPECTED[route.key]
    for name in PERSONAS_IN_ORDER:
        if expect.get.get(name) == 200:
            return name
    return None


def walked_routes() -> list[Route]:
    return [route for route in ROUTES if route.key in EXPECTED and persona_for(route)]


def forms_in(response) -> list[forms.BaseForm]:
    found: list[forms.BaseForm] = []
    contexts = response.context or []
    if isinstance(contexts, Context):  # one template rendered (a PDF): a Context, not a list
        contexts = [contexts]
    for context in contexts:
        for value in context.flatten().values():
            candidates = value if isinstance(value, (list, tuple)) else [value]
            for candidate in candidates:
                if isinstance(candidate, forms.BaseForm) and all(candidate is not f for f in found):
                    found.append(candidate)
    return found


def form_values(form: forms.BaseForm) -> dict[str, Any]:
    """What the form would send back as it is shown (the initial or the bound values)."""
    data: dict[str, Any] = {}
    for name, field in form.fields.items():
        if isinstance(field, forms.FileField):
            continue
        value = form[name].value()
        if value is None or value is False:
            continue
        if value is True:
            data[form.add_prefix(name)] = "on"
        elif isinstance(value, (list, tuple)):
            data[form.add_prefix(name)] = [str(getattr(v, "pk", v)) for v in value]
        else:
            data[form.add_prefix(name)] = str(getattr(value, "pk", value))
    return data


def bad_for(field: forms.Field, value: str) -> Any:
    return [value] if isinstance(field, forms.MultipleChoiceField) else value


def check(response, what: str) -> None:
    assert response.status_code < 500, f"{what}: {response.status_code}"


def try_url_parameters(client, route, walk, expect, persona) -> None:  # noqa: F811
    """The URL's own text parameters (office slug, API slug, tokens), each bad in turn."""
    values = sample_values(route, walk, expect, walk.world.office_a.slug)
    for name in route.parameters:
        if name == "pk":
            continue
        for value in BAD_VALUES:
            bad_url = build_url(route, {**values, name: quote(value)})
            check(client.get(bad_url), f"GET {bad_url[:120]} as {persona}")


def try_query_parameters(client, url, page_forms) -> None:
    """GET: the forms' fields one at a time, the loose parameters all at once."""
    names = list(dict.fromkeys(f.add_prefix(n) for f in page_forms for n in f.fields))
    for value in BAD_VALUES:
        for name in names:
            check(client.get(url, {name: value}), f"GET {url} ?{name}={value[:40]!r}")
        loose = dict.fromkeys(LOOSE_PARAMETERS, value)
        check(client.get(url, loose), f"GET {url} with {value[:40]!r} in every parameter")
        check(client.get(url, {"q": [value, value]}), f"GET {url} ?q twice {value[:40]!r}")


def try_posts(client, url, page_forms, expect, persona) -> None:
    """POST: each field of each form (the others as the form shows them), then the view's post
    data and the loose names, each bad."""
    for form in page_forms:
        base = form_values(form)
        for name, field in form.fields.items():
            if isinstance(field, forms.FileField):
                continue
            for value in BAD_VALUES:
                data = {**base, form.add_prefix(name): bad_for(field, value)}
                check(client.post(url, data), f"POST {url} {name}={value[:40]!r} as {persona}")
    for value in BAD_VALUES:
        data = {**dict.fromkeys(expect.post_data, value), **dict.fromkeys(LOOSE_PARAMETERS, value)}
        check(client.post(url, data), f"POST {url} with {value[:40]!r} as {persona}")


@pytest.mark.django_db
@pytest.mark.parametrize("route", walked_routes(), ids=str)
def test_it_never_answers_5xx_to_bad_input(route, walk):  # noqa: F811  (the fixture)
    expect = EXPECTED[route.key]
    persona = persona_for(route)
    assert persona is not None
    url = build_url(route, sample_values(route, walk, expect, walk.world.office_a.slug))
    client = Client(raise_request_exception=False)
    user = walk.persona(persona)
    if user is not None:
        log_in_client(client, user)  # coordination and the operator with their second factor
    first = client.get(url)
    check(first, f"GET {url} as {persona}")
    page_forms = forms_in(first)
    try_url_parameters(client, route, walk, expect, persona)
    try_query_parameters(client, url, page_forms)
    if expect.post is not None and route.key not in LAST:
        try_posts(client, url, page_forms, expect, persona)


def test_it_the_bad_input_test_walks_the_forms_and_lists():
    keys = {route.key for route in walked_routes()}
    assert {
        "network:directory",
        "network:people",
        "network:organisation_create",
        "network:organisation_edit",
        "regions:social_space_create",
        "audit:trail",
        "api:list_social_spaces",
        "operations:index",
        "operations:office_create",
    } <= keys
