"""Writes of the operator area: onboarding a youth office, (de)activating accounts.

`create_youth_office` is also what the console command `sozialraum create_youth_office` calls.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from sozialraum.accounts.models import Invitation, OfficeRole, Role, User
from sozialraum.accounts.services import invite
from sozialraum.audit.models import Action
from sozialraum.audit.services import record, snapshot, stored_language
from sozialraum.lib.fields import field_label
from sozialraum.operations.models import EventKind, OperatorEvent
from sozialraum.operations.selectors import kreis as find_kreis
from sozialraum.regions.models import RESERVED_SLUGS, SocialSpaceLabel, YouthOffice

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
OFFICE_FIELDS = ["name", "slug", "kreis_key", "social_space_label"]


class OperationsError(Exception):
    """A request the service refuses; `errors` maps field names to German messages."""

    def __init__(self, errors: dict[str, str]):
        super().__init__(" ".join(errors.values()))
        self.errors = errors


def validate_youth_office(
    *, kreis_key: str, name: str, slug: str, social_space_label: str, coordinator_email: str
) -> dict[str, str]:
    """German messages per field for everything that would stop the onboarding."""
    errors: dict[str, str] = {}
    if not re.fullmatch(r"\d{5}", kreis_key):
        errors["kreis_key"] = _("Der Kreisschlüssel hat genau fünf Ziffern, z. B. 03358.")
    elif find_kreis(kreis_key) is None:
        errors["kreis_key"] = _(
            "Zum Kreisschlüssel %(key)s gibt es in der Gemeindeliste keine Gemeinde."
        ) % {"key": kreis_key}
    if not name:
        errors["name"] = _("Bitte geben Sie den Namen des Jugendamts ein.")
    elif len(name) > 200:
        errors["name"] = _("Der Name darf höchstens 200 Zeichen lang sein.")
    elif YouthOffice.objects.filter(name__iexact=name).exists():
        errors["name"] = _("Ein Jugendamt mit diesem Namen gibt es schon.")
    if not slug:
        errors["slug"] = _("Bitte geben Sie eine Kurzbezeichnung für die Adresse ein.")
    elif len(slug) > 60 or not _SLUG.fullmatch(slug):
        errors["slug"] = _(
            "Die Kurzbezeichnung besteht aus Kleinbuchstaben (a–z), Ziffern und Bindestrichen, "
            "höchstens 60 Zeichen, z. B. heidekreis."
        )
    elif slug in RESERVED_SLUGS:
        errors["slug"] = _("Diese Kurzbezeichnung ist reserviert. Bitte wählen Sie eine andere.")
    elif YouthOffice.objects.filter(slug=slug).exists():
        errors["slug"] = _("Diese Kurzbezeichnung hat schon ein anderes Jugendamt.")
    if social_space_label not in SocialSpaceLabel.values:
        errors["social_space_label"] = _("Bitte wählen Sie eine der angebotenen Bezeichnungen.")
    try:
        validate_email(coordinator_email)
    except ValidationError:
        errors["coordinator_email"] = _(
            "Bitte geben Sie eine gültige E-Mail-Adresse ein, z. B. name@landkreis.de."
        )
    return errors


@transaction.atomic
def create_youth_office(
    *,
    kreis_key: str,
    name: str,
    slug: str,
    social_space_label: str,
    coordinator_email: str,
    coordinator_name: str,
    actor: User | None,
) -> tuple[YouthOffice, Invitation]:
    """Create the youth office and invite its first coordinator by e-mail (audited)."""
    kreis_key, name, slug = kreis_key.strip(), " ".join(name.split()), slug.strip()
    coordinator_email = coordinator_email.strip().lower()
    errors = validate_youth_office(
        kreis_key=kreis_key,
        name=name,
        slug=slug,
        social_space_label=social_space_label,
        coordinator_email=coordinator_email,
    )
    if errors:
        raise OperationsError(errors)
    office = YouthOffice(
        name=name, slug=slug, kreis_key=kreis_key, social_space_label=social_space_label
    )
    try:
        with transaction.atomic():  # a parallel request took the name or slug meanwhile
            office.save()
    except IntegrityError:
        raise OperationsError(
            {"slug": _("Name oder Kurzbezeichnung hat inzwischen ein anderes Jugendamt.")}
        ) from None
    after = snapshot(office, OFFICE_FIELDS)
    record(
        office=office,
        actor=actor,
        action=Action.CREATE,
        instance=office,
        changes={label: {"old": "", "new": value} for label, value in after.items()},
    )
    invitation, _token = invite(
        office=office,
        actor=actor,  # type: ignore[arg-type]  # None: created on the console
        email=coordinator_email,
        role=Role.COORDINATION,
        name=coordinator_name.strip(),
    )
    OperatorEvent.objects.create(
        kind=EventKind.OFFICE_CREATED,
        actor=actor,
        subject=office.name,
        details={
            **{field_label(YouthOffice, name): value for name, value in after.items()},
            str(_("Koordination eingeladen")): invitation.email,
        },
    )
    return office, invitation


@transaction.atomic
def set_user_active(*, user: User, active: bool, actor: User) -> User:
    """Deactivate (log out everywhere, no login) or reactivate an account, audited in every
    youth office the person works for and in the operator's trail."""
    user = User.objects.select_for_update().get(pk=user.pk)
    if not active and user.pk == actor.pk:
        raise OperationsError({"user": _("Ihren eigenen Zugang können Sie nicht sperren.")})
    if user.is_active == active:
        return user
    user.is_active = active
    user.save(update_fields=["is_active"])
    with stored_language():
        old, new = (_("gesperrt"), _("aktiv")) if active else (_("aktiv"), _("gesperrt"))
        change = {"access": {"old": str(old), "new": str(new)}}
    for role in OfficeRole.objects.filter(user=user).select_related("youth_office"):
        record(
            office=role.youth_office,
            actor=actor,
            action=Action.UPDATE,
            instance=user,
            label=str(user),
            changes=change,
        )
    OperatorEvent.objects.create(
        kind=EventKind.USER_REACTIVATED if active else EventKind.USER_DEACTIVATED,
        actor=actor,
        subject=f"{user.name} <{user.email}>" if user.name else user.email,
    )
    return user
