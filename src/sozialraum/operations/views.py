"""The operator area at /betrieb/: youth offices, onboarding, users. Operators only.

Anonymous visitors are sent to the login; everybody else who is logged in gets 404, like a
guessed URL of another youth office: the area does not exist for them.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Concatenate, ParamSpec, cast
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sozialraum.accounts.models import User
from sozialraum.lib.idempotency import submit_once
from sozialraum.lib.tenancy import AuthenticatedRequest
from sozialraum.operations import selectors, services
from sozialraum.operations.forms import KreisForm, UserSearchForm, YouthOfficeForm
from sozialraum.regions.models import YouthOffice
from sozialraum.regions.naming import Kreis, proposed_slug

P = ParamSpec("P")


def operator_view(
    perm: str,
) -> Callable[
    [Callable[Concatenate[AuthenticatedRequest, P], HttpResponse]],
    Callable[Concatenate[HttpRequest, P], HttpResponse],
]:
    """The operator area: login first, then 404 for everybody without `perm` (so the area's
    existence is not confirmed to office members)."""

    def decorator(
        view: Callable[Concatenate[AuthenticatedRequest, P], HttpResponse],
    ) -> Callable[Concatenate[HttpRequest, P], HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: P.args, **kwargs: P.kwargs) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not request.user.has_perm(perm):
                raise Http404(_("Diese Seite gibt es nicht."))
            return view(cast(AuthenticatedRequest, request), *args, **kwargs)

        return wrapper

    return decorator


@operator_view("operations.view_area")
def index(request: AuthenticatedRequest) -> HttpResponse:
    page = Paginator(selectors.youth_offices(), 50).get_page(request.GET.get("seite"))
    return render(
        request,
        "operations/index.html",
        {"page": page, "events": selectors.recent_events(), "current": "offices"},
    )


def _office_form_page(
    request: AuthenticatedRequest, form: YouthOfficeForm, kreis: Kreis | None, key: str
) -> HttpResponse:
    return render(
        request,
        "operations/office_form.html",
        {
            "form": form,
            "kreis": kreis,
            "kreis_key": key,
            "existing": list(YouthOffice.objects.filter(kreis_key=key).order_by("name")),
            "current": "offices",
        },
    )


@operator_view("operations.create_youth_office")
@submit_once
def office_create(request: AuthenticatedRequest) -> HttpResponse:
    if request.method == "POST":
        form = YouthOfficeForm(request.POST)
        key = str(form.data.get("kreis_key", ""))[:5]
        if form.is_valid():
            data = form.cleaned_data
            try:
                office, invitation = services.create_youth_office(
                    kreis_key=data["kreis_key"],
                    name=data["name"],
                    slug=data["slug"] or proposed_slug(data["name"]),
                    social_space_label=data["social_space_label"],
                    coordinator_email=data["coordinator_email"],
                    coordinator_name=data["coordinator_name"],
                    actor=request.user,
                )
            except services.OperationsError as error:
                for field, message in error.errors.items():
                    form.add_error(field if field != "kreis_key" else None, message)
            else:
                messages.success(
                    request,
                    _(
                        "%(office)s ist angelegt. Die Einladung an %(email)s ist verschickt; "
                        "sobald sie angenommen ist, richtet die Koordination alles Weitere ein."
                    )
                    % {"office": office.name, "email": invitation.email},
                )
                return redirect("operations:index")
        return _office_form_page(
            request, form, selectors.kreis(key) if key.isdigit() else None, key
        )

    kreis_form = KreisForm(
        request.GET if "kreis" in request.GET else None, kreise=selectors.kreise()
    )
    if kreis_form.is_bound and kreis_form.is_valid():
        kreis = selectors.kreis(kreis_form.cleaned_data["kreis"])
        assert kreis is not None  # a valid choice is a key of the list
        name = kreis.proposed_name()
        form = YouthOfficeForm(
            initial={"kreis_key": kreis.key, "name": name, "slug": proposed_slug(name)}
        )
        return _office_form_page(request, form, kreis, kreis.key)
    return render(
        request, "operations/office_kreis.html", {"form": kreis_form, "current": "offices"}
    )


@operator_view("operations.view_area")
def users(request: AuthenticatedRequest) -> HttpResponse:
    form = UserSearchForm(request.GET)
    q = form.cleaned_data["q"].strip() if form.is_valid() else ""
    page = Paginator(selectors.users(q), 25).get_page(request.GET.get("seite"))
    return render(
        request,
        "operations/users.html",
        {
            "form": form,
            "q": q,
            "page": page,
            "query": urlencode({"q": q}) if q else "",
            "current": "users",
        },
    )


def _set_active(request: AuthenticatedRequest, pk: int, active: bool) -> HttpResponse:
    target = get_object_or_404(User, pk=pk)
    try:
        services.set_user_active(user=target, active=active, actor=request.user)
    except services.OperationsError as error:
        messages.error(request, str(error))
    else:
        if active:
            messages.success(request, _("%(name)s kann sich wieder anmelden.") % {"name": target})
        else:
            messages.success(
                request,
                _("Der Zugang von %(name)s ist gesperrt. Die Person ist überall abgemeldet.")
                % {"name": target},
            )
    url = reverse("operations:users")
    q = request.POST.get("q", "").strip()[:200]
    return redirect(f"{url}?{urlencode({'q': q})}" if q else url)


@require_POST
@operator_view("operations.manage_users")
def user_deactivate(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _set_active(request, pk, active=False)


@require_POST
@operator_view("operations.manage_users")
def user_reactivate(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _set_active(request, pk, active=True)
