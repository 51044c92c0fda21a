"""The query planner's statistics (ANALYZE).

Without statistics, SQLite's planner treats every index as equally selective. A tenant query
such as "open tasks of these people in this youth office" then walks the youth office's index
(tens of thousands of rows) instead of the one on the responsible person (a handful): "Meine
Aufgaben" cost 7.6 ms at scale 1 and 48 ms at scale 100 until the statistics existed (issue 8).
PostgreSQL's autovacuum analyses by itself, but not at once after a bulk load. So the demo runs
this after loading its data, and `sozialraum cleanup` (daily) keeps it current.

On PostgreSQL, outside a transaction, it also vacuums: until a table's pages are marked
all-visible, counting an office's rows cannot be answered from an index alone, and the planner
read the whole audit log to count one office's entries (3.7 ms at 11,000 entries; after
`VACUUM` 1.2 ms from the index). Plain `VACUUM` takes no lock that blocks readers or writers.
"""

from __future__ import annotations

from django.db import connection


def refresh() -> None:
    """Update the planner's statistics of every table (bounded sampling on SQLite); on
    PostgreSQL outside a transaction, vacuum as well."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            # Sample at most ~1,000 rows per index: fast on large tables, good enough to plan.
            cursor.execute("PRAGMA analysis_limit=1000")
        elif connection.vendor == "postgresql" and not connection.in_atomic_block:
            cursor.execute("VACUUM (ANALYZE)")  # VACUUM cannot run inside a transaction
            return
        cursor.execute("ANALYZE")
