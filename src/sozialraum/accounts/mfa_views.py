"""The account page, the code step of the login, and setting up the second factor."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from sozialraum.accounts import mfa
from sozialraum.accounts.forms import CodeForm, SetupCodeForm


def _next_url(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse(settings.LOGIN_REDIRECT_URL)


def _check(form: CodeForm | SetupCodeForm, user, device=None):
    """The device that accepts the form's code, or None with the reason at the field."""
    wait = mfa.waiting_seconds(user)
    if wait:
        form.add_error(
            "code",
            ngettext(
                "Zu viele falsche Codes hintereinander. Bitte warten Sie %(seconds)d Sekunde "
                "und versuchen Sie es dann noch einmal.",
                "Zu viele falsche Codes hintereinander. Bitte warten Sie %(seconds)d Sekunden "
                "und versuchen Sie es dann noch einmal.",
                wait,
            )
            % {"seconds": wait},
        )
        return None
    accepted = mfa.check_code(user, form.cleaned_data["code"], device=device)
    if accepted is None:
        form.add_error(
            "code",
            _(
                "Dieser Code stimmt nicht oder ist abgelaufen. Bitte geben Sie den Code ein, den "
                "Ihre App gerade anzeigt. Jeder Wiederherstellungscode gilt nur einmal."
            ),
        )
    return accepted


@never_cache
@login_required
def account(request: HttpRequest) -> HttpResponse:
    user = request.user
    return render(
        request,
        "accounts/account.html",
        {
            "mfa_active": mfa.has_device(user),  # type: ignore[arg-type]
            "mfa_required": mfa.is_required(user),  # type: ignore[arg-type]
            "idle_minutes": settings.SESSION_IDLE_MINUTES,
            "max_hours": settings.SESSION_MAX_HOURS,
        },
    )


@require_POST
@never_cache
@login_required
def logout_everywhere(request: HttpRequest) -> HttpResponse:
    mfa.end_all_sessions(request)
    messages.success(
        request,
        _(
            "Sie sind jetzt auf allen Geräten abgemeldet, auch auf diesem. Melden Sie sich neu "
            "an, um weiterzuarbeiten."
        ),
    )
    return redirect("accounts:login")


@never_cache
@login_required
def verify(request: HttpRequest) -> HttpResponse:
    """The second step of the login: a code from the app or a recovery code."""
    user = request.user
    next_url = _next_url(request)
    if mfa.is_verified(request):
        return redirect(next_url)
    if not mfa.has_device(user):  # type: ignore[arg-type]
        return redirect(reverse("accounts:mfa_setup") + "?" + request.GET.urlencode())
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = _check(form, user)
        if device is not None:
            mfa.mark_verified(request, device)
            if not isinstance(device, TOTPDevice):
                left = mfa.unused_recovery_codes(user)  # type: ignore[arg-type]
                messages.warning(
                    request,
                    _(
                        "Sie haben sich mit einem Wiederherstellungscode angemeldet. Er gilt "
                        "jetzt nicht mehr; Ihnen bleiben %(left)d. Unter „Mein Konto“ können "
                        "Sie neue erzeugen."
                    )
                    % {"left": left},
                )
            return redirect(next_url)
    return render(request, "accounts/mfa_verify.html", {"form": form, "next": next_url})


@never_cache
@login_required
def overview(request: HttpRequest) -> HttpResponse:
    user = request.user
    return render(
        request,
        "accounts/mfa.html",
        {
            "mfa_active": mfa.has_device(user),  # type: ignore[arg-type]
            "mfa_required": mfa.is_required(user),  # type: ignore[arg-type]
            "codes_left": mfa.unused_recovery_codes(user),  # type: ignore[arg-type]
        },
    )


@never_cache
@login_required
def setup(request: HttpRequest) -> HttpResponse:
    """Add an authenticator app: scan the QR code (or type the key), confirm with one code."""
    user = request.user
    has_device = mfa.has_device(user)  # type: ignore[arg-type]
    if has_device and not mfa.is_verified(request):
        return redirect(reverse("accounts:mfa_verify") + "?" + request.GET.urlencode())
    device = mfa.pending_device(user)  # type: ignore[arg-type]
    form = SetupCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _check(form, user, device):
        codes = mfa.confirm_setup(user=user, device=device)  # type: ignore[arg-type]
        update_session_auth_hash(request, user)  # type: ignore[arg-type]  # logged in here; this session stays, the others end
        mfa.mark_verified(request, device)
        messages.success(request, _("Die Zwei-Faktor-Anmeldung ist eingerichtet."))
        return render(
            request,
            "accounts/mfa_codes.html",
            {"codes": codes, "next": _next_url(request)},
        )
    return render(
        request,
        "accounts/mfa_setup.html",
        {
            "form": form,
            "qr_svg": mfa.qr_svg(device),
            "secret": mfa.secret_for_display(device),
            "replacing": has_device,
            "required": mfa.is_required(user),  # type: ignore[arg-type]
            "next": _next_url(request),
        },
    )


@require_POST
@never_cache
@login_required
def new_codes(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not mfa.has_device(user):  # type: ignore[arg-type]
        return redirect("accounts:mfa")
    codes = mfa.regenerate_recovery_codes(user=user)  # type: ignore[arg-type]
    messages.success(request, _("Ihre neuen Wiederherstellungscodes gelten ab sofort."))
    return render(
        request, "accounts/mfa_codes.html", {"codes": codes, "next": reverse("accounts:mfa")}
    )


@never_cache
@login_required
def disable(request: HttpRequest) -> HttpResponse:
    user = request.user
    if mfa.is_required(user):  # type: ignore[arg-type]
        messages.error(
            request,
            _(
                "Für Ihre Rolle ist die Zwei-Faktor-Anmeldung vorgeschrieben. Sie können aber "
                "eine neue App einrichten."
            ),
        )
        return redirect("accounts:mfa")
    if not mfa.has_device(user):  # type: ignore[arg-type]
        return redirect("accounts:mfa")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _check(form, user):
        mfa.disable(user=user)  # type: ignore[arg-type]
        messages.success(
            request,
            _(
                "Die Zwei-Faktor-Anmeldung ist ausgeschaltet. Sie melden sich jetzt nur mit "
                "Ihrem Passwort an."
            ),
        )
        return redirect("accounts:mfa")
    return render(request, "accounts/mfa_disable.html", {"form": form})
