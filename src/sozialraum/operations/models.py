"""The operator's own trail: platform-level actions that belong to no single youth office."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    OFFICE_CREATED = "office_created", _("Jugendamt angelegt")
    USER_DEACTIVATED = "user_deactivated", _("Zugang gesperrt")
    USER_REACTIVATED = "user_reactivated", _("Zugang wieder freigegeben")


class OperatorEvent(models.Model):
    """One action of the platform operator (or of the console), shown in the operator area.

    Actions that concern a youth office are also written to that office's audit trail."""

    kind = models.CharField(_("Aktion"), max_length=30, choices=EventKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("durch"),
    )
    subject = models.CharField(_("betrifft"), max_length=300)
    details = models.JSONField(_("Einzelheiten"), default=dict, blank=True)
    created_at = models.DateTimeField(_("Zeitpunkt"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("Aktion des Betriebs")
        verbose_name_plural = _("Aktionen des Betriebs")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.subject}: {self.get_kind_display()}"
