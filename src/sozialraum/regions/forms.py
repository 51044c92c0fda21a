from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from sozialraum.lib.choice_fields import BoundedModelMultipleChoiceField
from sozialraum.regions.models import Municipality, SocialSpace, YouthOffice
from sozialraum.regions.services import name_taken_message


class MunicipalityChoiceField(BoundedModelMultipleChoiceField):
    def label_from_instance(self, obj: Municipality) -> str:
        return obj.name


class SocialSpaceForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    description = forms.CharField(
        label=_("Beschreibung"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Was zeichnet den Raum aus? Wer lebt hier?"),
    )
    municipalities = MunicipalityChoiceField(
        label=_("Gemeinden"),
        queryset=Municipality.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Bitte wählen Sie mindestens eine Gemeinde."),
            "invalid_choice": _("Diese Gemeinde gehört nicht zum Kreis des Jugendamts."),
        },
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(
        self,
        *args,
        office: YouthOffice,
        instance: SocialSpace | None = None,
        taken: dict[int, str] | None = None,
        **kwargs,
    ):
        self.office = office
        self.instance = instance
        if instance is not None and "initial" not in kwargs:
            kwargs["initial"] = social_space_initial(instance)
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelMultipleChoiceField, self.fields["municipalities"])
        field.queryset = office.municipalities().order_by("name")
        # Which municipality already belongs to which other social space, shown at the choice.
        self.taken = taken or {}
        field.label_from_instance = self._municipality_label  # type: ignore[method-assign,assignment]  # a bound method replaces the field's label
        field.help_text = _("Jede Gemeinde kann nur einmal zugeordnet werden.")

    def _municipality_label(self, municipality: Municipality) -> str:
        other = self.taken.get(municipality.pk)
        if other is None:
            return municipality.name
        return _("%(name)s (gehört zu %(space)s)") % {"name": municipality.name, "space": other}

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Bitte geben Sie einen Namen ein."))
        others = SocialSpace.objects.in_office(self.office).filter(name__iexact=name)
        if self.instance is not None:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(name_taken_message())
        return name

    def clean_municipalities(self):
        chosen = self.cleaned_data["municipalities"]
        conflicts = [m for m in chosen if m.pk in self.taken]
        if conflicts:
            raise forms.ValidationError(
                _("Schon vergeben: %(names)s. Entfernen Sie die Gemeinde zuerst dort.")
                % {"names": ", ".join(f"{m.short_name} ({self.taken[m.pk]})" for m in conflicts)}
            )
        return chosen


def social_space_initial(space: SocialSpace) -> dict[str, Any]:
    return {
        "name": space.name,
        "description": space.description,
        "municipalities": [m.pk for m in space.municipalities.all()],
        "version": space.version,
    }
