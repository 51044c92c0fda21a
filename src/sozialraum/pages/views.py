"""The platform's own pages: start, legal pages, accessibility feedback, health, errors."""

from __future__ import annotations

import logging

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.encoding import escape_uri_path
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token

from sozialraum.accounts.throttling import client_ip
from sozialraum.pages.forms import FeedbackForm
from sozialraum.pages.services import TooManyMessages, send_accessibility_feedback

security_log = logging.getLogger("sozialraum.security")


@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness through the whole middleware stack, without touching the database."""
    return HttpResponse("ok", content_type="text/plain")


def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        offices = list(request.user.youth_offices())
        if len(offices) == 1:
            return redirect(offices[0].get_absolute_url())
        return render(request, "pages/choose_office.html", {"offices": offices})
    return render(request, "pages/home.html")


def imprint(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/imprint.html")


def privacy(request: HttpRequest) -> HttpResponse:
    from django.conf import settings

    return render(
        request,
        "pages/privacy.html",
        {"consultation_retention_months": settings.CONSULTATION_RETENTION_MONTHS},
    )


def accessibility(request: HttpRequest) -> HttpResponse:
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            send_accessibility_feedback(
                message=form.cleaned_data["message"],
                page=form.cleaned_data["page"],
                reply_to=form.cleaned_data["email"],
                client=client_ip(request),
            )
        except TooManyMessages:
            form.add_error(
                None,
                _(
                    "Sie haben uns in der letzten Stunde schon mehrere Rückmeldungen geschickt. "
                    "Bitte versuchen Sie es später noch einmal oder schreiben Sie uns eine E-Mail "
                    "(Adresse im Impressum)."
                ),
            )
            return render(request, "pages/accessibility.html", {"form": form}, status=429)
        messages.success(
            request,
            _(
                "Vielen Dank! Ihre Rückmeldung ist angekommen. Wir antworten in der Regel "
                "innerhalb von zwei Wochen."
            ),
        )
        return redirect("pages:accessibility")
    return render(request, "pages/accessibility.html", {"form": form})


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    # One line, no traceback: a refused page is expected, not an error of the application.
    user_id = getattr(getattr(request, "user", None), "pk", None)
    security_log.warning(
        "403 %s %s user=%s", request.method, escape_uri_path(request.path), user_id or "-"
    )
    return render(request, "errors/403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/404.html", status=404)


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    # Rendered without context processors that could fail again (no database access).
    from django.template import loader

    template = loader.get_template("errors/500.html")
    return HttpResponse(template.render({"request": None}), status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "errors/csrf.html", status=403)
