"""Concurrent allocations at one budget: threads with their own database connections, as
separate gunicorn workers would have. The committed sum never exceeds the budget; every
refused allocation gets the German message naming the budget and what is left; pooled
allocations over the same two budgets in opposite orders do not deadlock.

On PostgreSQL the rows are locked (select_for_update in id order) and the CHECK constraint is
the last word; on SQLite the IMMEDIATE transactions serialise the writers, which this shows on
a file copy of the test database (the in-memory test database's shared cache fails table locks
at once instead of waiting)."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.db import connection, connections

from sozialraum.lib.errors import InvalidData
from sozialraum.planning import budget_services as services
from sozialraum.planning.budget_models import Allocation, AllocationShare, Budget
from tests.planning.budget_world import D, make_budget, make_measure

THREADS = 20


def use_a_database_file(tmp_path, monkeypatch) -> None:
    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        return
    path = tmp_path / "concurrent.sqlite3"
    copy = sqlite3.connect(path)
    connection.ensure_connection()
    connection.connection.backup(copy)
    copy.close()
    monkeypatch.setitem(connection.settings_dict, "NAME", str(path))


def in_threads(works: list[Callable[[], object]]) -> list[object]:
    """Run each work in its own thread, all starting together; results or errors."""
    start = threading.Barrier(len(works))
    answers: list[object] = [None] * len(works)

    def run(index: int) -> None:
        start.wait()
        try:
            answers[index] = works[index]()
        except Exception as error:  # reported by the caller's assertions
            answers[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(len(works))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def _read(budget_ids: list[int]) -> list[Budget]:
    [found] = in_threads([lambda: list(Budget.objects.filter(pk__in=budget_ids).order_by("pk"))])
    assert isinstance(found, list)
    return found


@pytest.mark.django_db(transaction=True)
def test_it_twenty_allocations_at_once_never_over_commit(office_a, space_a, tmp_path, monkeypatch):
    budget = make_budget(space_a, "10000.00")
    measures = [make_measure(office_a, f"Maßnahme {n}") for n in range(THREADS)]
    use_a_database_file(tmp_path, monkeypatch)

    def work(measure) -> Callable[[], object]:
        return lambda: services.allocate(measure=measure, shares=[(budget, D("1500.00"))], by=None)

    answers = in_threads([work(m) for m in measures])
    done = [a for a in answers if isinstance(a, Allocation)]
    refused = [a for a in answers if isinstance(a, InvalidData)]
    assert len(done) + len(refused) == THREADS, [a for a in answers if a not in done + refused]
    assert len(done) == 6  # 6 x 1.500 = 9.000; a seventh would be 10.500
    [saved] = _read([budget.pk])
    assert saved.committed == Decimal("9000.00") <= saved.planned
    message = refused[0].errors[services.share_field(budget)][0]
    assert "Im Budget Soltau/Wietzendorf 2026 sind nur noch 1.000,00 € verfügbar" in message
    [shares] = in_threads([lambda: AllocationShare.objects.count()])
    assert shares == 6


@pytest.mark.django_db(transaction=True)
def test_it_pooled_allocations_over_two_budgets_at_once_do_not_deadlock(
    office_a, space_a, space_a2, tmp_path, monkeypatch
):
    a, b = make_budget(space_a, "5000.00"), make_budget(space_a2, "5000.00")
    measures = [make_measure(office_a, f"Gemeinsam {n}") for n in range(10)]
    use_a_database_file(tmp_path, monkeypatch)

    def work(n: int) -> Callable[[], object]:
        pairs = [(a, D("700.00")), (b, D("300.00"))]
        return lambda: services.allocate(
            measure=measures[n], shares=pairs if n % 2 else pairs[::-1], by=None
        )

    answers = in_threads([work(n) for n in range(10)])
    done = [x for x in answers if isinstance(x, Allocation)]
    assert all(isinstance(x, Allocation | InvalidData) for x in answers), answers
    assert len(done) == 7  # 7 x 700 = 4.900 of budget a
    first, second = _read([a.pk, b.pk])
    assert (first.committed, second.committed) == (D("4900.00"), D("2100.00"))
