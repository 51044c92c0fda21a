"""The session's user is read with their roles in one query (accounts.backends, issue 8)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sozialraum.accounts.backends import ModelBackend
from sozialraum.accounts.models import OfficeRole, Role, User
from sozialraum.network.models import Organisation
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def fresh_roles(user: User) -> dict:
    return User.objects.get(pk=user.pk).roles_by_office()


def test_it_reads_the_user_and_all_roles_in_one_query(office_a, office_b):
    org = Organisation.objects.create(youth_office=office_b, name="Kita Regenbogen")
    user = make_user("zwei@example.org", "Zwei Ämter", office=office_a, role=Role.PROFESSIONAL)
    OfficeRole.objects.create(
        youth_office=office_b, user=user, role=Role.CARRIER_EDITOR, organisation=org
    )
    with CaptureQueriesContext(connection) as captured:
        found = ModelBackend().get_user(user.pk)
        roles = found.roles_by_office()
        assert found.role_in(office_a) == Role.PROFESSIONAL
        assert found.edited_organisation_id(office_b) == org.pk
    assert len(captured) == 1
    assert (
        roles
        == fresh_roles(user)
        == {
            office_a.pk: (Role.PROFESSIONAL, None),
            office_b.pk: (Role.CARRIER_EDITOR, org.pk),
        }
    )
    assert found.email == user.email and found.name == "Zwei Ämter"
    # The role's columns are not left on the user.
    assert not hasattr(found, "role_name") and not hasattr(found, "role_office_id")


def test_it_reads_a_user_without_roles_and_no_one_for_an_unknown_pk():
    user = make_user("ohne@example.org", "Ohne Rolle")
    found = ModelBackend().get_user(user.pk)
    assert found.pk == user.pk and found.roles_by_office() == {} == fresh_roles(user)
    assert ModelBackend().get_user(user.pk + 1000) is None


def test_it_refuses_an_inactive_user(office_a):
    user = make_user("aus@example.org", "Ausgeschieden", office=office_a, role=Role.READER)
    User.objects.filter(pk=user.pk).update(is_active=False)
    assert ModelBackend().get_user(user.pk) is None


def test_it_sees_a_changed_role_on_the_next_request(client_for, professional, office_a):
    client = client_for(professional)
    assert client.get(f"/{office_a.slug}/zugaenge/").status_code == 403
    OfficeRole.objects.filter(user=professional).update(role=Role.COORDINATION)
    # Now coordination: the access list asks for the second factor coordination needs.
    response = client.get(f"/{office_a.slug}/zugaenge/")
    assert response.status_code == 302 and "/konto/zwei-faktor/" in response["Location"]
    OfficeRole.objects.filter(user=professional).delete()
    assert client.get(f"/{office_a.slug}/").status_code == 404
