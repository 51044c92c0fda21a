"""Tenants and geography: youth offices, municipalities, social spaces."""

from __future__ import annotations

from typing import Self

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sozialraum.lib.choices import choice_label
from sozialraum.lib.fields import SortKeyField
from sozialraum.lib.text import sort_key

# Top-level paths that can never be a youth office's slug.
RESERVED_SLUGS = frozenset(
    {
        "admin",
        "api",
        "barrierefreiheit",
        "betrieb",
        "datenschutz",
        "healthz",
        "impressum",
        "kalender",
        "konto",
        "media",
        "plattform",
        "sprache",
        "static",
        "hilfe",
        "en",
        "de",
    }
)


def validate_office_slug(value: str) -> None:
    if value in RESERVED_SLUGS:
        raise ValidationError(
            _("Diese Kurzbezeichnung ist reserviert. Bitte wählen Sie eine andere.")
        )


class SocialSpaceLabel(models.TextChoices):
    """What a youth office calls its social spaces."""

    SOZIALRAUM = "Sozialraum", pgettext_lazy("label", "Sozialraum")
    SOZIALRAUMBEZIRK = "Sozialraumbezirk", pgettext_lazy("label", "Sozialraumbezirk")
    PLANUNGSRAUM = "Planungsraum", pgettext_lazy("label", "Planungsraum")
    REGION = "Region", pgettext_lazy("label", "Region")


_PLURALS = {
    "Sozialraum": _("Sozialräume"),
    "Sozialraumbezirk": _("Sozialraumbezirke"),
    "Planungsraum": _("Planungsräume"),
    "Region": _("Regionen"),
}


class YouthOffice(models.Model):
    """The tenant: a public youth welfare carrier (Jugendamt) and its area."""

    _get_FIELD_display = choice_label  # as in TenantModel (lib/choices.py)

    name = models.CharField(_("Name"), max_length=200, unique=True)
    slug = models.SlugField(
        _("Kurzbezeichnung"),
        max_length=60,
        unique=True,
        validators=[validate_office_slug],
        help_text=_("Erscheint in der Adresse, z. B. heidekreis."),
    )
    kreis_key = models.CharField(
        _("Kreisschlüssel"),
        max_length=5,
        validators=[RegexValidator(r"^\d{5}$", _("Der Kreisschlüssel hat genau fünf Ziffern."))],
        help_text=_("Die ersten fünf Ziffern des Amtlichen Gemeindeschlüssels, z. B. 03358."),
    )
    social_space_label = models.CharField(
        _("Bezeichnung der Sozialräume"),
        max_length=30,
        choices=SocialSpaceLabel.choices,
        default=SocialSpaceLabel.SOZIALRAUM,
    )
    contact_email = models.EmailField(_("Kontakt-E-Mail"), blank=True)
    # Counts every audited change to the office's data (audit.services.record); part of the key
    # of cached summaries such as the county overview, so they are never stale on any server.
    data_version = models.PositiveBigIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Jugendamt")
        verbose_name_plural = _("Jugendämter")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("regions:office", kwargs={"office_slug": self.slug})

    @property
    def social_space_label_plural(self) -> str:
        return str(_PLURALS.get(self.social_space_label, self.social_space_label))

    def municipalities(self) -> models.QuerySet[Municipality]:
        return Municipality.objects.filter(kreis_key=self.kreis_key)


class TenantQuerySet(models.QuerySet):
    def in_office(self, office: YouthOffice) -> Self:
        return self.filter(youth_office=office)


class TenantModel(models.Model):
    """Base for every domain row: it belongs to exactly one youth office."""

    youth_office = models.ForeignKey(
        YouthOffice, on_delete=models.CASCADE, related_name="+", verbose_name=_("Jugendamt")
    )

    objects = TenantQuerySet.as_manager()
    # get_FOO_display() from a table built once per field (lib/choices.py, issue 8).
    _get_FIELD_display = choice_label

    class Meta:
        abstract = True


class Municipality(models.Model):
    """A German municipality (Gemeinde) with its official key (AGS)."""

    ags = models.CharField(
        _("Amtlicher Gemeindeschlüssel"),
        max_length=8,
        unique=True,
        validators=[RegexValidator(r"^\d{8}$", _("Der Gemeindeschlüssel hat genau acht Ziffern."))],
    )
    name = models.CharField(_("Name"), max_length=200)
    kreis_key = models.CharField(_("Kreisschlüssel"), max_length=5, db_index=True, editable=False)

    class Meta:
        verbose_name = _("Gemeinde")
        verbose_name_plural = _("Gemeinden")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.kreis_key = self.ags[:5]
        super().save(*args, **kwargs)

    @property
    def short_name(self) -> str:
        """'Soltau, Stadt' -> 'Soltau': the name without its official suffix."""
        return self.name.split(",")[0].strip()


class SocialSpace(TenantModel):
    """A named group of municipalities of one youth office, served by one team."""

    name = models.CharField(_("Name"), max_length=200)
    description = models.TextField(
        _("Beschreibung"),
        blank=True,
        help_text=_("Was zeichnet den Raum aus? Wer lebt hier? Sichtbar für alle Mitglieder."),
    )
    municipalities: models.ManyToManyField[Municipality, SocialSpaceMunicipality] = (
        models.ManyToManyField(
            Municipality,
            through="SocialSpaceMunicipality",
            related_name="social_spaces",
            verbose_name=_("Gemeinden"),
        )
    )
    is_demo = models.BooleanField(
        _("Demo-Daten"),
        default=False,
        help_text=_("Für die Vorführung erfundene Zuordnung."),
    )
    sort_key = SortKeyField()
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Sozialraum")
        verbose_name_plural = _("Sozialräume")
        ordering = ["sort_key", "id"]
        indexes = [models.Index(fields=["youth_office", "sort_key"])]
        constraints = [
            models.UniqueConstraint(
                fields=["youth_office", "name"], name="unique_social_space_name_per_office"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.sort_key = sort_key(self.name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "sort_key"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse(
            "regions:social_space",
            kwargs={"office_slug": self.youth_office.slug, "pk": self.pk},
        )


class SocialSpaceMunicipality(TenantModel):
    """A municipality's place in a social space; at most one per youth office (a constraint)."""

    social_space = models.ForeignKey(SocialSpace, on_delete=models.CASCADE)
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT)

    class Meta:
        verbose_name = _("Gemeinde im Sozialraum")
        verbose_name_plural = _("Gemeinden im Sozialraum")
        constraints = [
            models.UniqueConstraint(
                fields=["youth_office", "municipality"],
                name="municipality_in_one_social_space_per_office",
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality} ({self.social_space})"
