"""Every URL pattern of the project, requested as every persona: the expected status or bust.

The walk iterates the project's resolver recursively, so a new URL pattern is requested here
automatically, and `EXPECTED` must say what each persona gets. A pattern without an entry fails
`test_every_url_pattern_has_an_expectation` (and its own walk test), naming the pattern: new
URLs cannot slip by untested. Statuses:

- an int: that status code;
- LOGIN: a redirect to the login page (anonymous visitors of non-public pages).

Besides the status, the walk checks that the outsider and the coordinator of the other youth
office never see office A's data in any answer, and that 404s of HTML pages come in the design.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from sozialraum.accounts import services as account_services
from sozialraum.accounts.models import OfficeRole, Role, User
from sozialraum.accounts.throttling import unlock_token_generator
from tests.conftest import PERSONAS, make_user

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


@dataclass
class Walk:
    """The rows the walk's URLs point at, all of office A (built by the `walk` fixture)."""

    world: object
    invitation_pk: int
    invitation_token: str
    reader_role_pk: int
    reset_user: object  # the password reset link's user (not a persona: login would void it)


@dataclass(frozen=True)
class Expect:
    get: dict[str, Status]
    post: dict[str, Status] | None = None  # None: POST is not part of this view's contract
    post_data: dict = field(default_factory=dict)
    pk: Callable[[Walk], int] | None = None  # which row `pk` means for this pattern


def social_space(walk: Walk) -> int:
    return walk.world.space_a.pk


# The network of actors: edits by coordination and professionals; readers 403.
NETWORK_EDIT_PAGE = {**MEMBER_PAGE, "reader": 403}
# The carrier editor edits the people and affiliations of their own organisation directly.
NETWORK_EDIT_WRITE = {
    **NETWORK_EDIT_PAGE,
    "professional": 302,
    "coordinator": 302,
    "operator": 302,
    "carrier_editor": 302,
}
# Organisations themselves: the carrier editor proposes changes instead (organisation_propose).
ORGANISATION_EDIT_PAGE = {**NETWORK_EDIT_PAGE, "carrier_editor": 403}
ORGANISATION_EDIT_WRITE = {**NETWORK_EDIT_WRITE, "carrier_editor": 403}
# Pages of the organisation's carrier editor: every other member of office A gets 403.
CARRIER_EDITOR_ONLY = {
    **MEMBER_PAGE,
    "reader": 403,
    "professional": 403,
    "coordinator": 403,
    "operator": 403,
    "carrier_editor": 200,
}
UPLOADER_PAGE = {**COORDINATION_PAGE, "operator": 404}
# The operator area: the operator only; it does not exist (404) for anybody else logged in.
OPERATOR_PAGE = {**same(404), "anonymous": LOGIN, "operator": 200}
OPERATOR_WRITE = {**OPERATOR_PAGE, "operator": 302}


def _network_rows(walk: Walk) -> dict[str, int]:
    """Office A's network rows the walk's URLs point at, created on first use."""
    rows = getattr(walk, "network_rows", None)
    if rows is None:
        from sozialraum.network import proposals as network_review
        from sozialraum.network import services as network_services
        from sozialraum.network.models import OrganisationKind, PendingImport

        world = walk.world
        org = network_services.create_organisation(
            office=world.office_a,
            actor=world.coordinator,
            data={"name": "Familienzentrum Lindenhof", "kind": OrganisationKind.FAMILY_CENTRE},
            social_spaces=[world.space_a],
        )
        person = network_services.create_person(
            office=world.office_a, actor=world.coordinator, data={"last_name": "Lindner"}
        )
        affiliation = network_services.add_affiliation(
            person=person, organisation=org, actor=world.coordinator, function="Leitung"
        )
        editor = make_user(CARRIER_EDITOR, "Rita Redaktion")
        OfficeRole.objects.create(
            youth_office=world.office_a, user=editor, role=Role.CARRIER_EDITOR, organisation=org
        )
        change = network_review.propose_organisation_change(
            organisation=org, actor=editor, data={"phone": "05191 12345"}, social_spaces=None
        )
        pending = PendingImport.objects.create(
            youth_office=world.office_a,
            created_by=world.coordinator,
            filename="akteure.csv",
            data=b"Name;Art\nKita Regenbogen;Kita\n",
        )
        rows = {
            "organisation": org.pk,
            "person": person.pk,
            "affiliation": affiliation.pk,
            "change": change.pk,
            "pending_import": pending.pk,
        }
        walk.network_rows = rows  # type: ignore[attr-defined]
    return rows


def network_organisation(walk: Walk) -> int:
    return _network_rows(walk)["organisation"]


def network_person(walk: Walk) -> int:
    return _network_rows(walk)["person"]


def network_affiliation(walk: Walk) -> int:
    return _network_rows(walk)["affiliation"]


