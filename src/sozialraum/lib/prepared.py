"""Queries that every request makes, compiled to SQL once per database connection (issue 8).

Turning a queryset into SQL costs the ORM about half a millisecond (the compiler, the lookups,
the joins), ten times what SQLite needs to answer `SELECT ... WHERE slug = ?`. Most of a page's
queries are its own, but a few run on every request: the session, the youth office of the URL,
the user's roles. `Prepared` compiles such a query once, with a marker value for its one
parameter, keeps the SQL, the position of the parameter and the column converters, and on each
call only executes the SQL with the new value and builds the rows (model instances through
`Model.from_db`, or tuples), as the ORM would.

Only simple queries qualify: one model, no `select_related`, no deferred fields, no annotations,
parameters that are a `str`, an `int` or an aware `datetime` (adapted the way the ORM adapts
it), each appearing once in the SQL. `Prepared` checks this when it compiles and refuses
anything else. The result is the same as the queryset's (tests/lib/test_prepared.py compares
both on every backend); query counting (`assertNumQueries`, the bench) sees the same one query.
A value of another type (None, a naive datetime) goes through the ORM as before.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.db import connections
from django.db.models import Model, QuerySet
from django.utils.functional import cached_property

KINDS = (str, int, datetime)


def _marker(kind: type, index: int) -> Any:
    """A value no real query uses, distinct per parameter."""
    if kind is str:
        return f"\x00sozialraum-prepared-{index}\x00"
    if kind is int:
        return -7_340_213_117 - index
    from django.utils import timezone

    return timezone.make_aware(
        datetime(1901, 2, 3, 4, 5, 6, index), timezone.get_default_timezone()
    )


def _fits(value: Any, kind: type) -> bool:
    if kind is datetime:
        return isinstance(value, datetime) and value.tzinfo is not None
    return type(value) is kind


class NotPreparable(ValueError):
    """The queryset is not simple enough for `Prepared`."""


class _Compiled:
    __slots__ = ("compiler", "converters", "field_names", "params", "positions", "sql")

    def __init__(self, sql, params, positions, compiler, converters, field_names):
        self.sql = sql
        self.params = params
        self.positions = positions
        self.compiler = compiler
        self.converters = converters
        self.field_names = field_names


class Prepared:
    """`Prepared(lambda slug: Model.objects.filter(slug=slug), str)`; then `.first(slug)` or
    `.all(slug)` run the compiled SQL with the values in the parameters' places (one type per
    parameter of `build`). `rows=True` returns the queryset's `values_list()` tuples instead of
    model instances."""

    def __init__(
        self, build: Callable[..., QuerySet], *kinds: type, rows: bool = False, using="default"
    ):
        if not kinds or any(kind not in KINDS for kind in kinds):
            raise NotPreparable("each parameter must be one of str, int, datetime")
        self.build = build
        self.kinds = kinds
        self.rows = rows
        self.using = using

    @cached_property
    def model(self) -> type[Model]:
        return self.build(*self._markers()).model

    def _markers(self) -> list[Any]:
        return [_marker(kind, index) for index, kind in enumerate(self.kinds)]

    @staticmethod
    def _adapt(value: Any, connection) -> Any:
        if isinstance(value, datetime):
            return connection.ops.adapt_datetimefield_value(value)
        return value

    def _compile(self, connection) -> _Compiled:
        markers = self._markers()
        queryset = self.build(*markers)
        query = queryset.query
        if query.select_related or query.deferred_loading[0] or query.annotations:
            raise NotPreparable("select_related, deferred fields and annotations are not supported")
        if getattr(queryset, "_prefetch_related_lookups", ()):  # Django's own attribute
            raise NotPreparable("prefetch_related is not supported")
        compiler = query.get_compiler(connection=connection)
        sql, params = compiler.as_sql()
        positions = []
        for marker in markers:
            adapted = self._adapt(marker, connection)
            found = [i for i, param in enumerate(params) if param == adapted]
            if len(found) != 1:
                raise NotPreparable(f"a parameter appears {len(found)} times in {sql}")
            positions.append(found[0])
        expressions = [column[0] for column in compiler.select]
        converters = compiler.get_converters(expressions)
        field_names = None
        if not self.rows:
            fields = list(self.model._meta.concrete_fields)
            if [getattr(expression, "target", None) for expression in expressions] != fields:
                raise NotPreparable("the query does not select the model's own columns")
            field_names = [field.attname for field in fields]
        return _Compiled(sql, list(params), positions, compiler, converters, field_names)

    def _compiled(self, connection) -> _Compiled:
        # Kept on the connection wrapper: one per database alias and thread, like the ORM's.
        cache = connection.__dict__.setdefault("_sozialraum_prepared", {})
        compiled = cache.get(id(self))
        if compiled is None:
            compiled = cache[id(self)] = self._compile(connection)
        return compiled

    def all(self, *values: Any) -> list:
        if len(values) != len(self.kinds) or not all(map(_fits, values, self.kinds)):
            # Anything else (a subclass, None, a naive datetime ...) goes the ORM's way.
            return list(self.build(*values))
        connection = connections[self.using]
        compiled = self._compiled(connection)
        params = list(compiled.params)
        for position, value in zip(compiled.positions, values, strict=True):
            params[position] = self._adapt(value, connection)
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, params)
            fetched = cursor.fetchall()
        if compiled.converters:
            fetched = list(compiled.compiler.apply_converters(fetched, compiled.converters))
        if self.rows:
            return [tuple(row) for row in fetched]
        model = self.model
        return [model.from_db(self.using, compiled.field_names, row) for row in fetched]

    def first(self, *values: Any) -> Any:
        found = self.all(*values)
        return found[0] if found else None
