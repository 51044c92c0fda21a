"""Users (log in with their e-mail address), their roles per youth office, invitations."""

from __future__ import annotations

import base64
import hashlib
import secrets
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.contrib import auth
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device, ThrottlingMixin

from sozialraum.lib.fields import SortKeyField
from sozialraum.lib.prepared import Prepared
from sozialraum.lib.text import person_sort_key
from sozialraum.regions.models import TenantModel, TenantQuerySet, YouthOffice


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def get_by_natural_key(self, username: str | None) -> User:
        return self.get(email__iexact=username or "")

    def create_user(self, email: str, password: str | None = None, **fields) -> User:
        if not email:
            raise ValueError("A user needs an e-mail address.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields) -> User:
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):  # type: ignore[django-manager-missing]
    """A person who logs in. Personal data kept to what the platform needs: name and e-mail."""

    email = models.EmailField(_("E-Mail-Adresse"), unique=True)
    name = models.CharField(_("Name"), max_length=150)
    is_active = models.BooleanField(_("aktiv"), default=True)
    is_staff = models.BooleanField(
        _("Betrieb"), default=False, help_text=_("Darf die Betriebsoberfläche öffnen.")
    )
    date_joined = models.DateTimeField(_("registriert am"), default=timezone.now)
    # Part of every session's auth hash: raising it ends all sessions ("auf allen Geräten
    # abmelden"), the same way Django ends them when the password changes.
    session_epoch = models.PositiveIntegerField(default=0, editable=False)
    sort_key = SortKeyField()  # by the last word of the name (the surname), then the rest

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["name"]

    class Meta:
        verbose_name = _("Person mit Zugang")
        verbose_name_plural = _("Personen mit Zugang")
        ordering = ["sort_key", "email"]
        indexes = [models.Index(fields=["sort_key", "email"])]

    def __str__(self) -> str:
        return self.name or self.email

    def clean(self) -> None:
        super().clean()
        self.email = self.email.lower()

    @classmethod
    def from_db(cls, db, field_names, values):
        user = super().from_db(db, field_names, values)
        user._stored_sort_key = user.__dict__.get("sort_key")
        return user

    def save(self, *args, **kwargs) -> None:
        self.sort_key = person_sort_key(self.name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "sort_key"}
        super().save(*args, **kwargs)
        stored = self.__dict__.get("_stored_sort_key")
        if stored is not None and stored != self.sort_key:
            # Renamed: the roles' copy of the key follows (OfficeRole.user_sort_key).
            OfficeRole.objects.filter(user_id=self.pk).update(user_sort_key=self.sort_key)
        self._stored_sort_key = self.sort_key

    def get_full_name(self) -> str:
        return self.name

    def get_short_name(self) -> str:
        return self.name.split(" ")[0] if self.name else self.email

    def get_session_auth_hash(self) -> str:
        return self._session_hash(None)

    def get_session_auth_fallback_hash(self) -> Iterator[str]:
        for secret in settings.SECRET_KEY_FALLBACKS:
            yield self._session_hash(secret)

    def _session_hash(self, secret: str | bytes | None) -> str:
        """Django's session hash (from the password hash), plus the session epoch."""
        return salted_hmac(
            "sozialraum.accounts.User.session_auth_hash",
            f"{self.password}:{self.session_epoch}",
            secret=secret,
            algorithm="sha256",
        ).hexdigest()

    def has_perm(self, perm: str, obj: Any = None) -> bool:
        """Ask the rules, without Django's blanket "a superuser may do anything".

        The operator's rights are written into the rules (coordination in every youth office,
        see accounts/predicates.py), so that a rule such as "the carrier editor of this
        organisation" stays false for them. Model permissions without an object (the Django
        admin) still come from ModelBackend, which grants the superuser all of them."""
        if not self.is_active:
            return False
        for backend in auth.get_backends():
            try:
                if getattr(backend, "has_perm", None) and backend.has_perm(self, perm, obj):
                    return True
            except PermissionDenied:
                return False
        return False

    @property
    def is_operator(self) -> bool:
        """The platform operator stands above the youth offices' roles."""
        return self.is_active and self.is_superuser

    def roles_by_office(self) -> dict[int, tuple[str, int | None]]:
        """{youth_office_id: (role, organisation_id)}, loaded once per user object."""
        cache = getattr(self, "_office_roles_cache", None)
        if cache is None:
            rows = _ROLES_OF_USER.all(self.pk)
            cache = {office_id: (role, org_id) for office_id, role, org_id in rows}
            self._office_roles_cache = cache
        return cache

    def office_roles(self) -> dict[int, str]:
        """{youth_office_id: role} (one query per request, then cached on the user)."""
        return {office_id: role for office_id, (role, _org) in self.roles_by_office().items()}

    def edited_organisation_id(self, office: YouthOffice | None) -> int | None:
        """For a carrier editor: the one organisation they maintain in this office."""
        if office is None:
            return None
        role, org_id = self.roles_by_office().get(office.pk, (None, None))
        return org_id if role == Role.CARRIER_EDITOR else None

    def role_in(self, office: YouthOffice | None) -> str | None:
        if office is None or not self.is_active:
            return None
        if self.is_operator:
            return Role.COORDINATION
        return self.office_roles().get(office.pk)

    def youth_offices(self) -> models.QuerySet[YouthOffice]:
        if self.is_operator:
            return YouthOffice.objects.all()
        return YouthOffice.objects.filter(pk__in=list(self.office_roles()))


