"""Forms of the measures (planning-needs): the measure with its goals (a formset), the
decision on a submitted measure. They only clean input; the services write."""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any, cast

from django import forms
from django.core.validators import MaxLengthValidator
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sozialraum.lib.choice_fields import BoundedModelChoiceField, BoundedModelMultipleChoiceField
from sozialraum.lib.forms import GermanDateField
from sozialraum.minutes.models import Decision
from sozialraum.network.models import Organisation
from sozialraum.planning.measure_models import Goal, Measure
from sozialraum.planning.measure_services import GoalData, carrier_choices
from sozialraum.planning.models import Need, NeedStatus
from sozialraum.planning.need_forms import TEXT_MAX, SpacesField, TeamField
from sozialraum.regions.models import SocialSpace, YouthOffice
from sozialraum.teams.models import Team

GOAL_ROWS = 3


class NeedsField(BoundedModelMultipleChoiceField):
    def label_from_instance(self, obj: Need) -> str:
        return obj.title


class CarrierField(BoundedModelChoiceField):
    def label_from_instance(self, obj: Organisation) -> str:
        return f"{obj.name} ({obj.city})" if obj.city else obj.name


class MeasureForm(forms.ModelForm):
    period_start = GermanDateField(label=_("Beginn"))
    period_end = GermanDateField(label=_("Ende"))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Measure
        fields = [
            "title",
            "description",
            "needs",
            "target_group",
            "carrier",
            "team",
            "social_spaces",
            "period_start",
            "period_end",
            "place",
            "method",
        ]
        field_classes = {
            "needs": NeedsField,
            "carrier": CarrierField,
            "team": TeamField,
            "social_spaces": SpacesField,
        }
        help_texts = {
            "method": _("Wie wird gearbeitet? Zum Beispiel offene Treffs, Gruppenangebote."),
            "place": _("Wo die Maßnahme stattfindet."),
        }
        error_messages = {
            "title": {"required": _("Bitte geben Sie einen Titel ein.")},
            "carrier": {
                "required": _("Bitte wählen Sie den Träger der Maßnahme."),
                "invalid_choice": _(
                    "Diesen Träger können Sie hier nicht wählen: Er gehört nicht zu diesem "
                    "Jugendamt oder nicht zu Ihrer Organisation."
                ),
            },
            "needs": {
                "invalid_choice": _("Diesen Bedarf gibt es in diesem Jugendamt nicht."),
                "invalid_pk_value": _("Diesen Bedarf gibt es in diesem Jugendamt nicht."),
            },
            "social_spaces": {
                "invalid_choice": _("Diesen Raum gibt es in diesem Jugendamt nicht."),
                "invalid_pk_value": _("Diesen Raum gibt es in diesem Jugendamt nicht."),
            },
            "team": {"invalid_choice": _("Dieses Team gibt es in diesem Jugendamt nicht.")},
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4, "maxlength": TEXT_MAX}),
            "method": forms.Textarea(attrs={"rows": 3, "maxlength": TEXT_MAX}),
            "social_spaces": forms.CheckboxSelectMultiple,
            "needs": forms.CheckboxSelectMultiple,
        }

    def __init__(
        self,
        *args: Any,
        office: YouthOffice,
        user: Any,
        instance: Measure | None = None,
        **kwargs: Any,
    ) -> None:
        if instance is not None and "initial" not in kwargs:
            kwargs["initial"] = {"version": instance.version}
        kwargs["instance"] = copy.copy(instance) if instance else Measure(youth_office=office)
        super().__init__(*args, **kwargs)
        carrier = cast(forms.ModelChoiceField, self.fields["carrier"])
        carrier.queryset = carrier_choices(office, user)
        carrier.empty_label = _("– bitte wählen –")
        needs = cast(forms.ModelMultipleChoiceField, self.fields["needs"])
        # Open needs (neither rejected nor met), and those the measure answers already.
        linked = instance.needs.values("pk") if instance is not None else Need.objects.none()
        needs.queryset = (
            Need.objects.in_office(office)
            .filter(~Q(status__in=(NeedStatus.REJECTED, NeedStatus.MET)) | Q(pk__in=linked))
            .order_by("title")
        )
        needs.required = False
        needs.help_text = _("Welche Bedarfe die Maßnahme beantwortet.")
        team = cast(forms.ModelChoiceField, self.fields["team"])
        team.queryset = Team.objects.in_office(office)
        team.empty_label = _("– kein Team –")
        spaces = cast(forms.ModelMultipleChoiceField, self.fields["social_spaces"])
        spaces.queryset = SocialSpace.objects.in_office(office)
        spaces.label = office.social_space_label_plural
        spaces.required = False
        for name in ("description", "method"):
            self.fields[name].validators.append(MaxLengthValidator(TEXT_MAX))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and start > end:
            self.add_error("period_end", _("Das Ende darf nicht vor dem Beginn liegen."))
        return data

    def _post_clean(self) -> None:
        """The services validate the model; the form only cleans the input."""

    def data_for_service(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in Measure.EDITABLE_FIELDS}


