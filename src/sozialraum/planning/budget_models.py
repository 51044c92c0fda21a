"""Planning: social-space budgets, transfers, allocations (pooled), overrides, expenses."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sozialraum.minutes.models import Decision
from sozialraum.planning.measure_models import Measure
from sozialraum.planning.models import ZERO, MoneyField, created_by_field
from sozialraum.regions.models import SocialSpace, TenantModel

# --- Budgets, transfers, allocations, expenses -------------------------------------------


class Budget(TenantModel):
    """The budget of one social space in one year. `planned` is what the youth office set,
    `transferred` the net of transfers (in minus out), `overridden` what coordination
    explicitly allowed above the limit (each override recorded in `BudgetOverride`).
    `committed` and `spent` are kept by the services with F() in the transaction; the CHECK
    constraints make over-committing impossible, also for two requests at the same moment."""

    social_space = models.ForeignKey(
        SocialSpace,
        on_delete=models.RESTRICT,
        related_name="budgets",
        verbose_name=_("Sozialraum"),
    )
    year = models.PositiveSmallIntegerField(
        _("Jahr"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    planned = MoneyField(_("geplant (€)"), validators=[MinValueValidator(ZERO)])
    earmarked_case_unspecific = MoneyField(
        _("davon für fallunspezifische Arbeit (€)"),
        default=ZERO,
        validators=[MinValueValidator(ZERO)],
    )
    transferred = MoneyField(_("Umbuchungen (€)"), default=ZERO, editable=False)
    overridden = MoneyField(_("Überschreitung erlaubt (€)"), default=ZERO, editable=False)
    committed = MoneyField(_("gebunden (€)"), default=ZERO, editable=False)
    spent = MoneyField(_("ausgegeben (€)"), default=ZERO, editable=False)
    note = models.TextField(_("Anmerkung"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    is_demo = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("Sozialraumbudget")
        verbose_name_plural = _("Sozialraumbudgets")
        ordering = ["-year", "social_space__sort_key", "id"]
        constraints = [
            models.UniqueConstraint(fields=["social_space", "year"], name="unique_budget_year"),
            models.CheckConstraint(condition=Q(planned__gte=0), name="budget_planned_not_negative"),
            models.CheckConstraint(
                condition=Q(earmarked_case_unspecific__gte=0)
                & Q(earmarked_case_unspecific__lte=F("planned") + F("transferred")),
                name="budget_earmark_within",
            ),
            models.CheckConstraint(
                condition=Q(committed__gte=0) & Q(spent__gte=0) & Q(overridden__gte=0),
                name="budget_sums_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(planned__gte=-F("transferred")), name="budget_transfer_within"
            ),
            models.CheckConstraint(
                condition=Q(committed__lte=F("planned") + F("transferred") + F("overridden")),
                name="budget_not_overcommitted",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.social_space} {self.year}"

    @property
    def available(self) -> Decimal:
        return self.planned + self.transferred - self.committed

    def get_absolute_url(self) -> str:
        return reverse(
            "planning:budget", kwargs={"office_slug": self.youth_office.slug, "pk": self.pk}
        )


class BudgetTransfer(TenantModel):
    """Money moved from one budget to another, with the reason."""

    source = models.ForeignKey(
        Budget, on_delete=models.RESTRICT, related_name="transfers_out", verbose_name=_("von")
    )
    target = models.ForeignKey(
        Budget, on_delete=models.RESTRICT, related_name="transfers_in", verbose_name=_("nach")
    )
    amount = MoneyField(_("Betrag (€)"), validators=[MinValueValidator(Decimal("0.01"))])
    reason = models.TextField(_("Begründung"))
    by = created_by_field()
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Umbuchung")
        verbose_name_plural = _("Umbuchungen")
        ordering = ["-at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="transfer_positive"),
            models.CheckConstraint(condition=~Q(source=F("target")), name="transfer_two_budgets"),
        ]


class Allocation(TenantModel):
    """The commitment (Mittelbindung) of an approved measure's costs, drawn on one or several
    budgets (`AllocationShare`); the shares add up exactly to `total`."""

    measure = models.ForeignKey(Measure, on_delete=models.RESTRICT, related_name="allocations")
    total = MoneyField(_("Betrag (€)"), validators=[MinValueValidator(Decimal("0.01"))])
    note = models.TextField(_("Anmerkung"), blank=True)
    created_by = created_by_field()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Mittelbindung")
        verbose_name_plural = _("Mittelbindungen")
        ordering = ["-created_at", "-id"]
        constraints = [models.CheckConstraint(condition=Q(total__gt=0), name="allocation_positive")]


class AllocationShare(TenantModel):
    """The part of an allocation drawn on one budget. `spent` is kept by the services; it never
    exceeds `amount` + `excess_allowed` (an expense above the commitment needs a recorded
    decision, `Expense.excess_reason`)."""

    allocation = models.ForeignKey(Allocation, on_delete=models.CASCADE, related_name="shares")
    budget = models.ForeignKey(Budget, on_delete=models.RESTRICT, related_name="shares")
    amount = MoneyField(_("Anteil (€)"), validators=[MinValueValidator(Decimal("0.01"))])
    spent = MoneyField(_("ausgegeben (€)"), default=ZERO, editable=False)
    excess_allowed = MoneyField(default=ZERO, editable=False)

    class Meta:
        verbose_name = _("Anteil einer Mittelbindung")
        verbose_name_plural = _("Anteile einer Mittelbindung")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["allocation", "budget"], name="unique_share_budget"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="share_positive"),
            models.CheckConstraint(
                condition=Q(spent__gte=0)
                & Q(excess_allowed__gte=0)
                & Q(spent__lte=F("amount") + F("excess_allowed")),
                name="share_not_overspent",
            ),
        ]


class BudgetOverride(TenantModel):
    """Coordination's explicit, recorded permission to commit above a budget's limit."""

    budget = models.ForeignKey(Budget, on_delete=models.RESTRICT, related_name="overrides")
    share = models.ForeignKey(
        AllocationShare, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    amount = MoneyField(_("Betrag über dem Budget (€)"), validators=[MinValueValidator(ZERO)])
    reason = models.TextField(_("Begründung"))
    decision = models.ForeignKey(
        Decision, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    by = created_by_field()
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="override_positive")]


class Expense(TenantModel):
    """Money spent (Ausgabe) on an allocation share: date, amount, receipt reference."""

    share = models.ForeignKey(
        AllocationShare,
        on_delete=models.RESTRICT,
        related_name="expenses",
        verbose_name=_("aus dem Budget"),
    )
    date = models.DateField(_("Datum"))
    amount = MoneyField(_("Betrag (€)"), validators=[MinValueValidator(Decimal("0.01"))])
    receipt = models.CharField(_("Belegnummer"), max_length=100)
    description = models.CharField(_("Beschreibung"), max_length=300, blank=True)
    excess_reason = models.TextField(
        _("Begründung der Überschreitung"),
        blank=True,
        help_text=_("Nur wenn die Ausgabe über die gebundenen Mittel hinausgeht."),
    )
    excess_decision = models.ForeignKey(
        Decision, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = created_by_field()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Ausgabe")
        verbose_name_plural = _("Ausgaben")
        ordering = ["-date", "-id"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="expense_positive")]
