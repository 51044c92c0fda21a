"""The audit trail's filter: which type of record, which action. Invalid values are ignored."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from sozialraum.audit import registry
from sozialraum.audit.models import Action
from sozialraum.lib.widgets import Select

# Filter fields are all optional; their labels need no "(freiwillig)".
FILTER_FIELD_TEMPLATE = "includes/filter_field.html"


class TrailFilterForm(forms.Form):
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
        for field in self.fields.values():
            field.template_name = FILTER_FIELD_TEMPLATE  # type: ignore[attr-defined]  # Django 5 field attribute; stubs lag

    def filters(self) -> dict[str, str]:
        """The valid filters: {"object_type": ..., "action": ...}, each possibly empty."""
        self.is_valid()  # a wrong value drops out of cleaned_data, the other filter stays
        data = getattr(self, "cleaned_data", {})
        return {"object_type": data.get("art") or "", "action": data.get("aktion") or ""}
