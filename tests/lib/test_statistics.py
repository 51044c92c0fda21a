"""lib/statistics.py: the planner's statistics, and on PostgreSQL a vacuum outside a
transaction (so an office's rows can be counted from an index)."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from sozialraum.lib import statistics


def statements(inside_transaction: bool) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        if inside_transaction:
            with transaction.atomic():
                statistics.refresh()
        else:
            statistics.refresh()
    # Without the transaction's own BEGIN and COMMIT.
    return [
        query["sql"]
        for query in captured.captured_queries
        if query["sql"] not in ("BEGIN", "BEGIN IMMEDIATE", "COMMIT")
    ]


@pytest.mark.django_db(transaction=True)
def test_it_analyses_and_on_postgresql_vacuums_outside_a_transaction():
    if connection.vendor == "postgresql":
        assert statements(inside_transaction=False) == ["VACUUM (ANALYZE)"]
        # VACUUM cannot run in a transaction block: there it only analyses.
        assert statements(inside_transaction=True) == ["ANALYZE"]
    else:
        expected = ["PRAGMA analysis_limit=1000", "ANALYZE"]
        assert statements(inside_transaction=False) == expected
        assert statements(inside_transaction=True) == expected
