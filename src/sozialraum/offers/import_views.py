"""Import of offers from CSV or Excel: upload, preview, apply or discard (coordination)."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sozialraum.lib import exports as lib_exports
from sozialraum.lib.http import posted
from sozialraum.lib.tenancy import OfficeRequest, get_for_user, office_view
from sozialraum.network.forms import ImportUploadForm
from sozialraum.offers import imports
from sozialraum.offers.import_models import PendingOfferImport
from sozialraum.offers.imports import OfferImportPreview

PERM = "offers.import_offers"
PREVIEW_ROWS = 200
PREVIEW_ERRORS = 500
KEEP_UPLOADS = timedelta(days=1)


def _pending(request: OfficeRequest, pk: int) -> PendingOfferImport:
    """The upload of this office (404 otherwise); any coordinator of the office may finish it."""
    return get_for_user(request, PendingOfferImport.objects.all(), pk=pk)


def _preview(pending: PendingOfferImport) -> OfferImportPreview:
    return imports.parse_offers(
        data=bytes(pending.data), filename=pending.filename, office=pending.youth_office
    )


@office_view(PERM)
def import_upload(request: OfficeRequest) -> HttpResponse:
    office = request.youth_office
    form = ImportUploadForm(posted(request), request.FILES if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        PendingOfferImport.objects.filter(created_at__lt=timezone.now() - KEEP_UPLOADS).delete()
        pending = PendingOfferImport.objects.create(
            youth_office=office,
            created_by=request.user,
            filename=upload.name[:255],
            data=upload.read(),
        )
        return redirect("offers:import_preview", office_slug=office.slug, pk=pending.pk)
    return render(request, "offers/import_upload.html", {"form": form, "headers": imports.HEADERS})


def _render_preview(
    request: OfficeRequest, pending: PendingOfferImport, preview: OfferImportPreview
) -> HttpResponse:
    row_errors = [error for error in preview.errors if error.line]
    return render(
        request,
        "offers/import_preview.html",
        {
            "pending": pending,
            "preview": preview,
            "rows": preview.rows[:PREVIEW_ROWS],
            "more_rows": max(0, len(preview.rows) - PREVIEW_ROWS),
            "errors": row_errors[:PREVIEW_ERRORS],
            "more_errors": max(0, len(row_errors) - PREVIEW_ERRORS),
        },
    )


@office_view(PERM)
def import_preview(request: OfficeRequest, pk: int) -> HttpResponse:
    pending = _pending(request, pk)
    return _render_preview(request, pending, _preview(pending))


@require_POST
@office_view(PERM)
def import_apply(request: OfficeRequest, pk: int) -> HttpResponse:
    office = request.youth_office
    pending = _pending(request, pk)
    preview = _preview(pending)  # checked again against the offers as they are now
    draft = request.POST.get("draft") == "1"
    try:
        result = imports.apply_offer_import(
            preview=preview, office=office, actor=request.user, draft=draft
        )
    except ValueError as error:
        messages.error(request, str(error))
        return _render_preview(request, pending, preview)
    pending.delete()
    messages.success(
        request,
        _("Import abgeschlossen: %(created)s neu angelegt, %(updated)s aktualisiert.")
        % {"created": result.created, "updated": result.updated},
    )
    return redirect("offers:list", office_slug=office.slug)


@require_POST
@office_view(PERM)
def import_discard(request: OfficeRequest, pk: int) -> HttpResponse:
    _pending(request, pk).delete()
    messages.info(request, _("Die hochgeladene Datei wurde verworfen. Es wurde nichts übernommen."))
    return redirect("offers:import", office_slug=request.youth_office.slug)


@office_view(PERM)
def import_template(request: OfficeRequest) -> HttpResponse:
    """An empty list with the column headers the import understands, to start from."""
    return lib_exports.xlsx_response("angebote-vorlage.xlsx", imports.HEADERS, [])
