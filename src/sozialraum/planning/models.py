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

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sozialraum.meetings.models import AgendaItem, Meeting
from sozialraum.minutes.models import Decision
from sozialraum.network.models import Organisation
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


def _created_by() -> models.ForeignKey:
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
    approvers = models.ManyToManyField(
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
    created_by = _created_by()
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
    scored_by = _created_by()
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
    by = _created_by()
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]


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
        on_delete=models.PROTECT,
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
    created_by = _created_by()
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
    created_by = _created_by()
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
        on_delete=models.PROTECT,
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
    by = _created_by()
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]


# --- Budgets, transfers, allocations, expenses -------------------------------------------


class Budget(TenantModel):
    """The budget of one social space in one year. `planned` is what the youth office set,
    `transferred` the net of transfers (in minus out), `overridden` what coordination
    explicitly allowed above the limit (each override recorded in `BudgetOverride`).
    `committed` and `spent` are kept by the services with F() in the transaction; the CHECK
    constraints make over-committing impossible, also for two requests at the same moment."""

    social_space = models.ForeignKey(
        SocialSpace,
        on_delete=models.PROTECT,
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
        Budget, on_delete=models.PROTECT, related_name="transfers_out", verbose_name=_("von")
    )
    target = models.ForeignKey(
        Budget, on_delete=models.PROTECT, related_name="transfers_in", verbose_name=_("nach")
    )
    amount = MoneyField(_("Betrag (€)"), validators=[MinValueValidator(Decimal("0.01"))])
    reason = models.TextField(_("Begründung"))
    by = _created_by()
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

    measure = models.ForeignKey(Measure, on_delete=models.PROTECT, related_name="allocations")
    total = MoneyField(_("Betrag (€)"), validators=[MinValueValidator(Decimal("0.01"))])
    note = models.TextField(_("Anmerkung"), blank=True)
    created_by = _created_by()
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
    budget = models.ForeignKey(Budget, on_delete=models.PROTECT, related_name="shares")
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

    budget = models.ForeignKey(Budget, on_delete=models.PROTECT, related_name="overrides")
    share = models.ForeignKey(
        AllocationShare, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    amount = MoneyField(_("Betrag über dem Budget (€)"), validators=[MinValueValidator(ZERO)])
    reason = models.TextField(_("Begründung"))
    decision = models.ForeignKey(
        Decision, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    by = _created_by()
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="override_positive")]


class Expense(TenantModel):
    """Money spent (Ausgabe) on an allocation share: date, amount, receipt reference."""

    share = models.ForeignKey(
        AllocationShare,
        on_delete=models.PROTECT,
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
    created_by = _created_by()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Ausgabe")
        verbose_name_plural = _("Ausgaben")
        ordering = ["-date", "-id"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="expense_positive")]


# --- Projects and evaluation -------------------------------------------------------------


class ProjectStatus(models.TextChoices):
    RUNNING = "laufend", _("läuft")
    ENDED = "beendet", _("beendet")
    EVALUATED = "evaluiert", _("evaluiert")


class Project(TenantModel):
    """An approved measure being carried out."""

    measure = models.OneToOneField(Measure, on_delete=models.CASCADE, related_name="project")
    status = models.CharField(
        _("Stand"), max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.RUNNING
    )
    started = models.DateField(_("begonnen am"))
    ends = models.DateField(_("endet am"))
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Projekt")
        verbose_name_plural = _("Projekte")
        ordering = ["-started", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(started__lte=F("ends")), name="project_period")
        ]

    def get_absolute_url(self) -> str:
        return reverse(
            "planning:project", kwargs={"office_slug": self.youth_office.slug, "pk": self.pk}
        )


class ProgressNote(TenantModel):
    """A note on a running project ("laufende Informationen über Projekte")."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="notes")
    date = models.DateField(_("Datum"))
    text = models.TextField(_("Bericht"))
    created_by = _created_by()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]


class NeedOutcome(models.TextChoices):
    MET = "gedeckt", _("gedeckt")
    PARTLY_MET = "teilweise_gedeckt", _("teilweise gedeckt")
    NOT_MET = "nicht_gedeckt", _("nicht gedeckt")


class Evaluation(TenantModel):
    """The evaluation at a project's end, on the four levels; when completed it feeds back to
    the needs (met / partly met / not met) and into prioritisation."""

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="evaluation")
    participants_reached = models.PositiveIntegerField(_("erreichte Teilnehmende"), default=0)
    what_worked = models.TextField(_("Was hat funktioniert?"), blank=True)
    what_did_not = models.TextField(_("Was hat nicht funktioniert?"), blank=True)
    structure = models.TextField(_("Struktur"), blank=True)
    process = models.TextField(_("Prozess"), blank=True)
    result = models.TextField(_("Ergebnis"), blank=True)
    quality = models.TextField(_("Qualität"), blank=True)
    need_outcome = models.CharField(
        _("Der Bedarf ist"), max_length=20, choices=NeedOutcome.choices, blank=True
    )
    completed_at = models.DateTimeField(_("abgeschlossen am"), null=True, blank=True)
    completed_by = _created_by()
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Evaluation")
        verbose_name_plural = _("Evaluationen")


class GoalResult(TenantModel):
    """A goal's achieved value in an evaluation."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="results")
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="results")
    achieved_value = models.DecimalField(
        _("erreichter Wert"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(ZERO)],
    )
    comment = models.CharField(_("Anmerkung"), max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "goal"], name="unique_goal_result"),
            models.CheckConstraint(
                condition=Q(achieved_value__gte=0), name="goal_result_not_negative"
            ),
        ]


class QualityRating(TenantModel):
    """How a project met one of the youth office's quality criteria (1 = nicht .. 4 = voll)."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="ratings")
    criterion = models.ForeignKey(QualityCriterion, on_delete=models.CASCADE, related_name="+")
    rating = models.PositiveSmallIntegerField(
        _("Bewertung"), validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    comment = models.CharField(_("Anmerkung"), max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "criterion"], name="unique_quality_rating"
            )
        ]
