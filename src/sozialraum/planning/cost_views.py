"""The cost calculation of a measure (planning-needs): one page with the funding and the items;
every sum is computed by the services. An approved measure's calculation cannot be changed."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from sozialraum.lib.errors import ConcurrentEditError
from sozialraum.lib.http import add_service_error, posted
from sozialraum.lib.tenancy import OfficeRequest, office_view
from sozialraum.planning import cost_services, measure_services, selectors
from sozialraum.planning.access import get_measure_for_user
from sozialraum.planning.cost_forms import EstimateForm, estimate_initial, item_formset, items_of
from sozialraum.planning.models import ZERO, PayGroup


def _item_error(formset, error: ValueError) -> bool:
    """Put a service's refusal of an item at the first filled row's field; False if the error
    is not about an item."""
    errors = getattr(error, "errors", None) or {}
    names = set(errors) & {"kind", "description", "pay_group", "hours", "quantity", "unit_price"}
    if not names:
        return False
    for form in formset.forms:
        if not form.is_empty():
            for name in names:
                for message in errors[name]:
                    form.add_error(name, message)
            return True
    return False


@office_view("planning.view_planning")
def measure_costs(request: OfficeRequest, pk: int) -> HttpResponse:
    measure = get_measure_for_user(request, pk, perm="planning.change_measure")
    office = request.youth_office
    if measure.status not in measure_services.OPEN_STATUSES:
        messages.error(request, str(measure_services.MeasureClosed(measure)))
        return redirect(measure)
    estimate = selectors.current_estimate(measure)
    form = EstimateForm(posted(request), initial=estimate_initial(estimate, measure.version))
    items = item_formset(posted(request), office=office, estimate=estimate)
    if request.method == "POST" and form.is_valid() and items.is_valid():
        data = form.cleaned_data
        try:
            saved = cost_services.save_costs(
                measure=measure,
                by=request.user,
                version=data["version"],
                items=items_of(items),
                own_contribution=data["own_contribution"] or ZERO,
                third_party_funding=data["third_party_funding"] or ZERO,
                third_party_source=data["third_party_source"],
                note=data["note"],
            )
        except ConcurrentEditError:
            form.add_error(
                None,
                _(
                    "Jemand anderes hat die Maßnahme oder ihre Kosten inzwischen gespeichert. "
                    "Ihre Eingaben stehen noch im Formular; bitte prüfen Sie den neuen Stand auf "
                    "der Seite der Maßnahme und speichern Sie dann erneut."
                ),
            )
            data = request.POST.copy()
            data["version"] = str(type(measure).objects.get(pk=measure.pk).version)
            form.data = data
        except ValueError as error:
            if not _item_error(items, error):
                add_service_error(form, error)
        else:
            messages.success(
                request,
                _("Die Kostenkalkulation ist gespeichert (Fassung %(number)s).")
                % {"number": saved.number},
            )
            return redirect(measure)
    return render(
        request,
        "planning/measure_costs.html",
        {
            "measure": measure,
            "form": form,
            "items": items,
            "estimate": estimate,
            "revision_next": cost_services.was_submitted(measure) and estimate is not None,
            "no_pay_groups": not PayGroup.objects.in_office(office).filter(is_active=True).exists(),
        },
    )
