"""Small helpers every app's views share: form data, safe "next" URLs, htmx, service errors."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from typing import Any

from django import forms
from django.conf import settings
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme

# Rows per page of the long lists.
PAGE_SIZE = 25

# Stands for the row's primary key while reversing a URL once for a whole list.
_PK_MARKER = 918273645546372819


def url_for_rows(name: str, **kwargs: Any) -> Callable[[int], str]:
    """The URL of `name` for each row of a long list, reversed once instead of once per row
    (`{% url %}` costs 20-40 µs, issue 8). `kwargs` are the fixed arguments; the returned
    function takes the row's primary key (the `pk` argument) and gives the same URL as
    `reverse(name, kwargs={**kwargs, "pk": pk})`."""
    marker = str(_PK_MARKER)
    url = reverse(name, kwargs={**kwargs, "pk": _PK_MARKER})
    if url.count(marker) != 1:  # the marker also in a fixed argument: reverse each row
        return lambda pk: reverse(name, kwargs={**kwargs, "pk": pk})
    head, tail = url.split(marker)
    return lambda pk: f"{head}{int(pk)}{tail}"


@lru_cache(maxsize=1024)
def _url_halves(
    name: str, office_slug: str, argument: str, prefix: str, urlconf: str
) -> tuple[str, str] | None:
    """The URL of `name` before and after its number `argument` (None if the marker number
    cannot be told apart); without `argument`, the whole URL and ""."""
    kwargs: dict[str, Any] = {"office_slug": office_slug}
    if argument:
        kwargs[argument] = _PK_MARKER
    url = reverse(name, kwargs=kwargs, urlconf=urlconf)
    if not argument:
        return url, ""
    if url.count(str(_PK_MARKER)) != 1:
        return None
    head, tail = url.split(str(_PK_MARKER))
    return head, tail


def office_row_url(name: str, office_slug: str, argument: str = "pk") -> Callable[[int], str]:
    """`url_for_rows(name, office_slug=...)` for an office's URL with one number (`argument`),
    reversed once per process, office and name instead of once per request: the function
    gives `reverse(name, kwargs={"office_slug": office_slug, argument: number})`. The URL
    configuration and script prefix in use are part of the key, as they are of `reverse`."""
    halves = _url_halves(
        name, office_slug, argument, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF
    )
    if halves is None:
        return lambda number: reverse(name, kwargs={"office_slug": office_slug, argument: number})
    head, tail = halves
    return lambda number: f"{head}{int(number)}{tail}"


def office_url(name: str, office_slug: str, **number: int) -> str:
    """`reverse(name, kwargs={"office_slug": office_slug, **number})` for an office's URL with
    at most one number, reversed once per process, office and name (issue 8: `{% url %}` costs
    40-80 µs; a meeting's page has ten of them)."""
    if len(number) > 1:
        raise ValueError("office_url takes at most one number.")
    if number:
        ((argument, value),) = number.items()
        return office_row_url(name, office_slug, argument)(value)
    halves = _url_halves(
        name, office_slug, "", get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF
    )
    assert halves is not None
    return halves[0]


def with_detail_urls(rows: Iterable[Any], name: str, **kwargs: Any) -> list[Any]:
    """The rows of a list page as a list, each with `detail_url`: its page (`name` with the
    row's pk), built with `url_for_rows`, for the template to use instead of `{% url %}`."""
    url = url_for_rows(name, **kwargs)
    rows = list(rows)
    for row in rows:
        row.detail_url = url(row.pk)
    return rows


def posted(request: HttpRequest) -> QueryDict | None:
    """The form data of a POST, also when it is empty (so an empty form shows its errors)."""
    return request.POST if request.method == "POST" else None


def next_url(request: HttpRequest, default: str) -> str:
    """The `next` parameter if it points at this site, else `default`."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true" and not request.headers.get(
        "HX-History-Restore-Request"
    )


def query_without(request: HttpRequest, *names: str) -> str:
    """The current query string without the given parameters (e.g. the page number)."""
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


def list_response(
    request: HttpRequest, *, page_template: str, results_template: str, context: Mapping[str, Any]
) -> HttpResponse:
    """A filtered list: the whole page, or only its results when htmx asks (search as you type)."""
    htmx = is_htmx(request)
    response = render(
        request, results_template if htmx else page_template, {**context, "htmx": htmx}
    )
    patch_vary_headers(response, ["HX-Request"])
    return response


def add_service_error(form: forms.BaseForm, error: ValueError) -> None:
    """Show a service's refusal at the field it concerns, else above the form."""
    errors = getattr(error, "errors", None)
    if not errors:
        form.add_error(None, str(error))
        return
    for name, field_messages in errors.items():
        for message in field_messages:
            form.add_error(name if name in form.fields else None, message)
