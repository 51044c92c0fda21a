from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import formats, timezone

from sozialraum.audit.forms import TrailFilterForm
from sozialraum.audit.models import AuditEntry
from sozialraum.lib.tenancy import OfficeRequest, office_view


@dataclass(frozen=True)
class TrailRow:
    """One entry as the trail shows it: the time formatted once, labels in the reader's
    language."""

    entry: AuditEntry
    when: str
    when_iso: str
    type_label: str
    changes: list[tuple[str, str, str]]


def _row(entry: AuditEntry) -> TrailRow:
    created = timezone.localtime(entry.created_at)
    return TrailRow(
        entry=entry,
        when=formats.date_format(created, "SHORT_DATETIME_FORMAT"),
        when_iso=created.isoformat(),
        type_label=entry.type_label,
        changes=entry.change_rows(),
    )


@office_view("audit.view_trail")
def trail(request: OfficeRequest) -> HttpResponse:
    form = TrailFilterForm(request.GET)
    filters = form.filters()
    entries = AuditEntry.objects.in_office(request.youth_office).select_related("actor")
    if filters["object_type"]:
        entries = entries.filter(object_type=filters["object_type"])
    if filters["action"]:
        entries = entries.filter(action=filters["action"])
    page = Paginator(entries, 50).get_page(request.GET.get("seite"))
    return render(
        request,
        "audit/trail.html",
        {
            "page": page,
            "rows": [_row(entry) for entry in page],
            "form": form,
            "filtered": bool(filters["object_type"] or filters["action"]),
        },
    )
