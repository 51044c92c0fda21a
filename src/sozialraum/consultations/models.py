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


# The consultations ----------------------------------------------------------------------------


class AgeBand(models.TextChoices):
    """The child's age as a band, never the age itself (an exact age can identify)."""

    INFANT = "0-2", _("0–2 Jahre")
    KITA = "3-5", _("3–5 Jahre (Kita)")
    PRIMARY = "6-9", _("6–9 Jahre (Grundschule)")
    MIDDLE = "10-13", _("10–13 Jahre")
    TEEN = "14-17", _("14–17 Jahre")
    ADULT = "18+", _("18 Jahre und älter")


class FamilySituation(models.TextChoices):
    BOTH_PARENTS = "beide_eltern", _("lebt bei beiden Eltern")
    SINGLE_PARENT = "alleinerziehend", _("lebt bei einem Elternteil")
    BLENDED = "patchwork", _("Patchwork- oder Stieffamilie")
    RELATIVES = "verwandte", _("lebt bei Verwandten")
    FOSTER = "pflegefamilie", _("Pflegefamilie")
    RESIDENTIAL = "einrichtung", _("Wohngruppe oder Einrichtung")
    UNKNOWN = "unbekannt", _("nicht bekannt oder andere")


class ConsultantKind(models.TextChoices):
    ASD = "asd", _("Allgemeiner Sozialer Dienst (ASD)")
    INSOFA = "insofa", _("insoweit erfahrene Fachkraft")


class ConsultationRoute(models.TextChoices):
    """Whom the requester asks."""

    ASD = "asd", _("ASD des Sozialraums")
    INSOFA = "insofa", _("insoweit erfahrene Fachkraft")
    ROUND_TABLE = "runder_tisch", _("Runder Tisch eines Teams")


class ConsultationStatus(models.TextChoices):
    OPEN = "offen", _("offen")
    IN_CONSULTATION = "in_beratung", _("in Beratung")
    CLOSED = "abgeschlossen", _("abgeschlossen")


class ConcernArea(TenantModel):
    """One area of concern of the office's vocabulary (Anliegen: Schulbesuch, Sprache, ...)."""

    name = models.CharField(_("Bezeichnung"), max_length=100)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    class Meta:
        verbose_name = _("Anliegen")
        verbose_name_plural = _("Anliegen")
        ordering = ["position", "name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["youth_office", "name"], name="unique_concern_area")
        ]

    def __str__(self) -> str:
        return self.name


class Consultant(TenantModel):
    """Someone the office's professionals may ask: an ASD professional named for a social
    space, or an insoweit erfahrene Fachkraft of the office's list (with organisation and
    availability). Always a user with access to the office, so they can answer here."""

    kind = models.CharField(_("Art"), max_length=10, choices=ConsultantKind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("Person mit Zugang"),
    )
    social_space = models.ForeignKey(
        "regions.SocialSpace",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("Sozialraum"),
    )
    organisation = models.ForeignKey(
        "network.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Organisation"),
    )
    availability = models.CharField(
        _("Erreichbarkeit"),
        max_length=200,
        blank=True,
        help_text=_("Zum Beispiel: dienstags und donnerstags vormittags"),
    )
    active = models.BooleanField(_("aktiv"), default=True)

    class Meta:
        verbose_name = _("Beraterin oder Berater")
        verbose_name_plural = _("Beraterinnen und Berater")
        ordering = ["kind", "id"]
        # Two partial indexes instead of nulls_distinct=False, which SQLite lacks.
        constraints = [
            models.UniqueConstraint(
                fields=["youth_office", "kind", "user", "social_space"],
                condition=models.Q(social_space__isnull=False),
                name="unique_consultant",
            ),
            models.UniqueConstraint(
                fields=["youth_office", "kind", "user"],
                condition=models.Q(social_space__isnull=True),
                name="unique_consultant_without_space",
            ),
        ]

    def __str__(self) -> str:
        return self.user.name or self.user.email


