"""Coordination pages of the network: county overview, checklist, review, checks, import."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sozialraum.lib import exports as lib_exports
from sozialraum.lib.tenancy import get_for_office, office_view
from sozialraum.network import imports, review, selectors, services
from sozialraum.network.forms import (
    ExpectedKindsForm,
    ImportUploadForm,
    RejectChangeForm,
)
from sozialraum.network.models import (
    ChangeStatus,
    Organisation,
    OrganisationChange,
    OrganisationKind,
    PendingImport,
    Sponsorship,
    expected_kinds,
)
from sozialraum.network.views import MANAGE, VIEW, posted
from sozialraum.regions.models import Municipality, SocialSpace
from sozialraum.regions.services import ConcurrentEditError

# How many rows and errors an import preview shows; the counts always cover the whole file.
PREVIEW_ROWS = 200
PREVIEW_ERRORS = 500
PREVIEW_WARNINGS = 100
PENDING_IMPORT_LIFETIME = timedelta(days=1)


# ---------------------------------------------------------------------------------------------
# County overview and the checklist of expected kinds


@office_view(VIEW)
def overview(request: HttpRequest) -> HttpResponse:
    office = request.youth_office
    table = selectors.cached_county_overview(office)
    kinds = table["kinds"]
    rows = []
    for space, counts, missing in table["rows"]:
        missing_set = set(missing)
        cells = [
            {"kind": kind, "label": label, "count": count, "missing": kind in missing_set}
            for (kind, label), count in zip(kinds, counts, strict=True)
        ]
        rows.append(
            {
                "space": space,
                "cells": cells,
                "missing": [cell["label"] for cell in cells if cell["missing"]],
            }
        )
    expected = set(expected_kinds(office))
    return render(
        request,
        "network/overview.html",
        {
            "kinds": [
                {"kind": kind, "label": label, "expected": kind in expected}
                for kind, label in kinds
            ],
            "rows": rows,
            "totals": table["totals"],
            "unassigned": table["unassigned"],
            "has_expected": bool(expected),
            "can_manage": request.user.has_perm(MANAGE, office),
        },
    )


@office_view(MANAGE)
def expected_kinds_edit(request: HttpRequest) -> HttpResponse:
    office = request.youth_office
    # Bound on every POST: unticking all kinds sends no field at all.
    form = ExpectedKindsForm(posted(request), initial={"kinds": expected_kinds(office)})
    if request.method == "POST" and form.is_valid():
        services.set_expected_kinds(
            office=office, actor=request.user, kinds=form.cleaned_data["kinds"]
        )
        messages.success(request, _("Die Checkliste ist gespeichert."))
        return redirect("network:overview", office_slug=office.slug)
    return render(request, "network/expected_kinds.html", {"form": form})


# ---------------------------------------------------------------------------------------------
# Review of changes proposed by carrier editors


def get_change_for_user(request: HttpRequest, pk: int) -> OrganisationChange:
    queryset = OrganisationChange.objects.select_related(
        "organisation", "organisation__municipality", "organisation__youth_office", "submitted_by"
    )
    return get_for_office(request, queryset, pk=pk)


@office_view(MANAGE)
def changes(request: HttpRequest) -> HttpResponse:
    office = request.youth_office
    base = OrganisationChange.objects.in_office(office).select_related(
        "organisation", "submitted_by", "reviewed_by"
    )
    pending = Paginator(base.filter(status=ChangeStatus.PENDING), 50).get_page(
        request.GET.get("seite")
    )
    decided = base.exclude(status=ChangeStatus.PENDING).order_by("-reviewed_at")[:20]
    return render(request, "network/changes.html", {"page": pending, "decided": decided})


_REVIEWED_FIELDS = [
    "name",
    "kind",
    "sponsorship",
    "street",
    "postcode",
    "city",
    "municipality",
    "phone",
    "email",
    "website",
    "description",
    "social_spaces",
    "is_public",
]


def _display(name: str, value, spaces: dict[int, str], municipalities: dict) -> str:
    if value in (None, "", []):
        return ""
    if name == "kind":
        return str(OrganisationKind(value).label) if value in OrganisationKind.values else value
    if name == "sponsorship":
        return str(Sponsorship(value).label) if value in Sponsorship.values else value
    if name == "is_public":
        return _("ja") if value else _("nein")
    if name == "municipality":
        return municipalities.get(value, str(value))
    if name == "social_spaces":
        return ", ".join(sorted(spaces.get(pk, str(pk)) for pk in value))
    return str(value)


def change_rows(change: OrganisationChange) -> list[dict]:
    """Per field: label, value now, proposed value, and whether they differ."""
    org = change.organisation
    current = {
        "name": org.name,
        "kind": org.kind,
        "sponsorship": org.sponsorship,
        "street": org.street,
        "postcode": org.postcode,
        "city": org.city,
        "municipality": org.municipality_id,
        "phone": org.phone,
        "email": org.email,
        "website": org.website,
        "description": org.description,
        "social_spaces": sorted(s.pk for s in org.social_spaces.all()),
        "is_public": org.is_public,
    }
    proposed = dict(change.proposed or {})
    space_ids = set(current["social_spaces"]) | set(proposed.get("social_spaces") or [])
    spaces = dict(
        SocialSpace.objects.in_office(org.youth_office)
        .filter(pk__in=space_ids)
        .values_list("pk", "name")
    )
    municipality_ids = {current["municipality"], proposed.get("municipality")} - {None}
    municipalities = dict(
        Municipality.objects.filter(pk__in=municipality_ids).values_list("pk", "name")
    )
    rows = []
    for name in _REVIEWED_FIELDS:
        label = Organisation._meta.get_field(name).verbose_name
        if name == "social_spaces":
            label = org.youth_office.social_space_label_plural
        before = _display(name, current[name], spaces, municipalities)
        after = _display(name, proposed.get(name, current[name]), spaces, municipalities)
        rows.append({"label": label, "before": before, "after": after, "changed": before != after})
    return rows


@office_view(MANAGE)
def change_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_change(request, get_change_for_user(request, pk), RejectChangeForm())


def _render_change(request: HttpRequest, change: OrganisationChange, reject_form) -> HttpResponse:
    return render(
        request,
        "network/change_detail.html",
        {
            "change": change,
            "org": change.organisation,
            "rows": change_rows(change),
            "reject_form": reject_form,
            "is_pending": change.status == ChangeStatus.PENDING,
            "is_stale": change.base_version != change.organisation.version,
        },
    )


@require_POST
@office_view(MANAGE)
def change_approve(request: HttpRequest, pk: int) -> HttpResponse:
    change = get_change_for_user(request, pk)
    office = request.youth_office
    if change.status != ChangeStatus.PENDING:
        messages.info(request, _("Über diesen Vorschlag ist schon entschieden."))
        return redirect("network:changes", office_slug=office.slug)
    try:
        review.approve_change(change=change, actor=request.user)
    except ConcurrentEditError:
        messages.error(
            request,
            _(
                "Der Eintrag wurde nach dem Vorschlag noch einmal geändert. Damit nichts "
                "überschrieben wird, lässt sich der Vorschlag nicht mehr übernehmen. Bitte lehnen "
                "Sie ihn ab und bitten Sie die Redaktion um einen neuen Vorschlag."
            ),
        )
        return redirect("network:change", office_slug=office.slug, pk=pk)
    except ValueError as error:
        messages.error(request, str(error))
        return redirect("network:change", office_slug=office.slug, pk=pk)
    messages.success(
        request,
        _("Der Vorschlag ist übernommen. „%(name)s“ zeigt jetzt die neuen Angaben.")
        % {"name": change.organisation.name},
    )
    return redirect("network:changes", office_slug=office.slug)


@require_POST
@office_view(MANAGE)
def change_reject(request: HttpRequest, pk: int) -> HttpResponse:
    change = get_change_for_user(request, pk)
    office = request.youth_office
    if change.status != ChangeStatus.PENDING:
        messages.info(request, _("Über diesen Vorschlag ist schon entschieden."))
        return redirect("network:changes", office_slug=office.slug)
    form = RejectChangeForm(request.POST)
    if not form.is_valid():
        return _render_change(request, change, form)
    review.reject_change(change=change, actor=request.user, note=form.cleaned_data["note"].strip())
    messages.success(request, _("Der Vorschlag ist abgelehnt. Die Redaktion sieht Ihre Anmerkung."))
    return redirect("network:changes", office_slug=office.slug)


# ---------------------------------------------------------------------------------------------
# Entries to check, probable duplicates


@office_view(MANAGE)
def due(request: HttpRequest) -> HttpResponse:
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
def duplicates(request: HttpRequest) -> HttpResponse:
    groups = selectors.probable_duplicates(request.youth_office)
    return render(request, "network/duplicates.html", {"groups": groups})


# ---------------------------------------------------------------------------------------------
# Import


def _clean_up_pending_imports() -> None:
    PendingImport.objects.filter(created_at__lt=timezone.now() - PENDING_IMPORT_LIFETIME).delete()


def get_pending_import_for_user(request: HttpRequest, pk: int) -> PendingImport:
    """Only the person who uploaded the file sees its preview (the file itself is read only
    when the import has to be planned again)."""
    queryset = PendingImport.objects.defer("data")
    return get_for_office(request, queryset, pk=pk, created_by=request.user)


@office_view(MANAGE)
def import_upload(request: HttpRequest) -> HttpResponse:
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


def _render_preview(request: HttpRequest, pending: PendingImport, preview) -> HttpResponse:
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


@office_view(MANAGE)
def import_preview(request: HttpRequest, pk: int) -> HttpResponse:
    pending = get_pending_import_for_user(request, pk)
    return _render_preview(request, pending, imports.pending_preview(pending))  # stored plan


@require_POST
@office_view(MANAGE)
def import_apply(request: HttpRequest, pk: int) -> HttpResponse:
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
@office_view(MANAGE)
def import_discard(request: HttpRequest, pk: int) -> HttpResponse:
    pending = get_pending_import_for_user(request, pk)
    pending.delete()
    messages.info(request, _("Die hochgeladene Datei wurde verworfen. Es wurde nichts übernommen."))
    return redirect("network:import", office_slug=request.youth_office.slug)


@office_view(MANAGE)
def import_template(request: HttpRequest) -> HttpResponse:
    """An empty list with the column headers the import understands, to start from."""
    return lib_exports.xlsx_response("akteure-vorlage.xlsx", imports.HEADERS, [])
