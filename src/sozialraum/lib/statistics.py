"""The query planner's statistics (ANALYZE).

Without statistics, SQLite's planner treats every index as equally selective. A tenant query
such as "open tasks of these people in this youth office" then walks the youth office's index
(tens of thousands of rows) instead of the one on the responsible person (a handful): "Meine
Aufgaben" cost 7.6 ms at scale 1 and 48 ms at scale 100 until the statistics existed (issue 8).
PostgreSQL's autovacuum analyses by itself, but not at once after a bulk load. So the demo runs
this after loading its data, and `sozialraum cleanup` (daily) keeps it current.
"""

from __future__ import annotations

from django.db import connection


def refresh() -> None:
    """Update the planner's statistics of every table (bounded sampling on SQLite)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            # Sample at most ~1,000 rows per index: fast on large tables, good enough to plan.
            cursor.execute("PRAGMA analysis_limit=1000")
        cursor.execute("ANALYZE")
