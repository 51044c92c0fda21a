"""lib/prepared.py: a query compiled once gives what the ORM gives, on every backend."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.db.models import Count, Min, OuterRef, Subquery
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from sozialraum.accounts.models import OfficeRole, User
from sozialraum.lib.prepared import NotPreparable, Prepared, attach, attach_related, counting
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


def test_it_refuses_what_it_cannot_compile(office_a, coordinator):
    twice = Prepared(lambda slug: YouthOffice.objects.filter(slug=slug, name=slug), str)
    partial = Prepared(lambda slug: YouthOffice.objects.filter(slug=slug).only("name"), str)
    deferred = Prepared(lambda slug: YouthOffice.objects.filter(slug=slug).defer("name"), str)
    prefetched = Prepared(
        lambda slug: YouthOffice.objects.filter(slug=slug).prefetch_related("social_spaces"), str
    )
    values = Prepared(lambda slug: YouthOffice.objects.filter(slug=slug).values("name"), str)
    for prepared in (twice, partial, deferred, prefetched, values):
        with pytest.raises(NotPreparable):
            prepared.first(office_a.slug)
    managed = Prepared(lambda role: coordinator.office_role_set.filter(role=role), str)
    with pytest.raises(NotPreparable):
        managed.first("coordination")
    with pytest.raises(NotPreparable):
        Prepared(lambda value: YouthOffice.objects.all(), float)


ROLES_WITH = Prepared(
    lambda user_id: (
        OfficeRole.objects.filter(user_id=user_id)
        .select_related("user", "youth_office", "organisation")
        .order_by("pk")
    ),
    int,
)
ROLES_BY_EMAIL = Prepared(
    lambda email: (
        OfficeRole.objects.filter(user__email=email).select_related("youth_office").order_by("pk")
    ),
    str,
)


def _counted():
    return User.objects.annotate(
        roles=Count("office_role_set"), first_office=Min("office_role_set__youth_office__name")
    )


ROLES_COUNTED = Prepared(lambda email: _counted().filter(email=email), str)
ROLE_NAMES = Prepared(
    lambda user_id: (
        OfficeRole.objects.filter(user_id=user_id)
        .values_list("user__email", "youth_office__name", "organisation__name")
        .order_by("pk")
    ),
    int,
    rows=True,
)


def test_it_builds_the_joined_instances_as_the_orm_does(coordinator, professional):
    """select_related: the related instances are there (no query when used), a nullable
    relation that is empty is None, as with the ORM."""
    for user in (coordinator, professional):
        expected = list(
            OfficeRole.objects.filter(user_id=user.pk)
            .select_related("user", "youth_office", "organisation")
            .order_by("pk")
        )
        found = ROLES_WITH.all(user.pk)
        assert [fields_of(r) for r in found] == [fields_of(r) for r in expected]
        assert expected
        with CaptureQueriesContext(connection) as captured:
            for prepared, orm in zip(found, expected, strict=True):
                assert fields_of(prepared.user) == fields_of(orm.user)
                assert fields_of(prepared.youth_office) == fields_of(orm.youth_office)
                if orm.organisation is None:
                    assert prepared.organisation is None
                else:
                    assert fields_of(prepared.organisation) == fields_of(orm.organisation)
        assert len(captured) == 0
    assert ROLES_WITH.all(0) == []


def test_it_filters_across_relations(coordinator, office_a):
    found = ROLES_BY_EMAIL.all(coordinator.email)
    assert [r.pk for r in found] == list(
        OfficeRole.objects.filter(user=coordinator).order_by("pk").values_list("pk", flat=True)
    )
    assert found[0].youth_office.slug == office_a.slug
    assert ROLES_BY_EMAIL.all("niemand@example.org") == []


def test_it_sets_the_annotations(coordinator, professional, office_a):
    for user in (coordinator, professional):
        found = ROLES_COUNTED.first(user.email)
        expected = _counted().get(pk=user.pk)
        assert (found.roles, found.first_office) == (expected.roles, expected.first_office)
        assert fields_of(found) == fields_of(expected)
    assert ROLES_COUNTED.first(coordinator.email).roles > 0


def test_it_gives_joined_columns_as_rows(coordinator, professional):
    for user in (coordinator, professional):
        assert ROLE_NAMES.all(user.pk) == list(
            OfficeRole.objects.filter(user_id=user.pk)
            .values_list("user__email", "youth_office__name", "organisation__name")
            .order_by("pk")
        )


def test_it_is_what_the_requests_use(client_for, coordinator, office_a):
    """The session, the user, the office and the roles of a request come through it, and the
    page still answers as that user in that office."""
    client = client_for(coordinator)
    response = client.get(f"/{office_a.slug}/")
    assert response.status_code == 200
    assert response.wsgi_request.user == coordinator
    assert response.wsgi_request.youth_office == office_a


def test_it_attaches_the_children_where_a_prefetch_would(coordinator, professional):
    users = [User.objects.get(pk=coordinator.pk), User.objects.get(pk=professional.pk)]
    expected = {
        user.pk: list(
            User.objects.prefetch_related("office_role_set").get(pk=user.pk).office_role_set.all()
        )
        for user in users
    }
    roles = list(OfficeRole.objects.filter(user__in=users).order_by("-pk"))
    attach(users, "office_role_set", roles)
    with CaptureQueriesContext(connection) as captured:
        for user in users:
            attached = list(user.office_role_set.all())
            assert sorted(r.pk for r in attached) == sorted(r.pk for r in expected[user.pk])
            assert [r.pk for r in attached] == sorted((r.pk for r in attached), reverse=True)
            assert all(role.user is user for role in attached)
    assert len(captured) == 0
    # Anything beyond .all() is a query of its own, scoped to the parent as always.
    first = users[0]
    assert set(first.office_role_set.filter(pk__gt=0)) == set(expected[first.pk])


def test_it_attaches_only_through_a_reverse_foreign_key(coordinator, professional):
    role = OfficeRole.objects.filter(user=coordinator).first()
    with pytest.raises(NotPreparable):
        attach([role], "user", [coordinator])
    with pytest.raises(ValueError, match="none of the parents"):
        attach([coordinator], "office_role_set", list(OfficeRole.objects.filter(user=professional)))
    attach([], "office_role_set", [])


def test_it_attaches_the_rows_of_a_many_to_many_relation(coordinator):
    from django.contrib.auth.models import Group

    group = Group.objects.create(name="Gruppe")
    coordinator.groups.add(group)
    user = User.objects.get(pk=coordinator.pk)
    attach_related(user, "groups", list(Group.objects.filter(user=user.pk)))
    with CaptureQueriesContext(connection) as captured:
        assert list(user.groups.all()) == [group]
    assert len(captured) == 0
    assert user.groups.filter(name="Gruppe").get() == group  # a query of its own, scoped


COUNTED_ROLES = Prepared(
    lambda office_id: counting(OfficeRole.objects.filter(youth_office_id=office_id)),
    int,
    rows=True,
)


def test_it_counts_as_count_does_without_a_group_by(coordinator, professional, office_a, office_b):
    empty = YouthOffice.objects.create(name="Jugendamt ohne Zugänge", slug="ohne-zugaenge")
    for office in (office_a, office_b, empty):
        expected = OfficeRole.objects.filter(youth_office=office).count()
        assert COUNTED_ROLES.all(office.pk) == [(expected,)]
    assert OfficeRole.objects.filter(youth_office=office_a).count() >= 2
    with CaptureQueriesContext(connection) as captured:
        COUNTED_ROLES.all(office_a.pk)
    sql = captured.captured_queries[0]["sql"]
    assert "COUNT(*)" in sql and "GROUP BY" not in sql and "ORDER BY" not in sql


def test_it_counts_in_a_correlated_subquery_with_zero_for_none(coordinator, professional):
    empty = YouthOffice.objects.create(name="Jugendamt ohne Zugänge", slug="ohne-zugaenge")
    roles = counting(OfficeRole.objects.filter(youth_office=OuterRef("pk")))
    counted = dict(YouthOffice.objects.annotate(n=Subquery(roles)).values_list("pk", "n"))
    expected = {
        office.pk: OfficeRole.objects.filter(youth_office=office).count()
        for office in YouthOffice.objects.all()
    }
    assert counted == expected
    assert counted[empty.pk] == 0 and max(counted.values()) >= 2
