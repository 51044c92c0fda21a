"""Forms of the decisions register and the task pages. They only clean input."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sozialraum.lib.choice_fields import BoundedModelChoiceField
from sozialraum.lib.prepared import Prepared
from sozialraum.lib.widgets import (
    FilterBoundField,
    Select,
    TextInput,
    office_cache_key,
    row_choices,
)
from sozialraum.minutes.models import DecisionStatus, TaskStatus
from sozialraum.minutes.register_services import NOTE_MAX
from sozialraum.regions.models import SocialSpace, YouthOffice
from sozialraum.teams.models import Team


class Pairs:
    """Stands in for the queryset of `row_choices`: its (pk, name) pairs come from `read`,
    called only when the select renders and nothing is cached."""

    def __init__(self, read: Callable[[], Iterable[tuple[int, str]]]) -> None:
        self.read = read

    def values_list(self, *names: str) -> Iterable[tuple[int, str]]:
        return self.read()


# The office's social spaces for the filter, compiled once per connection (lib/prepared.py).
_SPACE_PAIRS = Prepared(
    lambda office: SocialSpace.objects.filter(youth_office_id=office).values_list("pk", "name"),
    int,
    rows=True,
)


class DecisionFilterForm(forms.Form):
    """The search and filters above the register. Invalid values are simply ignored."""

    bound_field_class = FilterBoundField  # field groups written in Python (lib.widgets)

    q = forms.CharField(
        label=_("Suchbegriff oder Nummer"),
        help_text=_("Zum Beispiel „Ferien“ oder „3/2026“"),
        required=False,
        max_length=200,
        widget=TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    team = BoundedModelChoiceField(
        label=_("Team"),
        required=False,
        queryset=Team.objects.none(),
        widget=Select,
    )
    raum = BoundedModelChoiceField(
        label=_("Sozialraum"), required=False, queryset=SocialSpace.objects.none()
    )
    jahr = forms.TypedChoiceField(
        label=_("Jahr"), required=False, coerce=int, empty_value=None, widget=Select
    )

    def __init__(self, *args, office: YouthOffice, first_year: int | None, **kwargs):
        super().__init__(*args, **kwargs)
        team = cast(forms.ModelChoiceField, self.fields["team"])
        team.empty_label = _("Alle Teams")
        # (pk, name) pairs when the form renders: no Team instances for the options; with
        # hundreds of teams, pairs and options are cached per office data version (every
        # team's creation, renaming and deletion is audited, which raises it).
        team.widget.choices = row_choices(
            team.empty_label,
            Pairs(lambda: Team.objects.in_office(office).values_list("pk", "name")),
            cache_key=office_cache_key(office, "teams"),
        )
        space = cast(forms.ModelChoiceField, self.fields["raum"])
        space.label = office.get_social_space_label_display()
        space.empty_label = _("Alle")
        space.widget.choices = row_choices(
            space.empty_label, Pairs(lambda: _SPACE_PAIRS.all(office.pk))
        )
        # The querysets only check a chosen value (the options above are read without them):
        # built only when a value was sent, else they stay the fields' empty ones.
        if self.chosen("team"):
            self.set_queryset(team, Team.objects.in_office(office))
        if self.chosen("raum"):
            self.set_queryset(space, SocialSpace.objects.in_office(office))
        this_year = timezone.localdate().year
        first = min(first_year or this_year, this_year)
        cast(forms.ChoiceField, self.fields["jahr"]).choices = [
            ("", _("Alle Jahre")),
            *((str(year), str(year)) for year in range(this_year, first - 1, -1)),
        ]

    def chosen(self, name: str) -> bool:
        return self.is_bound and self.data.get(self.add_prefix(name)) not in (None, "")

    @staticmethod
    def set_queryset(field: forms.ModelChoiceField, queryset: QuerySet) -> None:
        choices = field.widget.choices  # assigning the queryset replaces the widget's choices
        field.queryset = queryset
        field.widget.choices = choices

    def filters(self) -> dict:
        self.is_valid()
        data = self.cleaned_data
        return {
            "q": (data.get("q") or "").strip(),
            "team": data.get("team"),
            "social_space": data.get("raum"),
            "year": data.get("jahr"),
        }


class StatusForm(forms.Form):
    """A status change: the status comes from the button pressed; the version from the page."""

    status = forms.ChoiceField(label=_("Status"), widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("Vermerk"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=2**31 - 1)

    def __init__(self, *args, choices, note_help: Any = "", **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["status"]).choices = choices
        self.fields["note"].help_text = note_help
        self.fields["status"].error_messages["required"] = _("Bitte wählen Sie einen Status.")


def decision_status_form(data=None, *, version: int) -> StatusForm:
    return StatusForm(
        data,
        choices=DecisionStatus.choices,
        initial={"version": version},
        note_help=_(
            "Beim Aufheben bitte den Grund nennen, z. B. „ersetzt durch Beschluss 4/2026“."
        ),
    )


def task_status_form(data=None, *, version: int) -> StatusForm:
    return StatusForm(
        data,
        choices=TaskStatus.choices,
        initial={"version": version},
        note_help=_("Zum Beispiel, warum die Aufgabe entfällt."),
    )
