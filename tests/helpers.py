"""Shared test helpers."""

from __future__ import annotations

from collections.abc import Callable

from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


def count_queries(client: Client, url: str) -> tuple[int, list[str]]:
    """The SQL statements one GET of `url` runs (the page must answer 200).

    The cache is emptied first, so cached summaries are counted the way they are built.
    """
    cache.clear()
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, f"GET {url} answered {response.status_code}"
    return len(context.captured_queries), [query["sql"] for query in context.captured_queries]


def assert_queries_constant(client: Client, url: str, grow: Callable[[], object]) -> int:
    """Assert that the number of queries for `url` does not grow with the data.

    Loads the page once to warm caches, counts its queries, calls `grow()` (which adds many
    more rows of what the page lists), counts again and asserts both counts are equal. On
    failure it prints both counts and both lists of queries. Returns the count.
    """
    client.get(url)  # warm-up: per-process caches (content types, translations, templates)
    before, before_sql = count_queries(client, url)
    grow()
    after, after_sql = count_queries(client, url)
    if before != after:
        lines = [f"GET {url}: {before} queries before growing the data, {after} after."]
        lines.append(f"--- {before} queries before:")
        lines += [f"{n:3}. {sql}" for n, sql in enumerate(before_sql, 1)]
        lines.append(f"--- {after} queries after:")
        lines += [f"{n:3}. {sql}" for n, sql in enumerate(after_sql, 1)]
        raise AssertionError("\n".join(lines))
    return after


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
