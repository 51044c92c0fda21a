"""Login throttling (django-axes) keyed on the e-mail address as the login reads it."""

from __future__ import annotations

from django.http import HttpRequest


def username(request: HttpRequest | None, credentials: dict | None = None) -> str:
    """The address in lower case: login ignores case, so "A@x" and "a@x" share one counter."""
    value = (credentials or {}).get("username")
    if value is None and request is not None:
        value = getattr(request, "data", request.POST).get("username")
    return (value or "").strip().lower()
