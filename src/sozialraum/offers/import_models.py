"""An uploaded offer import waiting for coordination's decision (offers/import_views.py).

The file is kept between the preview and "Import ausführen" (checked again then, against the
offers as they are at that moment); uploads older than a day are deleted at the next upload.
Imported at the end of offers/models.py, so Django registers the model with the app.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sozialraum.regions.models import TenantModel


class PendingOfferImport(TenantModel):
    filename = models.CharField(max_length=255)
    data = models.BinaryField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("hochgeladener Angebots-Import")
        verbose_name_plural = _("hochgeladene Angebots-Importe")

    def __str__(self) -> str:
        return self.filename
