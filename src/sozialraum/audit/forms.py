"""The audit trail's filter: which type of record, which action. Invalid values are ignored."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from sozialraum.audit import registry
from sozialraum.audit.models import Action
from sozialraum.lib.widgets import FilterBoundField, Select


class TrailFilterForm(forms.Form):
    bound_field_class = FilterBoundField  # field groups written in Python (lib.widgets)

    art = forms.ChoiceField(label=_("Art des Eintrags"), required=False, widget=Select)
    aktion = forms.ChoiceField(label=_("Aktion"), required=False, widget=Select)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The types come from the registry (the audited models), not from the log itself.
        cast(forms.ChoiceField, self.fields["art"]).choices = [
            ("", _("Alle")),
            *registry.known_types(),
        ]
        cast(forms.ChoiceField, self.fields["aktion"]).choices = [("", _("Alle")), *Action.choices]

    def filters(self) -> dict[str, str]:
        """The valid filters: {"object_type": ..., "action": ...}, each possibly empty."""
        self.is_valid()  # a wrong value drops out of cleaned_data, the other filter stays
        data = getattr(self, "cleaned_data", {})
        return {"object_type": data.get("art") or "", "action": data.get("aktion") or ""}
