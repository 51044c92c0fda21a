"""Pages of the people in the network: directory, person, affiliations, DSGVO."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sozialraum.lib.tenancy import office_view
from sozialraum.network import privacy_document, selectors, services
from sozialraum.network.forms import (
    AffiliationForm,
    PeopleFilterForm,
    PersonCreateForm,
    PersonForm,
)
from sozialraum.network.models import (
    Affiliation,
)
from sozialraum.network.views import (
    MANAGE,
    PAGE_SIZE,
    VIEW,
    add_service_error,
    concurrent_edit_message,
    get_affiliation_for_user,
    get_person_for_user,
    is_htmx,
    may_edit_person,
    next_url,
    own_organisation_id,
    posted,
    user_can_edit,
    user_can_manage,
)
from sozialraum.regions.services import ConcurrentEditError


@office_view(VIEW)
def people(request: HttpRequest) -> HttpResponse:
    office = request.youth_office
    form = PeopleFilterForm(request.GET)
    q = form.cleaned_data.get("q", "").strip() if form.is_valid() else ""
    persons = selectors.people_directory(office, q=q).prefetch_related(
        Prefetch(
            "affiliations",
            queryset=Affiliation.objects.current()
            .select_related("organisation")
            .order_by("organisation__name_key"),
            to_attr="current_affiliations",
        )
    )
    page = Paginator(persons, PAGE_SIZE).get_page(request.GET.get("seite"))
    query = request.GET.copy()
    query.pop("seite", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "q": q,
        "can_edit": user_can_edit(request) or bool(own_organisation_id(request)),
    }
    context["htmx"] = is_htmx(request)
    template = "network/people_results.html" if context["htmx"] else "network/people.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@office_view(VIEW)
def person(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_person_for_user(request, pk)
    affiliations = list(
        Affiliation.objects.filter(person=person)
        .select_related("organisation")
        .order_by("until", "organisation__name_key")
    )
    today = timezone.localdate()
    may_edit = may_edit_person(request, person)
    can_edit = user_can_edit(request)
    own = own_organisation_id(request)
    for affiliation in affiliations:
        # A carrier editor changes only the affiliations with their own organisation.
        affiliation.editable = may_edit and (can_edit or affiliation.organisation_id == own)
    return render(
        request,
        "network/person.html",
        {
            "person": person,
            "current": [a for a in affiliations if a.until is None or a.until >= today],
            "former": [a for a in affiliations if a.until is not None and a.until < today],
            "is_due": person.confirmed_at < selectors.confirmation_deadline(),
            "may_edit": may_edit,
            "can_manage": user_can_manage(request),
        },
    )


@office_view(VIEW)
def person_create(request: HttpRequest) -> HttpResponse:
    office = request.youth_office
    own = own_organisation_id(request)
    if not (user_can_edit(request) or own):
        raise PermissionDenied
    initial = {}
    preset = request.GET.get("organisation", "")
    if preset.isdigit():
        initial["organisation"] = int(preset)
    form = PersonCreateForm(posted(request), office=office, initial=initial)
    if own and not user_can_edit(request):
        # A carrier editor adds people to their own organisation only.
        field = form.fields["organisation"]
        field.queryset = field.queryset.filter(pk=own)
        field.required = True
        field.empty_label = None
    if request.method == "POST" and form.is_valid():
        org = form.cleaned_data["organisation"]
        try:
            created = services.create_person(
                office=office, actor=request.user, data=form.data_for_service()
            )
            if org is not None:
                services.add_affiliation(
                    person=created,
                    organisation=org,
                    actor=request.user,
                    function=form.cleaned_data["function"].strip(),
                )
        except ValueError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("„%(name)s“ wurde angelegt.") % {"name": created})
            return redirect(created)
    return render(request, "network/person_form.html", {"form": form, "person": None})


@office_view(VIEW)
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_person_for_user(request, pk)
    if not may_edit_person(request, person):
        raise PermissionDenied
    form = PersonForm(posted(request), instance=person)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.update_person(
                person=person,
                actor=request.user,
                version=form.cleaned_data["version"] or 0,
                data=form.data_for_service(),
            )
        except ConcurrentEditError:
            form.add_error(None, concurrent_edit_message())
        except ValueError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Ihre Änderungen wurden gespeichert."))
            return redirect(saved)
    return render(request, "network/person_form.html", {"form": form, "person": person})


@require_POST
@office_view(VIEW)
def person_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_person_for_user(request, pk)
    if not may_edit_person(request, person):
        raise PermissionDenied
    services.confirm_person(person=person, actor=request.user)
    messages.success(
        request, _("Danke! Die Angaben zu %(name)s sind als aktuell bestätigt.") % {"name": person}
    )
    return redirect(next_url(request, person.get_absolute_url()))


@office_view(MANAGE)
def person_export(request: HttpRequest, pk: int) -> HttpResponse:
    """DSGVO Art. 15: everything stored about the person, as a document to print or JSON (POST)."""
    person = get_person_for_user(request, pk)
    if request.method != "POST":
        return render(request, "network/person_export.html", {"person": person})
    data = services.export_person_data(person=person, actor=request.user)
    if request.POST.get("format") == "json":
        return privacy_document.json_response(person, data)
    return privacy_document.document_response(request, person, data)


@office_view(MANAGE)
def person_erase(request: HttpRequest, pk: int) -> HttpResponse:
    """DSGVO Art. 17: delete the person; records that must remain keep only the organisation."""
    person = get_person_for_user(request, pk)
    error = ""
    if request.method == "POST":
        if request.POST.get("bestaetigt") == "ja":
            services.erase_person(person=person, actor=request.user)
            messages.success(request, _("Die Daten der Person wurden gelöscht."))
            return redirect("network:people", office_slug=request.youth_office.slug)
        error = _("Bitte bestätigen Sie mit dem Häkchen, dass Sie die Person löschen möchten.")
    affiliations = list(Affiliation.objects.filter(person=person).select_related("organisation"))
    return render(
        request,
        "network/person_erase.html",
        {"person": person, "affiliations": affiliations, "error": error},
    )


# ---------------------------------------------------------------------------------------------
# Affiliations


@office_view(VIEW)
def affiliation_create(request: HttpRequest, pk: int) -> HttpResponse:
    office = request.youth_office
    person = get_person_for_user(request, pk)
    if not may_edit_person(request, person):
        raise PermissionDenied
    form = AffiliationForm(posted(request), office=office)
    own = own_organisation_id(request)
    if not user_can_edit(request):
        field = form.fields["organisation"]
        field.queryset = field.queryset.filter(pk=own)
        field.empty_label = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.add_affiliation(
                person=person,
                organisation=data["organisation"],
                actor=request.user,
                function=data["function"].strip(),
                since=data["since"],
                until=data["until"],
                is_contact=data["is_contact"],
            )
        except ValueError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("%(person)s ist jetzt bei „%(org)s“ eingetragen.")
                % {"person": person, "org": data["organisation"]},
            )
            return redirect(person)
    return render(
        request,
        "network/affiliation_form.html",
        {"form": form, "person": person, "affiliation": None},
    )


def _affiliation_for_editing(request: HttpRequest, pk: int) -> Affiliation:
    affiliation = get_affiliation_for_user(request, pk)
    if user_can_edit(request):
        return affiliation
    if own_organisation_id(request) != affiliation.organisation_id:
        raise PermissionDenied
    return affiliation


@office_view(VIEW)
def affiliation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    affiliation = _affiliation_for_editing(request, pk)
    form = AffiliationForm(
        posted(request),
        office=request.youth_office,
        with_organisation=False,
        instance=affiliation,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.update_affiliation(
            affiliation=affiliation,
            actor=request.user,
            function=data["function"].strip(),
            since=data["since"],
            until=data["until"],
            is_contact=data["is_contact"],
        )
        messages.success(request, _("Ihre Änderungen wurden gespeichert."))
        return redirect(affiliation.person)
    return render(
        request,
        "network/affiliation_form.html",
        {"form": form, "person": affiliation.person, "affiliation": affiliation},
    )


@require_POST
@office_view(VIEW)
def affiliation_end(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark an affiliation as ended today (the person no longer works there)."""
    affiliation = _affiliation_for_editing(request, pk)
    today = timezone.localdate()
    if affiliation.until is None or affiliation.until > today:
        services.update_affiliation(
            affiliation=affiliation,
            actor=request.user,
            function=affiliation.function,
            since=affiliation.since if affiliation.since and affiliation.since <= today else None,
            until=today,
            is_contact=False,
        )
    messages.success(
        request,
        _("Die Tätigkeit von %(person)s bei „%(org)s“ ist zum %(date)s beendet.")
        % {
            "person": affiliation.person,
            "org": affiliation.organisation,
            "date": today.strftime("%d.%m.%Y"),
        },
    )
    return redirect(next_url(request, affiliation.person.get_absolute_url()))


@office_view(VIEW)
def affiliation_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Remove an affiliation entered by mistake (ending it keeps the history instead)."""
    affiliation = _affiliation_for_editing(request, pk)
    if request.method == "POST":
        person = affiliation.person
        services.remove_affiliation(affiliation=affiliation, actor=request.user)
        messages.success(request, _("Der Eintrag wurde entfernt."))
        return redirect(person)
    return render(request, "network/affiliation_delete.html", {"affiliation": affiliation})


# ---------------------------------------------------------------------------------------------
# The network section of a social space's page (regions.views.social_space)
