"""Session lifetime and the second factor, enforced in one place for every URL.

`SessionTimeoutMiddleware` ends a session after SESSION_IDLE_MINUTES without a request and
SESSION_MAX_HOURS after the login. `SecondFactorMiddleware` lets a logged-in user who has an
authenticator (or must have one) reach only the code step, the set-up and a few public pages
until the session is verified.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from sozialraum.accounts import mfa

LOGIN_AT = "sr_login_at"
SEEN_AT = "sr_seen_at"
SEEN_PRECISION = 60  # seconds: the session is written at most once a minute for "seen"


def now() -> float:
    """The clock of the timeouts (tests move it)."""
    return time.time()


@receiver(user_logged_in)
def _start_session_clock(sender, request: HttpRequest | None, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        moment = now()
        request.session[LOGIN_AT] = moment
        request.session[SEEN_AT] = moment
        # Whether the code step applies is known from the login on (one query, not one per
        # request): setting up an authenticator later ends the other sessions anyway.
        if not mfa.has_device(user):
            request.session[mfa.NO_DEVICE_SESSION_KEY] = user.pk


def _redirect(request: HttpRequest, url: str) -> HttpResponse:
    """A redirect that htmx follows with a full page load instead of swapping a fragment."""
    if request.headers.get("HX-Request"):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return HttpResponseRedirect(url)


def _with_next(url: str, request: HttpRequest) -> str:
    if request.method == "GET":
        return f"{url}?{urlencode({'next': request.get_full_path()})}"
    return url


UNTIMED_VIEWS = frozenset({"healthz"})


class SessionTimeoutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is not None and match.view_name in UNTIMED_VIEWS:
            return None  # the health check touches neither session nor database
        if request.user.is_authenticated:
            expired = self._expired(request)
            if expired:
                logout(request)
                messages.info(request, expired)
                return _redirect(request, _with_next(reverse("accounts:login"), request))
        return None

    @staticmethod
    def _expired(request: HttpRequest) -> str | None:
        session = request.session
        moment = now()
        login_at = session.get(LOGIN_AT)
        seen_at = session.get(SEEN_AT)
        if not isinstance(login_at, (int, float)) or not isinstance(seen_at, (int, float)):
            # A session from before the timeouts: its clock starts now.
            session[LOGIN_AT] = session[SEEN_AT] = moment
            return None
        if moment - login_at > settings.SESSION_MAX_HOURS * 3600:
            return _(
                "Eine Anmeldung gilt höchstens %(hours)d Stunden. Bitte melden Sie sich neu an."
            ) % {"hours": settings.SESSION_MAX_HOURS}
        if moment - seen_at > settings.SESSION_IDLE_MINUTES * 60:
            return _(
                "Sie wurden nach %(minutes)d Minuten ohne Aktivität abgemeldet, damit niemand "
                "an Ihrem Gerät weiterarbeiten kann. Bitte melden Sie sich neu an."
            ) % {"minutes": settings.SESSION_IDLE_MINUTES}
        if moment - seen_at > SEEN_PRECISION:
            session[SEEN_AT] = moment
        return None


# Reachable before the second factor: the steps of logging in and the public pages.
OPEN_VIEWS = frozenset(
    {
        "accounts:login",
        "accounts:logout",
        "accounts:mfa_verify",
        "accounts:mfa_setup",
        "accounts:password_reset",
        "accounts:password_reset_done",
        "accounts:password_reset_confirm",
        "accounts:password_reset_complete",
        "accounts:unlock",
        "accounts:unlock_confirm",
        "healthz",
        "set_language",
        "pages:imprint",
        "pages:privacy",
        "pages:accessibility",
        # Pages for everybody without a login: the public Familienwegweiser, the answer link of
        # an invitation and the calendar feed work the same mid-login (they show nothing more
        # to a logged-in user than to a visitor).
        "offers:guide",
        "offers:easy_language",
        "offers:public_offer",
        "offers:public_space",
        "offers:guide_export",
        "meetings:rsvp",
        "calendar_feed",
    }
)


class SecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is not None and match.view_name in OPEN_VIEWS:
            return None
        user = request.user
        if not user.is_authenticated or mfa.is_verified(request):
            return None
        if mfa.known_without_device(request) and not mfa.is_required(user):  # type: ignore[arg-type]
            return None
        if mfa.has_device(user):  # type: ignore[arg-type]
            target = reverse("accounts:mfa_verify")
            message = _("Bitte bestätigen Sie die Anmeldung mit Ihrem Code.")
        elif mfa.is_required(user):  # type: ignore[arg-type]
            target = reverse("accounts:mfa_setup")
            message = _("Bitte richten Sie zuerst die Zwei-Faktor-Anmeldung ein.")
        else:
            mfa.remember_without_device(request)
            return None
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": message}, status=401)
        return _redirect(request, _with_next(target, request))
