"""The rows of the network's long lists (directory of organisations, list of people) as plain
dicts, one page at a time.

A page of model instances with prefetched relations costs several milliseconds: every row and
every related row is a model instance (with its date conversions), and every `{{ org.name }}` in
the template first tries `org["name"]`, fails with an exception and then falls back to getattr.
These lists need four or five columns, so they read exactly those with `values()` and give the
template dicts, whose lookups succeed at the first try (issue 8: the directory's CPU per request
fell by about a third). The query count stays the same: the count, the page, one query for the
related names.
"""

from __future__ import annotations

import functools
import hashlib
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from sozialraum.lib.choices import label_texts
from sozialraum.lib.http import PAGE_SIZE, url_for_rows
from sozialraum.lib.prepared import Prepared
from sozialraum.lib.row_templates import names_by_id, render_rows
from sozialraum.network.models import Affiliation, Organisation, Person

# How long the ids of a search's hits are kept (they are dropped earlier by any write to the
# office, which changes the key).
SEARCH_IDS_SECONDS = 300


def search_ids_key(kind: str, office: Any, filters: dict[str, Any]) -> str | None:
    """The cache key of a search's hits in the office, or None without a search term.

    A common word matches a tenth of a large directory: counting the hits and sorting them for
    every page, on every request, made the search grow with the directory (issue 8). The ids of
    the hits in list order are kept instead, under the office's `data_version` (raised by every
    audited write: a new, renamed or deleted organisation or person changes the key) and the
    filters; each page then reads its 25 rows by id. The rows themselves are read fresh."""
    if not filters.get("q"):
        return None
    values = sorted((name, str(getattr(value, "pk", value))) for name, value in filters.items())
    digest = hashlib.sha256(repr(values).encode()).hexdigest()[:32]
    return f"network:{kind}-ids:{office.pk}:{office.data_version}:{digest}"


@functools.cache
def _rows_query(model: Any, columns: tuple[str, ...], count: int) -> Prepared:
    """The rows of a page of hits by their ids, compiled once per connection for each number
    of ids (a page has at most PAGE_SIZE): the ORM compiled it anew on every request (issue 8)."""
    return Prepared(
        lambda *pks: model._default_manager.filter(pk__in=pks).values_list(*columns),
        *([int] * count),
        rows=True,
    )


def _rows_by_ids(model: Any, columns: tuple[str, ...], ids: list[int]) -> list[dict[str, Any]]:
    """`model`'s rows with these ids as dicts of `columns` (in the database's order)."""
    query = _rows_query(model, columns, len(ids))
    return [dict(zip(columns, row, strict=True)) for row in query.all(*ids)]


def _page(
    build: Callable[[], QuerySet],
    number: Any,
    columns: tuple[str, ...],
    ids_key: str | None = None,
    *,
    model: Any,
) -> tuple[Page, list[dict[str, Any]]]:
    """A page of the queryset `build()` gives, as dicts of `columns`; with `ids_key`, through
    the cached ids of all hits (search_ids_key): then the queryset is not even built while
    they are cached."""
    if ids_key is None:
        page = Paginator(build().values(*columns), PAGE_SIZE).get_page(number)
        return page, list(page.object_list)
    ids = cache.get(ids_key)
    if ids is None:
        ids = list(build().values_list("id", flat=True))
        cache.set(ids_key, ids, SEARCH_IDS_SECONDS)
    page = Paginator(ids, PAGE_SIZE).get_page(number)
    shown = list(page.object_list)
    # By id alone: the search condition again would make the database find every hit anew.
    # The ids come from the office's own search (the key names the office).
    by_id = {row["id"]: row for row in _rows_by_ids(model, columns, shown)} if shown else {}
    return page, [by_id[pk] for pk in shown if pk in by_id]


def directory_page(
    organisations: Callable[[], QuerySet[Organisation]],
    number: Any,
    *,
    office_slug: str,
    spaces_header: str,
    ids_key: str | None = None,
) -> Page:
    """A page of the directory: `name`, `kind_label`, `city`, `spaces` (names joined),
    `detail_url`; `page.rows_html` the table rows (network/rows/directory.html)."""
    page, rows = _page(
        lambda: organisations().select_related(None),
        number,
        ("id", "name", "kind", "city"),
        ids_key,
        model=Organisation,
    )
    spaces = names_by_id(Organisation.social_spaces, (row["id"] for row in rows))
    kinds = label_texts(Organisation._meta.get_field("kind"))
    url = url_for_rows("network:organisation", office_slug=office_slug)
    headers = {
        "kind_header": _("Art"),
        "city_header": _("Ort"),
        "spaces_header": spaces_header,
    }
    for row in rows:
        row["kind_label"] = kinds.get(row["kind"], row["kind"])
        row["city"] = row["city"] or "–"
        row["spaces"] = ", ".join(spaces.get(row["id"], [])) or "–"
        row["detail_url"] = url(row["id"])
    page.object_list = rows
    page.rows_html = render_rows(  # type: ignore[attr-defined]
        "network/rows/directory.html", rows, shared=headers
    )
    return page


def people_page(
    people: Callable[[], QuerySet[Person]],
    number: Any,
    *,
    office_slug: str,
    ids_key: str | None = None,
) -> Page:
    """A page of the list of people: `title`, `first_name`, `last_name`, `email`, `phone`,
    `affiliations` (current ones: `organisation`, `function`), `detail_url`."""
    columns = ("id", "title", "first_name", "last_name", "email", "phone")
    page, rows = _page(people, number, columns, ids_key, model=Person)
    affiliations: dict[int, list[dict[str, str]]] = defaultdict(list)
    current = (
        Affiliation.objects.current()
        .filter(person_id__in=[row["id"] for row in rows])
        .order_by("organisation__sort_key", "organisation_id", "id")
        .values_list("person_id", "organisation__name", "function")
    )
    for person_id, organisation, function in current:
        affiliations[person_id].append({"organisation": organisation, "function": function})
    url = url_for_rows("network:person", office_slug=office_slug)
    headers = {
        "affiliations_header": _("Organisation und Funktion"),
        "contact_header": _("Kontakt"),
    }
    for row in rows:
        row["affiliations"] = affiliations.get(row["id"], [])
        row["detail_url"] = url(row["id"])
        _person_cells(row)
    page.object_list = rows
    page.rows_html = render_rows(  # type: ignore[attr-defined]
        "network/rows/people.html", rows, shared=headers
    )
    return page


def _person_cells(row: dict[str, Any]) -> None:
    """The prepared cells of a person's row: name, title, affiliations, contact."""
    name = row["last_name"] + (f", {row['first_name']}" if row["first_name"] else "")
    row["name"] = name
    row["title"] = (
        format_html(' <span class="sr-muted">{}</span>', row["title"]) if row["title"] else ""
    )
    row["affiliations"] = SafeString(
        "<br>".join(
            format_html(
                "{}{}",
                affiliation["organisation"],
                format_html(' <span class="sr-muted">({})</span>', affiliation["function"])
                if affiliation["function"]
                else "",
            )
            for affiliation in row["affiliations"]
        )
        or "–"
    )
    email, phone = row["email"], row["phone"]
    parts = []
    if email:
        parts.append(format_html('<a class="kern-link" href="mailto:{}">{}</a>', email, email))
    if phone:
        parts.append(conditional_escape(phone))
    row["contact"] = SafeString("<br>".join(parts) or "–")
