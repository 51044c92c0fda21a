"""Building the demo: the youth offices of demo-regions.json, fictional people, history.

`build_demo(scale=N)` runs the steps in `STEPS`; later capabilities append their own step
(a function taking the `DemoContext`). Everything is deterministic (seeded) so benchmarks and
screenshots are repeatable.
"""

from __future__ import annotations

import json
import random
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from sozialraum.accounts.models import OfficeRole, Role, User
from sozialraum.demo.consultations import build_consultations
from sozialraum.demo.names import FIRST_NAMES, LAST_NAMES
from sozialraum.demo.network import build_network
from sozialraum.demo.offers import build_offers
from sozialraum.demo.planning import build_planning
from sozialraum.demo.teams import build_teams
from sozialraum.lib import statistics
from sozialraum.lib.text import person_sort_key
from sozialraum.regions import services as region_services
from sozialraum.regions.models import Municipality, SocialSpace, YouthOffice

DATA_FILE = Path(__file__).resolve().parent / "data" / "demo-regions.json"

# The demo's one authenticator secret (Base32), for every account that must use the second
# factor (coordination, the operator). Public on purpose, documented in README.md: demo only.
DEMO_TOTP_SECRET = "SOZIALRAUMDEMOSOZIALRAUMDEMO2345"  # noqa: S105 (public demo secret)


def demo_totp_code() -> str:
    """The code an authenticator app with the demo secret shows right now."""
    from base64 import b32decode

    from django_otp.oath import TOTP

    return f"{TOTP(b32decode(DEMO_TOTP_SECRET)).token():06d}"


# The demo accounts (README.md, "Demo-Zugänge"): (email, name, office slug or None for the
# operator, role).
DEMO_ACCOUNTS = [
    ("admin@sozialraum.example", "Betrieb Sozialraum", None, None),
    ("koordination@heidekreis.example", "Katrin Meyer", "heidekreis", Role.COORDINATION),
    ("fachkraft@heidekreis.example", "Jonas Albers", "heidekreis", Role.PROFESSIONAL),
    ("schule@heidekreis.example", "Heike Grote", "heidekreis", Role.PROFESSIONAL),
    ("koordination@verden.example", "Maren Kruse", "verden", Role.COORDINATION),
]


@dataclass
class DemoContext:
    password: str
    scale: int = 1
    rng: random.Random = field(default_factory=lambda: random.Random(2026))
    offices: dict[str, YouthOffice] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)
    spaces: dict[str, list[SocialSpace]] = field(default_factory=dict)

    def person_name(self) -> str:
        return f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"


def load_regions(ctx: DemoContext) -> None:
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    municipalities = {m.ags: m for m in Municipality.objects.all()}
    for entry in data["youth_offices"]:
        office = YouthOffice.objects.create(
            name=entry["name"],
            slug=entry["slug"],
            kreis_key=entry["kreis_key"],
            social_space_label=entry["social_space_label"],
            contact_email=f"jugendamt@{entry['slug']}.example",
        )
        ctx.offices[office.slug] = office
        ctx.spaces[office.slug] = []
    # The accounts first, so the social spaces are created by the coordinator (audit trail).
    create_accounts(ctx)
    for entry in data["youth_offices"]:
        office = ctx.offices[entry["slug"]]
        actor = next(
            (u for u in ctx.users.values() if u.role_in(office) == Role.COORDINATION), None
        )
        for space in entry["social_spaces"]:
            created = region_services.create_social_space(
                office=office,
                actor=actor,
                name=space["name"],
                municipalities=[municipalities[ags] for ags in space["ags"]],
                is_demo=bool(space.get("demo")),
            )
            ctx.spaces[office.slug].append(created)


