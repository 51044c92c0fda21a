"""Row templates: the repeated rows of the long lists, written with str.format placeholders.

A Django template costs a few microseconds per node; a list of 25-50 rows with ten nodes each
is the largest part of a list page's CPU (issue 8). The rows of those lists are written in a
template file like any other (`templates/<app>/rows/<name>.html`), but with `{placeholders}`
instead of template tags, and filled as by `format_html` from a dict per row: every value is
escaped unless it is marked safe, and the markup stays in a template file where it can be
read and changed. Conditions and formatting happen in Python, in the view's row builder.
Literal braces in such a file are doubled (`{{`, `}}`).
"""

from __future__ import annotations

import html
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cache
from string import Formatter
from typing import Any, cast

from django.template import TemplateDoesNotExist, engines
from django.utils.safestring import SafeString

from sozialraum.lib.prepared import Prepared


@cache
def _source(name: str) -> str:
    """The file's text, found where the template loaders look (not compiled: it is no Django
    template). Read once per process."""
    loaders = list(cast(Any, engines["django"]).engine.template_loaders)
    while loaders:
        loader = loaders.pop(0)
        if hasattr(loader, "loaders"):  # the cached loader wraps the real ones
            loaders[:0] = loader.loaders
            continue
        for origin in loader.get_template_sources(name):
            try:
                return loader.get_contents(origin).strip("\n")
            except TemplateDoesNotExist:
                continue
    raise TemplateDoesNotExist(name)


@cache
def _compiled(name: str) -> tuple[Callable[..., str], tuple[str, ...]]:
    """The file's `str.format` and the names of its placeholders (each once, in order): a row
    fills only what its template shows, so the row builders may carry more keys."""
    source = _source(name)
    names = (
        re.split(r"[.\[]", field, maxsplit=1)[0]
        for _, field, _, _ in Formatter().parse(source)
        if field is not None
    )
    return source.format, tuple(dict.fromkeys(names))


def _escaped(value: Any) -> str:
    """What `format_html` does to each value (`conditional_escape`): marked-safe text as it
    is, anything else as text with & < > " ' escaped (Django's `escape` is the standard
    library's `html.escape`). Without the lazy-text wrappers around Django's functions, which
    cost more than the escaping itself when a page fills hundreds of values; plain text and
    whole numbers, nearly all values, are told by their exact type first."""
    kind = type(value)
    if kind is str:
        return html.escape(value)
    if kind is int or kind is SafeString:
        return str(value) if kind is int else value
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


def render_rows(
    name: str,
    rows: Iterable[Mapping[str, Any]],
    separator: str = "\n",
    shared: Mapping[str, Any] | None = None,
) -> SafeString:
    """Each row's dict filled into the row template `name`, joined by `separator`: the same
    text as `format_html(source, **shared, **row)` for each row. `shared` holds the values that
    are the same in every row (a column's label, say), escaped once instead of once per row;
    keys a template does not show are not escaped at all."""
    fill, names = _compiled(name)
    common = {key: _escaped(value) for key, value in (shared or {}).items() if key in names}
    own = tuple(key for key in names if key not in common)
    return SafeString(
        separator.join(fill(**common, **{key: _escaped(row[key]) for key in own}) for row in rows)
    )


def loop_rows(name: str, rows: Sequence[Mapping[str, Any]]) -> SafeString:
    """The rows as a `<tbody>`'s former template loop wrote them, for a template that now has
    `{{ page.rows_html }}` on its own line, indented by eight spaces, in place of the lines
    `{% translate ... as label %}` and `{% for %}`...`{% endfor %}` (each row's text from
    `render_rows`, with the blank line the loop left between rows)."""
    gap = "\n        "
    if not rows:
        return SafeString(gap)
    return SafeString(gap + "\n" + render_rows(name, rows, separator=gap + "\n") + gap)


@cache
def _names_query(relation: Any, count: int) -> Prepared:
    """names_by_id's query for a many-to-many relation and a number of ids, compiled once per
    connection (lib/prepared.py): a page has at most a page size of ids, so a few per list."""
    field = relation.field
    through = relation.through
    owner, target = field.m2m_field_name(), field.m2m_reverse_field_name()
    return Prepared(
        lambda *pks: (
            through.objects.filter(**{f"{owner}_id__in": pks})
            .order_by(f"{target}__sort_key", f"{target}_id")
            .values_list(f"{owner}_id", f"{target}__name")
        ),
        *([int] * count),
        rows=True,
    )


def names_by_id(relation: Any, ids: Iterable[int]) -> dict[int, list[str]]:
    """The `name`s of a many-to-many relation's targets per owner id, in the targets' own order
    (`sort_key`, then id), read in one query from the through table: for the rows of a list,
    e.g. `names_by_id(Organisation.social_spaces, ids)` gives each organisation's social spaces.
    No query without ids. The query is compiled once per connection and number of ids."""
    ids = list(ids)
    names: dict[int, list[str]] = defaultdict(list)
    if not ids:
        return names
    query = _names_query(relation, len(ids))
    for owner_id, name in query.all(*ids):
        names[owner_id].append(name)
    return names
