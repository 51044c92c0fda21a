"""Forms of invitations, answers and reminder settings (they only clean input)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sozialraum.lib.choice_fields import BoundedModelMultipleChoiceField
from sozialraum.meetings.models import Answer, Invitation, ReminderSettings
from sozialraum.network.models import Person
from sozialraum.regions.models import YouthOffice


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(label=_("Kommen Sie zum Treffen?"), widget=forms.RadioSelect)
    substitute = forms.ChoiceField(
        label=_("Wer vertritt Sie?"),
        required=False,
        help_text=_("Nur bei „Meine Vertretung kommt“. Sie können das Feld auch leer lassen."),
    )

    def __init__(
        self,
        *args: Any,
        choices: list[tuple[str, str]],
        substitutes: list[Person],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.substitutes = {str(person.pk): person for person in substitutes}
        answer_field = self.fields["answer"]
        assert isinstance(answer_field, forms.ChoiceField)
        answer_field.choices = choices
        if substitutes:
            substitute_field = self.fields["substitute"]
            assert isinstance(substitute_field, forms.ChoiceField)
            substitute_field.choices = [("", _("noch nicht bekannt"))] + [
                (str(person.pk), person.full_name) for person in substitutes
            ]
        else:
            del self.fields["substitute"]

    def chosen_substitute(self) -> Person | None:
        return self.substitutes.get(self.cleaned_data.get("substitute") or "")


def answer_initial(invitation: Invitation, answer: str | None = None) -> dict[str, str]:
    chosen = answer or (invitation.answer if invitation.answer != Answer.OPEN else "")
    initial = {"answer": chosen}
    if invitation.substitute_id:
        initial["substitute"] = str(invitation.substitute_id)
    return initial


class GuestsForm(forms.Form):
    guests = BoundedModelMultipleChoiceField(
        label=_("Gäste"),
        queryset=Person.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, office: YouthOffice, shown: list[Person], **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["guests"]
        assert isinstance(field, BoundedModelMultipleChoiceField)
        field.queryset = Person.objects.filter(youth_office=office)
        # Only the search's hits are offered as boxes; any person of the office validates.
        field.widget.choices = [(person.pk, person.full_name) for person in shown]


class ReminderSettingsForm(forms.ModelForm):
    class Meta:
        model = ReminderSettings
        fields = ("days_before", "answer_days_before")
        widgets = {
            "days_before": forms.NumberInput(attrs={"inputmode": "numeric"}),
            "answer_days_before": forms.NumberInput(attrs={"inputmode": "numeric"}),
        }