class Role(models.TextChoices):
    COORDINATION = "koordination", _("Koordination")
    PROFESSIONAL = "fachkraft", _("Fachkraft")
    READER = "lesend", _("Lesend")
    CARRIER_EDITOR = "traeger", _("Redaktion einer Organisation")


# What each role may do today (accounts/, audit/, network/ and regions/rules.py); no promises.
ROLE_DESCRIPTIONS = {
    Role.COORDINATION: _(
        "Richtet Sozialräume ein, pflegt das Verzeichnis und löscht Organisationen, prüft die "
        "Vorschläge der Redaktion, importiert Listen, verwaltet Zugänge und Einladungen, liest "
        "das Änderungsprotokoll und erteilt Auskünfte nach der DSGVO."
    ),
    Role.PROFESSIONAL: _(
        "Liest die Sozialräume und das Verzeichnis, legt Organisationen und Personen an und "
        "bearbeitet sie samt ihrer Zugehörigkeiten. Organisationen löschen kann nur die "
        "Koordination."
    ),
    Role.READER: _(
        "Liest die Sozialräume und das Verzeichnis der Organisationen und Personen, ändert aber "
        "nichts."
    ),
    Role.CARRIER_EDITOR: _(
        "Pflegt die Personen der eigenen Organisation direkt; Änderungen am Eintrag der "
        "Organisation prüft die Koordination, bevor sie gelten. Einladen können Sie sie auf der "
        "Seite der Organisation."
    ),
}


