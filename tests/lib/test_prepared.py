"""lib/prepared.py: a query compiled once gives what the ORM gives, on every backend."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from sozialraum.accounts.models import OfficeRole
from sozialraum.lib.prepared import NotPreparable, Prepared
from sozialraum.regions.models import YouthOffice

pytestmark = pytest.mark.django_db

BY_SLUG = Prepared(lambda slug: YouthOffice.objects.filter(slug=slug), str)
ROLES = Prepared(
    lambda user_id: OfficeRole.objects.filter(user_id=user_id).values_list(
        "youth_office_id", "role", "organisation_id"
    ),
    int,
    rows=True,
)
VALID = Prepared(
    lambda key, now: Session.objects.filter(session_key=key, expire_date__gt=now), str, datetime
)


def fields_of(instance) -> dict:
    return {f.attname: getattr(instance, f.attname) for f in type(instance)._meta.concrete_fields}


def test_it_builds_the_same_instance_as_the_orm(office_a, office_b):
    for office in (office_a, office_b):
        prepared = BY_SLUG.first(office.slug)
        orm = YouthOffice.objects.get(slug=office.slug)
        assert fields_of(prepared) == fields_of(orm)
        assert prepared._state.adding is False
        assert prepared._state.db == "default"
    # A second call with another value runs the same SQL with that value.
    assert BY_SLUG.first(office_b.slug).pk == office_b.pk
    assert BY_SLUG.first("gibt-es-nicht") is None


def test_it_runs_one_query_per_call(office_a):
    BY_SLUG.first(office_a.slug)
    with CaptureQueriesContext(connection) as captured:
        BY_SLUG.first(office_a.slug)
    assert len(captured) == 1
    assert office_a.slug in captured.captured_queries[0]["sql"]


def test_it_gives_the_rows_of_values_list(coordinator, professional, office_a):
    for user in (coordinator, professional):
        expected = list(
            OfficeRole.objects.filter(user_id=user.pk).values_list(
                "youth_office_id", "role", "organisation_id"
            )
        )
        assert ROLES.all(user.pk) == expected
        assert expected


def test_it_treats_text_as_data_not_as_sql(office_a):
    assert BY_SLUG.first("x' OR '1'='1") is None
    assert BY_SLUG.first(office_a.slug + "%") is None


def test_it_compares_datetimes_as_the_orm_does():
    now = timezone.now()
    Session.objects.create(session_key="gueltig", session_data="x", expire_date=now + timedelta(1))
    Session.objects.create(session_key="abgelaufen", session_data="x", expire_date=now)
    assert VALID.first("gueltig", now).session_key == "gueltig"
    assert VALID.first("abgelaufen", now) is None
    assert VALID.first("abgelaufen", now - timedelta(seconds=1)).session_key == "abgelaufen"
    found = VALID.first("gueltig", now)
    assert found.expire_date == Session.objects.get(session_key="gueltig").expire_date
    assert timezone.is_aware(found.expire_date)


def test_it_leaves_other_values_to_the_orm(office_a, coordinator):
    assert BY_SLUG.first(None) is None  # the ORM's IS NULL
    assert ROLES.all(str(coordinator.pk)) == ROLES.all(coordinator.pk)
    naive = datetime(2030, 1, 1)
    with pytest.warns(RuntimeWarning):
        assert VALID.first("nichts", naive) is None


def test_it_refuses_what_it_cannot_compile(office_a):
    joined = Prepared(lambda pk: OfficeRole.objects.filter(pk=pk).select_related("user"), int)
    twice = Prepared(lambda slug: YouthOffice.objects.filter(slug=slug, name=slug), str)
    partial = Prepared(lambda slug: YouthOffice.objects.filter(slug=slug).only("name"), str)
    for prepared in (joined, twice, partial):
        with pytest.raises(NotPreparable):
            prepared.first(office_a.slug if prepared is not joined else 1)
    with pytest.raises(NotPreparable):
        Prepared(lambda value: YouthOffice.objects.all(), float)


def test_it_is_what_the_requests_use(client_for, coordinator, office_a):
    """The session, the user, the office and the roles of a request come through it, and the
    page still answers as that user in that office."""
    client = client_for(coordinator)
    response = client.get(f"/{office_a.slug}/")
    assert response.status_code == 200
    assert response.wsgi_request.user == coordinator
    assert response.wsgi_request.youth_office == office_a
