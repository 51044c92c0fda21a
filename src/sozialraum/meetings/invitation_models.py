"""The records of invitations that are not the invitation itself: the personal calendar feed
and the reminder settings of a youth office. Imported by `meetings.models`."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from sozialraum.regions.models import TenantModel


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def feed_token(nonce: str) -> str:
    """The secret of a feed URL: an HMAC of the stored nonce with the SECRET_KEY.

    The database holds the nonce and the token's hash, never the token: a database dump gives
    no working feed URL, and the settings page can still show the URL again."""
    return salted_hmac("sozialraum.meetings.calendar_feed", nonce, algorithm="sha256").hexdigest()[
        :43
    ]


class CalendarFeed(models.Model):
    """A user's personal calendar feed (/kalender/<token>.ics): all meetings of their teams."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    nonce = models.CharField(max_length=64, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("Kalender-Abonnement")
        verbose_name_plural = _("Kalender-Abonnements")

    def __str__(self) -> str:
        return str(self.user)

    @staticmethod
    def new_nonce() -> str:
        return secrets.token_urlsafe(24)

    @property
    def token(self) -> str:
        return feed_token(self.nonce)


class ReminderSettings(TenantModel):
    """When a youth office's invitees are reminded (coordination sets it; one row per office)."""

    days_before = models.PositiveSmallIntegerField(
        _("Erinnerung an alle: wie viele Tage vor dem Treffen?"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_(
            "Alle Eingeladenen, die nicht abgesagt haben, bekommen eine Erinnerung mit ihren "
            "überfälligen Aufgaben. Zum Beispiel 3."
        ),
    )
    answer_days_before = models.PositiveSmallIntegerField(
        _("Nachfrage ohne Antwort: wie viele Tage vor dem Treffen?"),
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_(
            "Wer bis dahin nicht geantwortet hat, wird um eine Antwort gebeten. Zum Beispiel 7."
        ),
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Erinnerungen")
        verbose_name_plural = _("Erinnerungen")
        constraints = [
            models.UniqueConstraint(fields=["youth_office"], name="unique_reminder_settings")
        ]

    def __str__(self) -> str:
        return str(self.youth_office)


def register_audited() -> None:
    """Called from MeetingsConfig.ready(): the audited records of this part and its share of
    the DSGVO requests about a person."""
    from sozialraum.audit import registry
    from sozialraum.lib.privacy import register_person_part
    from sozialraum.meetings.invitation_privacy import PART
    from sozialraum.meetings.models import Invitation

    registry.register(Invitation)
    registry.register(ReminderSettings)
    register_person_part(PART)
