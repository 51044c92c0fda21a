"""Forms of topics and the agenda. They only clean input; the services write."""

from __future__ import annotations

from django import forms
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from sozialraum.lib.choice_fields import BoundedModelChoiceField
from sozialraum.meetings.models import AgendaItem, Meeting, Topic, TopicStatus
from sozialraum.meetings.topics import TEXT_MAX


class TopicForm(forms.ModelForm):
    class Meta:
        model = Topic
        fields = list(Topic.EDITABLE_FIELDS)
        labels = {"minutes_needed": _("Wie viel Zeit braucht das Thema? (Minuten)")}
        help_texts = {
            "title": _("Kurz und verständlich, z. B. „Schulweg an der B 3“."),
            "reason": _("Was ist passiert, was soll sich ändern?"),
            "wanted_people": _("Zum Beispiel die Schulleitung oder jemand von der Gemeinde."),
        }
        widgets = {
            "reason": forms.Textarea(attrs={"rows": 5}),
            "wanted_people": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("reason", "wanted_people"):
            self.fields[name].validators.append(MaxLengthValidator(TEXT_MAX))
        needed = self.fields["minutes_needed"]
        needed.validators += [MinValueValidator(5), MaxValueValidator(240)]
        needed.widget.attrs.update({"min": 5, "max": 240})


class MeetingChoiceField(BoundedModelChoiceField):
    def label_from_instance(self, obj: Meeting) -> str:
        return f"{obj.date:%d.%m.%Y}, {obj.starts_at:%H:%M} Uhr"


class ScheduleForm(forms.Form):
    meeting = MeetingChoiceField(
        label=_("Treffen"), queryset=Meeting.objects.none(), empty_label=None
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=2**31)

    def __init__(self, *args, meetings=None, **kwargs):
        super().__init__(*args, **kwargs)
        if meetings is not None:
            self.fields["meeting"].queryset = meetings  # type: ignore[attr-defined]


class ReasonForm(forms.Form):
    """Defer (reason optional) or decline (reason required: the service says so)."""

    reason = forms.CharField(
        label=_("Begründung"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Die Person, die das Thema eingebracht hat, liest sie in der Rückmeldung."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=2**31)


class TopicFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Stand"),
        required=False,
        choices=[("", _("Alle")), *TopicStatus.choices],
    )


class AgendaItemForm(forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = list(AgendaItem.EDITABLE_FIELDS)
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["description"].validators.append(MaxLengthValidator(TEXT_MAX))
        duration = self.fields["duration_minutes"]
        duration.validators += [MinValueValidator(1), MaxValueValidator(600)]
        duration.widget.attrs.update({"min": 1, "max": 600})


class AgendaItemEditForm(AgendaItemForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=2**31)


class DeclineForm(ReasonForm):
    reason = forms.CharField(
        label=_("Begründung"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Die Person, die das Thema eingebracht hat, liest sie in der Rückmeldung."),
        error_messages={
            "required": _("Bitte schreiben Sie dazu, warum das Thema nicht aufgenommen wird.")
        },
    )
