"""The network of actors: organisations, people and their affiliations ("who is active where")."""

from __future__ import annotations

from datetime import datetime
from typing import Self

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sozialraum.lib.fields import SortKeyField
from sozialraum.lib.search import Query, TrigramIndex, document, parse
from sozialraum.lib.text import duplicate_key, search_key, sort_key
from sozialraum.regions.models import (
    Municipality,
    SocialSpace,
    TenantModel,
    TenantQuerySet,
    YouthOffice,
)


class OrganisationKind(models.TextChoices):
    PUBLIC_CARRIER = "oeffentlicher_traeger", _("Öffentlicher Träger")
    FREE_CARRIER = "freier_traeger", _("Freier Träger")
    SCHOOL = "schule", _("Schule")
    KITA = "kita", _("Kindertagesstätte")
    FAMILY_CENTRE = "familienzentrum", _("Familienzentrum")
    COUNSELLING = "beratungsstelle", _("Beratungsstelle")
    HEALTH = "gesundheitswesen", _("Gesundheitswesen (z. B. Familienhebamme)")
    CHURCH = "kirchengemeinde", _("Kirchengemeinde")
    MUNICIPAL = "kommunalverwaltung", _("Kommunalverwaltung")
    ASSOCIATION = "verein", _("Verein/Initiative")
    OTHER = "sonstige", _("Sonstige")


class Sponsorship(models.TextChoices):
    """Trägerschaft: who runs the organisation."""

    PUBLIC = "oeffentlich", _("öffentlicher Träger")
    FREE = "frei", _("freier Träger")
    OTHER = "sonstige", _("sonstige/private Trägerschaft")


# How long an entry stays trustworthy without a confirmation.
CONFIRMATION_MONTHS = 12


def confirmation_deadline(now: datetime | None = None) -> datetime:
    """Entries confirmed before this moment are due for a check (CONFIRMATION_MONTHS ago)."""
    now = timezone.localtime(now or timezone.now())
    month_index = now.year * 12 + now.month - 1 - CONFIRMATION_MONTHS
    year, month = divmod(month_index, 12)
    month += 1
    # The same day of the month, or the month's last day (29 Feb -> 28 Feb).
    for day in range(now.day, 27, -1):
        try:
            return now.replace(year=year, month=month, day=day)
        except ValueError:
            continue
    return now.replace(year=year, month=month, day=min(now.day, 28))


class DirectoryQuerySet(TenantQuerySet):
    """Reads shared by organisations and people: German search through the trigram index,
    entries due for a check."""

    def search(self, q: str | Query) -> Self:
        """Every search word must occur in the entry's search text (lib.search); "" = all."""
        query = parse(q) if isinstance(q, str) else q
        return SEARCH_INDEXES[self.model].filter(self, query)  # type: ignore[index,return-value]

    def due_for_check(self) -> Self:
        """Not confirmed for CONFIRMATION_MONTHS, oldest first."""
        return self.filter(confirmed_at__lt=confirmation_deadline()).order_by("confirmed_at", "id")


