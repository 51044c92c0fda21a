"""The youth office's start page and the social spaces."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from sozialraum.lib.tenancy import get_for_office, office_view
from sozialraum.network.views import glance_context
from sozialraum.regions import services
from sozialraum.regions.forms import SocialSpaceForm
from sozialraum.regions.models import Municipality, SocialSpace, SocialSpaceMunicipality
from sozialraum.regions.naming import welcome
from sozialraum.regions.start import coordination_to_do, own_organisation


def _spaces(office):
    return SocialSpace.objects.in_office(office).prefetch_related(
        Prefetch("municipalities", queryset=Municipality.objects.order_by("name"))
    )


def get_social_space_for_user(request: HttpRequest, pk: int) -> SocialSpace:
    return get_for_office(request, _spaces(request.youth_office), pk=pk)


def _taken(office, exclude: SocialSpace | None = None) -> dict[int, str]:
    rows = SocialSpaceMunicipality.objects.in_office(office).select_related("social_space")
    if exclude is not None:
        rows = rows.exclude(social_space=exclude)
    return {row.municipality_id: row.social_space.name for row in rows}


@office_view()
def office(request: HttpRequest) -> HttpResponse:
    office = request.youth_office
    spaces = list(_spaces(office))
    assigned = {m.pk for s in spaces for m in s.municipalities.all()}
    unassigned = [m for m in office.municipalities().order_by("name") if m.pk not in assigned]
    can_manage = request.user.has_perm("regions.manage_social_spaces", office)
    return render(
        request,
        "regions/office.html",
        {
            "spaces": spaces,
            "unassigned": unassigned,
            "has_demo": any(s.is_demo for s in spaces),
            "can_manage": can_manage,
            "welcome": welcome(office.name),
            "own_organisation": own_organisation(request),
            "to_do": coordination_to_do(office) if can_manage else None,
        },
    )


@office_view()
def social_space(request: HttpRequest, pk: int) -> HttpResponse:
    space = get_social_space_for_user(request, pk)
    return render(
        request,
        "regions/social_space.html",
        {
            "space": space,
            "glance": glance_context(request, space),
            "can_manage": request.user.has_perm(
                "regions.manage_social_spaces", request.youth_office
            ),
        },
    )


def _save_form(request: HttpRequest, form: SocialSpaceForm, space: SocialSpace | None):
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
    except services.ConcurrentEditError:
        form.add_error(
            None,
            _(
                "Jemand anderes hat diesen Eintrag inzwischen geändert. Ihre Änderungen wurden "
                "nicht gespeichert. Bitte laden Sie die Seite neu und tragen Sie sie erneut ein."
            ),
        )
    except ValueError as error:  # a municipality taken meanwhile, or outside the Kreis
        form.add_error("municipalities", str(error))
    return None


@office_view("regions.manage_social_spaces")
def social_space_create(request: HttpRequest) -> HttpResponse:
    office = request.youth_office
    form = SocialSpaceForm(request.POST or None, office=office, taken=_taken(office))
    if request.method == "POST" and form.is_valid():
        space = _save_form(request, form, None)
        if space is not None:
            messages.success(request, _("„%(name)s“ wurde angelegt.") % {"name": space.name})
            return redirect(space)
    return render(request, "regions/social_space_form.html", {"form": form, "space": None})


@office_view("regions.manage_social_spaces")
def social_space_edit(request: HttpRequest, pk: int) -> HttpResponse:
    space = get_social_space_for_user(request, pk)
    form = SocialSpaceForm(
        request.POST or None,
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


@office_view("regions.manage_social_spaces")
def social_space_delete(request: HttpRequest, pk: int) -> HttpResponse:
    space = get_social_space_for_user(request, pk)
    if request.method == "POST":
        name = space.name
        services.delete_social_space(space=space, actor=request.user)
        messages.success(request, _("„%(name)s“ wurde gelöscht.") % {"name": name})
        return redirect("regions:office", office_slug=request.youth_office.slug)
    return render(request, "regions/social_space_delete.html", {"space": space})
