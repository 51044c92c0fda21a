"""Pages of the people in the network: directory, person, affiliations, DSGVO requests."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

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
from sozialraum.network import privacy, privacy_document, selectors, services
from sozialraum.network import rows as list_rows
from sozialraum.network.access import (
    get_affiliation_for_user,
    get_person_for_user,
    organisations_for_affiliations,
)
from sozialraum.network.forms import (
    AffiliationForm,
    PeopleFilterForm,
    PersonCreateForm,
    PersonForm,
    affiliation_initial,
    person_initial,
)
from sozialraum.network.models import Affiliation, Person, confirmation_deadline


@office_view("network.view_directory")
def people(request: OfficeRequest) -> HttpResponse:
    office = request.youth_office
    form = PeopleFilterForm(request.GET)
    q = form.cleaned_data.get("q", "").strip() if form.is_valid() else ""
    page = list_rows.people_page(
        lambda: selectors.people_directory(office, q=q),
        request.GET.get("seite"),
        office_slug=office.slug,
        ids_key=list_rows.search_ids_key("people", office, {"q": q}),
    )
    return list_response(
        request,
        page_template="network/people.html",
        results_template="network/people_results.html",
        context={
            "form": form,
            "page": page,
            "query": query_without(request, "seite"),
            "q": q,
            "unsearchable": selectors.search_terms(q).unsearchable,
        },
    )


@office_view("network.view_directory")
def person(request: OfficeRequest, pk: int) -> HttpResponse:
    person = get_person_for_user(request, pk)
    affiliations = list(
        Affiliation.objects.filter(person=person)
        .select_related("organisation")
        .order_by("until", "organisation__sort_key")
    )
    today = timezone.localdate()
    return render(
        request,
        "network/person.html",
        {
            "person": person,
            "current": [a for a in affiliations if a.until is None or a.until >= today],
            "former": [a for a in affiliations if a.until is not None and a.until < today],
            "is_due": person.confirmed_at < confirmation_deadline(),
        },
    )


def preset_organisation(request: OfficeRequest) -> dict[str, int]:
    """?organisation=<pk> preselects the organisation (from its page); anything else is ignored."""
    preset = request.GET.get("organisation", "")
    if preset.isascii() and preset.isdigit() and len(preset) < 12:
        return {"organisation": int(preset)}
    return {}


@office_view("network.add_person")
@submit_once
def person_create(request: OfficeRequest) -> HttpResponse:
    office = request.youth_office
    form = PersonCreateForm(
        posted(request),
        office=office,
        organisations=organisations_for_affiliations(request),
        organisation_required=not request.user.has_perm("network.edit_directory", office),
        initial=preset_organisation(request),
    )
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


@office_view("network.view_directory")
def person_edit(request: OfficeRequest, pk: int) -> HttpResponse:
    person = get_person_for_user(request, pk, perm="network.change_person")
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
            current = Person.objects.get(pk=person.pk)
            show_conflict(form, person_initial(current), current.version)
        except ValueError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Ihre Änderungen wurden gespeichert."))
            return redirect(saved)
    return render(request, "network/person_form.html", {"form": form, "person": person})


@require_POST
@office_view("network.view_directory")
def person_confirm(request: OfficeRequest, pk: int) -> HttpResponse:
    person = get_person_for_user(request, pk, perm="network.confirm_person")
    services.confirm_person(person=person, actor=request.user)
    messages.success(
        request, _("Danke! Die Angaben zu %(name)s sind als aktuell bestätigt.") % {"name": person}
    )
    return redirect(next_url(request, person.get_absolute_url()))


@office_view("network.view_directory")
def person_export(request: OfficeRequest, pk: int) -> HttpResponse:
    """DSGVO Art. 15: everything stored about the person, as a document to print or JSON (POST)."""
    person = get_person_for_user(request, pk, perm="network.export_person")
    if request.method != "POST":
        return render(request, "network/person_export.html", {"person": person})
    data = privacy.export_person_data(person=person, actor=request.user)
    if request.POST.get("format") == "json":
        return privacy_document.json_response(person, data)
    return privacy_document.document_response(request, person, data)


@office_view("network.view_directory")
def person_erase(request: OfficeRequest, pk: int) -> HttpResponse:
    """DSGVO Art. 17: delete the person; records that must remain keep only the organisation."""
    person = get_person_for_user(request, pk, perm="network.erase_person")
    error = ""
    if request.method == "POST":
        if request.POST.get("bestaetigt") == "ja":
            privacy.erase_person(person=person, actor=request.user)
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


@office_view("network.view_directory")
@submit_once
def affiliation_create(request: OfficeRequest, pk: int) -> HttpResponse:
    person = get_person_for_user(request, pk, perm="network.add_affiliation")
    form = AffiliationForm(
        posted(request),
        office=request.youth_office,
        organisations=organisations_for_affiliations(request),
    )
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


@office_view("network.view_directory")
def affiliation_edit(request: OfficeRequest, pk: int) -> HttpResponse:
    affiliation = get_affiliation_for_user(request, pk, perm="network.change_affiliation")
    form = AffiliationForm(
        posted(request),
        office=request.youth_office,
        with_organisation=False,
        instance=affiliation,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_affiliation(
                affiliation=affiliation,
                actor=request.user,
                function=data["function"].strip(),
                since=data["since"],
                until=data["until"],
                is_contact=data["is_contact"],
                version=data["version"] or 0,
            )
        except ConcurrentEditError:
            current = Affiliation.objects.get(pk=affiliation.pk)
            show_conflict(form, affiliation_initial(current), current.version)
        except ValueError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Ihre Änderungen wurden gespeichert."))
            return redirect(affiliation.person)
    return render(
        request,
        "network/affiliation_form.html",
        {"form": form, "person": affiliation.person, "affiliation": affiliation},
    )


@require_POST
@office_view("network.view_directory")
def affiliation_end(request: OfficeRequest, pk: int) -> HttpResponse:
    """Mark an affiliation as ended today (the person no longer works there)."""
    affiliation = get_affiliation_for_user(request, pk, perm="network.change_affiliation")
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
            "date": date_format(today, "SHORT_DATE_FORMAT"),
        },
    )
    return redirect(next_url(request, affiliation.person.get_absolute_url()))


@office_view("network.view_directory")
def affiliation_delete(request: OfficeRequest, pk: int) -> HttpResponse:
    """Remove an affiliation entered by mistake (ending it keeps the history instead)."""
    affiliation = get_affiliation_for_user(request, pk, perm="network.change_affiliation")
    if request.method == "POST":
        person = affiliation.person
        services.remove_affiliation(affiliation=affiliation, actor=request.user)
        messages.success(request, _("Der Eintrag wurde entfernt."))
        return redirect(person)
    return render(request, "network/affiliation_delete.html", {"affiliation": affiliation})
