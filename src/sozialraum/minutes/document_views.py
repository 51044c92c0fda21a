"""The minutes of a meeting as PDF and DOCX, for whoever may see the minutes."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.utils.http import content_disposition_header

from sozialraum.lib.choice_fields import out_of_range
from sozialraum.lib.tenancy import OfficeRequest, get_for_user, office_view
from sozialraum.meetings.models import Meeting
from sozialraum.minutes import documents
from sozialraum.minutes.models import Minutes

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def get_minutes_for_user(request: OfficeRequest, meeting_pk: int) -> Minutes:
    """The minutes of the meeting (404 without minutes, or in another office; 403 for who may
    not see them)."""
    if out_of_range(Meeting._meta.pk, meeting_pk):  # type: ignore[arg-type]
        raise Http404
    queryset = Minutes.objects.select_related(
        "youth_office", "meeting", "meeting__team", "minute_taker"
    )
    return get_for_user(request, queryset, meeting_id=meeting_pk, perm="minutes.download_minutes")


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename) or "attachment"
    response["Cache-Control"] = "no-store, private"
    return response


@office_view("regions.view_office")
def minutes_pdf(request: OfficeRequest, meeting_pk: int) -> HttpResponse:
    document = documents.minutes_document(get_minutes_for_user(request, meeting_pk))
    return _download(
        documents.pdf_bytes(document), "application/pdf", f"{document.filename_stem}.pdf"
    )


@office_view("regions.view_office")
def minutes_docx(request: OfficeRequest, meeting_pk: int) -> HttpResponse:
    document = documents.minutes_document(get_minutes_for_user(request, meeting_pk))
    return _download(
        documents.docx_bytes(document), DOCX_CONTENT_TYPE, f"{document.filename_stem}.docx"
    )