class OfficeRole(TenantModel):
    """A user's role in one youth office. A person can work for several youth offices."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="office_role_set", verbose_name=_("Person")
    )
    role = models.CharField(_("Rolle"), max_length=20, choices=Role.choices)
    organisation = models.ForeignKey(
        "network.Organisation",
        null=True,
        blank=True,
        on_delete=models.RESTRICT,
        related_name="editor_roles",
        verbose_name=_("Organisation"),
        help_text=_("Nur für die Rolle „Redaktion einer Organisation“."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # The user's sort key, copied: the access list reads a page of an office's roles in name
    # order from an index instead of sorting all of them across the join with the users
    # (issue 8). Set by `save` (and where roles are created in bulk), kept by `User.save`.
    user_sort_key = SortKeyField()

    class Meta:
        verbose_name = _("Rolle im Jugendamt")
        verbose_name_plural = _("Rollen im Jugendamt")
        indexes = [models.Index(fields=["youth_office", "user_sort_key"])]
        constraints = [
            models.UniqueConstraint(fields=["youth_office", "user"], name="one_role_per_office"),
            models.CheckConstraint(
                condition=models.Q(role="traeger", organisation__isnull=False)
                | (~models.Q(role="traeger") & models.Q(organisation__isnull=True)),
                name="organisation_only_for_carrier_editors",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()}"

    def save(self, *args, **kwargs) -> None:
        self.user_sort_key = self.user.sort_key
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "user_sort_key"}
        super().save(*args, **kwargs)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_token_nonce() -> str:
    return secrets.token_urlsafe(24)


def invitation_token(nonce: str) -> str:
    """The secret of an invitation link: an HMAC of the stored nonce with the SECRET_KEY.

    The database holds the nonce and the token's hash, never the token: neither a database dump
    nor the task table gives a working link. The sending task rebuilds the token from the
    invitation's id when it sends (accounts.tasks.send_invitation).
    """
    digest = salted_hmac("sozialraum.accounts.invitation", nonce, algorithm="sha256").digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


class InvitationQuerySet(TenantQuerySet):
    def pending(self) -> InvitationQuerySet:
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True)


class Invitation(TenantModel):
    """An invitation by e-mail to a youth office. Only the token's hash is stored."""

    email = models.EmailField(_("E-Mail-Adresse"))
    name = models.CharField(_("Name"), max_length=150, blank=True)
    role = models.CharField(_("Rolle"), max_length=20, choices=Role.choices)
    organisation = models.ForeignKey(
        "network.Organisation",
        null=True,
        blank=True,
        on_delete=models.RESTRICT,
        related_name="+",
        verbose_name=_("Organisation"),
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    # The token is rebuilt from this and the SECRET_KEY when the mail is sent (never stored).
    token_nonce = models.CharField(max_length=64, blank=True, editable=False)
    invited_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("gültig bis"))
    accepted_at = models.DateTimeField(_("angenommen am"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(_("zurückgezogen am"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()  # type: ignore[misc]  # stubs: narrower manager of a subclass

    class Meta:
        verbose_name = _("Einladung")
        verbose_name_plural = _("Einladungen")
        ordering = ["-created_at"]
        # The access list's pending invitations, newest first, without sorting them all.
        indexes = [models.Index(fields=["youth_office", "-created_at"])]

    def __str__(self) -> str:
        return self.email

    @property
    def is_expired(self) -> bool:
        return timezone.now() >= self.expires_at

    @property
    def state(self) -> str:
        if self.accepted_at:
            return "accepted"
        if self.revoked_at:
            return "revoked"
        if self.is_expired:
            return "expired"
        return "pending"


class RecoveryCodeDevice(ThrottlingMixin, Device):
    """A user's set of one-time recovery codes for the second factor (django-otp device).

    The codes are stored only as salted password hashes (ASVS 6.5.2): a code reads
    ``ABCD-EFGH-JKLM``; its first group finds the row, the whole code is checked against the hash.
    """

    class Meta:
        verbose_name = _("Wiederherstellungscodes")
        verbose_name_plural = _("Wiederherstellungscodes")

    def get_throttle_factor(self) -> int:
        return getattr(settings, "OTP_TOTP_THROTTLE_FACTOR", 1)

    def verify_token(self, token: str) -> bool:
        from django.contrib.auth.hashers import check_password

        allowed, _info = self.verify_is_allowed()
        if not allowed:
            return False
        code = normalise_recovery_code(token)
        row = (
            self.codes.filter(lookup=code[:4], used_at__isnull=True).first()
            if len(code) == RECOVERY_CODE_LENGTH
            else None
        )
        if row is not None and check_password(code, row.code_hash):
            row.used_at = timezone.now()
            row.save(update_fields=["used_at"])
            self.throttle_reset()
            return True
        self.throttle_increment()
        return False

    def unused_count(self) -> int:
        return self.codes.filter(used_at__isnull=True).count()


RECOVERY_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I
RECOVERY_CODE_LENGTH = 12


def normalise_recovery_code(value: str) -> str:
    return "".join(ch for ch in (value or "").upper() if ch.isalnum())


class RecoveryCode(models.Model):
    device = models.ForeignKey(RecoveryCodeDevice, on_delete=models.CASCADE, related_name="codes")
    lookup = models.CharField(max_length=4)
    code_hash = models.CharField(max_length=128)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Wiederherstellungscode")
        verbose_name_plural = _("Wiederherstellungscodes")
        constraints = [
            models.UniqueConstraint(fields=["device", "lookup"], name="one_lookup_per_device")
        ]

    def __str__(self) -> str:
        return f"{self.lookup}-…"


class UsedFormToken(models.Model):
    """A create form that was sent (lib/idempotency.py): its one-time token, who sent it and the
    page of what it created. The unique token makes the claim atomic: a second submit of the
    same form fails to insert and is shown the first result instead of creating a duplicate.
    Deleted after a day (accounts/retention.py)."""

    token = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("abgeschicktes Formular")
        verbose_name_plural = _("abgeschickte Formulare")

    def __str__(self) -> str:
        return self.url


# A logged-in user's roles are read on every request: compiled once (lib/prepared.py).
_ROLES_OF_USER = Prepared(
    lambda user_id: OfficeRole.objects.filter(user_id=user_id).values_list(
        "youth_office_id", "role", "organisation_id"
    ),
    int,
    rows=True,
)
# The session's user together with their roles: a row per role (one without a role), so the
# user and the roles every office page needs cost one round trip instead of two (issue 8).
_ROLE_COLUMNS = ("role_office_id", "role_name", "role_organisation_id")
_USER_WITH_ROLES = Prepared(
    lambda pk: (
        User._default_manager.filter(pk=pk)
        .order_by()
        .annotate(
            role_office_id=models.F("office_role_set__youth_office_id"),
            role_name=models.F("office_role_set__role"),
            role_organisation_id=models.F("office_role_set__organisation_id"),
        )
    ),
    int,
)


def user_with_roles(pk: Any) -> User | None:
    """The user with this pk, their roles already loaded (`roles_by_office` runs no query), or
    None."""
    rows = _USER_WITH_ROLES.all(pk)
    if not rows:
        return None
    user = rows[0]
    user._office_roles_cache = {
        row.role_office_id: (row.role_name, row.role_organisation_id)
        for row in rows
        if row.role_office_id is not None
    }
    for name in _ROLE_COLUMNS:  # one role's columns: not a property of the user
        delattr(user, name)
    return user
