"""Coordination's pages of the consultations: the anonymous counts (never contents), the list of
consultants (ASD per social space, insoweit erfahrene Fachkräfte) and the vocabulary of areas of
concern."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sozialraum.consultations import selectors, services
from sozialraum.consultations.access import get_concern_for_user, get_consultant_for_user
from sozialraum.consultations.forms import ConcernAreaForm, ConsultantForm
from sozialraum.consultations.models import ConcernArea, Consultant
from sozialraum.lib.http import add_service_error, posted
from sozialraum.lib.tenancy import OfficeRequest, office_view


@office_view("consultations.view_counts")
def counts(request: OfficeRequest) -> HttpResponse:
    year, quarter = services.quarter_of(timezone.now())
    rows = selectors.counts(request.youth_office, today_year=year, today_quarter=quarter)
    return render(
        request,
        "consultations/counts.html",
        {"rows": rows, "suppress_below": selectors.SUPPRESS_BELOW, "quarters": selectors.QUARTERS},
    )


@office_view("consultations.manage_lists")
def consultants(request: OfficeRequest) -> HttpResponse:
    office = request.youth_office
    form = ConsultantForm(posted(request), office=office)
    if request.method == "POST" and form.is_valid():
        try:
            added = services.add_consultant(office=office, actor=request.user, **form.cleaned_data)
        except ValueError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request, _("%(name)s steht jetzt in der Liste.") % {"name": str(added)}
            )
            return redirect("consultations:consultants", office_slug=office.slug)
    listed = (
        Consultant.objects.filter(youth_office=office, active=True)
        .select_related("user", "social_space", "organisation")
        .order_by("kind", "social_space__name", "user__sort_key", "pk")
    )
    return render(request, "consultations/consultants.html", {"form": form, "listed": listed})


@require_POST
@office_view("consultations.manage_lists")
def consultant_remove(request: OfficeRequest, pk: int) -> HttpResponse:
    consultant = get_consultant_for_user(request, pk)
    services.remove_consultant(consultant=consultant, actor=request.user)
    messages.success(
        request, _("%(name)s steht nicht mehr in der Liste.") % {"name": str(consultant)}
    )
    return redirect("consultations:consultants", office_slug=request.youth_office.slug)


@office_view("consultations.manage_lists")
def concerns(request: OfficeRequest) -> HttpResponse:
    office = request.youth_office
    services.ensure_concern_areas(office)
    form = ConcernAreaForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.add_concern_area(office=office, actor=request.user, **form.cleaned_data)
        except ValueError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Das Anliegen steht jetzt in der Liste."))
            return redirect("consultations:concerns", office_slug=office.slug)
    listed = ConcernArea.objects.filter(youth_office=office)
    return render(request, "consultations/concerns.html", {"form": form, "listed": listed})


@require_POST
@office_view("consultations.manage_lists")
def concern_remove(request: OfficeRequest, pk: int) -> HttpResponse:
    concern = get_concern_for_user(request, pk)
    services.remove_concern_area(concern=concern, actor=request.user)
    messages.success(
        request, _("„%(name)s“ steht nicht mehr in der Liste.") % {"name": concern.name}
    )
    return redirect("consultations:concerns", office_slug=request.youth_office.slug)
