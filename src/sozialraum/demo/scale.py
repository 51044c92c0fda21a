"""`sozialraum demo --scale N`: the demo grown about N times, for `make bench`.

`build_scaled(ctx)` runs the steps in `SCALE_STEPS` after the ordinary demo is built. Each step is
a small function taking the `DemoContext`; later capabilities append their own. Everything is
deterministic (drawn from `ctx.rng`) and written with `bulk_create`, so scale 100 builds in
seconds. Grows:

- Heidekreis, the office the benchmark looks at: N×20 more people (Fachkraft or Lesend),
  N×5 pending invitations, N×100 entries in the audit trail;
- N-1 synthetic youth offices ("Demo-Landkreis <n>", slug demo-<n>), each on a real Kreis of its
  own with social spaces of 3-5 municipalities, a coordinator and some history, so that tenant
  scoping is exercised against many other offices' rows;
- Heidekreis: (N-1)×10 more teams with three years of meetings, attendance, minutes, decisions
  and tasks (demo/teams.py: scale 100 about 1,000 teams and 30,000 meetings);
- Heidekreis: (N-1)×20 more needs and (N-1)×5 more approved measures with cost calculations,
  allocations and projects; three years of budgets in every synthetic office (demo/planning.py).
"""

from __future__ import annotations

import random
import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import TYPE_CHECKING

from django.contrib.auth.hashers import make_password
from django.db import models
from django.utils import timezone

from sozialraum.accounts.models import Invitation, OfficeRole, Role, User, hash_token
from sozialraum.audit.models import Action, AuditEntry
from sozialraum.audit.services import stored_language
from sozialraum.demo.network import scale_network
from sozialraum.demo.offers import scale_offers
from sozialraum.demo.planning_scale import scale_planning
from sozialraum.demo.teams import scale_teams
from sozialraum.lib.text import person_sort_key, sort_key
from sozialraum.regions.models import (
    Municipality,
    SocialSpace,
    SocialSpaceLabel,
    SocialSpaceMunicipality,
    YouthOffice,
)

if TYPE_CHECKING:
    from sozialraum.demo.builder import DemoContext

BENCH_OFFICE = "heidekreis"
PEOPLE_PER_SCALE = 20
INVITATIONS_PER_SCALE = 5
AUDIT_ENTRIES_PER_SCALE = 100
AUDIT_ENTRIES_PER_SYNTHETIC_OFFICE = 10
BATCH = 1000

ScaleStep = Callable[["DemoContext"], None]


def password_hash(ctx: DemoContext) -> str:
    """The demo password hashed once; every synthetic account reuses the same hash string."""
    cached = getattr(ctx, "_scale_password_hash", None)
    if cached is None:
        cached = make_password(ctx.password)
        ctx._scale_password_hash = cached  # type: ignore[attr-defined]
    return cached


@contextmanager
def explicit_timestamps(model: type[models.Model], field_name: str) -> Iterator[None]:
    """Let bulk_create keep given timestamps (history spread over a year) on an auto_now_add
    field. The demo command is a one-off process, so switching the flag briefly is safe."""
    field = model._meta.get_field(field_name)
    previous = field.auto_now_add  # type: ignore[union-attr]
    field.auto_now_add = False  # type: ignore[union-attr]
    try:
        yield
    finally:
        field.auto_now_add = previous  # type: ignore[union-attr]


def create_people(
    ctx: DemoContext, office: YouthOffice, count: int, roles: list[str], email_prefix: str
) -> list[User]:
    """`count` accounts with a role in `office` (two INSERTs per batch, no hashing per user)."""
    hashed = password_hash(ctx)
    users = [
        User(
            email=f"{email_prefix}{i:05d}@{office.slug}.example",
            name=name,
            sort_key=person_sort_key(name),
            password=hashed,
        )
        for i, name in ((i, ctx.person_name()) for i in range(1, count + 1))
    ]
    users = User.objects.bulk_create(users, batch_size=BATCH)
    OfficeRole.objects.bulk_create(
        [
            OfficeRole(
                youth_office=office, user=u, role=ctx.rng.choice(roles), user_sort_key=u.sort_key
            )
            for u in users
        ],
        batch_size=BATCH,
    )
    ctx.users.update((u.email, u) for u in users)
    return users


