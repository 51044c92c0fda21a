"""Coordination's view of the network: the county overview, the checklist of expected kinds,
entries due for a check, probable duplicates."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from sozialraum.lib.errors import ConcurrentEditError
from sozialraum.lib.forms import show_conflict
from sozialraum.lib.http import posted
from sozialraum.lib.tenancy import OfficeRequest, office_view
from sozialraum.network import selectors, services, summaries
from sozialraum.network.forms import ExpectedKindsForm, checklist_version
from sozialraum.network.models import expected_kinds

MANAGE = "network.manage_network"


@office_view("network.view_directory")
def overview(request: OfficeRequest) -> HttpResponse:
    table = summaries.cached_county_overview(request.youth_office)
    return render(request, "network/overview.html", {"table": table})


@office_view(MANAGE)
def expected_kinds_edit(request: OfficeRequest) -> HttpResponse:
    office = request.youth_office
    # Bound on every POST: unticking all kinds sends no field at all.
    current = expected_kinds(office)
    form = ExpectedKindsForm(
        posted(request), initial={"kinds": current, "version": checklist_version(current)}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.set_expected_kinds(
                office=office,
                actor=request.user,
                kinds=form.cleaned_data["kinds"],
                seen=form.seen(),
            )
        except ConcurrentEditError:
            show_conflict(form, {"kinds": current}, checklist_version(current))
        else:
            messages.success(request, _("Die Checkliste ist gespeichert."))
            return redirect("network:overview", office_slug=office.slug)
    return render(request, "network/expected_kinds.html", {"form": form})


@office_view(MANAGE)
def due(request: OfficeRequest) -> HttpResponse:
    office = request.youth_office
    lists = selectors.due_for_check(office)
    organisations = Paginator(lists["organisations"], 50).get_page(request.GET.get("seite"))
    people = Paginator(lists["people"], 50).get_page(request.GET.get("seite_personen"))
    return render(
        request,
        "network/due.html",
        {"organisations": organisations, "people": people},
    )


@office_view(MANAGE)
def duplicates(request: OfficeRequest) -> HttpResponse:
    groups = selectors.probable_duplicates(request.youth_office)
    return render(request, "network/duplicates.html", {"groups": groups})
