from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render

from sozialraum.audit.models import Action, AuditEntry
from sozialraum.lib.tenancy import OfficeRequest, office_view


@office_view("audit.view_trail")
def trail(request: OfficeRequest) -> HttpResponse:
    entries = AuditEntry.objects.in_office(request.youth_office).select_related("actor")
    object_types = list(
        AuditEntry.objects.in_office(request.youth_office)
        .order_by("object_type")
        .values_list("object_type", flat=True)
        .distinct()
    )
    chosen_type = request.GET.get("art", "")
    if chosen_type:
        entries = entries.filter(object_type=chosen_type)
    chosen_action = request.GET.get("aktion", "")
    if chosen_action in Action.values:
        entries = entries.filter(action=chosen_action)
    page = Paginator(entries, 50).get_page(request.GET.get("seite"))
    return render(
        request,
        "audit/trail.html",
        {
            "page": page,
            "object_types": object_types,
            "actions": Action.choices,
            "chosen_type": chosen_type,
            "chosen_action": chosen_action,
        },
    )
