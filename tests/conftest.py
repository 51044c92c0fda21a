"""Personas and a small world of two youth offices, built through the real models and services.

Personas (healthchecks style), all as fixtures:

- ``coordinator``   Koordination of office A (Landkreis Heidekreis, Kreis 03358)
- ``professional``  Fachkraft of office A
- ``reader``        Lesend in office A
- ``coordinator_b`` Koordination of office B (Landkreis Verden, Kreis 03361): "another youth office"
- ``outsider``      logged in, but without any role anywhere
- ``operator``      the platform operator (superuser)
- ``carrier_editor`` Redaktion einer Organisation: edits "Jugendhilfe Heideblick e. V." (``org_a``)
  of office A, proposes changes to it and nothing else
- anonymous         simply a client without login (``client``)

Each persona is built by a plain ``build_*`` function, so that fixtures of a wider scope (the URL
walk builds its world once per module) make exactly the same rows as the function fixtures.

Coordination and the operator must log in with a second factor: ``client_for`` and
``log_in_client`` give them a session verified with a TOTP device (``totp_device``), and
``totp_code`` computes the code an authenticator app would show (browser tests type it in).

- ``team_member``   Fachkraft of office A and current member of ``team_a`` (Sozialraumteam
  Soltau/Wietzendorf), for the organisation ``team_org``
- ``other_team_member`` Fachkraft of office A, member of ``team_a2`` (Sozialraumteam Walsrode)
  only: "a member of another team of the same office"

``professional`` is a Fachkraft of office A in no team. The URL walk walks every URL as every
persona; ``row()`` in tests/walk.py gives the two team personas the professional's status unless
a row names them (team-only pages do).
"""

from __future__ import annotations

import time
from binascii import unhexlify
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from sozialraum.accounts import mfa
from sozialraum.accounts.models import OfficeRole, Role, User
from sozialraum.network import services as network_services
from sozialraum.network.models import Organisation, OrganisationKind, Person
from sozialraum.regions import services as region_services
from sozialraum.regions.models import Municipality, SocialSpace, YouthOffice
from sozialraum.regions.municipalities import load_municipalities
from sozialraum.teams.models import Membership, MembershipRole, Team, TeamKind

PASSWORD = "Sozialraum-Test-2026"

# The personas every access test walks, in the order of the expectation tables.
PERSONAS = (
    "anonymous",
    "outsider",
    "coordinator_b",
    "reader",
    "professional",
    "coordinator",
    "operator",
    "carrier_editor",
    "team_member",
    "other_team_member",
)


def ensure_municipalities() -> None:
    """The reference list of municipalities (normally loaded by a data migration).

    A transactional test (browser tests) flushes the database when it ends, which also removes
    the rows of data migrations; load them again in that case.
    """
    if not Municipality.objects.filter(kreis_key__in=("03358", "03361")).exists():
        load_municipalities(Municipality)


@pytest.fixture
def municipalities(db) -> None:
    ensure_municipalities()


def municipality(ags: str) -> Municipality:
    return Municipality.objects.get(ags=ags)


def make_user(email: str, name: str, *, office: YouthOffice | None = None, role: str = "") -> User:
    user = User.objects.create_user(email, PASSWORD, name=name)
    if office is not None:
        OfficeRole.objects.create(youth_office=office, user=user, role=role)
    return user


# Builders: one per fixture below, usable from fixtures of any scope --------------------------


def build_office_a() -> YouthOffice:
    return YouthOffice.objects.create(
        name="Landkreis Heidekreis",
        slug="heidekreis",
        kreis_key="03358",
        social_space_label="Sozialraumbezirk",
        contact_email="jugendamt@heidekreis.example",
    )


def build_office_b() -> YouthOffice:
    return YouthOffice.objects.create(
        name="Landkreis Verden",
        slug="verden",
        kreis_key="03361",
        social_space_label="Sozialraum",
        contact_email="jugendamt@verden.example",
    )


def build_coordinator(office_a: YouthOffice) -> User:
    return make_user(
        "koordination@heidekreis.example", "Katrin Meyer", office=office_a, role=Role.COORDINATION
    )


def build_professional(office_a: YouthOffice) -> User:
    return make_user(
        "fachkraft@heidekreis.example", "Jonas Albers", office=office_a, role=Role.PROFESSIONAL
    )


def build_reader(office_a: YouthOffice) -> User:
    return make_user("lesend@heidekreis.example", "Lena Brandt", office=office_a, role=Role.READER)


def build_coordinator_b(office_b: YouthOffice) -> User:
    return make_user(
        "koordination@verden.example", "Maren Kruse", office=office_b, role=Role.COORDINATION
    )