class Consultation(TenantModel):
    """An anonymous case consultation: a pseudonymised case brought by a professional to a
    consultant or a team's round table. Deleted (not archived) some months after it closed
    (consultations/retention.py); its count stays in `ConsultationCount`."""

    TEXT_FIELDS = ("question", "situation", "tried")

    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("eingebracht von"),
    )
    organisation = models.ForeignKey(
        "network.Organisation",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Einrichtung"),
    )
    organisation_kind = models.CharField(_("Art der Einrichtung"), max_length=30)
    social_space = models.ForeignKey(
        "regions.SocialSpace",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Sozialraum"),
    )
    question = models.TextField(_("Ihre Frage"))
    age_band = models.CharField(_("Alter"), max_length=5, choices=AgeBand.choices)
    family_situation = models.CharField(
        _("Familiensituation"), max_length=20, choices=FamilySituation.choices
    )
    concerns = models.ManyToManyField(
        ConcernArea, blank=True, related_name="+", verbose_name=_("Anliegen")
    )
    tried = models.TextField(_("Was wurde schon versucht?"), blank=True)
    situation = models.TextField(_("Beschreibung der Situation"), blank=True)
    pseudonym = models.CharField(
        _("Ihr Kürzel für die eigenen Unterlagen"), max_length=40, blank=True
    )
    route = models.CharField(_("Beratung durch"), max_length=15, choices=ConsultationRoute.choices)
    consultant = models.ForeignKey(
        Consultant,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consultations",
        verbose_name=_("Beraterin oder Berater"),
    )
    consultant_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("beratende Person"),
    )
    team = models.ForeignKey(
        "teams.Team",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Team (Runder Tisch)"),
    )
    topic = models.ForeignKey(
        "meetings.Topic",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Thema auf der Tagesordnung"),
    )
    status = models.CharField(
        _("Status"),
        max_length=15,
        choices=ConsultationStatus.choices,
        default=ConsultationStatus.OPEN,
    )
    recommendation = models.TextField(_("Empfehlung"), blank=True)
    risk_assessment_recommended = models.BooleanField(
        _("Gefährdungseinschätzung empfohlen (§ 8a SGB VIII)"), default=False
    )
    recommended_at = models.DateTimeField(null=True, blank=True)
    recommended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("eingebracht am"), auto_now_add=True)
    closed_at = models.DateTimeField(_("abgeschlossen am"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("Fallberatung")
        verbose_name_plural = _("Fallberatungen")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "closed_at"])]

    def __str__(self) -> str:
        # Never any content: this label may reach logs and the audit trail.
        return _("Fallberatung Nr. %(number)s") % {"number": self.pk}

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse(
            "consultations:detail",
            kwargs={"office_slug": self.youth_office.slug, "pk": self.pk},
        )

    @property
    def is_closed(self) -> bool:
        return self.status == ConsultationStatus.CLOSED


class ConsultationMessage(TenantModel):
    """One message of the conversation (guarded like every text)."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="messages"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("Nachricht"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Nachricht")
        verbose_name_plural = _("Nachrichten")
        ordering = ["created_at", "id"]


class IdentifierDecision(TenantModel):
    """A finding of the guard that a party marked as "nicht identifizierend", with the reason."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="decisions"
    )
    message = models.ForeignKey(
        ConsultationMessage, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    field = models.CharField(_("Feld"), max_length=30)
    kind = models.CharField(_("Art des Hinweises"), max_length=20)
    finding_text = models.CharField(_("gefundener Text"), max_length=200)
    reason = models.CharField(_("Begründung"), max_length=500)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Entscheidung „nicht identifizierend“")
        verbose_name_plural = _("Entscheidungen „nicht identifizierend“")
        ordering = ["decided_at", "id"]


class ConsultationRead(TenantModel):
    """The access log: every read of a consultation (who, when), shown to the parties."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="reads")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    read_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Lesezugriff")
        verbose_name_plural = _("Lesezugriffe")
        ordering = ["-read_at", "-id"]


class ConsultationCount(TenantModel):
    """How many consultations were brought per social space, kind of organisation and quarter:
    written when a consultation is created, so the anonymous count survives its deletion."""

    social_space = models.ForeignKey(
        "regions.SocialSpace",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Sozialraum"),
    )
    organisation_kind = models.CharField(_("Art der Einrichtung"), max_length=30)
    year = models.PositiveSmallIntegerField(_("Jahr"))
    quarter = models.PositiveSmallIntegerField(_("Quartal"))
    count = models.PositiveIntegerField(_("Anzahl"), default=0)

    class Meta:
        verbose_name = _("Anzahl der Fallberatungen")
        verbose_name_plural = _("Anzahlen der Fallberatungen")
        ordering = ["-year", "-quarter", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["youth_office", "social_space", "organisation_kind", "year", "quarter"],
                condition=models.Q(social_space__isnull=False),
                name="unique_consultation_count",
            ),
            models.UniqueConstraint(
                fields=["youth_office", "organisation_kind", "year", "quarter"],
                condition=models.Q(social_space__isnull=True),
                name="unique_consultation_count_without_space",
            ),
        ]
