"""The query-count helpers of tests/helpers.py state the exact number and list the queries."""

from __future__ import annotations

import pytest
from django.http import HttpResponse

from sozialraum.accounts.models import User
from tests.conftest import make_user
from tests.helpers import assert_queries_constant, count_queries

pytestmark = pytest.mark.django_db

OFFICE = "/heidekreis/"


def test_it_counts_the_queries_of_a_page(world, client_for):
    queries = count_queries(client_for(world.reader), OFFICE, expected=6)
    assert len(queries) == 6
    assert all(query.startswith("SELECT") for query in queries)


def test_it_names_and_lists_the_queries_when_the_count_is_not_the_stated_one(world, client_for):
    with pytest.raises(AssertionError) as failure:
        count_queries(client_for(world.reader), OFFICE, expected=5)
    message = str(failure.value)
    assert message.startswith(f"GET {OFFICE}: 6 queries, expected 5:")
    assert '  1. SELECT "django_session"' in message
    assert "  6. SELECT" in message


def test_it_fails_on_a_constant_count_that_is_not_the_stated_one(world, client_for):
    with pytest.raises(AssertionError) as failure:
        assert_queries_constant(client_for(world.reader), OFFICE, lambda: None, expected=7)
    message = str(failure.value)
    assert "expected 7 queries; 6 before growing the data, 6 after." in message
    assert "--- 6 queries before:" in message and "--- 6 queries after:" in message


class PageWithOneQueryPerUser:
    """A stand-in for a test client whose page runs one query per user: an N+1."""

    def get(self, url: str) -> HttpResponse:
        for user in User.objects.all():
            User.objects.filter(pk=user.pk).exists()
        return HttpResponse("ok")


def test_it_fails_on_a_count_that_grows_with_the_data(db):
    make_user("eins@example.org", "Eins")

    def grow():
        make_user("zwei@example.org", "Zwei")

    with pytest.raises(AssertionError) as failure:
        assert_queries_constant(PageWithOneQueryPerUser(), "/n-plus-eins/", grow, expected=2)
    message = str(failure.value)
    assert "expected 2 queries; 2 before growing the data, 3 after." in message
    assert message.count('FROM "accounts_user"') == 5  # 2 listed before, 3 after
