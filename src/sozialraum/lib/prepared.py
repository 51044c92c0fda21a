"""Queries that every request makes, compiled to SQL once per database connection (issue 8).

Turning a queryset into SQL costs the ORM about half a millisecond (the compiler, the lookups,
the joins), ten times what SQLite needs to answer `SELECT ... WHERE slug = ?`. Most of a page's
queries are its own, but a few run on every request: the session, the youth office of the URL,
the user's roles. `Prepared` compiles such a query once, with a marker value for its one
parameter, keeps the SQL, the position of the parameter and the column converters, and on each
call only executes the SQL with the new value and builds the rows (model instances through
`Model.from_db`, or tuples), as the ORM would.

The same holds for the fixed queries of a detail page (a measure with its carrier and team, its
goals, its approval steps): `select_related` and annotations are built as Django's own
`ModelIterable` builds them (the related instances through Django's related populators, the
annotations as attributes), from the compiler kept with the SQL; filters across relations are
just SQL. Not supported, and refused when compiling: deferred fields (`only`, `defer`),
`prefetch_related`, a related manager's queryset (`measure.goals.all()`, which knows its
instance: write `Goal.objects.filter(measure_id=pk)`), composite fields. Parameters must be a
`str`, an `int` or an aware `datetime` (adapted the way the ORM adapts it), each appearing once
in the SQL. The result is the same as the queryset's (tests/lib/test_prepared.py compares both
on every backend); query counting (`assertNumQueries`, the bench) sees the same one query. A
value of another type (None, a naive datetime) goes through the ORM as before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import Any

from django.db import connections
from django.db.models import Func, IntegerField, Model, QuerySet
from django.db.models.query import get_related_populators  # type: ignore[attr-defined]  # not in the stubs
from django.utils.functional import cached_property

KINDS = (str, int, datetime)


class RowCount(Func):
    """`COUNT(*)` as a plain column: `queryset.order_by().values_list(RowCount())` is the
    queryset's number of rows in one row, as `count()` reads it, but a queryset that `Prepared`
    can compile (an aggregate in `values()` would group by every column, `values(...).annotate`
    adds a GROUP BY that costs SQLite more than the counting). Also a correlated subquery's
    count: it always gives one row, 0 when nothing matches. Only for a selection without any
    other column."""

    template = "COUNT(*)"
    output_field = IntegerField()
    contains_aggregate = False  # the ORM must not add a GROUP BY for it


def counting(queryset: QuerySet) -> QuerySet:
    """The queryset as a one-row, one-column query of its number of rows (see RowCount)."""
    return queryset.order_by().values_list(RowCount())


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
    __slots__ = (
        "annotations",
        "compiler",
        "converters",
        "field_names",
        "fields_end",
        "fields_start",
        "params",
        "populators",
        "positions",
        "sql",
    )

    def __init__(self, sql, params, positions, compiler, converters):
        self.sql = sql
        self.params = params
        self.positions = positions
        self.compiler = compiler
        self.converters = converters
        # For model instances (as Django's ModelIterable): where the model's own columns are,
        # their attribute names, the related populators of select_related, the annotations.
        self.field_names: list[str] = []
        self.fields_start = self.fields_end = 0
        self.populators: list = []
        self.annotations: list[tuple[str, int]] = []


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
        if query.deferred_loading[0]:
            raise NotPreparable("deferred fields (only, defer) are not supported")
        if getattr(queryset, "_prefetch_related_lookups", ()):  # Django's own attributes
            raise NotPreparable("prefetch_related is not supported")
        if getattr(queryset, "_known_related_objects", None):
            raise NotPreparable("a related manager's queryset is not supported")
        compiler = query.get_compiler(connection=connection)
        sql, params = compiler.as_sql()
        positions = []
        for marker in markers:
            adapted = self._adapt(marker, connection)
            found = [i for i, param in enumerate(params) if param == adapted]
            if len(found) != 1:
                raise NotPreparable(f"a parameter appears {len(found)} times in {sql}")
            positions.append(found[0])
        expressions = [column[0] for column in compiler.select[: compiler.col_count]]
        if compiler.has_composite_fields(expressions):
            raise NotPreparable("composite fields are not supported")
        converters = compiler.get_converters(expressions)
        compiled = _Compiled(sql, list(params), positions, compiler, converters)
        if not self.rows:
            if getattr(queryset, "_fields", None) is not None or compiler.klass_info is None:
                raise NotPreparable("values() and values_list() need rows=True")
            self._prepare_instances(compiled, queryset, connection)
        return compiled

    def _prepare_instances(self, compiled: _Compiled, queryset: QuerySet, connection) -> None:
        compiler = compiled.compiler
        select, klass_info = compiler.select, compiler.klass_info
        select_fields = klass_info["select_fields"]
        start, end = select_fields[0], select_fields[-1] + 1
        targets = [column[0].target for column in select[start:end]]
        if targets != list(self.model._meta.concrete_fields):
            raise NotPreparable("the query does not select the model's own columns")
        compiled.fields_start, compiled.fields_end = start, end
        compiled.field_names = [field.attname for field in targets]
        compiled.populators = get_related_populators(klass_info, select, connection.alias)
        compiled.annotations = list((compiler.annotation_col_map or {}).items())

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
        return [self._instance(compiled, row) for row in fetched]

    def _instance(self, compiled: _Compiled, row) -> Model:
        found = self.model.from_db(
            self.using, compiled.field_names, row[compiled.fields_start : compiled.fields_end]
        )
        for populator in compiled.populators:
            populator.populate(row, found)
        for name, position in compiled.annotations:
            setattr(found, name, row[position])
        return found

    def first(self, *values: Any) -> Any:
        found = self.all(*values)
        return found[0] if found else None


def attach(parents: Sequence[Model], name: str, children: Iterable[Model]) -> None:
    """Give each of `parents` its `children` under the reverse foreign key `name` (a measure's
    "allocations", an allocation's "shares"), as `prefetch_related(name)` would: afterwards
    `parent.<name>.all()` runs no query and gives the children in the order given, and each
    child's foreign key to its parent is set. For children that a `Prepared` query read for all
    parents at once (`Allocation.objects.filter(measure_id=pk)`), in place of a prefetch, whose
    queryset Django compiles anew on every request."""
    if not parents:
        return
    relation = type(parents[0])._meta.get_field(name)
    field = getattr(relation, "field", None)
    if not relation.one_to_many or field is None or field.target_field != type(parents[0])._meta.pk:
        raise NotPreparable(f"{name} is not a reverse foreign key to the primary key")
    grouped: dict[Any, list[Model]] = {parent.pk: [] for parent in parents}
    by_pk = {parent.pk: parent for parent in parents}
    for child in children:
        key = getattr(child, field.attname)
        if key not in grouped:
            raise ValueError(f"{child!r} belongs to none of the parents")
        grouped[key].append(child)
        if not field.is_cached(child):
            field.set_cached_value(child, by_pk[key])
    for parent in parents:
        _store(parent, name, grouped[parent.pk])


def attach_related(parent: Model, name: str, rows: list[Model]) -> None:
    """Give one `parent` the `rows` of its related manager `name` (many-to-many, either way,
    or a reverse foreign key), as `prefetch_related(name)` would: `parent.<name>.all()` then
    runs no query and gives `rows` in their order. The rows must be exactly the relation's
    (a `Prepared` query such as `Need.objects.filter(measures=pk)` gives them)."""
    _store(parent, name, rows)


def _store(parent: Model, name: str, rows: list[Model]) -> None:
    # What Django's prefetch_one_level does with the rows it read for one instance.
    manager = getattr(parent, name)
    cache_name = getattr(manager, "prefetch_cache_name", None)
    if cache_name is None:
        cache_name = manager.field.remote_field.cache_name
    queryset = manager.get_queryset()
    queryset._result_cache = rows
    queryset._prefetch_done = True
    if not hasattr(parent, "_prefetched_objects_cache"):
        parent._prefetched_objects_cache = {}  # type: ignore[attr-defined]
    parent._prefetched_objects_cache[cache_name] = queryset  # type: ignore[attr-defined]
