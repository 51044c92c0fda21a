"""lib.idempotency: a create form sent twice (double click, reload, parallel retries) creates one
record; the repeat is shown the first result."""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.db import connection, connections
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sozialraum.accounts.models import UsedFormToken
from sozialraum.accounts.retention import RULES
from sozialraum.lib import idempotency, retention
from sozialraum.network.models import Organisation
from tests.network.test_organisation_views import valid_data

pytestmark = pytest.mark.django_db


def create_url(office) -> str:
    return reverse("network:organisation_create", kwargs={"office_slug": office.slug})


def token_on(page: str) -> str:
    match = re.search(r'name="einmal" value="([^"]+)"', page)
    assert match, "the form carries no one-time token"
    return match.group(1)


def test_it_saves_a_form_sent_twice_once_and_shows_the_first_result(
    client_for, professional, office_a
):
    client = client_for(professional)
    token = token_on(client.get(create_url(office_a)).content.decode())
    first = client.post(create_url(office_a), {**valid_data(), "einmal": token})
    second = client.post(create_url(office_a), {**valid_data(), "einmal": token}, follow=True)
    org = Organisation.objects.get(name="Kita Sonnenschein")
    assert first["Location"] == org.get_absolute_url()
    assert second.redirect_chain == [(org.get_absolute_url(), 302)]
    assert "Das wurde schon gespeichert." in second.content.decode()
    assert Organisation.objects.filter(name="Kita Sonnenschein").count() == 1


def test_it_keeps_the_token_usable_when_the_form_had_errors(client_for, professional, office_a):
    client = client_for(professional)
    token = idempotency.new_token()
    invalid = client.post(create_url(office_a), {**valid_data(name=""), "einmal": token})
    assert invalid.status_code == 200
    assert token_on(invalid.content.decode()) == token
    assert not UsedFormToken.objects.exists()
    corrected = client.post(create_url(office_a), {**valid_data(), "einmal": token})
    assert corrected.status_code == 302
    assert Organisation.objects.filter(name="Kita Sonnenschein").count() == 1
    assert UsedFormToken.objects.get().url == corrected["Location"]


def test_it_handles_a_post_without_token_as_before(client_for, professional, office_a):
    response = client_for(professional).post(create_url(office_a), valid_data())
    assert response.status_code == 302
    assert Organisation.objects.filter(name="Kita Sonnenschein").count() == 1
    assert not UsedFormToken.objects.exists()


def test_it_does_not_show_another_users_result(client_for, professional, coordinator, office_a):
    token = idempotency.new_token()
    client_for(professional).post(create_url(office_a), {**valid_data(), "einmal": token})
    client = client_for(coordinator)
    response = client.post(create_url(office_a), {**valid_data(), "einmal": token})
    assert response["Location"] == create_url(office_a)
    assert ["schon verwendet" in str(m) for m in get_messages(response.wsgi_request)] == [True]
    assert Organisation.objects.filter(name="Kita Sonnenschein").count() == 1


@pytest.mark.parametrize(
    ("persona", "name", "kwargs"),
    [
        ("professional", "network:organisation_create", {}),
        ("professional", "network:person_create", {}),
        ("professional", "network:affiliation_create", {"pk": "person"}),
        ("coordinator", "network:organisation_invite_editor", {"pk": "org"}),
        ("coordinator", "regions:social_space_create", {}),
        ("coordinator", "access:list", {}),
    ],
)
def test_it_every_create_form_carries_a_token(
    request, client_for, office_a, org_a, person_a, persona, name, kwargs
):
    objects = {"person": person_a.pk, "org": org_a.pk}
    path = reverse(
        name, kwargs={"office_slug": office_a.slug, **{k: objects[v] for k, v in kwargs.items()}}
    )
    page = client_for(request.getfixturevalue(persona)).get(path).content.decode()
    assert token_on(page)


def test_it_the_operators_office_form_carries_a_token(client_for, operator):
    page = client_for(operator).get(reverse("operations:office_create") + "?kreis=03358")
    assert token_on(page.content.decode())


def test_it_forgets_used_tokens_after_a_day(professional):
    old = UsedFormToken.objects.create(token="a" * 32, user=professional, url="/x/")
    old.created_at = timezone.now() - timedelta(days=2)
    old.save()
    UsedFormToken.objects.create(token="b" * 32, user=professional, url="/y/")
    rule = next(rule for rule in RULES if rule.name == "form_tokens")
    assert retention.clean_up(only=[rule]) == {"form_tokens": 1}
    assert list(UsedFormToken.objects.values_list("url", flat=True)) == ["/y/"]


def _on_a_database_file(tmp_path, monkeypatch) -> None:
    """Threads of the test get their own connections. The in-memory SQLite test database shares
    one cache between them, whose table locks fail at once instead of waiting, so on SQLite the
    threads work on a file copy of the test database, as separate gunicorn workers would."""
    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        return
    path = tmp_path / "parallel.sqlite3"
    copy = sqlite3.connect(path)
    connection.ensure_connection()
    connection.connection.backup(copy)
    copy.close()
    monkeypatch.setitem(connection.settings_dict, "NAME", str(path))


def _in_threads(work: Callable[[], object], count: int) -> list[object]:
    """Run `work` in `count` threads that start together; their results (or errors)."""
    start = threading.Barrier(count)
    answers: list[object] = []

    def run() -> None:
        start.wait()
        try:
            answers.append(work())
        except Exception as error:  # reported by the caller's assertion, with the others
            answers.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


@pytest.mark.django_db(transaction=True)
def test_it_twenty_parallel_identical_posts_create_one_organisation(
    professional, office_a, tmp_path, monkeypatch
):
    data = {**valid_data(), "einmal": idempotency.new_token()}
    clients = []
    for _ in range(20):
        client = Client()
        client.force_login(professional)
        clients.append(client)
    _on_a_database_file(tmp_path, monkeypatch)

    answers = _in_threads(lambda: clients.pop().post(create_url(office_a), data)["Location"], 20)

    def created() -> list[str]:
        orgs = Organisation.objects.filter(name="Kita Sonnenschein")
        return [org.get_absolute_url() for org in orgs]

    [urls] = _in_threads(created, 1)  # reads the same database the requests wrote
    assert isinstance(urls, list) and len(urls) == 1
    assert answers == urls * 20
