"""The audit trail: who changed what, when, for the records marked as important."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sozialraum.audit import registry
from sozialraum.regions.models import TenantModel


class Action(models.TextChoices):
    CREATE = "create", _("angelegt")
    UPDATE = "update", _("geändert")
    DELETE = "delete", _("gelöscht")
    INVITE = "invite", _("eingeladen")
    JOIN = "join", _("beigetreten")
    ROLE = "role", _("Rolle geändert")
    REMOVE = "remove", _("entfernt")
    ERASE = "erase", _("personenbezogene Daten gelöscht")
    IMPORT = "import", _("importiert")
    EXPORT = "export", _("exportiert")


class AuditEntry(TenantModel):
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("durch"),
    )
    action = models.CharField(_("Aktion"), max_length=20, choices=Action.choices)
    # "app_label.model_name" (see audit.registry); labels are looked up when shown.
    object_type = models.CharField(_("Art"), max_length=100)
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField(_("Eintrag"), max_length=300)
    changes = models.JSONField(_("Änderungen"), default=dict, blank=True)
    created_at = models.DateTimeField(_("Zeitpunkt"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("Eintrag im Änderungsprotokoll")
        verbose_name_plural = _("Änderungsprotokoll")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["youth_office", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.object_repr}: {self.get_action_display()}"

    @property
    def type_label(self) -> str:
        """The record type in the reader's language ("Organisation", "Social space")."""
        return registry.type_label(self.object_type)

    def change_rows(self, field_label=registry.field_label) -> list[tuple[str, str, str]]:
        """[(field label in the reader's language, before, after)] for display, by label.
        `field_label(object_type, key)` gives the labels (a list page passes a memoised one)."""
        return change_rows(self.object_type, self.changes, field_label)


def change_rows(
    object_type: str, changes: dict, field_label=registry.field_label
) -> list[tuple[str, str, str]]:
    """`AuditEntry.change_rows` for an entry read as plain values (the trail's list)."""
    rows = [
        (field_label(object_type, str(key)), str(values.get("old", "")), str(values.get("new", "")))
        for key, values in changes.items()
    ]
    return sorted(rows, key=lambda row: row[0].casefold())
