"""The one mechanism that scopes every request to a youth office.

Every URL of a youth office starts with its slug (/<office_slug>/...). `office_view` resolves the
slug, answers 404 to anybody who has no role there (so guessing another office's URLs shows
nothing, not even that a record exists), checks the permission, and hands the view an
`OfficeRequest`: the request with its authenticated `user`, its `youth_office` and the user's
`office_role` there. Views then read their rows only through an access helper built on
`get_for_user`, which scopes to the office, answers 404 for anything else and checks the
object's permission (403) itself: view bodies never check access again.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar, cast

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from sozialraum.lib.choice_fields import out_of_range
from sozialraum.lib.prepared import Prepared
from sozialraum.regions.models import YouthOffice

if TYPE_CHECKING:
    from sozialraum.accounts.models import User

M = TypeVar("M", bound=models.Model)
P = ParamSpec("P")


class AuthenticatedRequest(HttpRequest):
    """A request whose user is logged in (the type views and services rely on)."""

    user: User


class OfficeRequest(AuthenticatedRequest):
    """What `office_view` hands a view: the request inside one youth office."""

    youth_office: YouthOffice
    office_role: str


OfficeViewFunc = Callable[Concatenate[OfficeRequest, P], HttpResponse]
RoutedView = Callable[Concatenate[HttpRequest, str, P], HttpResponse]


# Every office page looks its office up: compiled once (lib/prepared.py).
_OFFICE_BY_SLUG = Prepared(lambda slug: YouthOffice.objects.filter(slug=slug), str)


def resolve_office(request: HttpRequest, slug: str) -> tuple[YouthOffice, str]:
    """The youth office of `slug` and the user's role there; 404 without a role (or office).

    Shared by `office_view` and the API, so both answer outsiders the same way."""
    office = _OFFICE_BY_SLUG.first(slug)
    user = request.user
    role = user.role_in(office) if office is not None and user.is_authenticated else None
    if office is None or role is None:
        raise Http404(_("Kein Jugendamt mit dieser Adresse."))
    return office, role


def office_view(
    perm: str = "regions.view_office",
) -> Callable[[OfficeViewFunc[P]], RoutedView[P]]:
    """Decorate a view of a youth office; `perm` is checked against the office (403)."""

    def decorator(view: OfficeViewFunc[P]) -> RoutedView[P]:
        @wraps(view)
        def wrapper(
            request: HttpRequest, office_slug: str, *args: P.args, **kwargs: P.kwargs
        ) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            office, role = resolve_office(request, office_slug)
            if not request.user.has_perm(perm, office):
                raise PermissionDenied
            office_request = cast(OfficeRequest, request)
            office_request.youth_office = office
            office_request.office_role = role
            return view(office_request, *args, **kwargs)

        wrapper.office_perm = perm  # type: ignore[attr-defined]  # read by the URL walk
        return wrapper

    return decorator


def get_for_user(
    request: OfficeRequest,
    queryset: type[M] | models.QuerySet[M],
    *,
    perm: str | None = None,
    **lookup: Any,
) -> M:
    """One row of the request's youth office, or 404 (never another office's row); with
    `perm`, 403 unless the user has that permission on the row."""
    if isinstance(queryset, type):
        queryset = queryset._default_manager.all()
    obj = get_object_or_404(queryset, youth_office=request.youth_office, **lookup)
    if perm is not None and not request.user.has_perm(perm, obj):
        raise PermissionDenied
    return obj


def get_prepared_for_user(
    request: OfficeRequest, prepared: Prepared, pk: Any, *more: Any, perm: str | None = None
) -> Any:
    """What `get_for_user` does, for a lookup compiled once per connection (lib/prepared.py):
    `prepared` takes the request's youth office's pk, then `pk` (and `more`), and finds at most
    one row of that office. 404 for a number no primary key can be (too large for the column:
    SQLite would overflow) and for no row; with `perm`, 403 unless the user has it on the row."""
    if out_of_range(prepared.model._meta.pk, pk):
        raise Http404
    found = prepared.first(request.youth_office.pk, pk, *more)
    if found is None:
        raise Http404
    if perm is not None and not request.user.has_perm(perm, found):
        raise PermissionDenied
    return found
