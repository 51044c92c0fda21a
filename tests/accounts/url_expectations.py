"""The URL walk's expectations for accounts (sozialraum.accounts): logging in, password reset,
invitations, and the office's people with access."""

from __future__ import annotations

from django.contrib.auth.tokens import default_token_generator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from sozialraum.accounts import services as account_services
from sozialraum.accounts.models import OfficeRole, Role
from sozialraum.accounts.throttling import unlock_token_generator
from tests.conftest import make_user
from tests.walk import (
    COORDINATION_PAGE,
    COORDINATION_WRITE,
    LOGIN,
    POST_ONLY,
    PUBLIC,
    Expect,
    Walk,
    same,
)

# The personas that must use the second factor (their walk sessions are verified).
REQUIRED_MFA = ("coordinator", "coordinator_b", "operator")


def build(walk: Walk) -> None:
    world = walk.world
    invitation, token = account_services.invite(
        office=world.office_a,
        actor=world.coordinator,
        email="eingeladen@heidekreis.example",
        role=Role.PROFESSIONAL,
    )
    walk.rows["invitation"] = invitation.pk
    walk.rows["invitation_token"] = token
    walk.rows["reader_role"] = OfficeRole.objects.get(user=world.reader).pk
    # The password reset link's user: not a persona, since logging in would void the link.
    walk.rows["reset_user"] = make_user("vergessen@heidekreis.example", "Vera Vergessen")


def reset_link(walk: Walk) -> dict[str, str]:
    user = walk.rows["reset_user"]
    return {
        "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
    }


def unlock_link(walk: Walk) -> dict[str, str]:
    user = walk.rows["reset_user"]
    return {
        "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": unlock_token_generator.make_token(user),
    }


def reader_role(walk: Walk) -> int:
    return walk.rows["reader_role"]


EXPECTED: dict[str, Expect] = {
    "accounts:login": Expect(
        get={**same(302), "anonymous": 200}, post={**same(302), "anonymous": 200}
    ),
    "accounts:logout": Expect(get=same(405), post=same(302)),
    "accounts:password_reset": Expect(get=PUBLIC, post=PUBLIC),
    "accounts:password_reset_done": Expect(get=PUBLIC),
    # A valid link: on to the form.
    "accounts:password_reset_confirm": Expect(get=same(302), params=reset_link),
    "accounts:password_reset_complete": Expect(get=PUBLIC),
    # The own account and the second factor (coordination and the operator have one here).
    "accounts:account": Expect(get={**same(200), "anonymous": LOGIN}),
    "accounts:logout_everywhere": Expect(get=same(405), post={**same(302), "anonymous": LOGIN}),
    # Verified sessions go on to `next`; those without an authenticator to the set-up.
    "accounts:mfa_verify": Expect(
        get={**same(302), "anonymous": LOGIN}, post={**same(302), "anonymous": LOGIN}
    ),
    "accounts:mfa": Expect(get={**same(200), "anonymous": LOGIN}),
    "accounts:mfa_setup": Expect(
        get={**same(200), "anonymous": LOGIN},
        post={**same(200), "anonymous": LOGIN},  # empty form: the error at the field
    ),
    "accounts:mfa_new_codes": Expect(
        get=same(405),
        post={**same(302), "anonymous": LOGIN, **dict.fromkeys(REQUIRED_MFA, 200)},
    ),
    # Required for coordination and the operator: not to be switched off (back to the page).
    "accounts:mfa_disable": Expect(
        get={**same(302), "anonymous": LOGIN}, post={**same(302), "anonymous": LOGIN}
    ),
    "accounts:unlock": Expect(get=PUBLIC, post=PUBLIC),  # empty form: field error
    # A valid link: the button to unlock.
    "accounts:unlock_confirm": Expect(get=PUBLIC, params=unlock_link),
    # The link is for the invited address only: anybody logged in with another one gets 403.
    "accounts:invitation": Expect(
        get={**same(403), "anonymous": 200},
        post={**same(403), "anonymous": 200},  # anonymous: empty form, errors at the fields
        params=lambda walk: {"token": walk.rows["invitation_token"]},
    ),
    # Office A: people with access
    "access:list": Expect(get=COORDINATION_PAGE, post=COORDINATION_PAGE),
    "access:change_role": Expect(
        get=POST_ONLY,
        post=COORDINATION_WRITE,
        post_data={"role": Role.PROFESSIONAL},
        pk=reader_role,
    ),
    "access:remove_access": Expect(get=COORDINATION_PAGE, post=COORDINATION_WRITE, pk=reader_role),
    "access:revoke_invitation": Expect(
        get=POST_ONLY, post=COORDINATION_WRITE, pk=lambda walk: walk.rows["invitation"]
    ),
}

# The people with access to office A (the personas of tests/conftest.py). The invited address
# is no secret to whoever holds the invitation's link: its page names the address it is for.
SECRETS = (
    "Katrin Meyer",
    "Jonas Albers",
    "Lena Brandt",
    "lesend@heidekreis.example",
    "Tom Träger",
)
