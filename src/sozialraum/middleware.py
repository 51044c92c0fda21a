"""Small middleware of our own."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from contextlib import AbstractContextManager

from django.conf import settings
from django.core.handlers.wsgi import LimitedStream
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.functional import empty

# Views that take a file upload larger than the general cap (the import of organisations).
LARGE_BODY_VIEWS = frozenset({"network:import"})
# The multipart form around the file (boundaries, headers, CSRF token).
FORM_OVERHEAD_BYTES = 256 * 1024
_READ_CHUNK = 64 * 1024


def content_security_policy(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    """Send the Content-Security-Policy header (no inline scripts or styles anywhere)."""
    policy = settings.CONTENT_SECURITY_POLICY

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        response.headers.setdefault("Content-Security-Policy", policy)
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=()"
        )
        return response

    return middleware


def body_limit_for(path: str) -> int:
    """The largest request body accepted for this path (bytes)."""
    try:
        match = resolve(path)
    except Resolver404:
        return settings.REQUEST_BODY_MAX_BYTES
    if match.view_name in LARGE_BODY_VIEWS:
        from sozialraum.lib.imports import MAX_BYTES

        return MAX_BYTES + FORM_OVERHEAD_BYTES
    return settings.REQUEST_BODY_MAX_BYTES


def _language_of(request: HttpRequest) -> AbstractContextManager[None]:
    """These answers come before LocaleMiddleware: choose the request's language here (cookie,
    then Accept-Language), never whatever the worker's previous request left active."""
    return translation.override(translation.get_language_from_request(request))


def _too_large(request: HttpRequest, limit: int) -> HttpResponse:
    # Rendered without the request's context processors: nothing here may read the body or the
    # session, and the page stays small.
    with _language_of(request):
        html = render_to_string("errors/413.html", {"limit_mb": max(1, round(limit / 1024 / 1024))})
    response = HttpResponse(html, status=413)
    response["Connection"] = "close"
    return response


def _check_declared(request: HttpRequest, declared: str, limit: int) -> HttpResponse | None:
    """400 for a nonsense Content-Length, 413 above the cap, else None (go on)."""
    try:
        length = int(declared)
    except ValueError:
        length = -1
    if length < 0:
        return HttpResponse(status=400)
    if length > limit:
        return _too_large(request, limit)
    return None


def _read_chunked(request: HttpRequest, limit: int) -> HttpResponse | None:
    """Read a body without a length up to the cap: 413 if there is more, else hand it on."""
    meta = request.META
    stream = meta.get("wsgi.input")
    if stream is None:
        return None
    data = bytearray()
    while len(data) <= limit:
        chunk = stream.read(min(_READ_CHUNK, limit + 1 - len(data)))
        if not chunk:
            break
        data.extend(chunk)
    if len(data) > limit:
        return _too_large(request, limit)
    meta["CONTENT_LENGTH"] = str(len(data))
    request._stream = LimitedStream(io.BytesIO(bytes(data)), len(data))  # type: ignore[attr-defined,assignment]
    return None


def request_body_limit(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    """Refuse request bodies above the cap before anything (login, CSRF, parsing) reads them.

    A declared Content-Length above the cap is answered with 413 at once, without reading the
    body. A body without a length (chunked transfer encoding) is read up to the cap; if there is
    more, 413 too. Otherwise it is handed to Django as if it had a Content-Length.
    """

    def middleware(request: HttpRequest) -> HttpResponse:
        meta = request.META
        declared = meta.get("CONTENT_LENGTH") or ""
        chunked = "chunked" in meta.get("HTTP_TRANSFER_ENCODING", "").lower()
        if not declared and not chunked:
            return get_response(request)
        limit = body_limit_for(request.path_info)
        if declared:
            return _check_declared(request, declared, limit) or get_response(request)
        return _read_chunked(request, limit) or get_response(request)

    return middleware


_NUL = "\x00"
_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
# A NUL written as a JSON escape in a text body (\u0000, hex digits in either case).
_JSON_NUL = re.compile(rb"\\u0000", re.IGNORECASE)


def has_nul_bytes(request: HttpRequest) -> bool:
    """True if the path, a query parameter, a form field or a text body holds a NUL byte.

    Uploaded files are not looked at (XLSX files are binary); their content goes through the
    import's own reading.
    """
    if _NUL in request.path:
        return True
    if _contains_nul(request.GET):
        return True
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return False
    if request.content_type in _FORM_TYPES:
        return _contains_nul(request.POST)
    body = request.body
    return b"\x00" in body or _JSON_NUL.search(body) is not None


def _contains_nul(data) -> bool:
    return any(
        _NUL in key or any(_NUL in value for value in values) for key, values in data.lists()
    )


def refuse_nul_bytes(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    """Answer 400 with a German page to input that holds a NUL byte, before any view sees it.

    PostgreSQL refuses NUL in text (DataError, a 500 wherever a value reaches a query), and no
    person types one. One check here covers every form, query parameter and the API, so no view
    or field has to remember it. Runs after request_body_limit: the body is bounded before it is
    parsed here.
    """

    def middleware(request: HttpRequest) -> HttpResponse:
        if has_nul_bytes(request):
            with _language_of(request):
                html = render_to_string("errors/400_nul.html")
            return HttpResponse(html, status=400)
        return get_response(request)

    return middleware


def no_store_for_personal_data(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    """Pages for logged-in people and every API answer may hold personal data: never cache them.

    Public pages and static files keep their own caching headers.
    """
    api_prefix = "/api/"

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        if request.path_info.startswith(api_prefix) or _maybe_logged_in(request):
            response["Cache-Control"] = "no-store, private"
            response.headers.pop("Expires", None)
        return response

    return middleware


def _maybe_logged_in(request: HttpRequest) -> bool:
    """Logged in, without a database query when the view never looked at the user.

    A request that carries a session cookie counts as logged in then (health checks and static
    files must not cost a session lookup); a view that used request.user has its answer cached.
    """
    user = getattr(request, "user", None)
    if user is None:
        return False
    wrapped = getattr(user, "_wrapped", None)
    if wrapped is not None and wrapped is not empty:
        return bool(user.is_authenticated)
    return settings.SESSION_COOKIE_NAME in request.COOKIES
