"""Forms of the cost calculation (planning-needs): the estimate's funding and its items (a
formset). Amounts are typed in German notation (`AmountField`); hours and quantities are
decimal numbers. Negative values are refused at the field. The services compute every sum."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from sozialraum.lib.choice_fields import BoundedModelChoiceField
from sozialraum.lib.money import AmountField, format_amount
from sozialraum.planning.cost_services import ItemData
from sozialraum.planning.measure_models import CostEstimate, CostKind
from sozialraum.planning.models import PayGroup
from sozialraum.planning.need_forms import TEXT_MAX
from sozialraum.regions.models import YouthOffice

ITEM_ROWS = 4
ROW_FIELD_TEMPLATE = "planning/_row_field.html"
NUMBER_ERRORS = {
    "invalid": _("Bitte geben Sie eine Zahl ein, z. B. 12 oder 7,5."),
    "max_digits": _("Die Zahl ist zu groß."),
    "max_whole_digits": _("Die Zahl ist zu groß."),
    "max_decimal_places": _("Bitte höchstens zwei Nachkommastellen."),
    "min_value": _("Der Wert darf nicht negativ sein."),
}


class PayGroupField(BoundedModelChoiceField):
    def label_from_instance(self, obj: PayGroup) -> str:
        return f"{obj.name} ({format_amount(obj.hourly_rate)}/Std.)"


class EstimateForm(forms.Form):
    own_contribution = AmountField(
        label=_("Eigenanteil des Trägers (€)"), required=False, help_text=_("z. B. 500,00")
    )
    third_party_funding = AmountField(label=_("Drittmittel (€)"), required=False)
    third_party_source = forms.CharField(
        label=_("Drittmittel von"),
        required=False,
        max_length=200,
        help_text=_("Zum Beispiel eine Stiftung oder ein Landesprogramm."),
    )
    note = forms.CharField(
        label=_("Anmerkung zur Kalkulation"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": TEXT_MAX}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=2**31 - 1)


def estimate_initial(estimate: CostEstimate | None, version: int) -> dict[str, Any]:
    if estimate is None:
        return {"version": version}
    return {
        "own_contribution": estimate.own_contribution,
        "third_party_funding": estimate.third_party_funding,
        "third_party_source": estimate.third_party_source,
        "note": estimate.note,
        "version": version,
    }


class ItemForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kostenart"),
        required=False,
        choices=[("", _("– bitte wählen –")), *CostKind.choices],
    )
    description = forms.CharField(label=_("Beschreibung"), max_length=300, required=False)
    pay_group = PayGroupField(
        label=_("Entgeltgruppe"),
        required=False,
        queryset=PayGroup.objects.none(),
        help_text=_("Nur für Personalkosten."),
        error_messages={"invalid_choice": _("Diese Entgeltgruppe gibt es hier nicht.")},
    )
    hours = forms.DecimalField(
        label=_("Stunden"),
        required=False,
        max_digits=8,
        decimal_places=2,
        min_value=0,
        localize=True,
        error_messages=NUMBER_ERRORS,
        help_text=_("Nur für Personalkosten."),
    )
    quantity = forms.DecimalField(
        label=_("Menge"),
        required=False,
        max_digits=10,
        decimal_places=2,
        min_value=0,
        localize=True,
        error_messages=NUMBER_ERRORS,
        help_text=_("Alle anderen Kosten: Menge mal Einzelpreis; leer heißt 1."),
    )
    unit_price = AmountField(
        label=_("Einzelpreis (€)"), required=False, help_text=_("Zum Beispiel 45,50.")
    )

    def __init__(self, *args: Any, office: YouthOffice, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        pay_group = cast(forms.ModelChoiceField, self.fields["pay_group"])
        pay_group.queryset = PayGroup.objects.in_office(office).filter(is_active=True)
        pay_group.empty_label = _("–")
        for field in self.fields.values():
            field.template_name = ROW_FIELD_TEMPLATE  # type: ignore[attr-defined]  # Django 5 Field.template_name; stubs lag

    def is_empty(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not any(data.get(name) not in (None, "") for name in self.fields)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.is_empty():
            return data
        kind = data.get("kind")
        if not kind:
            self.add_error("kind", _("Bitte wählen Sie eine Kostenart."))
        if not (data.get("description") or "").strip():
            self.add_error("description", _("Bitte beschreiben Sie die Kostenposition."))
        if kind == CostKind.PERSONNEL:
            if data.get("pay_group") is None and "pay_group" not in self.errors:
                self.add_error("pay_group", _("Bitte wählen Sie die Entgeltgruppe."))
            if data.get("hours") is None and "hours" not in self.errors:
                self.add_error("hours", _("Bitte geben Sie die Stunden an."))
        elif kind and data.get("unit_price") is None and "unit_price" not in self.errors:
            self.add_error("unit_price", _("Bitte geben Sie den Einzelpreis an."))
        return data

    def item(self) -> ItemData | None:
        if self.is_empty():
            return None
        data = self.cleaned_data
        personnel = data["kind"] == CostKind.PERSONNEL
        return ItemData(
            kind=data["kind"],
            description=data["description"],
            pay_group=data.get("pay_group") if personnel else None,
            hours=data.get("hours") if personnel else None,
            quantity=None if personnel else (data.get("quantity") or Decimal("1")),
            unit_price=None if personnel else data.get("unit_price"),
        )


ItemFormSet = forms.formset_factory(ItemForm, extra=0, max_num=60, absolute_max=60)


def item_formset(data: Any = None, *, office: YouthOffice, estimate: CostEstimate | None) -> Any:
    items = list(estimate.items.all()) if estimate is not None else []
    initial = [
        {
            "kind": item.kind,
            "description": item.description,
            "pay_group": item.pay_group_id,
            "hours": item.hours,
            "quantity": None if item.kind == CostKind.PERSONNEL else item.quantity,
            "unit_price": item.unit_price,
        }
        for item in items
    ] + [{}] * ITEM_ROWS
    return ItemFormSet(data, initial=initial, prefix="posten", form_kwargs={"office": office})


def items_of(formset: Any) -> list[ItemData]:
    return [item for form in formset.forms if (item := form.item()) is not None]