def measure_initial(measure: Measure) -> dict[str, Any]:
    initial: dict[str, Any] = {name: getattr(measure, name) for name in Measure.EDITABLE_FIELDS}
    initial.update(
        carrier=measure.carrier_id,
        team=measure.team_id,
        needs=[n.pk for n in measure.needs.all()],
        social_spaces=[s.pk for s in measure.social_spaces.all()],
    )
    return initial


class GoalForm(forms.Form):
    description = forms.CharField(label=_("Ziel"), max_length=300, required=False)
    indicator = forms.CharField(
        label=_("Indikator"),
        max_length=300,
        required=False,
        help_text=_("Woran Sie merken, dass das Ziel erreicht ist."),
    )
    target_value = forms.DecimalField(
        label=_("Zielwert"),
        required=False,
        max_digits=12,
        decimal_places=2,
        localize=True,
        error_messages={
            "invalid": _("Bitte geben Sie eine Zahl ein, z. B. 20 oder 7,5."),
            "max_digits": _("Die Zahl ist zu groß."),
            "max_decimal_places": _("Bitte höchstens zwei Nachkommastellen."),
            "max_whole_digits": _("Die Zahl ist zu groß."),
        },
    )
    unit = forms.CharField(
        label=_("Einheit"),
        max_length=50,
        required=False,
        help_text=_("Zum Beispiel Familien, Termine, %."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.template_name = "planning/_row_field.html"  # type: ignore[attr-defined]  # Django 5 Field.template_name; stubs lag

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not any(data.get(name) not in (None, "") for name in self.fields):
            return data  # an empty row: ignored
        if not (data.get("description") or "").strip():
            self.add_error("description", _("Bitte beschreiben Sie das Ziel."))
        if not (data.get("indicator") or "").strip():
            self.add_error(
                "indicator", _("Jedes Ziel braucht einen Indikator, an dem es gemessen wird.")
            )
        value = data.get("target_value")
        if value is None and "target_value" not in self.errors:
            self.add_error("target_value", _("Bitte geben Sie einen Zielwert an."))
        elif value is not None and value < 0:
            self.add_error("target_value", _("Der Zielwert darf nicht negativ sein."))
        if not (data.get("unit") or "").strip():
            self.add_error("unit", _("Bitte geben Sie die Einheit an, z. B. Familien."))
        return data

    def goal(self) -> GoalData | None:
        data = self.cleaned_data
        if not (data.get("description") or data.get("indicator")):
            return None
        return GoalData(
            description=data["description"],
            indicator=data["indicator"],
            target_value=data.get("target_value") or Decimal("0"),
            unit=data["unit"],
        )


GoalFormSet = forms.formset_factory(GoalForm, extra=0, max_num=30, absolute_max=30)


def goal_formset(data: Any = None, *, measure: Measure | None = None) -> Any:
    goals = list(Goal.objects.filter(measure=measure)) if measure is not None else []
    initial = [
        {
            "description": g.description,
            "indicator": g.indicator,
            "target_value": g.target_value,
            "unit": g.unit,
        }
        for g in goals
    ] + [{}] * GOAL_ROWS
    formset = GoalFormSet(data, initial=initial, prefix="ziele")
    return formset


def goals_of(formset: Any) -> list[GoalData]:
    return [goal for form in formset.forms if (goal := form.goal()) is not None]


def decision_label(decision: Decision) -> str:
    return f"{decision.number}/{decision.year}: {decision.text[:80]}"


class DecideForm(forms.Form):
    """The decision on a submitted measure."""

    action = forms.ChoiceField(
        label=_("Entscheidung"),
        choices=[
            ("bewilligen", _("bewilligen")),
            ("zurueckgeben", _("zur Überarbeitung zurückgeben")),
            ("ablehnen", _("ablehnen")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Bitte wählen Sie eine Entscheidung.")},
    )
    comment = forms.CharField(
        label=_("Begründung/Anmerkung"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": TEXT_MAX}),
        help_text=_("Beim Zurückgeben und Ablehnen bitte begründen."),
    )
    decision = BoundedModelChoiceField(
        label=_("Beschluss des Teams"),
        required=False,
        queryset=Decision.objects.none(),
        help_text=_("Falls sich die Entscheidung auf einen Beschluss des Teams stützt."),
        error_messages={"invalid_choice": _("Diesen Beschluss gibt es für dieses Team nicht.")},
    )

    def __init__(self, *args: Any, measure: Measure, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["decision"])
        if measure.team_id is None:
            del self.fields["decision"]
            return
        field.queryset = Decision.objects.filter(
            youth_office_id=measure.youth_office_id, team_id=measure.team_id
        ).order_by("-date", "-number")
        field.empty_label = _("– kein Beschluss –")
        field.label_from_instance = decision_label  # type: ignore[method-assign,assignment]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            data.get("action") in ("zurueckgeben", "ablehnen")
            and not (data.get("comment") or "").strip()
        ):
            self.add_error("comment", _("Bitte begründen Sie die Entscheidung."))
        return data
