"""The social space's glance reverses its organisation links once, and its kept HTML none
(issue 8)."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.urls import reverse

from sozialraum.network.models import OrganisationKind
from tests.helpers import count_reverses
from tests.network.conftest import make_organisation

pytestmark = pytest.mark.django_db


def test_it_reverses_the_glance_links_once(office_a, coordinator, space_a, client_for, monkeypatch):
    url = reverse("regions:social_space", kwargs={"office_slug": office_a.slug, "pk": space_a.pk})
    client = client_for(coordinator)
    first = make_organisation(office_a, coordinator, "Kita Eins", spaces=[space_a])
    assert f'href="{first.get_absolute_url()}"' in client.get(url).content.decode()
    kept = count_reverses(client, url, monkeypatch)  # the glance's HTML is kept
    cache.clear()
    few = count_reverses(client, url, monkeypatch)  # built again, with its links
    assert kept < few
    for kind in OrganisationKind.values:
        for n in range(4):
            make_organisation(office_a, coordinator, f"{kind} {n}", kind=kind, spaces=[space_a])
    cache.clear()
    assert count_reverses(client, url, monkeypatch) == few
    assert count_reverses(client, url, monkeypatch) == kept
    body = client.get(url).content.decode()
    directory = reverse("network:directory", kwargs={"office_slug": office_a.slug})
    assert f'href="{directory}?raum={space_a.pk}&amp;art=kita"' in body
