"""A role carries its user's sort key, so the access list is read in name order from an index
(accounts.models.OfficeRole.user_sort_key, issue 8)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sozialraum.accounts.models import OfficeRole, Role, User
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def keys_of(user: User) -> set[str]:
    return set(OfficeRole.objects.filter(user=user).values_list("user_sort_key", flat=True))


def test_it_copies_the_key_and_follows_a_rename(office_a, office_b):
    user = make_user("meyer@example.org", "Katrin Meyer", office=office_a, role=Role.READER)
    OfficeRole.objects.create(youth_office=office_b, user=user, role=Role.PROFESSIONAL)
    assert keys_of(user) == {user.sort_key} and user.sort_key.startswith("meyer")
    loaded = User.objects.get(pk=user.pk)
    loaded.name = "Katrin Albers"
    loaded.save(update_fields=["name"])
    assert keys_of(user) == {User.objects.get(pk=user.pk).sort_key}
    assert next(iter(keys_of(user))).startswith("albers")


def test_it_touches_no_role_when_the_name_stays(office_a):
    user = make_user("ohne@example.org", "Ohne Änderung", office=office_a, role=Role.READER)
    loaded = User.objects.get(pk=user.pk)
    with CaptureQueriesContext(connection) as captured:
        loaded.save(update_fields=["last_login"])
    assert not any("accounts_officerole" in q["sql"] for q in captured.captured_queries)


def test_it_lists_the_access_list_by_surname_after_a_rename(client_for, coordinator, office_a):
    make_user("a@example.org", "Berta Zander", office=office_a, role=Role.READER)
    make_user("b@example.org", "Anton Mahler", office=office_a, role=Role.READER)
    client = client_for(coordinator)
    html = client.get(f"/{office_a.slug}/zugaenge/").content.decode()
    assert html.index("Anton Mahler") < html.index("Berta Zander")
    renamed = User.objects.get(email="a@example.org")
    renamed.name = "Berta Albers"
    renamed.save()
    html = client.get(f"/{office_a.slug}/zugaenge/").content.decode()
    assert html.index("Berta Albers") < html.index("Anton Mahler")
