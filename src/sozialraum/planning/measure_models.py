"""Planning: measures (Maßnahmen), their goals, cost calculations and approval steps."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sozialraum.minutes.models import Decision
from sozialraum.network.models import Organisation
from sozialraum.planning.models import (
    ZERO,
    ApprovalLevel,
    MoneyField,
    Need,
    PayGroup,
    created_by_field,
)
from sozialraum.regions.models import SocialSpace, TenantModel
from sozialraum.teams.models import Team

# --- Measures, goals, cost calculations, approval ----------------------------------------


class MeasureStatus(models.TextChoices):
    DRAFT = "entwurf", _("Entwurf")
    SUBMITTED = "eingereicht", _("eingereicht")
    RETURNED = "zurueckgegeben", _("zur Überarbeitung zurückgegeben")
    APPROVED = "bewilligt", _("bewilligt")
    REJECTED = "abgelehnt", _("abgelehnt")


class Measure(TenantModel):
    """A measure (Maßnahme): what will be done about which needs, by which carrier, when."""

    EDITABLE_FIELDS = (
        "title",
        "description",
        "target_group",
        "carrier",
        "team",
        "period_start",
        "period_end",
        "place",
        "method",
    )

    title = models.CharField(_("Titel"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True)
    needs = models.ManyToManyField(
        Need, blank=True, related_name="measures", verbose_name=_("beantwortet die Bedarfe")
    )
    target_group = models.CharField(_("Zielgruppe"), max_length=200, blank=True)
    carrier = models.ForeignKey(
        Organisation,
        on_delete=models.RESTRICT,
        related_name="measures",
        verbose_name=_("Träger"),
    )
    team = models.ForeignKey(
        Team,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="measures",
        verbose_name=_("Team"),
    )
    social_spaces = models.ManyToManyField(
        SocialSpace, blank=True, related_name="measures", verbose_name=_("Sozialräume")
    )
    period_start = models.DateField(_("Beginn"))
    period_end = models.DateField(_("Ende"))
    place = models.CharField(_("Ort"), max_length=300, blank=True)
    method = models.TextField(_("Methode/Vorgehen"), blank=True)
    status = models.CharField(
        _("Stand"), max_length=20, choices=MeasureStatus.choices, default=MeasureStatus.DRAFT
    )
    continued_from = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="continuations",
        verbose_name=_("Fortsetzung von"),
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = created_by_field()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    is_demo = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("Maßnahme")
        verbose_name_plural = _("Maßnahmen")
        ordering = ["-period_start", "-id"]
        indexes = [
            models.Index(fields=["youth_office", "status", "period_start"]),
            models.Index(fields=["youth_office", "period_start"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_start__lte=F("period_end")), name="measure_period"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "planning:measure", kwargs={"office_slug": self.youth_office.slug, "pk": self.pk}
        )


class Goal(TenantModel):
    """A measurable goal of a measure: an indicator with a target value and its unit."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="goals")
    description = models.CharField(_("Ziel"), max_length=300)
    indicator = models.CharField(_("Indikator"), max_length=300)
    target_value = models.DecimalField(
        _("Zielwert"), max_digits=12, decimal_places=2, validators=[MinValueValidator(ZERO)]
    )
    unit = models.CharField(_("Einheit"), max_length=50, help_text=_("z. B. Familien, Termine, %"))
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("Ziel")
        verbose_name_plural = _("Ziele")
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(indicator=""), name="goal_has_indicator"),
            models.CheckConstraint(
                condition=Q(target_value__gte=0), name="goal_target_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return self.description


class CostEstimate(TenantModel):
    """One revision of a measure's cost calculation. A revision is never edited once a newer
    one exists or the measure is approved: a change is a new revision (`number` + 1), so the
    history shows who changed what, when. Totals are computed from the items, never typed;
    `total` is stored for lists and kept by the services."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="estimates")
    number = models.PositiveSmallIntegerField(_("Fassung"), default=1)
    own_contribution = MoneyField(
        _("Eigenanteil (€)"), default=ZERO, validators=[MinValueValidator(ZERO)]
    )
    third_party_funding = MoneyField(
        _("Drittmittel (€)"), default=ZERO, validators=[MinValueValidator(ZERO)]
    )
    third_party_source = models.CharField(_("Drittmittel von"), max_length=200, blank=True)
    note = models.TextField(_("Anmerkung"), blank=True)
    total = MoneyField(_("Gesamtkosten (€)"), default=ZERO, editable=False)
    requested = MoneyField(_("beantragt (€)"), default=ZERO, editable=False)
    created_by = created_by_field()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Kostenkalkulation")
        verbose_name_plural = _("Kostenkalkulationen")
        ordering = ["measure", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "number"], name="unique_estimate_number"),
            models.CheckConstraint(
                condition=Q(own_contribution__gte=0)
                & Q(third_party_funding__gte=0)
                & Q(total__gte=0)
                & Q(requested__gte=0),
                name="estimate_amounts_not_negative",
            ),
        ]


class CostKind(models.TextChoices):
    PERSONNEL = "personal", _("Personal")
    FEES = "honorare", _("Honorare")
    MATERIAL = "sachkosten", _("Sachkosten/Material")
    RENT = "miete", _("Miete")
    TRAVEL = "fahrtkosten", _("Fahrtkosten")
    OTHER = "sonstiges", _("Sonstiges")


class CostItem(TenantModel):
    """One line of a cost calculation. Personnel: hours x the pay group's hourly rate (copied);
    everything else: quantity x unit price. `amount` is computed on save, never typed."""

    estimate = models.ForeignKey(CostEstimate, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(_("Kostenart"), max_length=20, choices=CostKind.choices)
    description = models.CharField(_("Beschreibung"), max_length=300)
    pay_group = models.ForeignKey(
        PayGroup,
        null=True,
        blank=True,
        on_delete=models.RESTRICT,
        related_name="+",
        verbose_name=_("Entgeltgruppe"),
    )
    hours = models.DecimalField(
        _("Stunden"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(ZERO)],
    )
    hourly_rate = MoneyField(
        _("Stundensatz (€)"), null=True, blank=True, validators=[MinValueValidator(ZERO)]
    )
    quantity = models.DecimalField(
        _("Menge"),
        max_digits=10,
        decimal_places=2,
        default=Decimal("1"),
        validators=[MinValueValidator(ZERO)],
    )
    unit_price = MoneyField(
        _("Einzelpreis (€)"), null=True, blank=True, validators=[MinValueValidator(ZERO)]
    )
    amount = MoneyField(_("Betrag (€)"), default=ZERO, editable=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("Kostenposition")
        verbose_name_plural = _("Kostenpositionen")
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(hours__isnull=True) | Q(hours__gte=0))
                & (Q(hourly_rate__isnull=True) | Q(hourly_rate__gte=0))
                & (Q(unit_price__isnull=True) | Q(unit_price__gte=0))
                & Q(quantity__gte=0)
                & Q(amount__gte=0),
                name="cost_item_not_negative",
            )
        ]

    def compute_amount(self) -> Decimal:
        if self.kind == CostKind.PERSONNEL:
            value = (self.hours or ZERO) * (self.hourly_rate or ZERO)
        else:
            value = (self.quantity or ZERO) * (self.unit_price or ZERO)
        return value.quantize(Decimal("0.01"))

    def save(self, *args, **kwargs) -> None:
        self.amount = self.compute_amount()
        super().save(*args, **kwargs)


class MeasureTransition(TenantModel):
    """One step of the approval workflow: who moved the measure from which status to which,
    when, why (the comment of a return or rejection), at which amount and level, citing which
    team decision."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=20, choices=MeasureStatus.choices)
    to_status = models.CharField(max_length=20, choices=MeasureStatus.choices)
    comment = models.TextField(_("Begründung/Anmerkung"), blank=True)
    amount = MoneyField(_("beantragter Betrag (€)"), null=True, blank=True)
    level = models.ForeignKey(
        ApprovalLevel, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision = models.ForeignKey(
        Decision,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Beschluss des Teams"),
    )
    estimate = models.ForeignKey(
        CostEstimate, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    by = created_by_field()
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]
