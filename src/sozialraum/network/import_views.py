"""Import of organisations from CSV or Excel: upload, preview, apply or discard (coordination)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sozialraum.lib import exports as lib_exports
from sozialraum.lib.http import posted
from sozialraum.lib.tenancy import OfficeRequest, office_view
from sozialraum.network import imports
from sozialraum.network.access import get_pending_import_for_user
from sozialraum.network.forms import ImportUploadForm
from sozialraum.network.import_rows import ImportPreview
from sozialraum.network.models import PendingImport
from sozialraum.network.retention import PENDING_IMPORTS, delete_pending_imports

PERM = "network.import_organisations"

PREVIEW_ROWS = 200


PREVIEW_ERRORS = 500
PREVIEW_WARNINGS = 100


def _clean_up_pending_imports() -> None:
    delete_pending_imports(timezone.now() - PENDING_IMPORTS)


@office_view(PERM)
def import_upload(request: OfficeRequest) -> HttpResponse:
    office = request.youth_office
    form = ImportUploadForm(posted(request), request.FILES if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        _clean_up_pending_imports()
        pending = imports.create_pending_import(
            office=office, actor=request.user, filename=upload.name[:255], data=upload.read()
        )
        return redirect("network:import_preview", office_slug=office.slug, pk=pending.pk)
    return render(request, "network/import_upload.html", {"form": form})


def _render_preview(
    request: OfficeRequest, pending: PendingImport, preview: ImportPreview
) -> HttpResponse:
    row_errors = [error for error in preview.errors if error.line]
    return render(
        request,
        "network/import_preview.html",
        {
            "pending": pending,
            "preview": preview,
            "rows": preview.rows[:PREVIEW_ROWS],
            "more_rows": max(0, len(preview.rows) - PREVIEW_ROWS),
            "errors": row_errors[:PREVIEW_ERRORS],
            "more_errors": max(0, len(row_errors) + preview.hidden_errors - PREVIEW_ERRORS),
            "warnings": preview.duplicate_warnings[:PREVIEW_WARNINGS],
            "more_warnings": max(0, preview.warning_count - PREVIEW_WARNINGS),
        },
    )


@office_view(PERM)
def import_preview(request: OfficeRequest, pk: int) -> HttpResponse:
    pending = get_pending_import_for_user(request, pk)
    return _render_preview(request, pending, imports.pending_preview(pending))  # stored plan


@require_POST
@office_view(PERM)
def import_apply(request: OfficeRequest, pk: int) -> HttpResponse:
    office = request.youth_office
    pending = get_pending_import_for_user(request, pk)
    preview = imports.pending_preview(pending)
    if not preview.is_valid:
        messages.error(
            request,
            _("Die Datei enthält Fehler. Es wurde nichts übernommen. Bitte korrigieren Sie sie."),
        )
        return _render_preview(request, pending, preview)
    try:
        # Applies the stored plan, or plans again if the directory changed meanwhile.
        result = imports.apply_pending_import(pending=pending, office=office, actor=request.user)
    except ValueError as error:
        messages.error(request, str(error))
        return _render_preview(request, pending, preview)
    pending.delete()
    messages.success(
        request,
        _("Import abgeschlossen: %(created)s neu angelegt, %(updated)s aktualisiert.")
        % {"created": result.created, "updated": result.updated},
    )
    return redirect("network:directory", office_slug=office.slug)


@require_POST
@office_view(PERM)
def import_discard(request: OfficeRequest, pk: int) -> HttpResponse:
    pending = get_pending_import_for_user(request, pk)
    pending.delete()
    messages.info(request, _("Die hochgeladene Datei wurde verworfen. Es wurde nichts übernommen."))
    return redirect("network:import", office_slug=request.youth_office.slug)


@office_view(PERM)
def import_template(request: OfficeRequest) -> HttpResponse:
    """An empty list with the column headers the import understands, to start from."""
    return lib_exports.xlsx_response("akteure-vorlage.xlsx", imports.HEADERS, [])
