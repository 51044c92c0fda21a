"""Search through a trigram index, with the same results on SQLite and PostgreSQL.

No models here, so every app can build on it (the directory today, the Familienwegweiser next):

1. The model keeps a text column with `document(name, street, ...)`, computed in Python on every
   write (also in bulk writes: `bulk_create` and `UPDATE` statements must set it too).
2. A `TrigramIndex(table=...)` describes the index on that column. A migration installs it
   (`TrigramIndex.install`, per database vendor), `ensure` repairs it after migrations, and
   `rebuild` refills it (`sozialraum rebuild_search_index`).
   - SQLite: an FTS5 table with the trigram tokenizer over the column (external content), kept
     in sync by triggers on INSERT, UPDATE OF the column and DELETE, so every write reaches it,
     bulk writes and raw SQL included.
   - PostgreSQL: a `pg_trgm` GIN index on the column (the column itself is the truth; LIKE
     '%...%' uses the index).
3. A selector filters with `index.filter(queryset, parse(q))`.

What a search matches (tests/network/test_search.py runs the same queries on both databases):

- The input is folded like every key (lib.text.search_key): lower case, ä=ae, ö=oe, ü=ue,
  ß=ss, accents dropped; everything but letters and digits separates words. At most MAX_TERMS
  words; every word must match.
- A word the keys know as an abbreviation also matches its spelled-out form ("st" or "sankt"),
  and the document holds both forms of its own abbreviations, so "Sankt Marien" finds
  "St. Marien" and "St. Marien" finds "Sankt Marien".
- Three characters or more match anywhere in the document (substring).
- Two characters match the beginning of a word (" xy" is a trigram itself, so the index
  serves it too).
- One character is ignored next to longer words (the "V" of "e. V."); alone, it matches names
  that begin with it, through the b-tree index on the name key.
- Input without any letter or digit ("%", "_", an emoji) finds nothing; `Query.unsearchable`
  lets the page say why. Nothing of the input reaches SQL unquoted: FTS phrases are quoted and
  LIKE patterns escaped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from sozialraum.lib.text import expansion, search_key

if TYPE_CHECKING:
    from django.db.backends.base.base import BaseDatabaseWrapper
    from django.db.models import QuerySet

_IDENTIFIER = re.compile(r"[a-z_][a-z0-9_]*")
MAX_TERMS = 8
MIN_SUBSTRING = 3  # trigram indexes serve substrings of at least three characters

Q_ = TypeVar("Q_", bound="QuerySet")


def document(*parts: str) -> str:
    """The stored search text of a record: its folded words, then the spelled-out forms of its
    abbreviations, each word after one space (" kita st marien soltau sankt").

    The leading space lets a two-character word match at the beginning of any word."""
    words = " ".join(search_key(part) for part in parts).split()
    extra = []
    for word in words:
        spelled = expansion(word)
        if spelled and spelled not in extra:
            extra.append(spelled)
    return " " + " ".join([*words, *extra])


@dataclass(frozen=True)
class Query:
    """A parsed search: per word the patterns of which one must occur in the document."""

    groups: tuple[tuple[str, ...], ...] = ()
    prefix: str = ""  # one character alone: the name begins with it
    unsearchable: bool = False  # something was typed, but no letter or digit

    def __bool__(self) -> bool:
        return bool(self.groups or self.prefix or self.unsearchable)


def _pattern(word: str) -> str | None:
    if len(word) >= MIN_SUBSTRING:
        return word
    if len(word) == MIN_SUBSTRING - 1:
        return " " + word  # the beginning of a word
    return None


def parse(q: str) -> Query:
    """Parse what a user typed into a search field."""
    words = list(dict.fromkeys(search_key(q).split()))[:MAX_TERMS]
    if not words:
        return Query(unsearchable=bool((q or "").strip()))
    groups = []
    for word in words:
        spelled = expansion(word)
        patterns = [p for p in (_pattern(word), spelled and _pattern(spelled)) if p]
        if patterns:
            groups.append(tuple(dict.fromkeys(patterns)))
    if not groups:
        return Query(prefix=words[0])
    return Query(groups=tuple(groups))


def fts_phrase(text: str) -> str:
    """`text` as one FTS5 string (double quotes doubled), never as query syntax."""
    return '"' + text.replace('"', '""') + '"'


@dataclass(frozen=True)
class TrigramIndex:
    """The search index on `table.column` (see the module's docstring).

    key_field is the model field with the sort key of the name (lib.text.search_key), used for
    the one-character prefix search."""

    table: str
    column: str = "search_text"
    key_field: str = "name_key"
    pk_column: str = "id"

    def __post_init__(self) -> None:
        # The names go into SQL text (quoted); only plain identifiers are accepted.
        for name in (self.table, self.column, self.key_field, self.pk_column):
            if not _IDENTIFIER.fullmatch(name):
                raise ValueError(f"not a plain SQL identifier: {name!r}")

    @property
    def fts_table(self) -> str:
        return f"{self.table}_search"

    @property
    def pg_index(self) -> str:
        return f"{self.table}_search_trgm"

    def _triggers(self) -> dict[str, str]:
        fts, table, col, pk = self.fts_table, self.table, self.column, self.pk_column
        # Identifiers only (checked in __post_init__), no values: S608 does not apply.
        insert = f'INSERT INTO "{fts}"(rowid, "{col}") VALUES (new."{pk}", new."{col}");'  # noqa: S608
        delete = f'INSERT INTO "{fts}"("{fts}", rowid, "{col}") VALUES (\'delete\', old."{pk}", old."{col}");'  # noqa: S608, E501
        return {
            f"{fts}_ai": f'AFTER INSERT ON "{table}" BEGIN {insert} END',
            f"{fts}_ad": f'AFTER DELETE ON "{table}" BEGIN {delete} END',
            f"{fts}_au": f'AFTER UPDATE OF "{col}" ON "{table}" BEGIN {delete} {insert} END',
        }

    def install_sql(self, vendor: str) -> list[str]:
        """The statements that create the index (idempotent)."""
        if vendor == "sqlite":
            return [
                f'CREATE VIRTUAL TABLE IF NOT EXISTS "{self.fts_table}" USING fts5('
                f"\"{self.column}\", content='{self.table}', content_rowid='{self.pk_column}', "
                "tokenize='trigram')",
                *(
                    f'CREATE TRIGGER IF NOT EXISTS "{name}" {body}'
                    for name, body in self._triggers().items()
                ),
                f'INSERT INTO "{self.fts_table}"("{self.fts_table}") VALUES (\'rebuild\')',  # noqa: S608
            ]
        if vendor == "postgresql":
            return [
                "CREATE EXTENSION IF NOT EXISTS pg_trgm",
                f'CREATE INDEX IF NOT EXISTS "{self.pg_index}" ON "{self.table}" '
                f'USING gin ("{self.column}" gin_trgm_ops)',
            ]
        return []

    def uninstall_sql(self, vendor: str) -> list[str]:
        if vendor == "sqlite":
            return [
                *(f'DROP TRIGGER IF EXISTS "{name}"' for name in self._triggers()),
                f'DROP TABLE IF EXISTS "{self.fts_table}"',
            ]
        if vendor == "postgresql":
            return [f'DROP INDEX IF EXISTS "{self.pg_index}"']  # pg_trgm may serve others
        return []

    def install(self, connection: BaseDatabaseWrapper) -> None:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql" and connection.in_atomic_block:
                # CREATE INDEX refuses to run while deferred constraint checks are pending.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for sql in self.install_sql(connection.vendor):
                cursor.execute(sql)

    def uninstall(self, connection: BaseDatabaseWrapper) -> None:
        with connection.cursor() as cursor:
            for sql in self.uninstall_sql(connection.vendor):
                cursor.execute(sql)

    def is_complete(self, connection: BaseDatabaseWrapper) -> bool:
        """Whether the index and (SQLite) its triggers exist. SQLite drops a table's triggers
        when a migration rebuilds the table (ALTER of a column), so `ensure` runs after every
        migrate."""
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")
                present = {row[0] for row in cursor.fetchall()}
                return {self.fts_table, *self._triggers()} <= present
            if connection.vendor == "postgresql":
                cursor.execute(
                    "SELECT count(*) FROM pg_indexes WHERE indexname = %s", [self.pg_index]
                )
                return cursor.fetchone()[0] == 1
        return True

    def check(self, connection: BaseDatabaseWrapper) -> None:
        """SQLite: raise DatabaseError unless the FTS table holds exactly the stored texts
        (FTS5 'integrity-check'). PostgreSQL's index is on the column itself: nothing to do."""
        if connection.vendor == "sqlite":
            fts = self.fts_table
            with connection.cursor() as cursor:
                cursor.execute(
                    f'INSERT INTO "{fts}"("{fts}", rank) VALUES (\'integrity-check\', 1)'  # noqa: S608
                )

    def table_exists(self, connection: BaseDatabaseWrapper) -> bool:
        return self.table in connection.introspection.table_names()

    def ensure(self, connection: BaseDatabaseWrapper) -> bool:
        """Create (and fill) what is missing; True if something was."""
        if not self.table_exists(connection) or self.is_complete(connection):
            return False
        self.install(connection)
        return True

    def rebuild(self, connection: BaseDatabaseWrapper) -> None:
        """Refill the index from the column (run after the column was recomputed). SQLite
        refills the FTS table; PostgreSQL maintains its index itself, so it is only created if
        missing."""
        if connection.vendor == "sqlite" or not self.is_complete(connection):
            self.install(connection)  # SQLite: ends with 'rebuild'

    def filter(self, queryset: Q_, query: Query) -> Q_:
        """The rows of `queryset` that match `query` (all of them for an empty query)."""
        from django.db import connections
        from django.db.models import Q
        from django.db.models.expressions import RawSQL

        if query.unsearchable:
            return queryset.none()
        vendor = connections[queryset.db].vendor
        if query.prefix:
            if vendor == "sqlite":
                # The key holds only a-z, 0-9 and spaces: a range in binary order is the
                # prefix, and it walks the b-tree index (SQLite's LIKE cannot, it ignores case).
                upper = chr(ord(query.prefix[-1]) + 1)
                return queryset.filter(
                    **{
                        f"{self.key_field}__gte": query.prefix,
                        f"{self.key_field}__lt": query.prefix[:-1] + upper,
                    }
                )
            # PostgreSQL: LIKE 'x%' through Django's varchar_pattern_ops index on the key.
            return queryset.filter(**{f"{self.key_field}__startswith": query.prefix})
        if not query.groups:
            return queryset
        if vendor == "sqlite":
            match = " AND ".join(
                "(" + " OR ".join(fts_phrase(p) for p in group) + ")" for group in query.groups
            )
            fts = self.fts_table
            sql = f'SELECT rowid FROM "{fts}" WHERE "{fts}" MATCH %s'  # noqa: S608 (identifiers)
            rows = RawSQL(sql, [match])  # noqa: S611 (the input is a parameter)
            return queryset.filter(pk__in=rows)
        for group in query.groups:
            condition = Q()
            for pattern in group:
                # Django's `contains` escapes the pattern and compiles to LIKE '%...%'.
                condition |= Q(**{f"{self.column}__contains": pattern})
            queryset = queryset.filter(condition)
        return queryset