def network_change(walk: Walk) -> int:
    return _network_rows(walk)["change"]


def network_pending_import(walk: Walk) -> int:
    return _network_rows(walk)["pending_import"]


EXPECTED: dict[str, Expect] = {
    "healthz": Expect(get=PUBLIC),
    "set_language": Expect(
        get=same(302), post=same(302), post_data={"language": "de", "next": "/"}
    ),
    # Platform pages
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
    # Accounts
    "accounts:login": Expect(
        get={**same(302), "anonymous": 200}, post={**same(302), "anonymous": 200}
    ),
    "accounts:logout": Expect(get=same(405), post=same(302)),
    "accounts:password_reset": Expect(get=PUBLIC, post=PUBLIC),
    "accounts:password_reset_done": Expect(get=PUBLIC),
    "accounts:password_reset_confirm": Expect(get=same(302)),  # valid link: on to the form
    "accounts:password_reset_complete": Expect(get=PUBLIC),
    "accounts:unlock": Expect(get=PUBLIC, post=PUBLIC),  # empty form: field error
    "accounts:unlock_confirm": Expect(get=PUBLIC),  # valid link: the button to unlock
    # The link is for the invited address only: anybody logged in with another one gets 403.
    "accounts:invitation": Expect(
        get={**same(403), "anonymous": 200},
        post={**same(403), "anonymous": 200},  # anonymous: empty form, errors at the fields
    ),
    # Office A: start page and social spaces
    "regions:office": Expect(get=MEMBER_PAGE, post=MEMBER_PAGE),
    "regions:social_space_create": Expect(get=COORDINATION_PAGE, post=COORDINATION_PAGE),
    "regions:social_space": Expect(get=MEMBER_PAGE, post=MEMBER_PAGE, pk=social_space),
    "regions:social_space_edit": Expect(
        get=COORDINATION_PAGE, post=COORDINATION_PAGE, pk=social_space
    ),
    "regions:social_space_delete": Expect(
        get=COORDINATION_PAGE, post=COORDINATION_WRITE, pk=social_space
    ),
    # Office A: people with access
    "access:list": Expect(get=COORDINATION_PAGE, post=COORDINATION_PAGE),
    "access:change_role": Expect(
        get=POST_ONLY,
        post=COORDINATION_WRITE,
        post_data={"role": Role.PROFESSIONAL},
        pk=lambda walk: walk.reader_role_pk,
    ),
    "access:remove_access": Expect(
        get=COORDINATION_PAGE, post=COORDINATION_WRITE, pk=lambda walk: walk.reader_role_pk
    ),
    "access:revoke_invitation": Expect(
        get=POST_ONLY, post=COORDINATION_WRITE, pk=lambda walk: walk.invitation_pk
    ),
    # Office A: audit trail
    "audit:trail": Expect(get=COORDINATION_PAGE),
    # Office A: the network of actors (organisations, people, coordination pages)
    "network:directory": Expect(get=MEMBER_PAGE),
    "network:directory_csv": Expect(get=MEMBER_PAGE),
    "network:directory_xlsx": Expect(get=MEMBER_PAGE),
    "network:organisation_create": Expect(get=ORGANISATION_EDIT_PAGE, post=ORGANISATION_EDIT_PAGE),
    "network:organisation": Expect(get=MEMBER_PAGE, pk=network_organisation),
    "network:organisation_edit": Expect(
        get=ORGANISATION_EDIT_PAGE, post=ORGANISATION_EDIT_PAGE, pk=network_organisation
    ),
    # Only the carrier editor of the organisation proposes changes (tests/network).
    "network:organisation_propose": Expect(
        get=CARRIER_EDITOR_ONLY, post=CARRIER_EDITOR_ONLY, pk=network_organisation
    ),
    # Coordination deletes organisations; this one has a carrier editor, so it is refused (409).
    "network:organisation_delete": Expect(
        get=COORDINATION_PAGE,
        post={**COORDINATION_PAGE, "coordinator": 409, "operator": 409},
        pk=network_organisation,
    ),
    "network:organisation_confirm": Expect(
        get=POST_ONLY, post=NETWORK_EDIT_WRITE, pk=network_organisation
    ),
    "network:organisation_invite_editor": Expect(
        get=COORDINATION_PAGE, post=COORDINATION_PAGE, pk=network_organisation
    ),
    "network:people": Expect(get=MEMBER_PAGE),
    "network:person_create": Expect(get=NETWORK_EDIT_PAGE, post=NETWORK_EDIT_PAGE),
    "network:person": Expect(get=MEMBER_PAGE, pk=network_person),
    "network:person_edit": Expect(get=NETWORK_EDIT_PAGE, post=NETWORK_EDIT_PAGE, pk=network_person),
    "network:person_confirm": Expect(get=POST_ONLY, post=NETWORK_EDIT_WRITE, pk=network_person),
    "network:person_export": Expect(
        get=COORDINATION_PAGE,
        post=COORDINATION_PAGE,
        pk=network_person,  # POST: the download
    ),
    "network:person_erase": Expect(
        get=COORDINATION_PAGE,
        post=COORDINATION_WRITE,
        post_data={"bestaetigt": "ja"},
        pk=network_person,
    ),
    "network:affiliation_create": Expect(
        get=NETWORK_EDIT_PAGE, post=NETWORK_EDIT_PAGE, pk=network_person
    ),
    "network:affiliation_edit": Expect(
        get=NETWORK_EDIT_PAGE,
        post=NETWORK_EDIT_WRITE,
        post_data={"function": "Teamleitung", "version": 1},
        pk=network_affiliation,
    ),
    "network:affiliation_end": Expect(
        get=POST_ONLY, post=NETWORK_EDIT_WRITE, pk=network_affiliation
    ),
    "network:affiliation_delete": Expect(
        get=NETWORK_EDIT_PAGE, post=NETWORK_EDIT_WRITE, pk=network_affiliation
    ),
    "network:overview": Expect(get=MEMBER_PAGE),
    "network:expected_kinds": Expect(get=COORDINATION_PAGE, post=COORDINATION_WRITE),
    "network:changes": Expect(get=COORDINATION_PAGE),
    "network:change": Expect(get=COORDINATION_PAGE, pk=network_change),
    "network:change_approve": Expect(get=POST_ONLY, post=COORDINATION_WRITE, pk=network_change),
    "network:change_reject": Expect(get=POST_ONLY, post=COORDINATION_WRITE, pk=network_change),
    "network:due": Expect(get=COORDINATION_PAGE),
    "network:duplicates": Expect(get=COORDINATION_PAGE),
    "network:import": Expect(get=COORDINATION_PAGE, post=COORDINATION_PAGE),
    "network:import_template": Expect(get=COORDINATION_PAGE),
    # An uploaded file's preview belongs to whoever uploaded it (the coordinator): 404 for others.
    "network:import_preview": Expect(get=UPLOADER_PAGE, pk=network_pending_import),
    "network:import_apply": Expect(
        get=POST_ONLY, post={**UPLOADER_PAGE, "coordinator": 302}, pk=network_pending_import
    ),
    "network:import_discard": Expect(
        get=POST_ONLY, post={**UPLOADER_PAGE, "coordinator": 302}, pk=network_pending_import
    ),
    # The operator area (/betrieb/): the platform operator only; 404 for everybody else.
    "operations:index": Expect(get=OPERATOR_PAGE),
    "operations:office_create": Expect(get=OPERATOR_PAGE, post=OPERATOR_PAGE),  # empty: errors
    "operations:users": Expect(get=OPERATOR_PAGE),
    "operations:user_deactivate": Expect(
        get=POST_ONLY, post=OPERATOR_WRITE, pk=lambda walk: walk.reset_user.pk
    ),
    "operations:user_reactivate": Expect(
        get=POST_ONLY, post=OPERATOR_WRITE, pk=lambda walk: walk.reset_user.pk
    ),
    # The API (/api/v1/): session login, 401 without it, 404 for other offices' data.
    "api:api-root": Expect(get=same(404)),
    "api:openapi-json": Expect(get=PUBLIC),
    "api:openapi-view": Expect(get=PUBLIC),
    "api:list_youth_offices": Expect(get={**same(200), "anonymous": 401}),
    "api:list_social_spaces": Expect(
        get=row(
            anonymous=401,
            outsider=404,
            coordinator_b=404,
            reader=200,
            professional=200,
            coordinator=200,
            operator=200,
            carrier_editor=200,
        )
    ),
}


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
    values: dict[str, str] = {}
    for name in route.parameters:
        if name in ("office_slug", "slug"):
            values[name] = office_slug
        elif name == "pk":
            assert expect.pk is not None, f"{route}: its EXPECTED entry must say which row pk is"
            values[name] = str(expect.pk(walk))
        elif name == "token" and route.key == "accounts:invitation":
            values[name] = walk.invitation_token
        elif name == "token" and route.key == "accounts:password_reset_confirm":
            values[name] = default_token_generator.make_token(walk.reset_user)
        elif name == "token" and route.key == "accounts:unlock_confirm":
            values[name] = unlock_token_generator.make_token(walk.reset_user)
        elif name == "uidb64":
            values[name] = urlsafe_base64_encode(force_bytes(walk.reset_user.pk))
        else:
            raise AssertionError(f"{route}: no sample value for the URL parameter {name!r}")
    return values


