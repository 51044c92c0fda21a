"""Forms of projects and evaluations. They only clean input; the services write."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sozialraum.lib.choice_fields import BoundedModelChoiceField
from sozialraum.lib.forms import GermanDateField
from sozialraum.lib.money import AmountField
from sozialraum.lib.widgets import (
    FilterBoundField,
    NumberInput,
    Select,
    office_cache_key,
    row_choices,
)
from sozialraum.planning.measure_models import Goal
from sozialraum.planning.models import EvaluationLevel, QualityCriterion
from sozialraum.planning.project_models import Evaluation, GoalResult, NeedOutcome, QualityRating
from sozialraum.planning.project_services import TEXT_MAX, Entry
from sozialraum.regions.models import SocialSpace, YouthOffice

# The states of the list's filter: an ended project is one whose period is over (or that was
# ended), until its evaluation is completed.
STATE_RUNNING, STATE_ENDED, STATE_EVALUATED = "laufend", "beendet", "evaluiert"
STATE_CHOICES = [
    ("", _("alle")),
    (STATE_RUNNING, _("läuft")),
    (STATE_ENDED, _("beendet, noch nicht evaluiert")),
    (STATE_EVALUATED, _("evaluiert")),
]
RATING_CHOICES = [
    ("", _("nicht bewertet")),
    ("1", _("1 – nicht erfüllt")),
    ("2", _("2 – kaum erfüllt")),
    ("3", _("3 – überwiegend erfüllt")),
    ("4", _("4 – voll erfüllt")),
]


class ProjectFilterForm(forms.Form):
    bound_field_class = FilterBoundField  # field groups written in Python (lib.widgets)

    stand = forms.ChoiceField(
        label=_("Stand"), choices=STATE_CHOICES, required=False, widget=Select
    )
    raum = BoundedModelChoiceField(
        label=_("Sozialraum"),
        queryset=SocialSpace.objects.none(),
        required=False,
        empty_label=_("alle"),
    )
    jahr = forms.IntegerField(
        label=_("Jahr"),
        required=False,
        widget=NumberInput,
        min_value=2000,
        max_value=2100,
        error_messages={
            "invalid": _("Bitte geben Sie ein Jahr ein, z. B. 2026."),
            "min_value": _("Bitte geben Sie ein Jahr ab 2000 ein."),
            "max_value": _("Bitte geben Sie ein Jahr bis 2100 ein."),
        },
    )

    def __init__(self, *args: Any, office: YouthOffice, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        space = self.fields["raum"]
        assert isinstance(space, forms.ModelChoiceField)
        space.queryset = SocialSpace.objects.in_office(office).order_by("sort_key", "pk")
        # (pk, name) pairs and their options cached per office data version (every change
        # of a social space is audited, which raises it): no query, no option rendering.
        space.widget.choices = row_choices(
            space.empty_label, space.queryset, cache_key=office_cache_key(office, "project-spaces")
        )
        space.label = office.get_social_space_label_display()
        space.error_messages["invalid_choice"] = _("Diesen Raum gibt es in diesem Jugendamt nicht.")
        self.fields["jahr"].widget.attrs.update(inputmode="numeric", size="6")

    def filters(self) -> dict[str, Any]:
        if not self.is_valid():
            return {}
        return {key: value for key, value in self.cleaned_data.items() if value not in (None, "")}


class ProgressNoteForm(forms.Form):
    date = GermanDateField(label=_("Datum"))
    text = forms.CharField(
        label=_("Bericht"),
        help_text=_("Was ist geschehen, was hat sich geändert, wer war dabei?"),
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": TEXT_MAX}),
        validators=[MaxLengthValidator(TEXT_MAX)],
        error_messages={"required": _("Bitte schreiben Sie, was es Neues gibt.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"date": timezone.localdate()})
        super().__init__(*args, **kwargs)


class AchievedValueField(AmountField):
    """A goal's achieved value typed the German way ("12", "12,5", "1.200"), a Decimal."""

    default_error_messages = {
        "negative": _("Der erreichte Wert darf nicht negativ sein."),
    }

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        try:
            return super().to_python(value)
        except ValidationError as error:
            if error.code == "negative":
                raise
            raise ValidationError(
                _("Bitte geben Sie eine Zahl ein, zum Beispiel 12 oder 12,5."), code="invalid"
            ) from None

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Decimal):
            return f"{value.normalize():f}".replace(".", ",")
        return value


