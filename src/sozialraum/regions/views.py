"""The youth office's start page and the social spaces."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Prefetch, QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from sozialraum.lib.errors import ConcurrentEditError, InvalidData
from sozialraum.lib.forms import show_conflict
from sozialraum.lib.http import add_service_error, posted
from sozialraum.lib.idempotency import submit_once
from sozialraum.lib.tenancy import OfficeRequest, get_for_user, office_view
from sozialraum.network.summaries import social_space_glance_html
from sozialraum.regions import services
from sozialraum.regions.forms import SocialSpaceForm, social_space_initial
from sozialraum.regions.models import (
    Municipality,
    SocialSpace,
    SocialSpaceMunicipality,
    YouthOffice,
)
from sozialraum.regions.naming import welcome
from sozialraum.regions.start import cached_coordination_to_do, own_organisation, start_spaces


def _spaces(office: YouthOffice) -> QuerySet[SocialSpace]:
    return SocialSpace.objects.in_office(office).prefetch_related(
        Prefetch("municipalities", queryset=Municipality.objects.order_by("name"))
    )


def get_social_space_for_user(
    request: OfficeRequest, pk: int, *, perm: str | None = None
) -> SocialSpace:
    return get_for_user(request, _spaces(request.youth_office), pk=pk, perm=perm)


def _taken(office: YouthOffice, exclude: SocialSpace | None = None) -> dict[int, str]:
    rows = SocialSpaceMunicipality.objects.in_office(office).select_related("social_space")
    if exclude is not None:
        rows = rows.exclude(social_space=exclude)
    return {row.municipality_id: row.social_space.name for row in rows}


@office_view()
def office(request: OfficeRequest) -> HttpResponse:
    office = request.youth_office
    spaces, unassigned = start_spaces(office)
    return render(
        request,
        "regions/office.html",
        {
            "spaces": spaces,
            "unassigned": unassigned,
            "has_demo": any(s.is_demo for s in spaces),
            "welcome": welcome(office.name),
            "own_organisation": own_organisation(request),
            "to_do": (
                cached_coordination_to_do(office)
                if request.user.has_perm("network.review_changes", office)
                else None
            ),
        },
    )


@office_view()
def social_space(request: OfficeRequest, pk: int) -> HttpResponse:
    space = get_social_space_for_user(request, pk)
    office = request.youth_office
    can_manage = request.user.has_perm("network.manage_network", office)
    return render(
        request,
        "regions/social_space.html",
        {
            "space": space,
            "glance_html": SafeString(
                social_space_glance_html(office, space, can_manage=can_manage)
            ),
        },
    )


def _save_form(
    request: OfficeRequest, form: SocialSpaceForm, space: SocialSpace | None
) -> SocialSpace | None:
    data = form.cleaned_data
    try:
        if space is None:
            return services.create_social_space(
                office=request.youth_office,
                actor=request.user,
                name=data["name"],
                description=data["description"],
                municipalities=data["municipalities"],
            )
        return services.update_social_space(
            space=space,
            actor=request.user,
            version=data["version"] or 0,
            name=data["name"],
            description=data["description"],
            municipalities=data["municipalities"],
        )
    except ConcurrentEditError:
        assert space is not None
        current = _spaces(request.youth_office).get(pk=space.pk)
        show_conflict(form, social_space_initial(current), current.version)
    except InvalidData as error:  # the name, taken by a parallel save
        add_service_error(form, error)
    except ValueError as error:  # a municipality taken meanwhile, or outside the Kreis
        form.add_error("municipalities", str(error))
    return None


@office_view("regions.add_social_space")
@submit_once
def social_space_create(request: OfficeRequest) -> HttpResponse:
    office = request.youth_office
    form = SocialSpaceForm(posted(request), office=office, taken=_taken(office))
    if request.method == "POST" and form.is_valid():
        space = _save_form(request, form, None)
        if space is not None:
            messages.success(request, _("„%(name)s“ wurde angelegt.") % {"name": space.name})
            return redirect(space)
    return render(request, "regions/social_space_form.html", {"form": form, "space": None})


@office_view()
def social_space_edit(request: OfficeRequest, pk: int) -> HttpResponse:
    space = get_social_space_for_user(request, pk, perm="regions.change_social_space")
    form = SocialSpaceForm(
        posted(request),
        office=request.youth_office,
        instance=space,
        taken=_taken(request.youth_office, exclude=space),
    )
    if request.method == "POST" and form.is_valid():
        saved = _save_form(request, form, space)
        if saved is not None:
            messages.success(request, _("Ihre Änderungen wurden gespeichert."))
            return redirect(saved)
    return render(request, "regions/social_space_form.html", {"form": form, "space": space})


@office_view()
def social_space_delete(request: OfficeRequest, pk: int) -> HttpResponse:
    space = get_social_space_for_user(request, pk, perm="regions.delete_social_space")
    status, refused = 200, ""
    if request.method == "POST":
        name = space.name
        try:
            services.delete_social_space(space=space, actor=request.user)
        except services.SocialSpaceInUse as error:
            status, refused = 409, str(error)
        else:
            messages.success(request, _("„%(name)s“ wurde gelöscht.") % {"name": name})
            return redirect("regions:office", office_slug=request.youth_office.slug)
    return render(
        request,
        "regions/social_space_delete.html",
        {"space": space, "organisations": services.organisations_losing(space), "refused": refused},
        status=status,
    )