def create_accounts(ctx: DemoContext) -> None:
    for email, name, slug, role in DEMO_ACCOUNTS:
        if slug is None:
            user = User.objects.create_superuser(email, ctx.password, name=name)
        else:
            user = User.objects.create_user(email, ctx.password, name=name)
            assert role is not None  # every account of an office has a role there
            OfficeRole.objects.create(youth_office=ctx.offices[slug], user=user, role=role)
        ctx.users[email] = user
    # Each remaining youth office gets a coordinator of its own (not a documented login).
    for slug, office in ctx.offices.items():
        if not OfficeRole.objects.filter(youth_office=office, role=Role.COORDINATION).exists():
            user = User.objects.create_user(
                f"koordination@{slug}.example", ctx.password, name=ctx.person_name()
            )
            OfficeRole.objects.create(youth_office=office, user=user, role=Role.COORDINATION)
            ctx.users[user.email] = user
    # Coordination and the operator log in with a second factor: the documented demo secret.
    from sozialraum.accounts import mfa

    for user in ctx.users.values():
        if mfa.is_required(user):
            mfa.demo_device(user=user, secret=DEMO_TOTP_SECRET)


# A county youth office works with a few dozen people on the platform; the demo shows that.
HEIDEKREIS_STAFF = 30
HEIDEKREIS_PENDING_INVITATIONS = [
    ("neu.fachkraft@heidekreis.example", "Lena Brandt", Role.PROFESSIONAL),
    ("gemeinde.soltau@heidekreis.example", "", Role.READER),
]


def add_staff(ctx: DemoContext) -> None:
    """Heidekreis: professionals and readers with access, and invitations not yet accepted."""
    from sozialraum.accounts.models import Invitation, hash_token
    from sozialraum.demo.scale import password_hash

    office = ctx.offices["heidekreis"]
    hashed = password_hash(ctx)
    users = User.objects.bulk_create(
        User(
            email=f"team{number:02d}@heidekreis.example",
            name=name,
            sort_key=person_sort_key(name),
            password=hashed,
        )
        for number, name in ((n, ctx.person_name()) for n in range(1, HEIDEKREIS_STAFF + 1))
    )
    OfficeRole.objects.bulk_create(
        OfficeRole(
            youth_office=office,
            user=user,
            role=Role.READER if number % 5 == 0 else Role.PROFESSIONAL,
            user_sort_key=user.sort_key,
        )
        for number, user in enumerate(users, start=1)
    )
    # Pending invitations, written directly: the demo sends no e-mail and keeps no usable link.
    coordinator = ctx.users["koordination@heidekreis.example"]
    Invitation.objects.bulk_create(
        Invitation(
            youth_office=office,
            email=email,
            name=name,
            role=role,
            token_hash=hash_token(secrets.token_urlsafe(32)),
            invited_by=coordinator,
            expires_at=timezone.now() + timedelta(days=10),
        )
        for email, name, role in HEIDEKREIS_PENDING_INVITATIONS
    )


STEPS: list[Callable[[DemoContext], None]] = [load_regions, add_staff, build_network, build_teams]
STEPS.append(build_offers)  # the Familienwegweiser (demo/offers.py)
STEPS.append(build_planning)  # needs, measures, budgets, projects (demo/planning.py)
STEPS.append(build_consultations)  # the anonymous case consultation (demo/consultations.py)


def demo_password(configured: str | None) -> tuple[str, bool]:
    """The demo password: SOZIALRAUM_DEMO_PASSWORD, else a random one (to be printed once)."""
    if configured:
        return configured, False
    return secrets.token_urlsafe(12), True


def build_demo(*, password: str, scale: int = 1) -> DemoContext:
    with transaction.atomic():
        ctx = DemoContext(password=password, scale=scale)
        for step in STEPS:
            step(ctx)
        if scale > 1:
            from sozialraum.demo.scale import build_scaled

            build_scaled(ctx)
    # The planner's statistics for the loaded data, after the commit so that PostgreSQL can
    # also vacuum (lib/statistics.py).
    statistics.refresh()
    return ctx


def reset_demo() -> None:
    """Delete every youth office (with all its rows) and every account."""
    from sozialraum.minutes.models import Task

    with transaction.atomic():
        # Tasks protect their responsible person (minutes.Task.responsible): they go first.
        Task.objects.all().delete()
        YouthOffice.objects.all().delete()
        User.objects.all().delete()