class Organisation(TenantModel):
    """An actor: institution, carrier, facility (Akteur, Institution, Träger, Einrichtung)."""

    # The fields people edit, written once: the form, the services, the audit trail and the
    # review of proposals all take this list (social spaces are handled beside it).
    EDITABLE_FIELDS = (
        "name",
        "kind",
        "sponsorship",
        "street",
        "postcode",
        "city",
        "municipality",
        "phone",
        "email",
        "website",
        "description",
        "is_public",
        "external_id",
    )

    name = models.CharField(_("Name"), max_length=250)
    kind = models.CharField(_("Art"), max_length=30, choices=OrganisationKind.choices)
    sponsorship = models.CharField(
        _("Trägerschaft"), max_length=20, choices=Sponsorship.choices, blank=True
    )
    street = models.CharField(_("Straße"), max_length=200, blank=True)
    postcode = models.CharField(_("PLZ"), max_length=5, blank=True)
    city = models.CharField(_("Ort"), max_length=200, blank=True)
    municipality = models.ForeignKey(
        Municipality,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Gemeinde"),
    )
    phone = models.CharField(_("Telefon"), max_length=50, blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    website = models.URLField(_("Website"), blank=True)
    description = models.TextField(_("Beschreibung"), blank=True)
    social_spaces = models.ManyToManyField(
        SocialSpace, blank=True, related_name="organisations", verbose_name=_("Sozialräume")
    )
    is_public = models.BooleanField(
        _("öffentlich sichtbar"),
        default=False,
        help_text=_("Erscheint im öffentlichen Familienwegweiser."),
    )
    external_id = models.CharField(
        _("Kennung"), max_length=100, blank=True, help_text=_("Externe Kennung für Importe.")
    )
    name_key = models.CharField(max_length=250, editable=False, db_index=True)
    duplicate_key = models.CharField(max_length=250, editable=False, db_index=True)
    sort_key = SortKeyField()
    # lib.search.document of name, street, postcode and place; indexed by SEARCH_INDEX.
    search_text = models.TextField(editable=False, default="")
    confirmed_at = models.DateTimeField(_("zuletzt bestätigt"), default=timezone.now)
    is_demo = models.BooleanField(_("Demo-Daten"), default=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = DirectoryQuerySet.as_manager()  # type: ignore[misc]  # stubs: narrower manager of a subclass
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Organisation")
        verbose_name_plural = _("Organisationen")
        ordering = ["sort_key", "id"]
        indexes = [
            models.Index(fields=["youth_office", "sort_key"]),
            # The directory filtered by kind reads one kind's rows in name order.
            models.Index(fields=["youth_office", "kind", "sort_key"]),
            # Entries due for a check (the list and the start page's count), oldest first.
            models.Index(fields=["youth_office", "confirmed_at"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["youth_office", "external_id"],
                condition=~models.Q(external_id=""),
                name="unique_organisation_external_id_per_office",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def computed_keys(self) -> dict[str, str]:
        """The stored keys derived from the fields: set them on EVERY write, bulk ones too."""
        return {
            "name_key": search_key(self.name),
            "duplicate_key": duplicate_key(self.name),
            "sort_key": sort_key(self.name),
            "search_text": document(self.name, self.street, self.postcode, self.city),
        }

    def set_keys(self) -> None:
        for name, value in self.computed_keys().items():
            setattr(self, name, value)

    def save(self, *args, **kwargs) -> None:
        self.set_keys()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and set(KEY_SOURCES[Organisation]) & set(update_fields):
            kwargs["update_fields"] = {*update_fields, *self.computed_keys()}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse(
            "network:organisation",
            kwargs={"office_slug": self.youth_office.slug, "pk": self.pk},
        )


class Person(TenantModel):
    """A professional or contact person (Fachkraft, Ansprechperson). Personal data: minimal."""

    # The fields people edit (form, services, audit trail), in the order of the form.
    EDITABLE_FIELDS = ("title", "first_name", "last_name", "email", "phone")

    first_name = models.CharField(_("Vorname"), max_length=100, blank=True)
    last_name = models.CharField(_("Nachname"), max_length=100)
    title = models.CharField(_("Titel/Anrede"), max_length=50, blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=50, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Zugang"),
    )
    name_key = models.CharField(max_length=250, editable=False, db_index=True)
    sort_key = SortKeyField()  # surname, then first name
    # lib.search.document of the name (surname first) and the title; indexed by SEARCH_INDEX.
    search_text = models.TextField(editable=False, default="")
    confirmed_at = models.DateTimeField(_("zuletzt bestätigt"), default=timezone.now)
    is_demo = models.BooleanField(_("Demo-Daten"), default=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = DirectoryQuerySet.as_manager()  # type: ignore[misc]  # stubs: narrower manager of a subclass
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Person")
        verbose_name_plural = _("Personen")
        ordering = ["sort_key", "id"]
        indexes = [
            models.Index(fields=["youth_office", "sort_key"]),
            models.Index(fields=["youth_office", "confirmed_at"]),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.title, self.first_name, self.last_name) if part)

    def computed_keys(self) -> dict[str, str]:
        """The stored keys derived from the fields: set them on EVERY write, bulk ones too."""
        return {
            "name_key": search_key(f"{self.last_name} {self.first_name}"),
            "sort_key": sort_key(self.last_name, self.first_name),
            "search_text": document(f"{self.last_name} {self.first_name}", self.title),
        }

    def set_keys(self) -> None:
        for name, value in self.computed_keys().items():
            setattr(self, name, value)

    def save(self, *args, **kwargs) -> None:
        self.set_keys()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and set(KEY_SOURCES[Person]) & set(update_fields):
            kwargs["update_fields"] = {*update_fields, *self.computed_keys()}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse(
            "network:person", kwargs={"office_slug": self.youth_office.slug, "pk": self.pk}
        )


# The search indexes (lib.search) and the fields their stored keys are computed from.
SEARCH_INDEXES: dict[type[Organisation] | type[Person], TrigramIndex] = {
    Organisation: TrigramIndex(table="network_organisation"),
    Person: TrigramIndex(table="network_person"),
}
KEY_SOURCES: dict[type[Organisation] | type[Person], tuple[str, ...]] = {
    Organisation: ("name", "street", "postcode", "city"),
    Person: ("first_name", "last_name", "title"),
}


class AffiliationQuerySet(TenantQuerySet):
    def current(self) -> AffiliationQuerySet:
        today = timezone.localdate()
        return self.filter(models.Q(until__isnull=True) | models.Q(until__gte=today))


class Affiliation(TenantModel):
    """A person represents an organisation in a function (since/until)."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="affiliations", verbose_name=_("Person")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="affiliations",
        verbose_name=_("Organisation"),
    )
    function = models.CharField(_("Funktion"), max_length=200, blank=True)
    since = models.DateField(_("seit"), null=True, blank=True)
    until = models.DateField(_("bis"), null=True, blank=True)
    is_contact = models.BooleanField(_("Ansprechperson"), default=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = AffiliationQuerySet.as_manager()  # type: ignore[misc]  # stubs: narrower manager of a subclass

    class Meta:
        verbose_name = _("Zugehörigkeit")
        verbose_name_plural = _("Zugehörigkeiten")
        ordering = ["organisation__sort_key", "person__sort_key"]

    def __str__(self) -> str:
        return f"{self.person} – {self.organisation}"


class ExpectedKind(TenantModel):
    """The coordinator's checklist: kinds of organisation every social space should have."""

    kind = models.CharField(_("Art"), max_length=30, choices=OrganisationKind.choices)

    class Meta:
        verbose_name = _("erwartete Art")
        verbose_name_plural = _("erwartete Arten")
        constraints = [
            models.UniqueConstraint(fields=["youth_office", "kind"], name="unique_expected_kind")
        ]

    def __str__(self) -> str:
        return self.get_kind_display()


class ChangeStatus(models.TextChoices):
    PENDING = "offen", _("wartet auf Prüfung")
    APPROVED = "freigegeben", _("freigegeben")
    REJECTED = "abgelehnt", _("abgelehnt")


class OrganisationChange(TenantModel):
    """A change proposed by a carrier editor; coordination reviews it before it takes effect."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="changes")
    proposed = models.JSONField(_("vorgeschlagene Werte"))
    # What the proposer saw when proposing (field -> value as in `proposed`): the review
    # compares against it, so a later edit by coordination is never undone by approving.
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
    review_note = models.TextField(_("Anmerkung"), blank=True)

    class Meta:
        verbose_name = _("Änderungsvorschlag")
        verbose_name_plural = _("Änderungsvorschläge")
        ordering = ["-submitted_at"]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.get_status_display()}"


def expected_kinds(office: YouthOffice) -> list[str]:
    return list(ExpectedKind.objects.in_office(office).values_list("kind", flat=True))


class PendingImport(TenantModel):
    """An uploaded import file between its preview and "Import ausführen".

    The file is read and validated once, at upload; `plan` keeps the result (network.imports:
    `plan_to_json`), so the preview never parses the file again. The import applies the plan if
    the directory is unchanged, else it plans again from `data`. Rows are removed after the
    import and when they are older than a day.
    """

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    filename = models.CharField(max_length=255)
    data = models.BinaryField()
    plan = models.JSONField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("hochgeladene Importdatei")
        verbose_name_plural = _("hochgeladene Importdateien")

    def __str__(self) -> str:
        return self.filename
