"""Pages of the organisations: the directory with its exports, an organisation's page, its forms."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sozialraum.accounts import services as account_services
from sozialraum.accounts.models import Role
from sozialraum.lib import exports as lib_exports
from sozialraum.lib.errors import ConcurrentEditError
from sozialraum.lib.forms import show_conflict
from sozialraum.lib.http import (
    add_service_error,
    list_response,
    next_url,
    posted,
    query_without,
)
from sozialraum.lib.idempotency import submit_once
from sozialraum.lib.tenancy import OfficeRequest, office_view
from sozialraum.network import exports, proposals, selectors, services
from sozialraum.network import rows as list_rows
from sozialraum.network.access import get_organisation_for_user
from sozialraum.network.forms import (
    DirectoryFilterForm,
    InviteEditorForm,
    OrganisationForm,
    organisation_initial,
)
from sozialraum.network.models import Organisation
from sozialraum.network.organisation_page import organisation_page

# ---------------------------------------------------------------------------------------------
# Directory of organisations


@office_view("network.view_directory")
def directory(request: OfficeRequest) -> HttpResponse:
    office = request.youth_office
    form = DirectoryFilterForm(request.GET, office=office)
    filters = form.filters()
    page = list_rows.directory_page(
        lambda: selectors.directory(office, **filters),
        request.GET.get("seite"),
        office_slug=office.slug,
        spaces_header=office.social_space_label_plural,
        ids_key=list_rows.search_ids_key("directory", office, filters),
    )
    return list_response(
        request,
        page_template="network/directory.html",
        results_template="network/directory_results.html",
        context={
            "form": form,
            "page": page,
            "query": query_without(request, "seite"),
            "filtered": any(filters.values()),
            "unsearchable": selectors.search_terms(filters["q"]).unsearchable,
        },
    )


def _export(request: OfficeRequest, fmt: str) -> HttpResponse:
    office = request.youth_office
    form = DirectoryFilterForm(request.GET, office=office)
    organisations = selectors.directory(office, **form.filters())
    headers, rows = exports.organisation_table(organisations)
    filename = f"akteure-{office.slug}-{timezone.localdate():%Y-%m-%d}.{fmt}"
    if fmt == "csv":
        return lib_exports.csv_response(filename, headers, rows)
    return lib_exports.xlsx_response(filename, headers, rows)


@office_view("network.view_directory")
def directory_csv(request: OfficeRequest) -> HttpResponse:
    return _export(request, "csv")


@office_view("network.view_directory")
def directory_xlsx(request: OfficeRequest) -> HttpResponse:
    return _export(request, "xlsx")


# ---------------------------------------------------------------------------------------------
# Organisations


@office_view("network.view_directory")
def organisation(request: OfficeRequest, pk: int) -> HttpResponse:
    org = get_organisation_for_user(request, pk)
    page = organisation_page(org, user=request.user, office=request.youth_office)
    return render(request, "network/organisation.html", {"org": org, **page})


def _organisation_saved(
    request: OfficeRequest, form: OrganisationForm, org: Organisation | None
) -> Organisation | None:
    """Create or update through the services; None (with errors on the form) if it failed."""
    data = form.cleaned_data
    try:
        if org is None:
            return services.create_organisation(
                office=request.youth_office,
                actor=request.user,
                data=form.data_for_service(),
                social_spaces=data["social_spaces"],
            )
        return services.update_organisation(
            organisation=org,
            actor=request.user,
            version=data["version"] or 0,
            data=form.data_for_service(),
            social_spaces=data["social_spaces"],
        )
    except ConcurrentEditError:
        assert org is not None
        saved = Organisation.objects.get(pk=org.pk)
        show_conflict(form, organisation_initial(saved), saved.version)
    except ValueError as error:
        add_service_error(form, error)
    return None


@office_view("network.add_organisation")
@submit_once
def organisation_create(request: OfficeRequest) -> HttpResponse:
    form = OrganisationForm(posted(request), office=request.youth_office)
    if request.method == "POST" and form.is_valid():
        org = _organisation_saved(request, form, None)
        if org is not None:
            messages.success(request, _("„%(name)s“ wurde angelegt.") % {"name": org.name})
            return redirect(org)
    return render(request, "network/organisation_form.html", {"form": form, "org": None})


@office_view("network.view_directory")
def organisation_edit(request: OfficeRequest, pk: int) -> HttpResponse:
    org = get_organisation_for_user(request, pk, perm="network.change_organisation")
    form = OrganisationForm(posted(request), office=request.youth_office, instance=org)
    if request.method == "POST" and form.is_valid():
        saved = _organisation_saved(request, form, org)
        if saved is not None:
            messages.success(request, _("Ihre Änderungen wurden gespeichert."))
            return redirect(saved)
    return render(request, "network/organisation_form.html", {"form": form, "org": org})


@office_view("network.view_directory")
def organisation_propose(request: OfficeRequest, pk: int) -> HttpResponse:
    """A carrier editor proposes a change of their own organisation; coordination reviews it."""
    org = get_organisation_for_user(request, pk, perm="network.propose_change")
    pending = proposals.pending_change(org)
    form = OrganisationForm(
        posted(request),
        office=request.youth_office,
        instance=org,
        proposal=True,
        # A waiting proposal is amended: the form starts from it.
        **({"initial": proposals.proposal_initial(org)} if pending else {}),
    )
    if request.method == "POST" and form.is_valid():
        try:
            proposals.propose_organisation_change(
                organisation=org,
                actor=request.user,
                data=form.data_for_service(),
                social_spaces=form.cleaned_data["social_spaces"],
            )
        except ValueError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _(
                    "Vielen Dank! Ihr Vorschlag ist bei der Koordination. Sobald er geprüft ist, "
                    "erscheint er im Eintrag."
                ),
            )
            return redirect(org)
    return render(
        request,
        "network/organisation_form.html",
        {"form": form, "org": org, "proposal": True, "pending": pending},
    )


@office_view("network.view_directory")
def organisation_delete(request: OfficeRequest, pk: int) -> HttpResponse:
    org = get_organisation_for_user(request, pk, perm="network.delete_organisation")
    status, refused = 200, ""
    if request.method == "POST":
        name = org.name
        try:
            services.delete_organisation(organisation=org, actor=request.user)
        except services.OrganisationInUse as error:
            status, refused = 409, str(error)  # the page below names what must go first
        else:
            messages.success(request, _("„%(name)s“ wurde gelöscht.") % {"name": name})
            return redirect("network:directory", office_slug=request.youth_office.slug)
    parts = services.organisation_deletion(org)
    context = {"org": org, **parts, "blocker": services.deletion_blocker(parts) or refused}
    return render(request, "network/organisation_delete.html", context, status=status)


@require_POST
@office_view("network.view_directory")
def organisation_confirm(request: OfficeRequest, pk: int) -> HttpResponse:
    org = get_organisation_for_user(request, pk, perm="network.confirm_organisation")
    services.confirm_organisation(organisation=org, actor=request.user)
    messages.success(
        request, _("Danke! Die Angaben zu „%(name)s“ sind als aktuell bestätigt.") % {"name": org}
    )
    return redirect(next_url(request, org.get_absolute_url()))


@office_view("network.view_directory")
@submit_once
def organisation_invite_editor(request: OfficeRequest, pk: int) -> HttpResponse:
    office = request.youth_office
    org = get_organisation_for_user(request, pk, perm="network.invite_editor")
    form = InviteEditorForm(posted(request), office=office)
    if request.method == "POST" and form.is_valid():
        invitation, _token = account_services.invite(
            office=office,
            actor=request.user,
            email=form.cleaned_data["email"],
            name=form.cleaned_data["name"],
            role=Role.CARRIER_EDITOR,
            organisation=org,
        )
        messages.success(
            request,
            _(
                "Die Einladung an %(email)s ist verschickt. Sie gilt bis %(date)s. Danach kann "
                "die Person den Eintrag von „%(name)s“ pflegen."
            )
            % {
                "email": invitation.email,
                "date": date_format(timezone.localtime(invitation.expires_at), "SHORT_DATE_FORMAT"),
                "name": org.name,
            },
        )
        return redirect(org)
    return render(request, "network/organisation_invite.html", {"form": form, "org": org})
