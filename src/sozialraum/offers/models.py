"""The Familienwegweiser: offers for families, their topics, dates and public pages.

An offer belongs to one youth office and one provider organisation of that office. Coordination
and Fachkräfte edit offers directly; a carrier editor's edit of an existing offer becomes an
`OfferChange` that coordination reviews (as `network.OrganisationChange`). The public guide shows
only `Offer.objects.public(office)`: published, valid today, confirmed recently enough.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any, Self

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sozialraum.lib.fields import SortKeyField
from sozialraum.lib.text import sort_key
from sozialraum.network.models import ChangeStatus, Organisation, confirmation_deadline
from sozialraum.regions.models import (
    Municipality,
    SocialSpace,
    TenantModel,
    TenantQuerySet,
    YouthOffice,
)

# An offer not confirmed for 12 months (network.CONFIRMATION_MONTHS) gets a reminder to its
# provider (`sozialraum remind_offers`); after this grace period it leaves the public guide.
GRACE_PERIOD = timedelta(weeks=4)
MAX_AGE = 27  # years; the age range of an offer lies within 0..MAX_AGE


class TargetGroup(models.TextChoices):
    PREGNANT = "schwangere", _("Schwangere")
    PARENTS = "eltern", _("Eltern")
    CHILDREN = "kinder", _("Kinder")
    YOUTH = "jugendliche", _("Jugendliche")
    FAMILIES = "familien", _("Familien")
    PROFESSIONALS = "fachkraefte", _("Fachkräfte")


class Language(models.TextChoices):
    """Languages an offer is held in: ISO 639 codes with German names."""

    GERMAN = "de", _("Deutsch")
    ENGLISH = "en", _("Englisch")
    ARABIC = "ar", _("Arabisch")
    TURKISH = "tr", _("Türkisch")
    UKRAINIAN = "uk", _("Ukrainisch")
    RUSSIAN = "ru", _("Russisch")
    POLISH = "pl", _("Polnisch")
    ROMANIAN = "ro", _("Rumänisch")
    BULGARIAN = "bg", _("Bulgarisch")
    PERSIAN = "fa", _("Persisch (Farsi/Dari)")
    PASHTO = "ps", _("Paschtu")
    KURDISH = "ku", _("Kurdisch")
    TIGRINYA = "ti", _("Tigrinya")
    SOMALI = "so", _("Somali")
    ALBANIAN = "sq", _("Albanisch")
    SERBIAN = "sr", _("Serbisch")
    CROATIAN = "hr", _("Kroatisch")
    FRENCH = "fr", _("Französisch")
    SPANISH = "es", _("Spanisch")
    ITALIAN = "it", _("Italienisch")
    VIETNAMESE = "vi", _("Vietnamesisch")
    SIGN_LANGUAGE = "gsg", _("Deutsche Gebärdensprache")


class OfferStatus(models.TextChoices):
    DRAFT = "entwurf", _("Entwurf")
    PUBLISHED = "veroeffentlicht", _("veröffentlicht")
    HIDDEN = "verborgen", _("verborgen")


# The topics a youth office starts with (OfferTopic.ensure_defaults, on first use).
DEFAULT_TOPICS = (
    _("Beratung"),
    _("Bildung"),
    _("Freizeit"),
    _("Gesundheit"),
    _("Kinderbetreuung"),
    _("Frühe Hilfen"),
)


class OfferTopic(TenantModel):
    """A topic of the office's vocabulary (Thema): Beratung, Bildung, Freizeit, …"""

    name = models.CharField(_("Name"), max_length=100)
    sort_key = SortKeyField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Thema")
        verbose_name_plural = _("Themen")
        ordering = ["sort_key", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["youth_office", "name"], name="unique_offer_topic_per_office"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.sort_key = sort_key(self.name)
        super().save(*args, **kwargs)

    @classmethod
    def ensure_defaults(cls, office: YouthOffice) -> None:
        """Create the default topics when the office has none yet (first use)."""
        if cls.objects.in_office(office).exists():
            return
        cls.objects.bulk_create(
            [
                cls(youth_office=office, name=str(name), sort_key=sort_key(str(name)))
                for name in DEFAULT_TOPICS
            ],
            ignore_conflicts=True,
        )
        # Not audited, so the version is raised here: the guide's topic filter is cached under
        # it (offers/forms.py) and shows the new topics at once.
        YouthOffice.objects.filter(pk=office.pk).update(data_version=models.F("data_version") + 1)


class OfferQuerySet(TenantQuerySet):
    def valid_on(self, day: date | None = None) -> Self:
        day = day or timezone.localdate()
        return self.filter(
            models.Q(valid_from__isnull=True) | models.Q(valid_from__lte=day),
            models.Q(valid_until__isnull=True) | models.Q(valid_until__gte=day),
        )

    def public(self, office: YouthOffice, now: datetime | None = None) -> Self:
        """What the public guide of `office` may show: published, valid today, and confirmed
        within CONFIRMATION_MONTHS plus the grace period."""
        now = now or timezone.now()
        today = timezone.localdate(now)
        return self.in_office(office).filter(
            public_conditions(hidden_after_deadline(now), today, today)
        )

    def due_for_check(self, now: datetime | None = None) -> Self:
        """Not confirmed for CONFIRMATION_MONTHS, oldest first."""
        return self.filter(confirmed_at__lt=confirmation_deadline(now)).order_by(
            "confirmed_at", "id"
        )


def public_conditions(confirmed_after: Any, valid_from_by: Any, valid_until_from: Any) -> models.Q:
    """The conditions of `OfferQuerySet.public` (besides the office): published, confirmed at
    or after `confirmed_after`, valid from `valid_from_by` or earlier and until
    `valid_until_from` or later (both today; values or expressions, e.g. a compiled query's
    parameters)."""
    return (
        models.Q(status=OfferStatus.PUBLISHED, confirmed_at__gte=confirmed_after)
        & (models.Q(valid_from__isnull=True) | models.Q(valid_from__lte=valid_from_by))
        & (models.Q(valid_until__isnull=True) | models.Q(valid_until__gte=valid_until_from))
    )


def hidden_after_deadline(now: datetime | None = None) -> datetime:
    """Offers confirmed before this moment are no longer public (12 months + grace period)."""
    return confirmation_deadline(now) - GRACE_PERIOD


class Offer(TenantModel):
    """An offer for families (Angebot) in the Familienwegweiser."""

    # The fields people edit, written once: forms, services, audit trail and the review of
    # proposals take this list. Topics, target groups, social spaces, languages and dates are
    # the "many" parts beside it (MANY_FIELDS).
    EDITABLE_FIELDS = (
        "title",
        "description",
        "organisation",
        "age_from",
        "age_until",
        "municipality",
        "street",
        "postcode",
        "city",
        "latitude",
        "longitude",
        "schedule",
        "is_free",
        "costs",
        "step_free",
        "accessibility_note",
        "contact_name",
        "phone",
        "email",
        "website",
        "valid_from",
        "valid_until",
        "external_id",
    )
    MANY_FIELDS = ("topics", "target_groups", "social_spaces", "languages", "dates")

    title = models.CharField(_("Titel"), max_length=200)
    description = models.TextField(_("Beschreibung"), max_length=5000)
    # RESTRICT: an organisation with offers is not deleted by itself (its offers would go
    # without a word), but deleting the whole youth office takes both.
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.RESTRICT,
        related_name="offers",
        verbose_name=_("Anbieter"),
    )
    topics = models.ManyToManyField(
        OfferTopic, blank=True, related_name="offers", verbose_name=_("Themen")
    )
    age_from = models.PositiveSmallIntegerField(
        _("Alter von"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_AGE)],
        help_text=_("In Jahren. Leer lassen, wenn es keine untere Grenze gibt."),
    )
    age_until = models.PositiveSmallIntegerField(
        _("Alter bis"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_AGE)],
        help_text=_("In Jahren. Leer lassen, wenn es keine obere Grenze gibt."),
    )
    social_spaces = models.ManyToManyField(
        SocialSpace, blank=True, related_name="offers", verbose_name=_("Sozialräume")
    )
    municipality = models.ForeignKey(
        Municipality,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Gemeinde"),
    )
    street = models.CharField(_("Straße"), max_length=200, blank=True)
    postcode = models.CharField(_("PLZ"), max_length=5, blank=True)
    city = models.CharField(_("Ort"), max_length=200, blank=True)
    latitude = models.DecimalField(
        _("Breitengrad"),
        max_digits=8,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("Längengrad"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    schedule = models.TextField(
        _("Wann?"),
        max_length=1000,
        blank=True,
        help_text=_("In Worten, z. B. „dienstags 9:30 bis 11 Uhr, nicht in den Schulferien“."),
    )
    is_free = models.BooleanField(_("kostenlos"), default=False)
    costs = models.CharField(
        _("Kosten"),
        max_length=300,
        blank=True,
        help_text=_("Wenn es etwas kostet, z. B. „35 € für 8 Termine, Ermäßigung möglich“."),
    )
    step_free = models.BooleanField(_("barrierefrei zugänglich"), default=False)
    accessibility_note = models.CharField(
        _("Hinweis zur Barrierefreiheit"), max_length=300, blank=True
    )
    contact_name = models.CharField(
        _("Ansprechperson"),
        max_length=200,
        blank=True,
        help_text=_("Nur wenn der Anbieter den Namen selbst veröffentlicht."),
    )
    phone = models.CharField(_("Telefon"), max_length=50, blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    website = models.URLField(_("Website"), blank=True)
    valid_from = models.DateField(_("gültig ab"), null=True, blank=True)
    valid_until = models.DateField(_("gültig bis"), null=True, blank=True)
    status = models.CharField(
        _("Status"), max_length=20, choices=OfferStatus.choices, default=OfferStatus.DRAFT
    )
    external_id = models.CharField(
        _("Kennung"), max_length=100, blank=True, help_text=_("Externe Kennung für Importe.")
    )
    sort_key = SortKeyField()  # of the title
    confirmed_at = models.DateTimeField(_("zuletzt bestätigt"), default=timezone.now)
    # When the provider was last reminded to confirm (remind_offers mails once per due period).
    reminded_at = models.DateTimeField(_("erinnert am"), null=True, blank=True, editable=False)
    published_at = models.DateTimeField(
        _("veröffentlicht am"), null=True, blank=True, editable=False
    )
    is_demo = models.BooleanField(_("Demo-Daten"), default=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OfferQuerySet.as_manager()  # type: ignore[misc]  # stubs: narrower manager of a subclass

    class Meta:
        verbose_name = _("Angebot")
        verbose_name_plural = _("Angebote")
        ordering = ["sort_key", "id"]
        indexes = [
            models.Index(fields=["youth_office", "sort_key"]),
            # The public guide: published offers of one office in title order.
            models.Index(fields=["youth_office", "status", "sort_key"]),
            models.Index(fields=["organisation", "sort_key"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["youth_office", "external_id"],
                condition=~models.Q(external_id=""),
                name="unique_offer_external_id_per_office",
            ),
            models.CheckConstraint(
                condition=models.Q(age_from__isnull=True)
                | models.Q(age_until__isnull=True)
                | models.Q(age_from__lte=models.F("age_until")),
                name="offer_age_from_not_after_until",
            ),
            models.CheckConstraint(
                condition=models.Q(valid_from__isnull=True)
                | models.Q(valid_until__isnull=True)
                | models.Q(valid_from__lte=models.F("valid_until")),
                name="offer_valid_from_not_after_until",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.sort_key = sort_key(self.title)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "title" in update_fields:
            kwargs["update_fields"] = {*update_fields, "sort_key"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse(
            "offers:offer", kwargs={"office_slug": self.youth_office.slug, "pk": self.pk}
        )

    def get_public_url(self) -> str:
        return reverse(
            "offers:public_offer", kwargs={"office_slug": self.youth_office.slug, "pk": self.pk}
        )

    @property
    def is_published(self) -> bool:
        return self.status == OfferStatus.PUBLISHED

    def is_public_now(self, now: datetime | None = None) -> bool:
        """The same test as OfferQuerySet.public, for one loaded offer."""
        now = now or timezone.now()
        today = timezone.localdate(now)
        return (
            self.status == OfferStatus.PUBLISHED
            and self.confirmed_at >= hidden_after_deadline(now)
            and (self.valid_from is None or self.valid_from <= today)
            and (self.valid_until is None or self.valid_until >= today)
        )


class OfferTargetGroup(models.Model):
    """One target group of an offer (fixed choices, several per offer)."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="target_group_rows")
    target_group = models.CharField(_("Zielgruppe"), max_length=20, choices=TargetGroup.choices)

    class Meta:
        verbose_name = _("Zielgruppe")
        verbose_name_plural = _("Zielgruppen")
        constraints = [
            models.UniqueConstraint(
                fields=["offer", "target_group"], name="unique_offer_target_group"
            )
        ]
        indexes = [models.Index(fields=["target_group", "offer"])]

    def __str__(self) -> str:
        return self.get_target_group_display()


class OfferLanguage(models.Model):
    """One language an offer is held in (ISO 639 code)."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="language_rows")
    language = models.CharField(_("Sprache"), max_length=5, choices=Language.choices)

    class Meta:
        verbose_name = _("Sprache")
        verbose_name_plural = _("Sprachen")
        constraints = [
            models.UniqueConstraint(fields=["offer", "language"], name="unique_offer_language")
        ]
        indexes = [models.Index(fields=["language", "offer"])]

    def __str__(self) -> str:
        return self.get_language_display()


class OfferDate(models.Model):
    """A date of an offer where it has dates (a course start, an open day)."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="dates")
    starts_at = models.DateTimeField(_("Beginn"))

    class Meta:
        verbose_name = _("Termin")
        verbose_name_plural = _("Termine")
        ordering = ["starts_at"]
        constraints = [
            models.UniqueConstraint(fields=["offer", "starts_at"], name="unique_offer_date")
        ]

    def __str__(self) -> str:
        return f"{self.offer}: {timezone.localtime(self.starts_at):%d.%m.%Y %H:%M}"


class OfferChange(TenantModel):
    """A change of an offer proposed by a carrier editor; coordination reviews it first.

    `proposed` holds only the changed fields (EDITABLE_FIELDS and MANY_FIELDS, JSON values as
    the form cleans them to), `base` what those fields said when the editor proposed."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="changes")
    proposed = models.JSONField(_("vorgeschlagene Werte"))
    base = models.JSONField(_("Stand beim Vorschlag"), default=dict, blank=True)
    base_version = models.PositiveIntegerField()
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(
        _("Status"), max_length=20, choices=ChangeStatus.choices, default=ChangeStatus.PENDING
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(_("Anmerkung"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("Änderungsvorschlag zu einem Angebot")
        verbose_name_plural = _("Änderungsvorschläge zu Angeboten")
        ordering = ["-submitted_at"]
        indexes = [models.Index(fields=["youth_office", "status", "submitted_at"])]

    def __str__(self) -> str:
        return f"{self.offer}: {self.get_status_display()}"


class PublicSpacePage(TenantModel):
    """The public page of a social space ("Wer sind wir, was machen wir?").

    Its own record rather than SocialSpace.description: that text is written for the members
    ("Wer lebt hier?") and may say things that are not for the public. Nothing is public until
    coordination sets `is_public`."""

    social_space = models.OneToOneField(
        SocialSpace, on_delete=models.CASCADE, related_name="public_page"
    )
    is_public = models.BooleanField(
        _("öffentlich sichtbar"),
        default=False,
        help_text=_("Erst dann erscheint die Seite im Familienwegweiser."),
    )
    public_description = models.TextField(
        _("Was machen wir?"),
        max_length=5000,
        blank=True,
        help_text=_("Für Familien geschrieben: kurze Sätze, ohne Fachbegriffe."),
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("öffentliche Seite eines Sozialraums")
        verbose_name_plural = _("öffentliche Seiten der Sozialräume")

    def __str__(self) -> str:
        return str(self.social_space)


# The German search's records and index upkeep (offers/search_models.py, search_index.py) and
# the pending offer imports (offers/import_models.py): the search helper's part.
from sozialraum.offers.import_models import PendingOfferImport  # noqa: E402, F401
from sozialraum.offers.search_models import OfferSearchEntry, OfferSynonym, OfferTerm  # noqa: E402, F401
