# ruff: noqa: E501  (the old template loop is quoted as it was)
"""The access list builds its rows in the view (issue 8): the same markup, URLs reversed once."""

from __future__ import annotations

import pytest
from django.template import engines
from django.urls import reverse
from django.utils import timezone, translation

from sozialraum.accounts import services
from sozialraum.accounts.models import Invitation, Role
from sozialraum.accounts.views import role_options
from tests.conftest import make_user
from tests.helpers import count_reverses

pytestmark = pytest.mark.django_db

PEOPLE = reverse("access:list", kwargs={"office_slug": "heidekreis"})

# The loop the template had before the options were built in the view.
OLD_LOOP = """
                    {% for value, label in roles %}
                      {% if value != "traeger" or value == role %}
                        <option value="{{ value }}"{% if value == role %} selected{% endif %}>{{ label }}</option>
                      {% endif %}
                    {% endfor %}"""


@pytest.mark.parametrize("language", ["de", "en"])
def test_it_renders_the_role_options_as_the_template_did(language):
    template = engines["django"].from_string(OLD_LOOP)
    with translation.override(language):
        for role in Role.values:
            old = template.render({"roles": Role.choices, "role": role})
            new = "\n" + " " * 20 + role_options(role)
            assert new == old, role


def test_it_reverses_the_row_urls_once_per_list(world, client_for, monkeypatch):
    client = client_for(world.coordinator)
    client.get(PEOPLE)
    few = count_reverses(client, PEOPLE, monkeypatch)
    for n in range(15):
        make_user(f"person{n}@example.org", f"Person {n}", office=world.office_a, role="lesend")
        services.invite(
            office=world.office_a,
            actor=world.coordinator,
            email=f"neu{n}@example.org",
            role="fachkraft",
        )
    assert count_reverses(client, PEOPLE, monkeypatch) == few


def test_it_still_marks_an_expired_invitation_and_its_date(world, client_for):
    invitation, _token = services.invite(
        office=world.office_a, actor=world.coordinator, email="alt@example.org", role="lesend"
    )
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timezone.timedelta(days=1)
    )
    body = client_for(world.coordinator).get(PEOPLE).content.decode()
    expired = timezone.localtime(timezone.now() - timezone.timedelta(days=1))
    assert expired.strftime("%d.%m.%Y") in body
    assert "abgelaufen" in body
    revoke = reverse(
        "access:revoke_invitation", kwargs={"office_slug": "heidekreis", "pk": invitation.pk}
    )
    assert f'action="{revoke}"' in body
