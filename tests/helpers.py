"""Shared test helpers."""

from __future__ import annotations

from collections.abc import Callable

from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


def numbered(queries: list[str]) -> list[str]:
    return [f"{n:3}. {sql}" for n, sql in enumerate(queries, 1)]


def count_queries(client: Client, url: str, *, expected: int | None = None) -> list[str]:
    """The SQL statements one GET of `url` runs (the page must answer 200).

    The cache is emptied first, so cached summaries are counted the way they are built. With
    `expected`, asserts that exactly that many statements ran (like Django's assertNumQueries)
    and lists them when not.
    """
    cache.clear()
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, f"GET {url} answered {response.status_code}"
    queries = [query["sql"] for query in context.captured_queries]
    if expected is not None and len(queries) != expected:
        lines = [f"GET {url}: {len(queries)} queries, expected {expected}:", *numbered(queries)]
        raise AssertionError("\n".join(lines))
    return queries


def assert_queries_constant(
    client: Client, url: str, grow: Callable[[], object], *, expected: int
) -> None:
    """Assert that `url` runs exactly `expected` queries, before and after growing the data.

    Loads the page once to warm per-process caches, counts its queries, calls `grow()` (which
    adds many more rows of what the page lists) and counts again. Both counts must equal
    `expected`: the page does not grow with the data (no N+1), and the number the test states is
    the number it runs, so a new query shows up in review. On failure the message gives both
    counts and lists the queries of both loads.
    """
    client.get(url)  # warm-up: per-process caches (content types, translations, templates)
    before = count_queries(client, url)
    grow()
    after = count_queries(client, url)
    if len(before) != expected or len(after) != expected:
        lines = [
            f"GET {url}: expected {expected} queries; {len(before)} before growing the data, "
            f"{len(after)} after.",
            f"--- {len(before)} queries before:",
            *numbered(before),
            f"--- {len(after)} queries after:",
            *numbered(after),
        ]
        raise AssertionError("\n".join(lines))


def count_reverses(client: Client, url: str, monkeypatch) -> int:
    """How many URLs one GET of `url` reverses (`reverse()` and `{% url %}` alike)."""
    from django.urls.resolvers import URLResolver

    calls: list[str] = []
    original = URLResolver._reverse_with_prefix

    def counting(self, lookup_view, *args, **kwargs):
        calls.append(str(lookup_view))
        return original(self, lookup_view, *args, **kwargs)

    monkeypatch.setattr(URLResolver, "_reverse_with_prefix", counting)
    try:
        response = client.get(url)
    finally:
        monkeypatch.setattr(URLResolver, "_reverse_with_prefix", original)
    assert response.status_code == 200, f"GET {url} answered {response.status_code}"
    return len(calls)
