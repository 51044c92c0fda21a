"""Every URL pattern of the project, requested as every persona: the expected status or bust.

The walk iterates the project's resolver recursively, so a new URL pattern is requested here
automatically, and some app must say what each persona gets there. The apps say so in their own
`tests/<app>/url_expectations.py` (the project's own patterns in `tests/url_expectations.py`;
tests/walk.py describes what such a module exports). A pattern without an entry fails
`test_it_has_an_expectation_for_every_url_pattern` (and its own walk test), naming the pattern:
new URLs cannot slip by untested. A new app adds its file; nothing here changes.

Besides the status, the walk checks that the outsider and the coordinator of the other youth
office never see office A's data in any answer (the apps' SECRETS: names of social spaces,
organisations and people), and that 404s of HTML pages come in the design.

The world (both offices, every persona, the apps' rows) is built once per module, in a
transaction that is rolled back at the end; each test runs in a savepoint of its own inside it,
so a POST that deletes or changes something is undone before the next test.
"""

from __future__ import annotations

import importlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import sozialraum
from tests.conftest import PERSONAS, build_world, log_in_client
from tests.walk import LOGIN, Expect, Status, Walk

# Namespaces not walked here, with the reason.
EXCLUDED_NAMESPACES = {
    # The Django admin at /betrieb/admin/ is the platform operator's emergency tool. Its patterns
    # (one set per registered model) are covered by test_it_keeps_the_admin_for_the_operator.
    "admin",
}

TESTS = Path(__file__).resolve().parent


# Collecting the apps' expectations ------------------------------------------------------------


def expectation_modules() -> list[ModuleType]:
    """tests/url_expectations.py and every tests/<app>/url_expectations.py, by name."""
    names = ["tests.url_expectations"] + [
        f"tests.{path.parent.name}.url_expectations"
        for path in sorted(TESTS.glob("*/url_expectations.py"))
    ]
    return [importlib.import_module(name) for name in names]


def merge_expectations(modules: list[ModuleType]) -> dict[str, Expect]:
    """One table of all modules' EXPECTED; a pattern claimed by two modules is an error."""
    merged: dict[str, Expect] = {}
    owner: dict[str, str] = {}
    for module in modules:
        for key, expect in module.EXPECTED.items():
            assert key not in merged, (
                f"{key} has an expectation in both {owner[key]} and {module.__name__}"
            )
            merged[key] = expect
            owner[key] = module.__name__
    return merged


MODULES = expectation_modules()
EXPECTED = merge_expectations(MODULES)
SECRETS = tuple(secret for module in MODULES for secret in module.SECRETS)


# Walking the resolver -------------------------------------------------------------------------

PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>\w+)>")


@dataclass(frozen=True)
class Route:
    key: str  # "namespace:name", or the route itself for a pattern without a name
    route: str  # the full route, e.g. "<slug:office_slug>/raeume/<int:pk>/"

    @property
    def parameters(self) -> list[str]:
        return [match["name"] for match in PARAMETER.finditer(self.route)]

    def __str__(self) -> str:
        return f"{self.key} (/{self.route})"


def walk_resolver(resolver=None, prefix: str = "", namespace: str = "") -> Iterator[Route]:
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            if inner in EXCLUDED_NAMESPACES:
                continue
            yield from walk_resolver(pattern, route, inner)
        elif isinstance(pattern, URLPattern):
            if pattern.name:
                key = f"{namespace}:{pattern.name}" if namespace else pattern.name
            else:
                key = f"/{route}"
            yield Route(key=key, route=route)


ROUTES = list(walk_resolver())


def sample_values(route: Route, walk: Walk, expect: Expect, office_slug: str) -> dict[str, str]:
    """A value per URL parameter name; pk comes from the pattern's entry (the right row type)."""
    given = expect.params(walk) if expect.params else {}
    values: dict[str, str] = {}
    for name in route.parameters:
        if name in given:
            values[name] = given[name]
        elif name in ("office_slug", "slug"):
            values[name] = office_slug
        elif name == "pk":
            assert expect.pk is not None, f"{route}: its expectation must say which row pk is"
            values[name] = str(expect.pk(walk))
        else:
            raise AssertionError(
                f"{route}: no sample value for the URL parameter {name!r}; give one with "
                "Expect(params=...) in the app's url_expectations.py"
            )
    return values


def build_url(route: Route, values: dict[str, str]) -> str:
    return "/" + PARAMETER.sub(lambda match: values[match["name"]], route.route)