def build_team(office_a: YouthOffice, space: SocialSpace, name: str) -> Team:
    team = Team.objects.create(youth_office=office_a, name=name, kind=TeamKind.SOCIAL_SPACE_TEAM)
    team.social_spaces.add(space)
    return team


def build_team_org(office_a: YouthOffice, space_a: SocialSpace) -> Organisation:
    """The organisation the team member represents in ``team_a`` (a primary school)."""
    org = Organisation.objects.create(
        youth_office=office_a, name="Grundschule am Heidering", kind=OrganisationKind.SCHOOL
    )
    org.social_spaces.add(space_a)
    return org


def build_team_persona(
    office_a: YouthOffice,
    team: Team,
    *,
    email: str,
    first_name: str,
    last_name: str,
    organisation: Organisation | None = None,
    role: str = MembershipRole.MEMBER,
) -> User:
    """A Fachkraft of office A with a person record in the network and a current membership."""
    user = make_user(email, f"{first_name} {last_name}", office=office_a, role=Role.PROFESSIONAL)
    person = Person.objects.create(
        youth_office=office_a, first_name=first_name, last_name=last_name, email=email, user=user
    )
    Membership.objects.create(
        youth_office=office_a,
        team=team,
        person=person,
        organisation=organisation,
        role=role,
        joined=date(2024, 1, 1),
    )
    return user


def build_team_member(office_a: YouthOffice, team_a: Team, team_org: Organisation) -> User:
    return build_team_persona(
        office_a,
        team_a,
        email="schule@heidekreis.example",
        first_name="Sabine",
        last_name="Hartmann",
        organisation=team_org,
    )


def build_other_team_member(office_a: YouthOffice, team_a2: Team) -> User:
    return build_team_persona(
        office_a, team_a2, email="walsrode@heidekreis.example", first_name="Tim", last_name="Ohlsen"
    )


def build_outsider() -> User:
    return make_user("aussen@example.org", "Otto Außenstehend")


def build_operator() -> User:
    return User.objects.create_superuser("admin@sozialraum.example", PASSWORD, name="Betrieb")


def build_space_a(office_a: YouthOffice, coordinator: User) -> SocialSpace:
    return region_services.create_social_space(
        office=office_a,
        actor=coordinator,
        name="Soltau/Wietzendorf",
        description="Zwei Gemeinden in der Mitte des Kreises.",
        municipalities=[municipality("03358021"), municipality("03358023")],
    )


def build_space_a2(office_a: YouthOffice, coordinator: User) -> SocialSpace:
    return region_services.create_social_space(
        office=office_a,
        actor=coordinator,
        name="Walsrode",
        municipalities=[municipality("03358024")],
    )


def build_space_b(office_b: YouthOffice, coordinator_b: User) -> SocialSpace:
    return region_services.create_social_space(
        office=office_b,
        actor=coordinator_b,
        name="Achim",
        municipalities=[municipality("03361001")],
    )


def build_org_a(office_a: YouthOffice, coordinator: User, space_a: SocialSpace) -> Organisation:
    return network_services.create_organisation(
        office=office_a,
        actor=coordinator,
        data={
            "name": "Jugendhilfe Heideblick e. V.",
            "kind": OrganisationKind.FREE_CARRIER,
            "street": "Marktstraße 3",
            "postcode": "29614",
            "city": "Soltau",
            "municipality": municipality("03358021"),
            "email": "info@heideblick.example",
        },
        social_spaces=[space_a],
    )


def build_carrier_editor(office_a: YouthOffice, org_a: Organisation) -> User:
    user = User.objects.create_user("traeger@heidekreis.example", PASSWORD, name="Tom Träger")
    OfficeRole.objects.create(
        youth_office=office_a, user=user, role=Role.CARRIER_EDITOR, organisation=org_a
    )
    return user


# The personas and their world as fixtures -----------------------------------------------------


@pytest.fixture
def office_a(municipalities) -> YouthOffice:
    return build_office_a()


@pytest.fixture
def office_b(municipalities) -> YouthOffice:
    return build_office_b()


@pytest.fixture
def coordinator(office_a) -> User:
    return build_coordinator(office_a)


@pytest.fixture
def professional(office_a) -> User:
    return build_professional(office_a)


@pytest.fixture
def reader(office_a) -> User:
    return build_reader(office_a)


@pytest.fixture
def coordinator_b(office_b) -> User:
    return build_coordinator_b(office_b)


@pytest.fixture
def outsider(db) -> User:
    return build_outsider()


