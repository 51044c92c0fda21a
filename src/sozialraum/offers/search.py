"""The search of the Familienwegweiser: one function every page and the API call.

PLACEHOLDER: the search helper replaces this module with the German search (normalising,
stemming, decompounding, synonyms, FTS5/tsvector). Callers rely only on
`search_offers(queryset, q)` returning the offers of `queryset` that match `q`, best first.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from sozialraum.lib.search import MAX_TERMS

MAX_QUERY = 200  # characters of the query that are looked at


def search_offers(queryset: QuerySet, q: str) -> QuerySet:
    """The offers of `queryset` whose title or description contains every word of `q`
    (case-insensitive); "" or only punctuation = all, unchanged. Title matches first.

    A simple placeholder over title/description (icontains): the search helper replaces it."""
    words = [word for word in (q or "")[:MAX_QUERY].split() if any(c.isalnum() for c in word)]
    if not words:
        return queryset
    for word in words[:MAX_TERMS]:
        queryset = queryset.filter(Q(title__icontains=word) | Q(description__icontains=word))
    return queryset
