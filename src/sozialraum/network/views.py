"""The directory of organisations and people: lists, profiles, forms, DSGVO requests.

The coordination pages (county overview, checklist, review, import) are in coordination.py.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sozialraum.accounts import services as account_services
from sozialraum.accounts.models import OfficeRole, Role
from sozialraum.lib import exports as lib_exports
from sozialraum.lib.tenancy import get_for_office, office_view
from sozialraum.network import exports, review, selectors, services
from sozialraum.network.forms import (
    DirectoryFilterForm,
    InviteEditorForm,
    OrganisationForm,
)
from sozialraum.network.models import (
    Affiliation,
    ChangeStatus,
    Organisation,
    OrganisationChange,
    Person,
)
from sozialraum.regions.services import ConcurrentEditError

PAGE_SIZE = 25

VIEW = "network.view_directory"
EDIT = "network.edit_directory"
MANAGE = "network.manage_network"


def add_service_error(form, error: ValueError) -> None:
    """Show a service's refusal at the field it concerns, else above the form."""
    errors = getattr(error, "errors", None)
    if not errors:
        form.add_error(None, str(error))
        return
    for name, field_messages in errors.items():
        for message in field_messages:
            form.add_error(name if name in form.fields else None, message)


def concurrent_edit_message() -> str:
    return _(
        "Jemand anderes hat diesen Eintrag inzwischen geändert. Ihre Änderungen wurden nicht "
        "gespeichert. Bitte laden Sie die Seite neu und tragen Sie sie erneut ein."
    )


# ---------------------------------------------------------------------------------------------
# Access helpers: one per object, scoped to the request's youth office, 404 for anything else.


def get_organisation_for_user(request: HttpRequest, pk: int) -> Organisation:
    queryset = Organisation.objects.select_related("municipality", "youth_office")
    return get_for_office(request, queryset, pk=pk)


def get_person_for_user(request: HttpRequest, pk: int) -> Person:
    return get_for_office(request, Person.objects.select_related("youth_office"), pk=pk)


def get_affiliation_for_user(request: HttpRequest, pk: int) -> Affiliation:
    queryset = Affiliation.objects.select_related("person", "organisation", "youth_office")
    return get_for_office(request, queryset, pk=pk)


def own_organisation_id(request: HttpRequest) -> int | None:
    """For a carrier editor: the organisation they maintain, else None."""
    return request.user.edited_organisation_id(request.youth_office)


def user_can_edit(request: HttpRequest) -> bool:
    return request.user.has_perm(EDIT, request.youth_office)


def user_can_manage(request: HttpRequest) -> bool:
    return request.user.has_perm(MANAGE, request.youth_office)


def may_confirm_organisation(request: HttpRequest, org: Organisation) -> bool:
    return user_can_edit(request) or own_organisation_id(request) == org.pk


def may_edit_person(request: HttpRequest, person: Person) -> bool:
    """Editors edit everybody; a carrier editor the people who work for their organisation."""
    return request.user.has_perm("network.edit_person", person)


def next_url(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def posted(request: HttpRequest):
    """The form data of a POST, also when it is empty (so an empty form shows its errors)."""
    return request.POST if request.method == "POST" else None


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true" and not request.headers.get(
        "HX-History-Restore-Request"
    )


# ---------------------------------------------------------------------------------------------
# Directory of organisations


@office_view(VIEW)
def directory(request: HttpRequest) -> HttpResponse:
    office = request.youth_office
    form = DirectoryFilterForm(request.GET, office=office)
    filters = form.filters()
    organisations = selectors.directory(office, **filters).prefetch_related("social_spaces")
    page = Paginator(organisations, PAGE_SIZE).get_page(request.GET.get("seite"))
    query = request.GET.copy()
    query.pop("seite", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "filtered": any(filters.values()),
        "unsearchable": selectors.search_terms(filters["q"]).unsearchable,
        "can_edit": user_can_edit(request),
        "can_manage": user_can_manage(request),
    }
    context["htmx"] = is_htmx(request)
    template = "network/directory_results.html" if context["htmx"] else "network/directory.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _export(request: HttpRequest, fmt: str) -> HttpResponse:
    office = request.youth_office
    form = DirectoryFilterForm(request.GET, office=office)
    organisations = selectors.directory(office, **form.filters())
    headers, rows = exports.organisation_table(organisations)
    filename = f"akteure-{office.slug}-{timezone.localdate():%Y-%m-%d}.{fmt}"
    if fmt == "csv":
        return lib_exports.csv_response(filename, headers, rows)
    return lib_exports.xlsx_response(filename, headers, rows)


@office_view(VIEW)
def directory_csv(request: HttpRequest) -> HttpResponse:
    return _export(request, "csv")


@office_view(VIEW)
def directory_xlsx(request: HttpRequest) -> HttpResponse:
    return _export(request, "xlsx")


# ---------------------------------------------------------------------------------------------
# Organisations


