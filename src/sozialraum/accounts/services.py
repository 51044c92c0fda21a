"""Invitations and roles: the writes of the accounts app."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sozialraum.accounts.models import (
    Invitation,
    OfficeRole,
    Role,
    User,
    hash_token,
    invitation_token,
    new_token_nonce,
)
from sozialraum.audit.models import Action
from sozialraum.audit.services import record
from sozialraum.regions.models import YouthOffice


class InvitationError(Exception):
    """An invitation link that cannot be used; the message says why and what to do."""


class WrongInviteeError(InvitationError):
    """The link is opened by a logged-in person with another e-mail address."""


def check_invitee(invitation: Invitation, user: User) -> None:
    """An invitation is for the address it was sent to: the link alone is not a credential."""
    if user.email.lower() != invitation.email.lower():
        raise WrongInviteeError(
            _(
                "Diese Einladung gilt für %(invited)s. Sie sind aber als %(own)s angemeldet. Bitte "
                "melden Sie sich ab und öffnen Sie den Link dann noch einmal."
            )
            % {"invited": invitation.email, "own": user.email}
        )


class LastCoordinatorError(Exception):
    pass


@transaction.atomic
def invite(
    *,
    office: YouthOffice,
    actor: User,
    email: str,
    role: str,
    name: str = "",
    organisation=None,
) -> tuple[Invitation, str]:
    """Create an invitation and send its link. Returns the invitation and the secret token.

    Carrier editors (Role.CARRIER_EDITOR) are invited for exactly one organisation.
    """
    if (role == Role.CARRIER_EDITOR) != (organisation is not None):
        raise ValueError("A carrier editor needs an organisation; other roles take none.")
    if organisation is not None and organisation.youth_office_id != office.pk:
        raise ValueError("The organisation belongs to another youth office.")
    email = email.strip().lower()
    # A newer invitation replaces older pending ones to the same address.
    Invitation.objects.in_office(office).pending().filter(email=email).update(
        revoked_at=timezone.now()
    )
    nonce = new_token_nonce()
    token = invitation_token(nonce)
    invitation = Invitation.objects.create(
        youth_office=office,
        email=email,
        name=name.strip(),
        role=role,
        organisation=organisation,
        token_hash=hash_token(token),
        token_nonce=nonce,
        invited_by=actor,
        expires_at=timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    record(
        office=office,
        actor=actor,
        action=Action.INVITE,
        instance=invitation,
        changes={"role": {"old": "", "new": Role(invitation.role).label}},
    )
    # The task gets the id only and builds the link when it sends: no secret in the task table.
    from sozialraum.accounts.tasks import send_invitation

    transaction.on_commit(lambda: send_invitation.enqueue(invitation_id=invitation.pk))
    return invitation, token


def find_invitation(token: str) -> Invitation:
    """The invitation behind a link, or InvitationError saying what went wrong."""
    invitation = (
        Invitation.objects.select_related("youth_office", "invited_by")
        .filter(token_hash=hash_token(token))
        .first()
    )
    if invitation is None:
        raise InvitationError(
            _(
                "Diesen Einladungslink kennen wir nicht. Bitte prüfen Sie, ob Sie ihn vollständig "
                "kopiert haben, oder bitten Sie die Koordination um eine neue Einladung."
            )
        )
    if invitation.accepted_at:
        raise InvitationError(
            _(
                "Diese Einladung wurde schon angenommen. Sie können sich mit Ihrer E-Mail-Adresse "
                "anmelden. Passwort vergessen? Dann setzen Sie es auf der Anmeldeseite neu."
            )
        )
    if invitation.revoked_at:
        raise InvitationError(
            _(
                "Diese Einladung wurde zurückgezogen oder durch eine neuere ersetzt. Bitte nutzen "
                "Sie den Link aus der neuesten E-Mail oder fragen Sie die Koordination."
            )
        )
    if invitation.is_expired:
        raise InvitationError(
            _(
                "Diese Einladung ist abgelaufen. Bitte bitten Sie die Koordination von "
                "%(office)s, Sie erneut einzuladen."
            )
            % {"office": invitation.youth_office.name}
        )
    return invitation


@transaction.atomic
def accept_invitation(
    *, token: str, user: User | None = None, name: str = "", password: str = ""
) -> User:
    """Accept: an existing (logged-in) user gets the role; otherwise a new account is made."""
    invitation = find_invitation(token)
    # Lock the row so the same link cannot be used twice in parallel.
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at:
        raise InvitationError(_("Diese Einladung wurde schon angenommen."))
    if user is None:
        user = User.objects.filter(email__iexact=invitation.email).first()
        if user is not None:
            raise InvitationError(
                _(
                    "Für diese E-Mail-Adresse gibt es schon einen Zugang. Bitte melden Sie sich "
                    "an und öffnen Sie den Link danach noch einmal."
                )
            )
        user = User.objects.create_user(invitation.email, password, name=name.strip())
    else:
        check_invitee(invitation, user)
    office = invitation.youth_office
    if OfficeRole.objects.filter(youth_office=office, user=user).exists():
        # Accepting must never change an existing role (it could demote the last coordinator).
        raise InvitationError(
            _(
                "Sie haben schon Zugang zu %(office)s. Ihre Rolle ändert die Koordination in der "
                "Liste der Zugänge; diese Einladung bleibt für die eingeladene Person gültig."
            )
            % {"office": office.name}
        )
    OfficeRole.objects.update_or_create(
        youth_office=office,
        user=user,
        defaults={"role": invitation.role, "organisation": invitation.organisation},
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    record(
        office=office,
        actor=user,
        action=Action.JOIN,
        instance=invitation,
        label=user.name or user.email,
        changes={"role": {"old": "", "new": Role(invitation.role).label}},
    )
    return user


@transaction.atomic
def revoke_invitation(*, invitation: Invitation, actor: User) -> None:
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    record(office=invitation.youth_office, actor=actor, action=Action.REMOVE, instance=invitation)


def _ensure_other_coordinator(office_role: OfficeRole) -> None:
    if office_role.role != Role.COORDINATION:
        return
    others = (
        OfficeRole.objects.in_office(office_role.youth_office)
        .filter(role=Role.COORDINATION, user__is_active=True)
        .exclude(pk=office_role.pk)
        .select_for_update()
    )
    if not others.exists():
        raise LastCoordinatorError(
            _(
                "%(name)s ist die einzige Koordination in diesem Jugendamt. Ernennen Sie zuerst "
                "eine weitere Person zur Koordination."
            )
            % {"name": office_role.user}
        )


@transaction.atomic
def change_role(*, office_role: OfficeRole, actor: User, role: str) -> OfficeRole:
    if office_role.role == role:
        return office_role
    if role != Role.COORDINATION:
        _ensure_other_coordinator(office_role)
    if role == Role.CARRIER_EDITOR and office_role.organisation_id is None:
        raise ValueError("A carrier editor is invited for an organisation, not appointed.")
    old = office_role.role
    office_role.role = role
    if role != Role.CARRIER_EDITOR:
        office_role.organisation = None
    office_role.save(update_fields=["role", "organisation"])
    record(
        office=office_role.youth_office,
        actor=actor,
        action=Action.ROLE,
        instance=office_role,
        label=str(office_role.user),
        changes={"role": {"old": Role(old).label, "new": Role(office_role.role).label}},
    )
    return office_role


@transaction.atomic
def remove_from_office(*, office_role: OfficeRole, actor: User) -> None:
    _ensure_other_coordinator(office_role)
    record(
        office=office_role.youth_office,
        actor=actor,
        action=Action.REMOVE,
        instance=office_role,
        label=str(office_role.user),
    )
    office_role.delete()
