"""The youth office's minutes template (coordination): sections on and off, order, titles."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from sozialraum.lib.tenancy import OfficeRequest, office_view
from sozialraum.minutes import sections as template_sections
from sozialraum.minutes.models import SectionKind


def _number(value: str, default: int) -> int:
    value = value.strip()
    if value.isascii() and value.lstrip("-").isdigit() and len(value) < 6:
        return max(0, min(int(value), 999))
    return default


@office_view("minutes.manage_sections")
def sections(request: OfficeRequest) -> HttpResponse:
    office = request.youth_office
    if request.method == "POST":
        current = template_sections.ensure_sections(office)
        rows = []
        for section in current:
            # Before the first save the page shows the defaults, named by their kind.
            prefix = f"abschnitt_{section.pk}"
            if f"{prefix}_titel" not in request.POST:
                prefix = f"abschnitt_{section.kind}"
            rows.append(
                (
                    section.pk,
                    request.POST.get(f"{prefix}_titel", section.title)[:200].replace("\x00", ""),
                    max(
                        0,
                        _number(request.POST.get(f"{prefix}_position", ""), section.position + 1)
                        - 1,
                    ),
                    request.POST.get(f"{prefix}_an") == "1",
                )
            )
        template_sections.save_sections(
            office=office,
            actor=request.user,
            rows=rows,
            new_text_title=request.POST.get("neuer_abschnitt", "")[:200].replace("\x00", ""),
        )
        messages.success(request, _("Die Protokollvorlage ist gespeichert."))
        return redirect("minutes:sections", office_slug=office.slug)
    return render(
        request,
        "minutes/sections.html",
        {"sections": template_sections.sections_for(office), "kinds": SectionKind},
    )