@pytest.fixture(scope="module")
def walk(django_db_setup, django_db_blocker) -> Iterator[Walk]:
    """The walk's world, built once per module (per xdist worker) and rolled back at its end.

    Each test asks for `db` (through the django_db mark): pytest-django then wraps it in a
    savepoint inside this transaction, so whatever a test's requests change is undone after it.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        walk = Walk(world=build_world(carrier_editor=True, teams=True))
        for module in MODULES:
            if hasattr(module, "build"):
                module.build(walk)
        yield walk
        transaction.set_rollback(True)


def body_text(response) -> str:
    """The answer as text; JSON also as parsed, so that umlauts escaped as \\u00e4 count too."""
    body = response.content.decode(errors="replace")
    if response.get("Content-Type", "").startswith("application/json"):
        body += json.dumps(response.json(), ensure_ascii=False)
    return body


def assert_no_secret(body: str, what: str) -> None:
    shown = [secret for secret in SECRETS if secret in body]
    assert not shown, f"{what}: the answer shows {shown} of office A"


def check(response, expected: Status, what: str) -> None:
    if expected == LOGIN:
        assert response.status_code == 302, f"{what}: {response.status_code}, expected login"
        assert response["Location"].startswith(reverse("accounts:login")), (
            f"{what}: redirects to {response['Location']}, expected the login page"
        )
    else:
        assert response.status_code == expected, (
            f"{what}: got {response.status_code}, expected {expected}"
        )


# The tests ----------------------------------------------------------------------------------


def without_expectation(routes: list[Route], expected: dict[str, Expect]) -> list[str]:
    return [str(route) for route in routes if route.key not in expected]


def test_it_has_an_expectation_for_every_url_pattern():
    missing = without_expectation(ROUTES, EXPECTED)
    assert not missing, (
        "These URL patterns have no expectation; say what every persona gets there in the "
        "app's tests/<app>/url_expectations.py: " + ", ".join(missing)
    )


def test_it_names_a_new_url_pattern_without_expectation():
    """The walk finds patterns however deep they are included, and names the uncovered ones."""
    from django.http import HttpResponse
    from django.urls import include, path

    def secret(request, office_slug, pk):
        return HttpResponse("geheim")

    inner = ([path("geheim/<int:pk>/", secret, name="secret")], "neu")
    urlconf = type("urlconf", (), {"urlpatterns": [path("<slug:office_slug>/", include(inner))]})
    routes = list(walk_resolver(get_resolver(urlconf)))
    assert [route.key for route in routes] == ["neu:secret"]
    assert routes[0].parameters == ["office_slug", "pk"]
    missing = without_expectation(routes, EXPECTED)
    assert missing == ["neu:secret (/<slug:office_slug>/geheim/<int:pk>/)"]


def test_it_has_no_expectation_without_url_pattern():
    keys = {route.key for route in ROUTES}
    stale = sorted(set(EXPECTED) - keys)
    assert not stale, f"Expectations name URL patterns that no longer exist: {', '.join(stale)}"


def test_it_collects_the_expectations_of_every_app():
    """Every app with URL patterns has its tests/<app>/url_expectations.py, and it is read."""
    source = Path(sozialraum.__file__).resolve().parent
    apps_with_urls = {path.parent.name for path in source.glob("*/*urls.py")}
    collected = {module.__name__.split(".")[1] for module in MODULES[1:]}
    assert apps_with_urls, "no app with URL patterns found"
    assert apps_with_urls <= collected, f"without url_expectations.py: {apps_with_urls - collected}"
    assert MODULES[0].__name__ == "tests.url_expectations"
    for module in MODULES:
        assert isinstance(module.EXPECTED, dict), module.__name__
        assert isinstance(module.SECRETS, tuple), module.__name__
    assert {"network:organisation", "regions:office", "accounts:login"} <= set(EXPECTED)
    assert {"Soltau/Wietzendorf", "Jugendhilfe Heideblick e. V.", "Lena Brandt"} <= set(SECRETS)


def test_it_refuses_a_pattern_claimed_by_two_apps():
    first = ModuleType("tests.first.url_expectations")
    second = ModuleType("tests.second.url_expectations")
    first.EXPECTED = {"neu:seite": Expect(get={})}  # type: ignore[attr-defined]
    second.EXPECTED = {"neu:seite": Expect(get={})}  # type: ignore[attr-defined]
    with pytest.raises(AssertionError, match="neu:seite has an expectation in both"):
        merge_expectations([first, second])


def test_it_sees_the_office_and_api_patterns():
    keys = {route.key for route in ROUTES}
    assert {"regions:office", "access:list", "audit:trail", "api:list_social_spaces"} <= keys
    assert not any(key.startswith("admin:") for key in keys)


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("route", ROUTES, ids=str)
def test_it_answers_each_persona_as_expected(route, persona, walk):
    expect = EXPECTED.get(route.key)
    assert expect is not None, (
        f"The URL pattern {route} has no expectation in any tests/<app>/url_expectations.py."
    )
    world = walk.world
    url = build_url(route, sample_values(route, walk, expect, world.office_a.slug))
    client = Client()
    user = walk.persona(persona)
    if user is not None:
        log_in_client(client, user)

    requests = [("GET", expect.get)]
    if expect.post is not None:
        requests.append(("POST", expect.post))
    for method, statuses in requests:
        what = f"{method} {url} as {persona}"
        response = client.get(url) if method == "GET" else client.post(url, expect.post_data)
        assert persona in statuses, f"{route}: no {method} status for {persona}"
        check(response, statuses[persona], what)
        assert response.status_code < 500, what
        if persona in ("outsider", "coordinator_b"):
            assert_no_secret(body_text(response), what)
        if response.status_code == 404 and not route.key.startswith("api:"):
            assert "errors/404.html" in [t.name for t in response.templates], what


@pytest.mark.django_db
def test_it_shows_every_secret_to_office_a(walk, client_for):
    """A secret that no page of office A shows would make the checks above pass vacuously."""
    client = client_for(walk.world.coordinator)
    shown = ""
    for route in ROUTES:
        expect = EXPECTED[route.key]
        if expect.get["coordinator"] != 200:
            continue
        url = build_url(route, sample_values(route, walk, expect, walk.world.office_a.slug))
        shown += body_text(client.get(url))
    missing = [secret for secret in SECRETS if secret not in shown]
    assert not missing, f"No page of office A shows these secrets: {missing}"


OFFICE_ROUTES_WITH_PK = [
    route for route in ROUTES if {"office_slug", "pk"} <= set(route.parameters)
]


@pytest.mark.django_db
@pytest.mark.parametrize("route", OFFICE_ROUTES_WITH_PK, ids=str)
def test_it_gives_another_office_404_for_office_a_rows_under_its_own_slug(route, walk, client_for):
    """Coordinator of B asks for A's rows with B's slug: 404, for GET and POST."""
    expect = EXPECTED[route.key]
    url = build_url(route, sample_values(route, walk, expect, walk.world.office_b.slug))
    client = client_for(walk.world.coordinator_b)
    for method, response in (
        ("GET", client.get(url)),
        ("POST", client.post(url, expect.post_data)),
    ):
        if response.status_code == 405:  # POST-only views refuse GET before looking anything up
            continue
        assert response.status_code == 404, f"{method} {url}: {response.status_code}"
        assert_no_secret(body_text(response), f"{method} {url} as coordinator_b")


@pytest.mark.django_db
def test_it_keeps_office_a_social_spaces_from_the_other_office_in_the_api(walk, client_for):
    client = client_for(walk.world.coordinator_b)
    own = client.get("/api/v1/youth-offices/verden/social-spaces")
    assert own.status_code == 200
    assert [space["name"] for space in own.json()] == ["Achim"]
    foreign = client.get("/api/v1/youth-offices/heidekreis/social-spaces")
    assert foreign.status_code == 404
    offices = client.get("/api/v1/youth-offices").json()
    assert [office["slug"] for office in offices] == ["verden"]


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
def test_it_keeps_the_admin_for_the_operator(persona, walk):
    """The Django admin (/betrieb/admin/, excluded from the walk above): non-staff go to its
    login."""
    client = Client()
    user = walk.persona(persona)
    if user is not None:
        log_in_client(client, user)
    for url in (
        "/betrieb/admin/",
        "/betrieb/admin/auth/group/",
        "/betrieb/admin/axes/accessattempt/",
    ):
        response = client.get(url)
        if persona == "operator":
            assert response.status_code == 200, url
        else:
            assert response.status_code == 302, f"{url} as {persona}: {response.status_code}"
            assert response["Location"].startswith("/betrieb/admin/login/"), url