@office_view(VIEW)
def organisation(request: HttpRequest, pk: int) -> HttpResponse:
    office = request.youth_office
    org = get_organisation_for_user(request, pk)
    affiliations = list(
        Affiliation.objects.filter(organisation=org)
        .select_related("person")
        .order_by("person__name_key", "pk")
    )
    today = timezone.localdate()
    current = [a for a in affiliations if a.until is None or a.until >= today]
    former = [a for a in affiliations if a.until is not None and a.until < today]
    can_manage = user_can_manage(request)
    own = own_organisation_id(request) == org.pk
    changes = []
    if can_manage or own:
        changes = list(
            OrganisationChange.objects.filter(organisation=org)
            .select_related("submitted_by", "reviewed_by")
            .order_by("-submitted_at")[:5]
        )
    editors = []
    if can_manage:
        editors = list(
            OfficeRole.objects.in_office(office)
            .filter(organisation=org, role=Role.CARRIER_EDITOR)
            .select_related("user")
        )
    return render(
        request,
        "network/organisation.html",
        {
            "org": org,
            "spaces": sorted(org.social_spaces.all(), key=lambda s: s.name),
            "current": current,
            "former": former,
            "is_due": org.confirmed_at < selectors.confirmation_deadline(),
            "changes": changes,
            "pending_change": next((c for c in changes if c.status == ChangeStatus.PENDING), None),
            "editors": editors,
            "can_edit": user_can_edit(request),
            "can_manage": can_manage,
            "is_own": own,
            "can_confirm": may_confirm_organisation(request, org),
        },
    )


def _organisation_saved(request, form: OrganisationForm, org: Organisation | None):
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
        form.add_error(None, concurrent_edit_message())
    except ValueError as error:
        add_service_error(form, error)
    return None


@office_view(EDIT)
def organisation_create(request: HttpRequest) -> HttpResponse:
    form = OrganisationForm(posted(request), office=request.youth_office)
    if request.method == "POST" and form.is_valid():
        org = _organisation_saved(request, form, None)
        if org is not None:
            messages.success(request, _("„%(name)s“ wurde angelegt.") % {"name": org.name})
            return redirect(org)
    return render(request, "network/organisation_form.html", {"form": form, "org": None})


@office_view(EDIT)
def organisation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    org = get_organisation_for_user(request, pk)
    form = OrganisationForm(posted(request), office=request.youth_office, instance=org)
    if request.method == "POST" and form.is_valid():
        saved = _organisation_saved(request, form, org)
        if saved is not None:
            messages.success(request, _("Ihre Änderungen wurden gespeichert."))
            return redirect(saved)
    return render(request, "network/organisation_form.html", {"form": form, "org": org})


@office_view(VIEW)
def organisation_propose(request: HttpRequest, pk: int) -> HttpResponse:
    """A carrier editor proposes a change of their own organisation; coordination reviews it."""
    org = get_organisation_for_user(request, pk)
    if own_organisation_id(request) != org.pk:
        raise PermissionDenied
    form = OrganisationForm(
        posted(request), office=request.youth_office, instance=org, proposal=True
    )
    if request.method == "POST" and form.is_valid():
        try:
            review.propose_organisation_change(
                organisation=org,
                actor=request.user,
                data=form.data_for_service(),
                social_spaces=form.cleaned_data["social_spaces"],
            )
        except ConcurrentEditError:
            form.add_error(None, concurrent_edit_message())
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
        request, "network/organisation_form.html", {"form": form, "org": org, "proposal": True}
    )


@office_view(EDIT)
def organisation_delete(request: HttpRequest, pk: int) -> HttpResponse:
    org = get_organisation_for_user(request, pk)
    if request.method == "POST":
        name = org.name
        services.delete_organisation(organisation=org, actor=request.user)
        messages.success(request, _("„%(name)s“ wurde gelöscht.") % {"name": name})
        return redirect("network:directory", office_slug=request.youth_office.slug)
    people = Affiliation.objects.filter(organisation=org).values("person").distinct().count()
    return render(request, "network/organisation_delete.html", {"org": org, "people": people})


@require_POST
@office_view(VIEW)
def organisation_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    org = get_organisation_for_user(request, pk)
    if not may_confirm_organisation(request, org):
        raise PermissionDenied
    services.confirm_organisation(organisation=org, actor=request.user)
    messages.success(
        request, _("Danke! Die Angaben zu „%(name)s“ sind als aktuell bestätigt.") % {"name": org}
    )
    return redirect(next_url(request, org.get_absolute_url()))


@office_view(MANAGE)
def organisation_invite_editor(request: HttpRequest, pk: int) -> HttpResponse:
    office = request.youth_office
    org = get_organisation_for_user(request, pk)
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
                "date": timezone.localtime(invitation.expires_at).strftime("%d.%m.%Y"),
                "name": org.name,
            },
        )
        return redirect(org)
    return render(request, "network/organisation_invite.html", {"form": form, "org": org})


# ---------------------------------------------------------------------------------------------
# People


def glance_context(request: HttpRequest, space) -> dict:
    """The social space at a glance: kinds present with their organisations, kinds missing."""
    office = request.youth_office
    glance = selectors.cached_social_space_glance(office, space)
    expected = set(glance["expected"])
    present = [
        {
            "kind": kind,
            "label": label,
            "organisations": organisations,
            "count": glance["counts"].get(kind, 0),
            "more": glance["counts"].get(kind, 0) - len(organisations),
            "expected": kind in expected,
        }
        for kind, label, organisations in glance["present"]
    ]
    return {
        "present": present,
        "missing": [{"kind": kind, "label": label} for kind, label in glance["missing"]],
        "has_checklist": bool(expected),
        "total": glance["total"],
        "can_manage": user_can_manage(request),
    }