@pytest.fixture
def operator(db) -> User:
    return build_operator()


@pytest.fixture
def space_a(office_a, coordinator) -> SocialSpace:
    """Soltau/Wietzendorf in office A."""
    return build_space_a(office_a, coordinator)


@pytest.fixture
def space_a2(office_a, coordinator) -> SocialSpace:
    """Walsrode in office A."""
    return build_space_a2(office_a, coordinator)


@pytest.fixture
def space_b(office_b, coordinator_b) -> SocialSpace:
    """Achim in office B."""
    return build_space_b(office_b, coordinator_b)


@pytest.fixture
def org_a(office_a, coordinator, space_a) -> Organisation:
    """A free carrier in Soltau/Wietzendorf (office A), the carrier editor's organisation."""
    return build_org_a(office_a, coordinator, space_a)


@pytest.fixture
def carrier_editor(office_a, org_a) -> User:
    """Redaktion of ``org_a``: edits its people, proposes changes to the organisation."""
    return build_carrier_editor(office_a, org_a)


@dataclass
class World:
    office_a: YouthOffice
    office_b: YouthOffice
    space_a: SocialSpace
    space_a2: SocialSpace
    space_b: SocialSpace
    coordinator: User
    professional: User
    reader: User
    coordinator_b: User
    outsider: User
    operator: User
    # Built only where asked for (`build_world(carrier_editor=True)`, the URL walk): the other
    # tests of a world expect office A without organisations.
    org_a: Organisation | None = None
    carrier_editor: User | None = None
    # Teams of office A and their two personas (`build_world(teams=True)`, the URL walk).
    team_a: Team | None = None
    team_a2: Team | None = None
    team_org: Organisation | None = None
    team_member: User | None = None
    other_team_member: User | None = None

    def persona(self, name: str) -> User | None:
        """The user of a persona of PERSONAS; None for the anonymous visitor."""
        if name == "anonymous":
            return None
        user = getattr(self, name)
        assert user is not None, f"this world was built without the persona {name!r}"
        return user


def build_world(*, carrier_editor: bool = False, teams: bool = False) -> World:
    """Both youth offices with their social spaces and every persona, in one call."""
    ensure_municipalities()
    office_a, office_b = build_office_a(), build_office_b()
    coordinator, coordinator_b = build_coordinator(office_a), build_coordinator_b(office_b)
    world = World(
        office_a=office_a,
        office_b=office_b,
        space_a=build_space_a(office_a, coordinator),
        space_a2=build_space_a2(office_a, coordinator),
        space_b=build_space_b(office_b, coordinator_b),
        coordinator=coordinator,
        professional=build_professional(office_a),
        reader=build_reader(office_a),
        coordinator_b=coordinator_b,
        outsider=build_outsider(),
        operator=build_operator(),
    )
    if carrier_editor:
        world.org_a = build_org_a(office_a, coordinator, world.space_a)
        world.carrier_editor = build_carrier_editor(office_a, world.org_a)
    if teams:
        add_teams(world)
    return world


def add_teams(world: World) -> None:
    """Office A's two teams, the team member's school and the two team personas."""
    office_a = world.office_a
    world.team_a = build_team(office_a, world.space_a, "Sozialraumteam Soltau/Wietzendorf")
    world.team_a2 = build_team(office_a, world.space_a2, "Sozialraumteam Walsrode")
    world.team_org = build_team_org(office_a, world.space_a)
    world.team_member = build_team_member(office_a, world.team_a, world.team_org)
    world.other_team_member = build_other_team_member(office_a, world.team_a2)


@pytest.fixture
def world(
    office_a,
    office_b,
    space_a,
    space_a2,
    space_b,
    coordinator,
    professional,
    reader,
    coordinator_b,
    outsider,
    operator,
) -> World:
    """Both youth offices with their social spaces and every persona but the carrier editor."""
    return World(
        office_a=office_a,
        office_b=office_b,
        space_a=space_a,
        space_a2=space_a2,
        space_b=space_b,
        coordinator=coordinator,
        professional=professional,
        reader=reader,
        coordinator_b=coordinator_b,
        outsider=outsider,
        operator=operator,
    )


@pytest.fixture
def team_a(office_a, space_a) -> Team:
    """Sozialraumteam Soltau/Wietzendorf of office A (serves ``space_a``)."""
    return build_team(office_a, space_a, "Sozialraumteam Soltau/Wietzendorf")


@pytest.fixture
def team_a2(office_a, space_a2) -> Team:
    """Sozialraumteam Walsrode of office A (serves ``space_a2``): "another team"."""
    return build_team(office_a, space_a2, "Sozialraumteam Walsrode")