def coordinator_of(office: YouthOffice) -> User | None:
    role = (
        OfficeRole.objects.in_office(office)
        .filter(role=Role.COORDINATION)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return role.user if role else None


def audit_entries(
    ctx: DemoContext,
    office: YouthOffice,
    count: int,
    actors: list[User],
    spaces: list[SocialSpace],
) -> list[AuditEntry]:
    """`count` plausible audit entries over the past year (roles, invitations, spaces)."""
    now = timezone.now()
    choices = [
        (Action.UPDATE, "regions.socialspace", "description"),
        (Action.INVITE, "accounts.invitation", "role"),
        (Action.JOIN, "accounts.invitation", "role"),
        (Action.ROLE, "accounts.officerole", "role"),
        (Action.REMOVE, "accounts.officerole", ""),
    ]
    with stored_language():
        roles = [str(label) for label in Role.labels]
    entries = []
    for i in range(count):
        action, object_type, field = ctx.rng.choice(choices)
        if object_type == "regions.socialspace" and spaces:
            space = ctx.rng.choice(spaces)
            repr_, object_id = space.name, str(space.pk)
            changes = {field: {"old": "", "new": f"Stand {i}: neue Beschreibung (Demo)"}}
        else:
            repr_, object_id = ctx.person_name(), str(i)
            old, new = ctx.rng.sample(roles, 2)
            changes = {field: {"old": old, "new": new}} if field else {}
        entries.append(
            AuditEntry(
                youth_office=office,
                actor=ctx.rng.choice(actors) if actors else None,
                action=action,
                object_type=object_type,
                object_id=object_id,
                object_repr=repr_,
                changes=changes,
                created_at=now - timedelta(minutes=ctx.rng.randrange(1, 365 * 24 * 60)),
            )
        )
    return entries


def save_audit_entries(entries: list[AuditEntry]) -> None:
    with explicit_timestamps(AuditEntry, "created_at"):
        AuditEntry.objects.bulk_create(entries, batch_size=BATCH)


# The steps ------------------------------------------------------------------------------------


def bench_office_people(ctx: DemoContext) -> None:
    office = ctx.offices[BENCH_OFFICE]
    create_people(
        ctx, office, ctx.scale * PEOPLE_PER_SCALE, [Role.PROFESSIONAL, Role.READER], "person"
    )


def bench_office_invitations(ctx: DemoContext) -> None:
    office = ctx.offices[BENCH_OFFICE]
    inviter = coordinator_of(office)
    now = timezone.now()
    Invitation.objects.bulk_create(
        [
            Invitation(
                youth_office=office,
                email=f"eingeladen{i:05d}@beispiel.example",
                name=ctx.person_name(),
                role=ctx.rng.choice([Role.PROFESSIONAL, Role.READER]),
                # Random tokens: nobody ever needs them, so nobody can guess them either.
                token_hash=hash_token(secrets.token_urlsafe(32)),
                invited_by=inviter,
                expires_at=now + timedelta(days=ctx.rng.randint(1, 14)),
            )
            for i in range(1, ctx.scale * INVITATIONS_PER_SCALE + 1)
        ],
        batch_size=BATCH,
    )


def bench_office_audit_trail(ctx: DemoContext) -> None:
    office = ctx.offices[BENCH_OFFICE]
    actors = [u for u in ctx.users.values() if u.email.endswith(f"@{office.slug}.example")]
    count = ctx.scale * AUDIT_ENTRIES_PER_SCALE
    save_audit_entries(audit_entries(ctx, office, count, actors[:50], ctx.spaces[office.slug]))


def free_kreis_keys(count: int, rng: random.Random) -> list[str]:
    """`count` Kreis keys no office uses yet: Kreise with 3+ municipalities first (they make
    proper social spaces), drawn reproducibly from `rng`."""
    used = set(YouthOffice.objects.values_list("kreis_key", flat=True))
    sizes = (
        Municipality.objects.values("kreis_key")
        .annotate(n=models.Count("id"))
        .order_by("kreis_key")
        .values_list("kreis_key", "n")
    )
    free = [(key, n) for key, n in sizes if key not in used]
    large = [key for key, n in free if n >= 3]
    small = [key for key, n in free if n < 3]
    rng.shuffle(large)
    rng.shuffle(small)
    return (large + small)[:count]


def synthetic_offices(ctx: DemoContext) -> None:
    wanted = ctx.scale - 1
    keys = free_kreis_keys(wanted, ctx.rng)
    labels = list(SocialSpaceLabel.values)
    offices = YouthOffice.objects.bulk_create(
        [
            YouthOffice(
                name=f"Demo-Landkreis {n}",
                slug=f"demo-{n}",
                kreis_key=key,
                social_space_label=labels[n % len(labels)],
                contact_email=f"jugendamt@demo-{n}.example",
            )
            for n, key in enumerate(keys, start=1)
        ]
    )
    by_kreis: dict[str, list[Municipality]] = {key: [] for key in keys}
    for municipality in Municipality.objects.filter(kreis_key__in=keys).order_by("name", "ags"):
        by_kreis[municipality.kreis_key].append(municipality)

    # Social spaces of 3-5 municipalities each, in name order.
    groups: list[tuple[SocialSpace, list[Municipality]]] = []
    for office in offices:
        ctx.offices[office.slug] = office
        members = by_kreis[office.kreis_key]
        start, number = 0, 0
        while start < len(members):
            chunk = members[start : start + ctx.rng.randint(3, 5)]
            start, number = start + len(chunk), number + 1
            name = f"{office.social_space_label} {number}: {chunk[0].short_name}"
            space = SocialSpace(
                youth_office=office, name=name, sort_key=sort_key(name), is_demo=True
            )
            groups.append((space, chunk))
    spaces = SocialSpace.objects.bulk_create([space for space, _ in groups], batch_size=BATCH)
    SocialSpaceMunicipality.objects.bulk_create(
        [
            SocialSpaceMunicipality(
                youth_office_id=s.youth_office_id, social_space=s, municipality=m
            )
            for s, (_, chunk) in zip(spaces, groups, strict=True)
            for m in chunk
        ],
        batch_size=BATCH,
    )
    spaces_by_office: dict[int, list[SocialSpace]] = {}
    for space in spaces:
        spaces_by_office.setdefault(space.youth_office_id, []).append(space)

    # One coordinator each (one INSERT for all users, one for all roles).
    hashed = password_hash(ctx)
    coordinators = User.objects.bulk_create(
        [
            User(
                email=f"koordination@{o.slug}.example",
                name=name,
                sort_key=person_sort_key(name),
                password=hashed,
            )
            for o, name in ((o, ctx.person_name()) for o in offices)
        ],
        batch_size=BATCH,
    )
    OfficeRole.objects.bulk_create(
        [
            OfficeRole(youth_office=o, user=u, role=Role.COORDINATION, user_sort_key=u.sort_key)
            for o, u in zip(offices, coordinators, strict=True)
        ],
        batch_size=BATCH,
    )
    history: list[AuditEntry] = []
    for office, user in zip(offices, coordinators, strict=True):
        ctx.users[user.email] = user
        ctx.spaces[office.slug] = spaces_by_office.get(office.pk, [])
        history += audit_entries(
            ctx, office, AUDIT_ENTRIES_PER_SYNTHETIC_OFFICE, [user], ctx.spaces[office.slug]
        )
    save_audit_entries(history)


SCALE_STEPS: list[ScaleStep] = [
    bench_office_people,
    bench_office_invitations,
    bench_office_audit_trail,
    synthetic_offices,
    scale_network,
    scale_teams,
]
SCALE_STEPS.append(scale_offers)  # the Familienwegweiser: N×1,000 offers (demo/offers.py)
SCALE_STEPS.append(scale_planning)  # needs, measures, budgets (demo/planning.py)


def build_scaled(ctx: DemoContext) -> None:
    """Grow the freshly built demo `ctx.scale` times (called by build_demo when scale > 1)."""
    for step in SCALE_STEPS:
        step(ctx)
