"""A measure with its cost calculation as PDF and DOCX (planning-needs), for whoever may see
the measure."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.http import content_disposition_header

from sozialraum.lib.tenancy import OfficeRequest, office_view
from sozialraum.minutes.document_views import DOCX_CONTENT_TYPE
from sozialraum.planning import documents
from sozialraum.planning.access import get_measure_for_user


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename) or "attachment"
    response["Cache-Control"] = "no-store, private"
    return response


@office_view("planning.view_planning")
def measure_pdf(request: OfficeRequest, pk: int) -> HttpResponse:
    measure = get_measure_for_user(request, pk, perm="planning.view_planning")
    document = documents.measure_document(measure)
    return _download(
        documents.pdf_bytes(document), "application/pdf", f"{document.filename_stem}.pdf"
    )


@office_view("planning.view_planning")
def measure_docx(request: OfficeRequest, pk: int) -> HttpResponse:
    measure = get_measure_for_user(request, pk, perm="planning.view_planning")
    document = documents.measure_document(measure)
    return _download(
        documents.docx_bytes(document), DOCX_CONTENT_TYPE, f"{document.filename_stem}.docx"
    )
