"""Writing many rows fast for the demo: plain tuples with ids assigned here, one executemany
per batch (demo/meeting_history.py writes the meetings' history with it)."""

from __future__ import annotations

import functools
from collections.abc import Callable

from django.core.management.color import no_style
from django.db import connection
from django.db.models import Field, Max, Model
from django.utils import timezone

from sozialraum.lib.search import document
from sozialraum.meetings.models import (
    AgendaItem,
    Attendance,
    Invitation,
    Meeting,
    MeetingSeries,
    Topic,
)
from sozialraum.minutes.models import Decision, Minutes, MinutesItem, Task

BATCH = 2000


class Rows:
    """Plain rows per model with ids assigned here (one MAX(id) per table), written with one
    executemany per batch: no model instances, several times faster than bulk_create for the
    hundreds of thousands of rows of the scaled demo. Columns the demo does not name get the
    field's default (or now for auto_now fields), so a field added later keeps it working."""

    def __init__(self) -> None:
        self.rows: dict[type[Model], list[tuple]] = {}
        self.next_ids: dict[type[Model], int] = {}

    def add(self, model: type[Model], *values) -> int:
        """A row of `model` with the values of FIELDS[model] (after the id); returns its id."""
        if model not in self.next_ids:
            top = model._default_manager.aggregate(top=Max("pk"))["top"] or 0
            self.next_ids[model] = top + 1
        pk = self.next_ids[model]
        self.next_ids[model] = pk + 1
        self.rows.setdefault(model, []).append((pk, *values))
        return pk

    def write(self, counts: dict[str, int]) -> None:
        written = []
        for model in FIELDS:
            rows = self.rows.pop(model, [])
            if rows:
                write_rows(model, ("id", *FIELDS[model]), rows)
                key = model._meta.model_name or ""
                counts[key] = counts.get(key, 0) + len(rows)
                written.append(model)
        # PostgreSQL: the sequences follow the ids given here (SQLite needs nothing).
        statements = connection.ops.sequence_reset_sql(no_style(), written)
        if statements:
            with connection.cursor() as cursor:
                for statement in statements:
                    cursor.execute(statement)


# The columns History writes, in the order of its Rows.add calls; written in this order too.
FIELDS: dict[type[Model], tuple[str, ...]] = {
    MeetingSeries: ("youth_office", "team", "first_date", "until", "place", "created_by"),
    Meeting: (
        "youth_office",
        "team",
        "series",
        "series_date",
        "date",
        "starts_at",
        "ends_at",
        "time_slot",
        "place",
        "uid",
        "invitations_sent_at",
        "is_demo",
    ),
    Topic: (
        "youth_office",
        "team",
        "title",
        "reason",
        "minutes_needed",
        "submitted_by",
        "submitted_at",
        "status",
        "status_reason",
        "status_changed_at",
        "meeting",
    ),
    AgendaItem: ("youth_office", "meeting", "position", "title", "duration_minutes", "topic"),
    Minutes: (
        "youth_office",
        "meeting",
        "minute_taker",
        "status",
        "revision",
        "approved_at",
        "approved_by",
    ),
    MinutesItem: ("youth_office", "minutes", "agenda_item", "position", "title", "discussion"),
    Decision: (
        "youth_office",
        "team",
        "minutes",
        "item",
        "year",
        "number",
        "date",
        "text",
        "status",
        "search_text",
        "is_demo",
    ),
    Task: (
        "youth_office",
        "team",
        "minutes",
        "item",
        "title",
        "responsible",
        "due",
        "status",
        "completed_at",
        "is_demo",
    ),
    Invitation: (
        "youth_office",
        "meeting",
        "person",
        "membership",
        "answer",
        "substitute",
        "answered_at",
        "sent_at",
        "sent_sequence",
    ),
    Attendance: (
        "youth_office",
        "meeting",
        "person",
        "guest_name",
        "organisation",
        "organisation_name",
        "membership",
        "is_substitute",
        "is_guest",
        "recorded_by",
    ),
}

CONVERTED = {"DateField", "DateTimeField", "TimeField", "UUIDField", "JSONField"}


def memo(field) -> Callable[[object], object]:
    """The field's database value of a Python value, computed once per value (the same dates
    and times recur in thousands of rows)."""
    cache: dict[object, object] = {}

    def convert(value: object) -> object:
        try:
            return cache[value]
        except KeyError:
            cache[value] = result = field.get_db_prep_save(value, connection)
            return result

    return convert


@functools.lru_cache(maxsize=4096)
def search_text(text: str) -> str:
    return document(text)


def write_rows(model: type[Model], fields: tuple[str, ...], rows: list[tuple]) -> None:
    """INSERT `rows` (values in the order of `fields`, references as ids)."""
    ops, meta, now = connection.ops, model._meta, timezone.now()
    named: list[Field] = [meta.get_field(name) for name in fields]  # type: ignore[misc]  # concrete fields only
    rest = [f for f in meta.concrete_fields if f.name not in fields]
    defaults = []
    for f in rest:
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            value = now
        elif f.has_default() or (f.empty_strings_allowed and not f.null):
            value = f.get_default()  # "" for text without a default
        elif f.null:
            value = None
        else:
            raise ValueError(f"demo: no value for {meta.label}.{f.name}")
        defaults.append(f.get_db_prep_save(value, connection))
    converters = [memo(f) if f.get_internal_type() in CONVERTED else None for f in named]
    # Table and column names come from the model; every value is a parameter.
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608
        ops.quote_name(meta.db_table),
        ", ".join(ops.quote_name(str(f.column)) for f in (*named, *rest)),
        ", ".join(["%s"] * (len(named) + len(rest))),
    )
    tail = tuple(defaults)
    prepared = [
        tuple(
            value if convert is None or value is None else convert(value)
            for value, convert in zip(row, converters, strict=True)
        )
        + tail
        for row in rows
    ]
    with connection.cursor() as cursor:
        for start in range(0, len(prepared), BATCH):
            cursor.executemany(sql, prepared[start : start + BATCH])