@pytest.fixture
def team_org(office_a, space_a) -> Organisation:
    return build_team_org(office_a, space_a)


@pytest.fixture
def team_member(office_a, team_a, team_org) -> User:
    """Fachkraft of office A, member of ``team_a`` for ``team_org``."""
    return build_team_member(office_a, team_a, team_org)


@pytest.fixture
def other_team_member(office_a, team_a2) -> User:
    """Fachkraft of office A, member of ``team_a2`` only."""
    return build_other_team_member(office_a, team_a2)


# Frozen time ----------------------------------------------------------------------------------

# The moments at which date arithmetic breaks first, in the youth offices' time zone: the last
# second of a month, of a year; half an hour into a month, when it is still the last month in UTC;
# a leap day; and an ordinary morning. A test that compares with today asks for `frozen_now` and
# runs once at each of them.
FROZEN_MOMENTS = {
    "ordinary-morning": datetime(2026, 3, 10, 9, 30),
    "month-end-before-midnight": datetime(2026, 4, 30, 23, 59, 59),
    "first-of-month-after-midnight": datetime(2026, 5, 1, 0, 30),
    "new-years-eve-before-midnight": datetime(2026, 12, 31, 23, 59, 59),
    "leap-day": datetime(2028, 2, 29, 12, 0),
}


@pytest.fixture(params=list(FROZEN_MOMENTS), ids=str)
def frozen_now(request, time_machine) -> datetime:
    """The clock stopped at one of FROZEN_MOMENTS (the test runs once per moment): returns it.

    The clock does not tick, so a test cannot cross midnight while it runs. Use it in every test
    that compares with today or with "twelve months ago". (time-machine's `time_machine`
    fixture undoes the travel when the test ends.)
    """
    from django.conf import settings

    moment = FROZEN_MOMENTS[request.param].replace(tzinfo=ZoneInfo(settings.TIME_ZONE))
    time_machine.move_to(moment, tick=False)
    return moment


def totp_device(user: User) -> TOTPDevice:
    """The user's confirmed authenticator (created on first use)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="Test-App", confirmed=True)


def totp_code(device: TOTPDevice) -> str:
    """The code an authenticator shows now, or the next one if the current one was used.

    django-otp accepts one step before and after now, and each step only once (replay).
    """
    device.refresh_from_db()
    generator = TOTP(unhexlify(device.key), device.step, device.t0, device.digits)
    centre = int((time.time() - device.t0) // device.step) + device.drift
    for t in (centre, centre + 1, centre - 1):
        if t > device.last_t:
            generator.time = t * device.step + device.t0
            return f"{generator.token():0{device.digits}d}"
    # Tests log in more often than every 30 seconds, which no person with an app can: rewind
    # the replay guard of this test device instead of waiting for the next time step.
    device.last_t = centre - 2
    device.save(update_fields=["last_t"])
    return totp_code(device)


def log_in_client(client: Client, user: User) -> Client:
    """force_login, plus a verified second factor for those who need it (coordination, operator)."""
    client.force_login(user)
    if mfa.is_required(User.objects.get(pk=user.pk)):
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = totp_device(user).persistent_id
        session.save()
    return client


@pytest.fixture
def client_for(db) -> Callable[[User | None], Client]:
    """A fresh test client logged in as the given user (anonymous for None).

    Coordinators and the operator get a session verified with their second factor, the way
    django-otp marks it after a right code.
    """

    def make(user: User | None) -> Client:
        client = Client()
        if user is not None:
            log_in_client(client, user)
        return client

    return make


@pytest.fixture
def coordinator_client(client_for, coordinator) -> Client:
    return client_for(coordinator)


def pytest_terminal_summary(terminalreporter) -> None:
    """Say loudly at the end when the browser tests were skipped (no Chromium)."""
    skipped = [
        report
        for report in terminalreporter.stats.get("skipped", [])
        if "BROWSER TESTS SKIPPED" in str(getattr(report, "longrepr", ""))
    ]
    if skipped:
        terminalreporter.write_sep("!", "BROWSER TESTS SKIPPED", red=True, bold=True)
        terminalreporter.write_line(
            f"{len(skipped)} browser tests (axe-core, 320 px, keyboard) did not run: no Chromium. "
            "Run `make browser` (as root) or set CHROMIUM_PATH.",
            red=True,
        )


@pytest.fixture(autouse=True)
def _empty_cache():
    """Cached summaries are keyed by office and data version; no test sees another's entries."""
    cache.clear()
    yield
    cache.clear()
