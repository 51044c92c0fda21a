"""Forms of the needs and their prioritisation (planning-needs). They only clean input; the
services write."""

from __future__ import annotations

import copy
from typing import Any, cast

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from sozialraum.lib.choice_fields import BoundedModelChoiceField, BoundedModelMultipleChoiceField
from sozialraum.lib.widgets import FilterBoundField, Select, office_cache_key, row_choices
from sozialraum.planning.models import Need, NeedStatus, PriorityCriterion, RaisedBy
from sozialraum.regions.models import SocialSpace, YouthOffice
from sozialraum.teams.models import Team

FILTER_FIELD_TEMPLATE = "includes/filter_field.html"
TEXT_MAX = 5000
NUMBER_ERRORS = {
    "invalid": _("Bitte geben Sie eine ganze Zahl ein."),
    "max_value": _("Bitte geben Sie höchstens %(limit_value)s an."),
    "min_value": _("Bitte geben Sie mindestens %(limit_value)s an."),
}


class SpacesField(BoundedModelMultipleChoiceField):
    def label_from_instance(self, obj: SocialSpace) -> str:
        return obj.name


class TeamField(BoundedModelChoiceField):
    def label_from_instance(self, obj: Team) -> str:
        return obj.name


class NeedForm(forms.ModelForm):
    """A need's fields; meeting and agenda item are set by the view (raised from an item)."""

    age_from = forms.IntegerField(
        label=_("Alter von"),
        required=False,
        min_value=0,
        max_value=27,
        error_messages=NUMBER_ERRORS,
    )
    age_to = forms.IntegerField(
        label=_("Alter bis"),
        required=False,
        min_value=0,
        max_value=27,
        error_messages=NUMBER_ERRORS,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Need
        fields = [
            "title",
            "definition",
            "evidence",
            "target_group",
            "age_from",
            "age_to",
            "social_spaces",
            "raised_by",
            "team",
            "raised_by_text",
        ]
        field_classes = {"social_spaces": SpacesField, "team": TeamField}
        help_texts = {
            "title": _("Kurz und verständlich, z. B. „Treffpunkt für Jugendliche in Wietzendorf“."),
            "target_group": _("Zum Beispiel „Jugendliche ohne Ausbildungsplatz“."),
        }
        error_messages = {
            "title": {"required": _("Bitte geben Sie einen Titel ein.")},
            "definition": {
                "required": _("Bitte beschreiben Sie, was mit dem Bedarf genau gemeint ist.")
            },
            "social_spaces": {
                "required": _("Bitte wählen Sie mindestens einen Raum, in dem der Bedarf besteht."),
                "invalid_choice": _("Diesen Raum gibt es in diesem Jugendamt nicht."),
                "invalid_pk_value": _("Diesen Raum gibt es in diesem Jugendamt nicht."),
            },
            "team": {"invalid_choice": _("Dieses Team gibt es in diesem Jugendamt nicht.")},
        }
        widgets = {
            "definition": forms.Textarea(attrs={"rows": 4, "maxlength": TEXT_MAX}),
            "evidence": forms.Textarea(attrs={"rows": 4, "maxlength": TEXT_MAX}),
            "social_spaces": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, office: YouthOffice, instance: Need | None = None, **kwargs):
        if instance is not None and "initial" not in kwargs:
            kwargs["initial"] = {"version": instance.version}
        kwargs["instance"] = copy.copy(instance) if instance else Need(youth_office=office)
        super().__init__(*args, **kwargs)
        spaces = cast(forms.ModelMultipleChoiceField, self.fields["social_spaces"])
        spaces.queryset = SocialSpace.objects.in_office(office)
        spaces.label = office.social_space_label_plural
        spaces.help_text = _("Wo der Bedarf besteht; mehrere sind möglich.")
        team = cast(forms.ModelChoiceField, self.fields["team"])
        team.queryset = Team.objects.in_office(office)
        team.empty_label = _("– kein Team –")
        team.help_text = _("Das Team, das den Bedarf eingebracht hat oder ihn weiter verfolgt.")
        raised_by = cast(forms.ChoiceField, self.fields["raised_by"])
        raised_by.choices = list(RaisedBy.choices)
        for name in ("definition", "evidence"):
            self.fields[name].validators.append(MaxLengthValidator(TEXT_MAX))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        low, high = data.get("age_from"), data.get("age_to")
        if low is not None and high is not None and low > high:
            self.add_error("age_to", _("„Alter bis“ darf nicht kleiner sein als „Alter von“."))
        return data

    def _post_clean(self) -> None:
        """The services validate the model; the form only cleans the input."""

    def data_for_service(self) -> dict[str, Any]:
        names = [name for name in self.Meta.fields if name != "social_spaces"]
        return {name: self.cleaned_data[name] for name in names}


def need_initial(need: Need) -> dict[str, Any]:
    initial: dict[str, Any] = {name: getattr(need, name) for name in Need.EDITABLE_FIELDS}
    initial.update(
        social_spaces=[space.pk for space in need.social_spaces.all()],
        raised_by=need.raised_by,
        team=need.team_id,
        raised_by_text=need.raised_by_text,
    )
    return initial


class NeedFilterForm(forms.Form):
    """The filters above the needs list. Invalid values are simply ignored."""

    bound_field_class = FilterBoundField  # field groups written in Python (lib.widgets)

    stand = forms.ChoiceField(label=_("Stand"), required=False, widget=Select)
    raum = BoundedModelChoiceField(
        label=_("Sozialraum"), required=False, queryset=SocialSpace.objects.none()
    )
    team = BoundedModelChoiceField(label=_("Team"), required=False, queryset=Team.objects.none())

    def __init__(self, *args: Any, office: YouthOffice, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["stand"]).choices = [
            ("", _("Alle")),
            *NeedStatus.choices,
        ]
        space = cast(forms.ModelChoiceField, self.fields["raum"])
        space.label = office.get_social_space_label_display()
        space.queryset = SocialSpace.objects.in_office(office)
        space.empty_label = _("Alle")
        space.widget.choices = row_choices(space.empty_label, space.queryset)
        team = cast(forms.ModelChoiceField, self.fields["team"])
        team.queryset = Team.objects.in_office(office)
        team.empty_label = _("Alle Teams")
        # An office may have a thousand teams: their pairs and options are cached per office
        # data version, as in the decisions register (every team change is audited).
        team.widget.choices = row_choices(
            team.empty_label, team.queryset, cache_key=office_cache_key(office, "need-teams")
        )

    def filters(self) -> dict[str, Any]:
        valid = self.is_valid()
        data = self.cleaned_data if valid else {}
        space, team = data.get("raum"), data.get("team")
        return {
            "status": data.get("stand") or "",
            "space": space.pk if space else None,
            "team": team.pk if team else None,
        }


class NeedStatusForm(forms.Form):
    """A status change: the new status comes from the button pressed."""

    to = forms.ChoiceField(label=_("Neuer Stand"), choices=NeedStatus.choices)
    reason = forms.CharField(
        label=_("Begründung"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": TEXT_MAX}),
        help_text=_("Bei einer Ablehnung bitte den Grund nennen."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=2**31 - 1)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to"].error_messages["invalid_choice"] = _("Diesen Stand gibt es nicht.")
        self.fields["to"].error_messages["required"] = _("Bitte wählen Sie einen Stand.")


class ScoreForm(forms.Form):
    """The scores of one need, one field per active criterion (empty: not scored)."""

    def __init__(
        self, *args: Any, criteria: list[PriorityCriterion], scores: dict[int, int], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            field = forms.TypedChoiceField(
                label=_("%(name)s (Gewicht %(weight)s)")
                % {"name": criterion.name, "weight": criterion.weight},
                required=False,
                coerce=int,
                empty_value=None,
                choices=[
                    ("", _("nicht bewertet")),
                    *((str(n), str(n)) for n in range(criterion.max_score + 1)),
                ],
                initial=scores.get(criterion.pk),
                help_text=criterion.description,
            )
            field.error_messages["invalid_choice"] = _(
                "Bitte vergeben Sie 0 bis %(max)s Punkte."
            ) % {"max": criterion.max_score}
            self.fields[f"kriterium_{criterion.pk}"] = field

    def scores(self) -> dict[PriorityCriterion, int | None]:
        return {c: self.cleaned_data.get(f"kriterium_{c.pk}") for c in self.criteria}
