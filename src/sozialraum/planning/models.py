"""From need to budget: needs (Bedarfe) with their prioritisation, measures (Maßnahmen) with
goals and cost calculations (Kostenkalkulation), the approval workflow, social-space budgets
with transfers, allocations (Mittelbindung, pooled over several budgets) and expenses, projects
with progress notes and their evaluation.

Money is `Decimal` end to end (`MoneyField`: 12 digits, 2 places). Sums that must never be
exceeded live on the row that is locked (`Budget.committed`, `AllocationShare.spent`) and are
guarded by CHECK constraints, so two coordinators approving at the same moment cannot
over-commit a budget: the services update them with `F()` inside the transaction.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sozialraum.meetings.models import AgendaItem, Meeting
from sozialraum.regions.models import SocialSpace, TenantModel
from sozialraum.teams.models import Team

ZERO = Decimal("0.00")
USER = settings.AUTH_USER_MODEL


class MoneyField(models.DecimalField):
    """An amount in euros: Decimal with two places, never negative unless a caller says so."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("max_digits", 12)
        kwargs.setdefault("decimal_places", 2)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("max_digits", None)
        kwargs.pop("decimal_places", None)
        return name, path, args, kwargs


def created_by_field() -> models.ForeignKey:
    return models.ForeignKey(
        USER,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("angelegt von"),
    )


# --- Vocabularies coordination maintains per youth office ---------------------------------