def build_url(route: Route, values: dict[str, str]) -> str:
    return "/" + PARAMETER.sub(lambda match: values[match["name"]], route.route)


@pytest.fixture
def walk(world) -> Walk:
    invitation, token = account_services.invite(
        office=world.office_a,
        actor=world.coordinator,
        email="eingeladen@heidekreis.example",
        role=Role.PROFESSIONAL,
    )
    return Walk(
        world=world,
        invitation_pk=invitation.pk,
        invitation_token=token,
        reader_role_pk=OfficeRole.objects.get(user=world.reader).pk,
        reset_user=make_user("vergessen@heidekreis.example", "Vera Vergessen"),
    )


def secrets_of_office_a(walk: Walk) -> list[str]:
    """Text that only members of office A may ever see."""
    world = walk.world
    return [world.space_a.name, world.space_a2.name, world.reader.name, world.reader.email]


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


def without_expectation(routes: list[Route]) -> list[str]:
    return [str(route) for route in routes if route.key not in EXPECTED]


def test_every_url_pattern_has_an_expectation():
    missing = without_expectation(ROUTES)
    assert not missing, (
        "These URL patterns have no entry in EXPECTED in tests/test_url_walk.py; say what "
        "every persona gets there: " + ", ".join(missing)
    )


def test_a_new_url_pattern_without_expectation_is_named():
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
    assert without_expectation(routes) == ["neu:secret (/<slug:office_slug>/geheim/<int:pk>/)"]


