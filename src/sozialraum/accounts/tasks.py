"""Background mails of the accounts app. Tasks get ids only; links are built when they send.

The task table (django-tasks-db) keeps arguments for 14 days and shows them in the operator
admin, so no argument may be a secret: invitation and reset tokens are made here, at sending.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django_tasks import task

from sozialraum.accounts.models import Invitation, User, hash_token, invitation_token


def _send(*, subject: str, body: str, to: str) -> None:
    EmailMessage(subject=subject, body=body, to=[to]).send()


@task()
def send_invitation(*, invitation_id: int) -> None:
    invitation = (
        Invitation.objects.pending()
        .select_related("youth_office", "invited_by", "organisation")
        .filter(pk=invitation_id)
        .first()
    )
    if invitation is None or invitation.is_expired or not invitation.token_nonce:
        return  # accepted, revoked, expired or deleted meanwhile: nothing to send
    token = invitation_token(invitation.token_nonce)
    if hash_token(token) != invitation.token_hash:
        # The SECRET_KEY changed since the invitation was made; the new link replaces the old.
        invitation.token_hash = hash_token(token)
        invitation.save(update_fields=["token_hash"])
    office = invitation.youth_office
    url = settings.SITE_URL + reverse("accounts:invitation", kwargs={"token": token})
    body = render_to_string(
        "accounts/email/invitation.txt",
        {"invitation": invitation, "url": url, "office": office, "actor": invitation.invited_by},
    )
    _send(
        subject=_("Einladung zu Sozialraum – %(office)s") % {"office": office.name},
        body=body,
        to=invitation.email,
    )


def _uid_and_token(user: User, generator=default_token_generator) -> dict:
    return {"uid": urlsafe_base64_encode(force_bytes(user.pk)), "token": generator.make_token(user)}


def _site() -> dict:
    protocol, _sep, domain = settings.SITE_URL.partition("://")
    return {"protocol": protocol, "domain": domain, "site_name": "Sozialraum"}


@task()
def send_password_reset(*, user_id: int) -> None:
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.has_usable_password():
        return
    context = {"user": user, "email": user.email, **_site(), **_uid_and_token(user)}
    subject = render_to_string("accounts/email/password_reset_subject.txt", context)
    body = render_to_string("accounts/email/password_reset.txt", context)
    _send(subject="".join(subject.splitlines()), body=body, to=user.email)


@task()
def send_unlock_link(*, user_id: int) -> None:
    from sozialraum.accounts.throttling import unlock_token_generator

    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return
    context = {"user": user, **_site(), **_uid_and_token(user, unlock_token_generator)}
    body = render_to_string("accounts/email/unlock.txt", context)
    _send(subject=_("Ihr Zugang zu Sozialraum: Konto entsperren"), body=body, to=user.email)
