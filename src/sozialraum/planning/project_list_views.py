"""The list of projects (running, ended, evaluated), with its filter; the rows are written in
planning/project_rows.py."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

from sozialraum.lib.tenancy import OfficeRequest, office_view
from sozialraum.planning import project_rows
from sozialraum.planning import project_selectors as selectors
from sozialraum.planning.project_forms import ProjectFilterForm


@office_view("planning.view_project")
def project_list(request: OfficeRequest) -> HttpResponse:
    office = request.youth_office
    form = ProjectFilterForm(request.GET or None, office=office)
    filters = form.filters()
    page = project_rows.project_list_page(
        selectors.project_list(office, request.user, filters),
        request.GET.get("seite"),
        office_slug=office.slug,
        spaces_label=office.social_space_label_plural,
    )
    return render(
        request,
        "planning/projects.html",
        {"page": page, "form": form, "filtered": bool(filters)},
    )
