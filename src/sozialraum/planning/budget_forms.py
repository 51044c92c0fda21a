"""Forms of the budgets: a budget, a transfer, an allocation with its shares (one field per
budget of the measure's years), an expense. They only clean input; the services write and
refuse what the database would (the limit), with the message at the field."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any, cast

from django import forms
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sozialraum.lib.choice_fields import BoundedModelChoiceField
from sozialraum.lib.forms import GermanDateField
from sozialraum.lib.money import AmountField, format_amount
from sozialraum.minutes.models import Decision
from sozialraum.planning.budget_models import AllocationShare, Budget
from sozialraum.planning.budget_services import (
    DESCRIPTION_MAX,
    RECEIPT_MAX,
    TEXT_MAX,
    headroom,
    share_field,
    share_left,
)
from sozialraum.planning.models import ZERO
from sozialraum.regions.models import SocialSpace, YouthOffice

YEAR_ERRORS = {
    "invalid": _("Bitte geben Sie ein Jahr ein, z. B. 2026."),
    "min_value": _("Bitte geben Sie ein Jahr zwischen 2000 und 2100 ein."),
    "max_value": _("Bitte geben Sie ein Jahr zwischen 2000 und 2100 ein."),
}


def _text(label, *, required: bool = False, limit: int = TEXT_MAX, rows: int = 3, help_text=""):
    return forms.CharField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows, "maxlength": limit}),
        validators=[MaxLengthValidator(limit)],
    )


class SpaceField(BoundedModelChoiceField):
    def label_from_instance(self, obj: SocialSpace) -> str:
        return obj.name


class BudgetField(BoundedModelChoiceField):
    def label_from_instance(self, obj: Budget) -> str:
        return str(
            _("%(budget)s (verfügbar: %(available)s)")
            % {"budget": obj, "available": format_amount(obj.available)}
        )


class BudgetForm(forms.Form):
    """A budget: social space and year (only when it is created), planned amount, earmark."""

    social_space = SpaceField(
        queryset=SocialSpace.objects.none(),
        empty_label=None,
        error_messages={"invalid_choice": _("Diesen Raum gibt es in diesem Jugendamt nicht.")},
    )
    year = forms.IntegerField(
        label=_("Jahr"),
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        error_messages={**YEAR_ERRORS, "required": _("Bitte geben Sie das Jahr ein.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 4, "class": "sr-w-4"}),
    )
    planned = AmountField(
        label=_("Geplanter Betrag (€)"),
        help_text=_("Zum Beispiel 45.000,00."),
        error_messages={"required": _("Bitte geben Sie den geplanten Betrag ein.")},
    )
    earmarked_case_unspecific = AmountField(
        label=_("davon für fallunspezifische Arbeit (€)"),
        required=False,
        help_text=_("Freiwillig. Dieser Anteil kann nicht größer sein als das Budget."),
    )
    note = _text(_("Anmerkung"))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, office: YouthOffice, budget: Budget | None = None, **kwargs):
        if budget is not None:
            kwargs.setdefault(
                "initial",
                {
                    "planned": budget.planned,
                    "earmarked_case_unspecific": budget.earmarked_case_unspecific,
                    "note": budget.note,
                    "version": budget.version,
                },
            )
        else:
            kwargs.setdefault("initial", {"year": timezone.localdate().year})
        super().__init__(*args, **kwargs)
        self.budget = budget
        space = cast(forms.ModelChoiceField, self.fields["social_space"])
        space.queryset = SocialSpace.objects.in_office(office)
        space.label = office.social_space_label
        if budget is not None:
            del self.fields["social_space"]
            del self.fields["year"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        planned, earmark = data.get("planned"), data.get("earmarked_case_unspecific")
        transferred = self.budget.transferred if self.budget is not None else ZERO
        if planned is not None and earmark is not None and earmark > planned + transferred:
            self.add_error(
                "earmarked_case_unspecific",
                _("Der Anteil für fallunspezifische Arbeit kann nicht größer sein als das Budget."),
            )
        return data


class TransferForm(forms.Form):
    source = BudgetField(
        label=_("Von Budget"),
        queryset=Budget.objects.none(),
        error_messages={
            "required": _("Bitte wählen Sie das Budget, von dem umgebucht wird."),
            "invalid_choice": _("Dieses Budget gibt es in diesem Jugendamt nicht."),
        },
    )
    target = BudgetField(
        label=_("Nach Budget"),
        queryset=Budget.objects.none(),
        error_messages={
            "required": _("Bitte wählen Sie das Budget, auf das umgebucht wird."),
            "invalid_choice": _("Dieses Budget gibt es in diesem Jugendamt nicht."),
        },
    )
    amount = AmountField(
        label=_("Betrag (€)"), error_messages={"required": _("Bitte geben Sie einen Betrag ein.")}
    )
    reason = _text(
        _("Begründung"),
        required=True,
        help_text=_("Warum wird umgebucht? Die Begründung wird mit der Umbuchung gespeichert."),
    )

    def __init__(self, *args: Any, office: YouthOffice, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["reason"].error_messages["required"] = _("Bitte begründen Sie die Umbuchung.")
        budgets = Budget.objects.in_office(office).select_related("social_space")
        for name in ("source", "target"):
            cast(forms.ModelChoiceField, self.fields[name]).queryset = budgets

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        source, target = data.get("source"), data.get("target")
        if source is not None and source == target:
            self.add_error("target", _("Bitte wählen Sie zwei verschiedene Budgets."))
        return data


class DecisionField(BoundedModelChoiceField):
    def label_from_instance(self, obj: Decision) -> str:
        text = obj.text if len(obj.text) <= 80 else obj.text[:79] + "…"
        return f"{obj.label}: {text}"


class AllocationForm(forms.Form):
    """The total, one share field per candidate budget, and coordination's override."""

    total = AmountField(
        label=_("Zu bindender Betrag (€)"),
        help_text=_("Die Anteile der Budgets müssen zusammen genau diesen Betrag ergeben."),
        error_messages={"required": _("Bitte geben Sie den Betrag ein, der gebunden wird.")},
    )
    note = _text(_("Anmerkung"), rows=2)
    override = forms.BooleanField(
        label=_("Budget ausdrücklich überschreiten"),
        required=False,
        help_text=_(
            "Nur wenn ein Budget nicht reicht und die Koordination die Überschreitung bewusst "
            "erlaubt. Die Begründung wird gespeichert."
        ),
    )
    override_reason = _text(_("Begründung der Überschreitung"), rows=2)
    decision = DecisionField(
        label=_("Beschluss des Teams"),
        queryset=Decision.objects.none(),
        required=False,
        empty_label=_("kein Beschluss"),
        help_text=_("Freiwillig: der Beschluss, auf den sich die Überschreitung stützt."),
        error_messages={"invalid_choice": _("Diesen Beschluss gibt es hier nicht.")},
    )

    def __init__(
        self,
        *args: Any,
        budgets: Iterable[Budget],
        decisions: Any,
        suggested: Decimal | None = None,
        **kwargs: Any,
    ):
        if suggested is not None:
            kwargs.setdefault("initial", {"total": suggested})
        super().__init__(*args, **kwargs)
        self.budgets = list(budgets)
        cast(forms.ModelChoiceField, self.fields["decision"]).queryset = decisions
        for budget in self.budgets:
            self.fields[share_field(budget)] = AmountField(
                label=str(budget),
                required=False,
                help_text=_("verfügbar: %(available)s")
                % {"available": format_amount(headroom(budget))},
            )

    def share_fields(self) -> list[forms.BoundField]:
        return [self[share_field(budget)] for budget in self.budgets]

    def shares(self) -> list[tuple[Budget, Decimal]]:
        data = self.cleaned_data
        return [
            (budget, data[share_field(budget)])
            for budget in self.budgets
            if data.get(share_field(budget)) is not None
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if any(self.has_error(share_field(budget)) for budget in self.budgets):
            return data
        shares = self.shares()
        total = data.get("total")
        if not shares:
            self.add_error(
                None, _("Bitte geben Sie an, aus welchem Budget wie viel gebunden wird.")
            )
        elif total is not None:
            summed = sum((amount for _budget, amount in shares), ZERO)
            if summed != total:
                self.add_error(
                    "total",
                    _(
                        "Die Anteile ergeben zusammen %(sum)s, der Betrag ist %(total)s. Sie "
                        "müssen genau aufgehen."
                    )
                    % {"sum": format_amount(summed), "total": format_amount(total)},
                )
        if data.get("override") and not (data.get("override_reason") or "").strip():
            self.add_error("override_reason", _("Bitte begründen Sie die Überschreitung."))
        return data


class ShareField(BoundedModelChoiceField):
    def label_from_instance(self, obj: AllocationShare) -> str:
        return str(
            _("%(budget)s: gebunden %(amount)s, ausgegeben %(spent)s, offen %(left)s")
            % {
                "budget": obj.budget,
                "amount": format_amount(obj.amount),
                "spent": format_amount(obj.spent),
                "left": format_amount(share_left(obj)),
            }
        )


class ExpenseForm(forms.Form):
    share = ShareField(
        label=_("Aus dem Budget"),
        queryset=AllocationShare.objects.none(),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Bitte wählen Sie, aus welchem Budget die Ausgabe bezahlt wird."),
            "invalid_choice": _("Dieser Anteil gehört nicht zu dieser Maßnahme."),
        },
    )
    date = GermanDateField(label=_("Datum"), min_year=2000)
    amount = AmountField(
        label=_("Betrag (€)"), error_messages={"required": _("Bitte geben Sie einen Betrag ein.")}
    )
    receipt = forms.CharField(
        label=_("Belegnummer"),
        max_length=RECEIPT_MAX,
        error_messages={"required": _("Bitte geben Sie die Belegnummer an.")},
    )
    description = forms.CharField(
        label=_("Beschreibung"), max_length=DESCRIPTION_MAX, required=False
    )
    excess_reason = _text(
        _("Begründung der Überschreitung"),
        rows=2,
        help_text=_("Nur wenn die Ausgabe über die gebundenen Mittel hinausgeht."),
    )

    def __init__(self, *args: Any, shares: Any, **kwargs: Any):
        kwargs.setdefault("initial", {"date": timezone.localdate()})
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["share"])
        field.queryset = shares
        if len(shares) == 1:
            field.initial = shares[0].pk