def test_every_expectation_belongs_to_a_url_pattern():
    keys = {route.key for route in ROUTES}
    stale = sorted(set(EXPECTED) - keys)
    assert not stale, f"EXPECTED names URL patterns that no longer exist: {', '.join(stale)}"


def test_the_walk_sees_the_office_and_api_patterns():
    keys = {route.key for route in ROUTES}
    assert {"regions:office", "access:list", "audit:trail", "api:list_social_spaces"} <= keys
    assert not any(key.startswith("admin:") for key in keys)


def walk_persona(walk: Walk, name: str):
    if name == "carrier_editor":
        _network_rows(walk)
        return User.objects.get(email=CARRIER_EDITOR)
    return walk.world.persona(name)


@pytest.mark.django_db
@pytest.mark.parametrize("persona", WALK_PERSONAS)
@pytest.mark.parametrize("route", ROUTES, ids=str)
def test_it_answers_each_persona_as_expected(route, persona, walk):
    expect = EXPECTED.get(route.key)
    assert expect is not None, (
        f"The URL pattern {route} has no entry in EXPECTED in tests/test_url_walk.py."
    )
    world = walk.world
    url = build_url(route, sample_values(route, walk, expect, world.office_a.slug))
    client = Client()
    user = walk_persona(walk, persona)
    if user is not None:
        client.force_login(user)

    requests = [("GET", expect.get)]
    if expect.post is not None:
        requests.append(("POST", expect.post))
    for method, statuses in requests:
        what = f"{method} {url} as {persona}"
        response = client.get(url) if method == "GET" else client.post(url, expect.post_data)
        assert persona in statuses, f"{route}: no {method} status for {persona} in EXPECTED"
        check(response, statuses[persona], what)
        assert response.status_code < 500, what
        if persona in ("outsider", "coordinator_b"):
            body = response.content.decode(errors="replace")
            for secret in secrets_of_office_a(walk):
                assert secret not in body, f"{what}: the answer shows {secret!r} of office A"
        if response.status_code == 404 and not route.key.startswith("api:"):
            assert "errors/404.html" in [t.name for t in response.templates], what


OFFICE_ROUTES_WITH_PK = [
    route for route in ROUTES if {"office_slug", "pk"} <= set(route.parameters)
]


@pytest.mark.django_db
@pytest.mark.parametrize("route", OFFICE_ROUTES_WITH_PK, ids=str)
def test_another_office_gets_404_for_office_a_rows_under_its_own_slug(route, walk, client_for):
    """Coordinator of B asks for A's rows with B's slug: 404, for GET and POST."""
    expect = EXPECTED[route.key]
    url = build_url(route, sample_values(route, walk, expect, walk.world.office_b.slug))
    client = client_for(walk.world.coordinator_b)
    for response in (client.get(url), client.post(url, expect.post_data)):
        if response.status_code == 405:  # POST-only views refuse GET before looking anything up
            continue
        assert response.status_code == 404, f"{url}: {response.status_code}"
        for secret in secrets_of_office_a(walk):
            assert secret not in response.content.decode()


@pytest.mark.django_db
def test_the_other_office_cannot_list_office_a_social_spaces_by_api(walk, client_for):
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
def test_the_admin_is_for_the_operator_only(persona, world):
    """The Django admin (/betrieb/admin/, excluded from the walk above): non-staff go to its
    login."""
    client = Client()
    user = world.persona(persona)
    if user is not None:
        client.force_login(user)
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
