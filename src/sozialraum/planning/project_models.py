"""Planning: projects (approved measures being carried out) and their evaluation."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sozialraum.planning.measure_models import Goal, Measure
from sozialraum.planning.models import QualityCriterion, created_by_field
from sozialraum.regions.models import TenantModel

ZERO = Decimal("0.00")

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
        # The list of projects, newest first, reads a page in this index's order instead of
        # sorting all of the office's projects (issue 8).
        indexes = [models.Index(fields=["youth_office", "started"])]
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
    created_by = created_by_field()
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
    completed_by = created_by_field()
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
