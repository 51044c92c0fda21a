"""Coordination writes the public pages of the social spaces (Öffentlichkeitsarbeit)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from sozialraum.lib.errors import ConcurrentEditError
from sozialraum.lib.forms import show_conflict
from sozialraum.lib.http import add_service_error, posted
from sozialraum.lib.tenancy import OfficeRequest, office_view
from sozialraum.offers import services
from sozialraum.offers.access import get_social_space_for_user
from sozialraum.offers.forms import SpacePageForm
from sozialraum.offers.models import PublicSpacePage
from sozialraum.regions.models import SocialSpace

PERM = "offers.manage_space_pages"


@office_view(PERM)
def space_pages(request: OfficeRequest) -> HttpResponse:
    office = request.youth_office
    spaces = list(SocialSpace.objects.in_office(office))
    pages = {page.social_space_id: page for page in PublicSpacePage.objects.in_office(office)}
    for space in spaces:
        space.public_page_row = pages.get(space.pk)
    return render(request, "offers/space_pages.html", {"spaces": spaces})


@office_view(PERM)
def space_page_edit(request: OfficeRequest, pk: int) -> HttpResponse:
    space = get_social_space_for_user(request, pk)
    page = services.space_page(space)
    initial = {
        "is_public": page.is_public,
        "public_description": page.public_description,
        "version": page.version,
    }
    form = SpacePageForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = services.save_space_page(
                social_space=space,
                actor=request.user,
                version=data["version"] or 0,
                is_public=data["is_public"],
                public_description=data["public_description"],
            )
        except ConcurrentEditError:
            current = services.space_page(space)
            show_conflict(
                form,
                {"is_public": current.is_public, "public_description": current.public_description},
                current.version,
            )
        except ValueError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("Die öffentliche Seite ist gespeichert und jetzt sichtbar.")
                if saved.is_public
                else _("Die Seite ist gespeichert. Sie ist nicht öffentlich."),
            )
            return redirect("offers:space_pages", office_slug=request.youth_office.slug)
    return render(
        request, "offers/space_page_form.html", {"form": form, "space": space, "page": page}
    )
