"""The one mechanism that scopes every request to a youth office.

Every URL of a youth office starts with its slug (/<office_slug>/...). `office_view` resolves the
slug, answers 404 to anybody who has no role there (so guessing another office's URLs shows
nothing, not even that a record exists), checks the permission, and puts the office on the
request. Views then read their rows only through `get_for_office` or `Model.objects.in_office`.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from sozialraum.regions.models import YouthOffice

M = TypeVar("M", bound=models.Model)
View = Callable[..., HttpResponse]


def office_view(perm: str = "regions.view_office") -> Callable[[View], View]:
    """Decorate a view taking `office_slug`; the view receives the request with the office."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, office_slug: str, *args: Any, **kwargs: Any):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            office = YouthOffice.objects.filter(slug=office_slug).first()
            role = request.user.role_in(office) if office else None
            if office is None or role is None:
                raise Http404(_("Kein Jugendamt mit dieser Adresse."))
            if not request.user.has_perm(perm, office):
                raise PermissionDenied
            request.youth_office = office  # type: ignore[attr-defined]
            request.office_role = role  # type: ignore[attr-defined]
            return view(request, *args, **kwargs)

        wrapper.office_perm = perm  # type: ignore[attr-defined]
        return wrapper

    return decorator


def get_for_office(
    request: HttpRequest, queryset: type[M] | models.QuerySet[M], **lookup: Any
) -> M:
    """One row of the request's youth office, or 404: never another office's row."""
    if isinstance(queryset, type):
        queryset = queryset._default_manager.all()
    return get_object_or_404(queryset, youth_office=request.youth_office, **lookup)  # type: ignore[attr-defined]
