"""Anonymous case consultation (anonyme Fallberatung): a pseudonymised case brought by a
professional to a consultant (the ASD of the social space, an insoweit erfahrene Fachkraft) or a
team's round table, and the guard's vocabulary of the youth office."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sozialraum.regions.models import TenantModel


class RareFeature(TenantModel):
    """A word or phrase the youth office knows to identify a child in its area (a rare illness,
    a nationality in a small municipality, a named club): the guard flags it in every text."""

    term = models.CharField(_("Begriff"), max_length=200)
    reason = models.CharField(
        _("Warum erkennbar?"),
        max_length=300,
        blank=True,
        help_text=_("Zum Beispiel: Im Landkreis gibt es nur wenige Kinder mit dieser Erkrankung."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("seltenes Merkmal")
        verbose_name_plural = _("seltene Merkmale")
        ordering = ["term", "id"]
        constraints = [
            models.UniqueConstraint(fields=["youth_office", "term"], name="unique_rare_feature")
        ]

    def __str__(self) -> str:
        return self.term
