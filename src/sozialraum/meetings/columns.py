"""Model instances with only some columns loaded, from the rows of a compiled query (issue 8).

`Prepared` (lib/prepared.py) refuses `only()`. A page that shows a few columns of many rows
reads them as rows (`values_list`, `rows=True`) and builds the instances here, the way Django
builds those of `only()` with `select_related`: the other fields are deferred (read from the
database if something touches them), each joined instance is cached on its parent.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import DEFAULT_DB_ALIAS
from django.db.models import Model


class Columns:
    """The columns of one model that a query reads (`names`: field names), in the model's own
    order, as `values_list` lookups (through the relation `via`, if given)."""

    def __init__(self, model: type[Model], names: Iterable[str], *, via: str = ""):
        wanted = set(names)
        fields = [f for f in model._meta.concrete_fields if f.name in wanted]
        unknown = wanted - {f.name for f in fields}
        if unknown:
            raise ValueError(f"{model.__name__} has no columns {sorted(unknown)}")
        if model._meta.pk not in fields:
            raise ValueError("the primary key must be one of the columns")
        self.model = model
        self.attnames = [f.attname for f in fields]
        self._attname_of = {f.name: f.attname for f in fields}
        self.lookups = [f"{via}__{name}" if via else name for name in self.attnames]
        self._pk_at = self.attnames.index(model._meta.pk.attname)

    def __len__(self) -> int:
        return len(self.attnames)

    def position(self, name: str) -> int:
        """Where the field `name` (a field name, not `_id`) is among these columns."""
        return self.attnames.index(self._attname_of[name])

    def build(self, values: Sequence[Any]) -> Any:
        """The instance of these values (None when the primary key is None: a LEFT JOIN that
        found nothing)."""
        if values[self._pk_at] is None:
            return None
        return self.model.from_db(DEFAULT_DB_ALIAS, self.attnames, values)


def lookups(*columns: Columns) -> list[str]:
    """The `values_list` lookups of all `columns`, one after the other."""
    return [lookup for column in columns for lookup in column.lookups]


def split(row: Sequence[Any], *columns: Columns) -> list[Any]:
    """The instances of one row read with `lookups(*columns)`."""
    found, start = [], 0
    for column in columns:
        end = start + len(column)
        found.append(column.build(row[start:end]))
        start = end
    return found
