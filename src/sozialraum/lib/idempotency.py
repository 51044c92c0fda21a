"""Create forms are saved once, however often they are sent (double click, reload, retries).

A create form carries a one-time token in a hidden field (`{% submit_token %}` from
`{% load kern %}`), and its view is decorated with `@submit_once` (below the access decorator).
A POST with a token runs the view in one transaction that first claims the token: an INSERT into
`accounts.UsedFormToken` under a unique constraint. When the view answers with a redirect (the
created record), the target is stored with the token; any other answer (the form with errors)
rolls the claim back together with everything else, so the user can correct and send again.
A second POST with the same token cannot insert it: on PostgreSQL it waits for the first
transaction and then fails, on SQLite the IMMEDIATE transaction waits for the write lock; either
way it then finds the first result and redirects there with "Das wurde schon gespeichert.".
The table is shared by all workers and processes, unlike the per-process LocMem cache.

The token is optional: a POST without one (scripts, tests, the API) is handled as before. It is
no security measure (CSRF protection is), only protection against sending a form twice.
"""

from __future__ import annotations

import functools
import re
import secrets
from collections.abc import Callable
from typing import Any, TypeVar, cast

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.utils.translation import gettext as _

FIELD = "einmal"
_TOKEN = re.compile(r"[A-Za-z0-9_-]{20,64}", re.ASCII)

View = TypeVar("View", bound=Callable[..., HttpResponse])


class AlreadySent(Exception):
    """The token was claimed by an earlier submit."""


def new_token() -> str:
    return secrets.token_urlsafe(24)


def posted_token(request: HttpRequest) -> str | None:
    """The well-formed token of a POST, or None (no token, or not one of ours)."""
    if request.method != "POST":
        return None
    token = request.POST.get(FIELD, "")
    return token if _TOKEN.fullmatch(token) else None


def token_for_form(request: HttpRequest | None) -> str:
    """The token a rendered form carries: the posted one when the form comes back with errors
    (its claim was rolled back), a new one otherwise."""
    return (posted_token(request) if request is not None else None) or new_token()


def _claim(token: str, user: Any) -> Any:
    from sozialraum.accounts.models import UsedFormToken

    try:
        with transaction.atomic():  # a savepoint, so the outer transaction stays usable
            return UsedFormToken.objects.create(token=token, user=user)
    except IntegrityError:
        raise AlreadySent from None


def _first_result(request: HttpRequest, token: str) -> HttpResponse:
    from sozialraum.accounts.models import UsedFormToken

    used = UsedFormToken.objects.filter(token=token).first()
    if used is None or used.user_id != request.user.pk or not used.url:
        messages.warning(
            request, _("Dieses Formular wurde schon verwendet. Bitte füllen Sie es neu aus.")
        )
        return redirect(request.get_full_path())
    messages.info(request, _("Das wurde schon gespeichert."))
    return HttpResponseRedirect(used.url)


def submit_once(view: View) -> View:
    """Run a create view at most once per form token (see the module's description)."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        token = posted_token(request)
        if token is None or not request.user.is_authenticated:
            return view(request, *args, **kwargs)
        try:
            with transaction.atomic():
                claim = _claim(token, request.user)
                response = view(request, *args, **kwargs)
                if isinstance(response, HttpResponseRedirect):
                    claim.url = response["Location"][:500]
                    claim.save(update_fields=["url"])
                else:
                    transaction.set_rollback(True)
        except AlreadySent:
            return _first_result(request, token)
        return response

    return cast(View, wrapper)