class PayGroup(TenantModel):
    """A pay group (Entgeltgruppe, e.g. "TVöD SuE S 12") with the hourly rate used for personnel
    costs. A cost item copies the rate when it is written, so a later change of the rate never
    changes an existing calculation."""

    name = models.CharField(_("Entgeltgruppe"), max_length=100)
    hourly_rate = MoneyField(_("Stundensatz (€)"), validators=[MinValueValidator(ZERO)])
    is_active = models.BooleanField(_("in Gebrauch"), default=True)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    class Meta:
        verbose_name = _("Entgeltgruppe")
        verbose_name_plural = _("Entgeltgruppen")
        ordering = ["position", "name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["youth_office", "name"], name="unique_pay_group"),
            models.CheckConstraint(
                condition=Q(hourly_rate__gte=0), name="pay_group_rate_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class PriorityCriterion(TenantModel):
    """A weighted criterion of prioritisation (e.g. Dringlichkeit, erreichte Kinder, kein
    anderes Angebot vorhanden). An accepted need scores 0..`max_score` on each; its priority is
    the sum of weight x score."""

    name = models.CharField(_("Kriterium"), max_length=200)
    description = models.TextField(_("Erläuterung"), blank=True)
    weight = models.PositiveSmallIntegerField(
        _("Gewicht"), default=1, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    max_score = models.PositiveSmallIntegerField(
        _("höchste Punktzahl"), default=5, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    is_active = models.BooleanField(_("in Gebrauch"), default=True)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    class Meta:
        verbose_name = _("Kriterium der Priorisierung")
        verbose_name_plural = _("Kriterien der Priorisierung")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.name


class EvaluationLevel(models.TextChoices):
    """The four levels the Verden kick-off named for evaluation."""

    STRUCTURE = "struktur", _("Struktur")
    PROCESS = "prozess", _("Prozess")
    RESULT = "ergebnis", _("Ergebnis")
    QUALITY = "qualitaet", _("Qualität")


class QualityCriterion(TenantModel):
    """A quality criterion of the youth office, assessed in every evaluation on its level."""

    name = models.CharField(_("Qualitätskriterium"), max_length=200)
    description = models.TextField(_("Erläuterung"), blank=True)
    level = models.CharField(_("Ebene"), max_length=20, choices=EvaluationLevel.choices)
    is_active = models.BooleanField(_("in Gebrauch"), default=True)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    class Meta:
        verbose_name = _("Qualitätskriterium")
        verbose_name_plural = _("Qualitätskriterien")
        ordering = ["level", "position", "id"]

    def __str__(self) -> str:
        return self.name


class ApproverKind(models.TextChoices):
    COORDINATION = "koordination", _("Koordination")
    HEAD_OF_DEPARTMENT = "fachbereichsleitung", _("Fachbereichsleitung")


class ApprovalLevel(TenantModel):
    """Who approves a measure, by its requested amount: coordination up to `up_to`, above it
    the next level (the head of department, named in `approvers`). The level with the smallest
    `up_to` that covers the amount decides; `up_to` empty = without limit."""

    name = models.CharField(_("Bezeichnung"), max_length=100)
    kind = models.CharField(_("Wer"), max_length=30, choices=ApproverKind.choices)
    up_to = MoneyField(
        _("bis zu einem Betrag von (€)"),
        null=True,
        blank=True,
        help_text=_("Leer lassen: ohne Obergrenze."),
        validators=[MinValueValidator(ZERO)],
    )
    approvers: models.ManyToManyField[Any, Any] = models.ManyToManyField(
        USER,
        blank=True,
        related_name="+",
        verbose_name=_("berechtigte Personen"),
        help_text=_("Nur für die Fachbereichsleitung: wer auf dieser Stufe entscheidet."),
    )

    class Meta:
        verbose_name = _("Bewilligungsstufe")
        verbose_name_plural = _("Bewilligungsstufen")
        ordering = [F("up_to").asc(nulls_last=True), "id"]

    def __str__(self) -> str:
        return self.name


# --- Needs -------------------------------------------------------------------------------


class NeedStatus(models.TextChoices):
    RAISED = "erfasst", _("erfasst")
    ASSESSED = "geprueft", _("geprüft")
    ACCEPTED = "anerkannt", _("anerkannt")
    REJECTED = "abgelehnt", _("abgelehnt")
    PARTLY_MET = "teilweise_gedeckt", _("teilweise gedeckt")
    MET = "gedeckt", _("gedeckt")


class RaisedBy(models.TextChoices):
    TEAM = "team", _("Team")
    MEETING = "treffen", _("Treffen")
    CONFERENCE = "konferenz", _("Sozialraumkonferenz")
    PERSON = "person", _("Person")


class Need(TenantModel):
    """A need (Bedarf) with the team's shared definition (Begriffsbestimmung) and its evidence."""

    EDITABLE_FIELDS = (
        "title",
        "definition",
        "evidence",
        "target_group",
        "age_from",
        "age_to",
    )

    title = models.CharField(_("Titel"), max_length=200)
    definition = models.TextField(
        _("Begriffsbestimmung"), help_text=_("Was genau ist gemeint, in den Worten des Teams?")
    )
    evidence = models.TextField(
        _("Belege"), blank=True, help_text=_("Beobachtungen, Zahlen, Quellen.")
    )
    target_group = models.CharField(_("Zielgruppe"), max_length=200, blank=True)
    age_from = models.PositiveSmallIntegerField(
        _("Alter von"), null=True, blank=True, validators=[MaxValueValidator(27)]
    )
    age_to = models.PositiveSmallIntegerField(
        _("Alter bis"), null=True, blank=True, validators=[MaxValueValidator(27)]
    )
    social_spaces = models.ManyToManyField(
        SocialSpace, related_name="needs", verbose_name=_("Sozialräume")
    )
    raised_by = models.CharField(
        _("eingebracht durch"), max_length=20, choices=RaisedBy.choices, default=RaisedBy.TEAM
    )
    team = models.ForeignKey(
        Team,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="needs",
        verbose_name=_("Team"),
    )
    meeting = models.ForeignKey(
        Meeting,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="needs",
        verbose_name=_("Treffen"),
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="needs",
        verbose_name=_("Tagesordnungspunkt"),
    )
    raised_by_text = models.CharField(
        _("eingebracht von"),
        max_length=200,
        blank=True,
        help_text=_("Zum Beispiel die Sozialraumkonferenz 2026 oder eine Person."),
    )
    status = models.CharField(
        _("Stand"), max_length=20, choices=NeedStatus.choices, default=NeedStatus.RAISED
    )
    status_reason = models.TextField(_("Begründung"), blank=True)
    priority = models.PositiveIntegerField(
        _("Priorität (Punkte)"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Summe aus Gewicht x Punkten; berechnet, nie eingegeben."),
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = created_by_field()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    is_demo = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("Bedarf")
        verbose_name_plural = _("Bedarfe")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["youth_office", "status", "priority"]),
            models.Index(fields=["youth_office", "created_at"]),
            # The ranking's order (priority, then the newest first): SQLite reads a page of it
            # from this index instead of sorting every need of every office (issue 8).
            models.Index(fields=["youth_office", "priority", "created_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(age_from__isnull=True)
                | Q(age_to__isnull=True)
                | Q(age_from__lte=F("age_to")),
                name="need_age_range",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "planning:need", kwargs={"office_slug": self.youth_office.slug, "pk": self.pk}
        )


class NeedScore(TenantModel):
    """The score of one accepted need on one criterion."""

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(
        PriorityCriterion, on_delete=models.CASCADE, related_name="scores"
    )
    score = models.PositiveSmallIntegerField(_("Punkte"), validators=[MaxValueValidator(10)])
    scored_by = created_by_field()
    scored_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["need", "criterion"], name="unique_need_score")
        ]


class NeedTransition(TenantModel):
    """Who moved a need from one status to another, when and why."""

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=20, choices=NeedStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=NeedStatus.choices)
    reason = models.TextField(blank=True)
    by = created_by_field()
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]


# The other records of the app live by subject in their own modules; imported here so Django
# registers them with the app.
from sozialraum.planning.budget_models import (  # noqa: E402, F401
    Allocation,
    AllocationShare,
    Budget,
    BudgetOverride,
    BudgetTransfer,
    Expense,
)
from sozialraum.planning.measure_models import (  # noqa: E402, F401
    CostEstimate,
    CostItem,
    CostKind,
    Goal,
    Measure,
    MeasureStatus,
    MeasureTransition,
)
from sozialraum.planning.project_models import (  # noqa: E402, F401
    Evaluation,
    GoalResult,
    NeedOutcome,
    ProgressNote,
    Project,
    ProjectStatus,
    QualityRating,
)