class EvaluationForm(forms.Form):
    """The evaluation: one achieved value per goal, the texts, the four levels, one rating per
    active quality criterion, the need outcome. Two buttons: save the draft or complete."""

    participants_reached = forms.IntegerField(
        label=_("Erreichte Teilnehmende"),
        min_value=0,
        max_value=1_000_000,
        required=False,
        error_messages={
            "invalid": _("Bitte geben Sie eine ganze Zahl ein."),
            "min_value": _("Die Zahl darf nicht negativ sein."),
            "max_value": _("Diese Zahl ist zu groß."),
        },
    )
    what_worked = forms.CharField(label=_("Was hat funktioniert?"), required=False)
    what_did_not = forms.CharField(label=_("Was hat nicht funktioniert?"), required=False)
    structure = forms.CharField(
        label=_("Struktur"),
        required=False,
        help_text=_("Rahmen: Räume, Personal, Zeiten, Zusammenarbeit der Träger."),
    )
    process = forms.CharField(
        label=_("Prozess"),
        required=False,
        help_text=_("Ablauf: Wie wurde gearbeitet, wie wurde die Zielgruppe erreicht?"),
    )
    result = forms.CharField(
        label=_("Ergebnis"),
        required=False,
        help_text=_("Wirkung: Was hat sich für Kinder, Jugendliche und Familien verändert?"),
    )
    quality = forms.CharField(
        label=_("Qualität"),
        required=False,
        help_text=_("Gemessen an den Qualitätskriterien des Jugendamts."),
    )
    need_outcome = forms.ChoiceField(
        label=_("Der Bedarf ist"),
        choices=NeedOutcome.choices,
        required=False,
        widget=forms.RadioSelect,
        help_text=_(
            "Ist der Bedarf nicht gedeckt, kommt er mit dem Abschluss zurück in die Rangfolge."
        ),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    TEXTS = ("what_worked", "what_did_not", "structure", "process", "result", "quality")

    def __init__(
        self,
        *args: Any,
        goals: list[Goal],
        criteria: list[QualityCriterion],
        evaluation: Evaluation | None,
        **kwargs: Any,
    ) -> None:
        self.goals, self.criteria = goals, criteria
        results: dict[int, GoalResult] = {}
        ratings: dict[int, QualityRating] = {}
        initial: dict[str, Any] = {"version": 0}
        if evaluation is not None:
            results = {r.goal_id: r for r in evaluation.results.all()}
            ratings = {r.criterion_id: r for r in evaluation.ratings.all()}
            initial = {name: getattr(evaluation, name) for name in (*self.TEXTS, "need_outcome")}
            initial["participants_reached"] = evaluation.participants_reached
            initial["version"] = evaluation.version
        for goal in goals:
            if goal.pk in results:
                initial[f"result_{goal.pk}"] = results[goal.pk].achieved_value
                initial[f"result_comment_{goal.pk}"] = results[goal.pk].comment
        for criterion in criteria:
            if criterion.pk in ratings:
                initial[f"rating_{criterion.pk}"] = str(ratings[criterion.pk].rating)
                initial[f"rating_comment_{criterion.pk}"] = ratings[criterion.pk].comment
        kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        for name in self.TEXTS:
            field = self.fields[name]
            field.widget = forms.Textarea(attrs={"rows": 3, "maxlength": TEXT_MAX})
            field.validators.append(MaxLengthValidator(TEXT_MAX))
        self.fields["participants_reached"].widget.attrs.update(inputmode="numeric", size="8")
        for goal in goals:
            self.fields[f"result_{goal.pk}"] = AchievedValueField(
                label=_("Erreicht (%(unit)s)") % {"unit": goal.unit},
                required=False,
                help_text=_("Ziel: %(target)s %(unit)s")
                % {
                    "target": f"{goal.target_value.normalize():f}".replace(".", ","),
                    "unit": goal.unit,
                },
            )
            self.fields[f"result_comment_{goal.pk}"] = forms.CharField(
                label=_("Anmerkung"), required=False, max_length=300
            )
        for criterion in criteria:
            self.fields[f"rating_{criterion.pk}"] = forms.ChoiceField(
                label=criterion.name,
                choices=RATING_CHOICES,
                required=False,
                help_text=criterion.description,
            )
            self.fields[f"rating_comment_{criterion.pk}"] = forms.CharField(
                label=_("Anmerkung"), required=False, max_length=300
            )

    def goal_rows(self) -> list[tuple[Goal, forms.BoundField, forms.BoundField]]:
        return [(g, self[f"result_{g.pk}"], self[f"result_comment_{g.pk}"]) for g in self.goals]

    def rating_groups(self) -> list[tuple[str, list[tuple[forms.BoundField, forms.BoundField]]]]:
        groups = []
        for level, label in EvaluationLevel.choices:
            rows = [
                (self[f"rating_{c.pk}"], self[f"rating_comment_{c.pk}"])
                for c in self.criteria
                if c.level == level
            ]
            if rows:
                groups.append((str(label), rows))
        return groups

    def data_for_service(self) -> dict[str, Any]:
        data = {name: self.cleaned_data[name] for name in (*self.TEXTS, "need_outcome")}
        data["participants_reached"] = self.cleaned_data["participants_reached"] or 0
        return data

    def results(self) -> dict[int, Entry]:
        return {
            goal.pk: Entry(
                self.cleaned_data[f"result_{goal.pk}"],
                self.cleaned_data[f"result_comment_{goal.pk}"],
            )
            for goal in self.goals
        }

    def ratings(self) -> dict[int, Entry]:
        return {
            c.pk: Entry(
                int(self.cleaned_data[f"rating_{c.pk}"])
                if self.cleaned_data[f"rating_{c.pk}"]
                else None,
                self.cleaned_data[f"rating_comment_{c.pk}"],
            )
            for c in self.criteria
        }


class QualityCriterionForm(forms.Form):
    name = forms.CharField(
        label=_("Qualitätskriterium"),
        max_length=200,
        help_text=_("Zum Beispiel „Die Zielgruppe wurde an der Planung beteiligt“."),
        error_messages={"required": _("Bitte geben Sie das Kriterium ein.")},
    )
    level = forms.ChoiceField(
        label=_("Ebene"),
        choices=EvaluationLevel.choices,
        error_messages={"required": _("Bitte wählen Sie eine der vier Ebenen.")},
    )
    description = forms.CharField(
        label=_("Erläuterung"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": TEXT_MAX}),
        validators=[MaxLengthValidator(TEXT_MAX)],
    )
