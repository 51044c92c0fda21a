"""The planning settings of coordination (planning-needs): pay groups with their hourly rates,
the weighted criteria of prioritisation, and the approval levels."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sozialraum.lib.choice_fields import BoundedModelMultipleChoiceField
from sozialraum.lib.http import add_service_error, posted
from sozialraum.lib.idempotency import submit_once
from sozialraum.lib.money import AmountField
from sozialraum.lib.tenancy import OfficeRequest, get_for_user, office_view
from sozialraum.planning import approval_services, cost_services, need_services
from sozialraum.planning.models import ApprovalLevel, ApproverKind, PayGroup, PriorityCriterion

NUMBER_ERRORS = {
    "invalid": gettext_lazy("Bitte geben Sie eine ganze Zahl ein."),
    "min_value": gettext_lazy("Bitte geben Sie mindestens %(limit_value)s an."),
    "max_value": gettext_lazy("Bitte geben Sie höchstens %(limit_value)s an."),
    "required": gettext_lazy("Bitte geben Sie eine Zahl ein."),
}


class PayGroupForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Entgeltgruppe"),
        max_length=100,
        help_text=gettext_lazy("Zum Beispiel „TVöD SuE S 12“."),
        error_messages={"required": gettext_lazy("Bitte geben Sie einen Namen ein.")},
    )
    hourly_rate = AmountField(
        label=gettext_lazy("Stundensatz (€)"),
        help_text=gettext_lazy("Zum Beispiel 48,50."),
        error_messages={"required": gettext_lazy("Bitte geben Sie den Stundensatz ein.")},
    )
    is_active = forms.BooleanField(label=gettext_lazy("in Gebrauch"), required=False, initial=True)


class CriterionForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Kriterium"),
        max_length=200,
        help_text=gettext_lazy("Zum Beispiel „Dringlichkeit“ oder „kein anderes Angebot“."),
        error_messages={"required": gettext_lazy("Bitte geben Sie einen Namen ein.")},
    )
    description = forms.CharField(
        label=gettext_lazy("Erläuterung"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": 2000}),
    )
    weight = forms.IntegerField(
        label=gettext_lazy("Gewicht"),
        min_value=1,
        max_value=10,
        initial=1,
        help_text=gettext_lazy("1 bis 10: wie stark das Kriterium zählt."),
        error_messages=NUMBER_ERRORS,
    )
    max_score = forms.IntegerField(
        label=gettext_lazy("Höchste Punktzahl"),
        min_value=1,
        max_value=10,
        initial=5,
        error_messages=NUMBER_ERRORS,
    )
    is_active = forms.BooleanField(label=gettext_lazy("in Gebrauch"), required=False, initial=True)


class ApproversField(BoundedModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.name or obj.email


class LevelForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Bezeichnung"),
        max_length=100,
        error_messages={"required": gettext_lazy("Bitte geben Sie eine Bezeichnung ein.")},
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Wer entscheidet"),
        choices=ApproverKind.choices,
        error_messages={"required": gettext_lazy("Bitte wählen Sie, wer entscheidet.")},
    )
    up_to = AmountField(
        label=gettext_lazy("bis zu einem Betrag von (€)"),
        required=False,
        help_text=gettext_lazy("Leer lassen: ohne Obergrenze."),
    )
    approvers = ApproversField(
        label=gettext_lazy("Berechtigte Personen"),
        required=False,
        queryset=PayGroup.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy(
            "Nur für die Fachbereichsleitung: wer auf dieser Stufe entscheidet."
        ),
        error_messages={"invalid_choice": gettext_lazy("Diese Person gibt es hier nicht.")},
    )

    def __init__(self, *args: Any, office: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelMultipleChoiceField, self.fields["approvers"])
        field.queryset = approval_services.office_users(office).distinct()


@office_view("planning.manage_settings")
def settings_page(request: OfficeRequest) -> HttpResponse:
    office = request.youth_office
    return render(
        request,
        "planning/settings.html",
        {
            "pay_groups": list(PayGroup.objects.in_office(office)),
            "criteria": list(PriorityCriterion.objects.in_office(office)),
            "levels": list(ApprovalLevel.objects.in_office(office).prefetch_related("approvers")),
        },
    )


def _edit(
    request: OfficeRequest,
    form: forms.Form,
    save: Callable[[dict[str, Any]], Any],
    title: str,
) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except ValueError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Die Einstellung ist gespeichert."))
            return redirect("planning:settings", office_slug=request.youth_office.slug)
    return render(request, "planning/settings_form.html", {"form": form, "title": title})


def _pay_group_view(request: OfficeRequest, row: PayGroup | None) -> HttpResponse:
    initial = (
        {"name": row.name, "hourly_rate": row.hourly_rate, "is_active": row.is_active}
        if row
        else None
    )
    form = PayGroupForm(posted(request), initial=initial)

    def save(data: dict[str, Any]) -> Any:
        return cost_services.save_pay_group(
            office=request.youth_office,
            by=request.user,
            name=data["name"],
            hourly_rate=data["hourly_rate"],
            is_active=data["is_active"],
            pay_group=row,
        )

    title = _("Entgeltgruppe bearbeiten") if row else _("Entgeltgruppe anlegen")
    return _edit(request, form, save, title)


@office_view("planning.manage_settings")
@submit_once
def pay_group_add(request: OfficeRequest) -> HttpResponse:
    return _pay_group_view(request, None)


@office_view("planning.manage_settings")
def pay_group_edit(request: OfficeRequest, pk: int) -> HttpResponse:
    return _pay_group_view(request, get_for_user(request, PayGroup, pk=pk))


def _criterion_view(request: OfficeRequest, row: PriorityCriterion | None) -> HttpResponse:
    initial = (
        {
            "name": row.name,
            "description": row.description,
            "weight": row.weight,
            "max_score": row.max_score,
            "is_active": row.is_active,
        }
        if row
        else None
    )
    form = CriterionForm(posted(request), initial=initial)

    def save(data: dict[str, Any]) -> Any:
        return need_services.save_criterion(
            office=request.youth_office, by=request.user, criterion=row, **data
        )

    title = _("Kriterium bearbeiten") if row else _("Kriterium anlegen")
    return _edit(request, form, save, title)


@office_view("planning.manage_settings")
@submit_once
def criterion_add(request: OfficeRequest) -> HttpResponse:
    return _criterion_view(request, None)


@office_view("planning.manage_settings")
def criterion_edit(request: OfficeRequest, pk: int) -> HttpResponse:
    return _criterion_view(request, get_for_user(request, PriorityCriterion, pk=pk))


def _level_view(request: OfficeRequest, row: ApprovalLevel | None) -> HttpResponse:
    initial = (
        {
            "name": row.name,
            "kind": row.kind,
            "up_to": row.up_to,
            "approvers": [user.pk for user in row.approvers.all()],
        }
        if row
        else None
    )
    form = LevelForm(posted(request), initial=initial, office=request.youth_office)

    def save(data: dict[str, Any]) -> Any:
        return approval_services.save_level(
            office=request.youth_office, by=request.user, level=row, **data
        )

    title = _("Bewilligungsstufe bearbeiten") if row else _("Bewilligungsstufe anlegen")
    return _edit(request, form, save, title)


@office_view("planning.manage_settings")
@submit_once
def level_add(request: OfficeRequest) -> HttpResponse:
    return _level_view(request, None)


@office_view("planning.manage_settings")
def level_edit(request: OfficeRequest, pk: int) -> HttpResponse:
    return _level_view(request, get_for_user(request, ApprovalLevel, pk=pk))
