"""Forms of the minutes: starting them, the editor (one form over every item, so that the
optimistic locking shows all of one's own text next to the saved text), comments, sections."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import MaxLengthValidator
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from sozialraum.lib.choice_fields import BoundedModelChoiceField
from sozialraum.lib.forms import GermanDateField
from sozialraum.minutes.models import Minutes, MinutesItem, MinutesSection, SectionKind
from sozialraum.minutes.services import (
    DISCUSSION_MAX,
    TEXT_MAX,
    ItemInput,
    MinutesInput,
    item_field,
    task_responsible_message,
)
from sozialraum.network.models import Person

VERSION = {"widget": forms.HiddenInput, "min_value": 0, "max_value": 2**31}


class PersonChoiceField(BoundedModelChoiceField):
    def label_from_instance(self, obj: Person) -> str:
        return obj.full_name


class StartForm(forms.Form):
    minute_taker = PersonChoiceField(
        label=_("Protokoll führt"), required=False, queryset=Person.objects.none()
    )

    def __init__(self, *args, people: QuerySet[Person], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["minute_taker"].queryset = people  # type: ignore[attr-defined]


def section_key(section: MinutesSection) -> str:
    """Where a section's text is kept in `Minutes.sections`."""
    return (
        SectionKind.NEXT_MEETING.value
        if section.kind == SectionKind.NEXT_MEETING
        else str(section.pk)
    )


class MinutesForm(forms.Form):
    """The editor. Fields per item: item_<pk>_discussion, _carry_over, _decision, _task_title,
    _task_responsible, _task_due; section_<key> for free sections; minute_taker for those who
    choose it; reason for a correction of approved minutes."""

    version = forms.IntegerField(**VERSION)  # type: ignore[arg-type]

    def __init__(
        self,
        *args: Any,
        minutes: Minutes,
        items: list[MinutesItem],
        sections: list[MinutesSection],
        people: QuerySet[Person],
        choose_taker: bool,
        correction: bool,
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        self.items = items
        self.correction = correction
        if choose_taker:
            self.fields["minute_taker"] = PersonChoiceField(
                label=_("Protokoll führt"), required=False, queryset=people
            )
        self.item_groups = []
        for number, item in enumerate(items, 1):
            prefix = _("TOP %(number)s") % {"number": number}
            names = {
                "discussion": forms.CharField(
                    label=_("%(top)s: Besprechung") % {"top": prefix},
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 6}),
                    validators=[MaxLengthValidator(DISCUSSION_MAX)],
                ),
                "carry_over": forms.BooleanField(
                    label=_("%(top)s beim nächsten Treffen fortsetzen") % {"top": prefix},
                    required=False,
                ),
                "decision": forms.CharField(
                    label=_("%(top)s: neuer Beschluss") % {"top": prefix},
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 2}),
                    validators=[MaxLengthValidator(TEXT_MAX)],
                    help_text=_("Er bekommt beim Speichern die nächste Nummer des Teams."),
                ),
                "task_title": forms.CharField(
                    label=_("%(top)s: neue Aufgabe") % {"top": prefix},
                    required=False,
                    max_length=300,
                ),
                "task_responsible": PersonChoiceField(
                    label=_("%(top)s: zuständig für die Aufgabe") % {"top": prefix},
                    required=False,
                    queryset=people,
                    empty_label=_("– bitte wählen –"),
                ),
                "task_due": GermanDateField(
                    label=_("%(top)s: fällig am") % {"top": prefix}, required=False
                ),
            }
            for name, field in names.items():
                self.fields[item_field(item.pk, name)] = field
            self.item_groups.append((number, item, [item_field(item.pk, n) for n in names]))
        self.section_fields = []
        for section in sections:
            if section.kind in (SectionKind.TEXT, SectionKind.NEXT_MEETING):
                name = f"section_{section_key(section)}"
                self.fields[name] = forms.CharField(
                    label=section.title
                    if section.kind == SectionKind.TEXT
                    else _("%(title)s: Hinweis") % {"title": section.title},
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 3}),
                    validators=[MaxLengthValidator(DISCUSSION_MAX)],
                )
                self.section_fields.append((section, name))
        if correction:
            self.fields["reason"] = forms.CharField(
                label=_("Grund der Korrektur"),
                max_length=TEXT_MAX,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text=_("Steht über dem Protokoll bei der neuen Fassung, für alle sichtbar."),
                error_messages={
                    "required": _("Bitte geben Sie an, warum das Protokoll korrigiert wird.")
                },
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for item in self.items:
            title = data.get(item_field(item.pk, "task_title"), "")
            if title and not data.get(item_field(item.pk, "task_responsible")):
                self.add_error(item_field(item.pk, "task_responsible"), task_responsible_message())
        return data

    def groups(self):
        """(number, item, bound fields) for the template."""
        return [
            (number, item, [self[name] for name in names])
            for number, item, names in self.item_groups
        ]

    def sections(self):
        return [(section, self[name]) for section, name in self.section_fields]

    def to_input(self) -> MinutesInput:
        data = self.cleaned_data
        result = MinutesInput()
        for item in self.items:

            def value(name: str, item: MinutesItem = item) -> Any:
                return data.get(item_field(item.pk, name))

            result.items[item.pk] = ItemInput(
                discussion=value("discussion") or "",
                carry_over=bool(value("carry_over")),
                decision=value("decision") or "",
                task_title=value("task_title") or "",
                task_responsible=value("task_responsible"),
                task_due=value("task_due"),
            )
        for section, name in self.section_fields:
            result.sections[section_key(section)] = data.get(name) or ""
        if "minute_taker" in self.fields:
            result.minute_taker = data.get("minute_taker") or False
        return result


def saved_initial(minutes: Minutes, items: list[MinutesItem], form: MinutesForm) -> dict:
    """The saved minutes as the editor's initial values (for the form and the conflict)."""
    initial: dict[str, Any] = {"version": minutes.version}
    if "minute_taker" in form.fields:
        initial["minute_taker"] = minutes.minute_taker_id
    for item in items:
        initial[item_field(item.pk, "discussion")] = item.discussion
        initial[item_field(item.pk, "carry_over")] = item.carry_over
    for section, name in form.section_fields:
        initial[name] = (minutes.sections or {}).get(section_key(section), "")
    return initial


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Ihre Anmerkung"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Bitte schreiben Sie Ihre Anmerkung.")},
    )
