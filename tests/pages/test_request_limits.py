"""Request bodies are capped before any login check; a 403 is logged in one line."""

from __future__ import annotations

import io
import logging
import time

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from sozialraum.lib.imports import MAX_BYTES
from sozialraum.middleware import body_limit_for

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")


class Exploding(io.RawIOBase):
    """A request body that fails the test as soon as anybody reads from it."""

    def readable(self) -> bool:
        return True

    def read(self, size=-1):
        raise AssertionError("the body was read")


def test_it_answers_a_300_mb_post_with_413_without_reading_the_body(client):
    started = time.monotonic()
    response = client.generic(
        "POST",
        LOGIN,
        b"",
        content_type="application/x-www-form-urlencoded",
        CONTENT_LENGTH=str(300 * 1024 * 1024),
        **{"wsgi.input": Exploding()},
    )
    assert response.status_code == 413
    assert time.monotonic() - started < 1
    page = response.content.decode()
    assert "Das war zu viel auf einmal" in page
    assert "1 MB" in page


def test_it_refuses_a_chunked_body_beyond_the_cap_while_reading(client):
    too_much = io.BytesIO(b"a" * (settings.REQUEST_BODY_MAX_BYTES + 10))
    response = client.generic(
        "POST",
        reverse("pages:accessibility"),
        b"",
        content_type="application/x-www-form-urlencoded",
        HTTP_TRANSFER_ENCODING="chunked",
        **{"wsgi.input": too_much},
    )
    assert response.status_code == 413
    # It stopped reading right after the cap.
    assert too_much.tell() <= settings.REQUEST_BODY_MAX_BYTES + 64 * 1024


def test_it_reads_a_small_chunked_body_as_a_form(mailoutbox):
    client = Client(enforce_csrf_checks=False)
    body = b"message=Der+Kontrast+ist+zu+schwach.&page=%2F&email="
    response = client.generic(
        "POST",
        reverse("pages:accessibility"),
        b"",
        content_type="application/x-www-form-urlencoded",
        HTTP_TRANSFER_ENCODING="chunked",
        CONTENT_TYPE="application/x-www-form-urlencoded",
        **{"wsgi.input": io.BytesIO(body)},
    )
    assert response.status_code == 302
    assert "Der Kontrast ist zu schwach." in mailoutbox[0].body


def test_it_normal_forms_keep_working(client, coordinator):
    response = client.post(LOGIN, {"username": coordinator.email, "password": "falsch-1"})
    assert response.status_code == 200


def test_it_the_import_upload_takes_files_up_to_the_import_limit(client_for, coordinator, office_a):
    url = reverse("network:import", kwargs={"office_slug": office_a.slug})
    assert body_limit_for(url) > MAX_BYTES
    assert body_limit_for(LOGIN) == settings.REQUEST_BODY_MAX_BYTES
    # A 2 MB file is above the general cap but goes through to the import form's own check.
    data = ("Name;Art\r\n" + "Kita;Kita\r\n" * 200_000).encode()
    assert settings.REQUEST_BODY_MAX_BYTES < len(data) < MAX_BYTES
    response = client_for(coordinator).post(url, {"file": SimpleUploadedFile("a.csv", data)})
    assert response.status_code in (200, 302)
    # The same size anywhere else is refused.
    other = client_for(coordinator).post(
        reverse("pages:accessibility"), {"file": SimpleUploadedFile("a.csv", data)}
    )
    assert other.status_code == 413


def test_it_a_403_is_logged_in_one_line_without_traceback(client_for, reader, office_a, caplog):
    url = reverse("access:list", kwargs={"office_slug": office_a.slug})
    with caplog.at_level(logging.WARNING):
        response = client_for(reader).get(url)
    assert response.status_code == 403
    lines = [record for record in caplog.records if "403" in record.getMessage()]
    assert [record.getMessage() for record in lines] == [f"403 GET {url} user={reader.pk}"]
    assert all(record.exc_info is None for record in caplog.records)
    assert not [record for record in caplog.records if record.name == "django.request"]


def test_it_answers_in_the_requests_language_not_the_last_one_active(client):
    """The 413 page comes before LocaleMiddleware: a language left active by an earlier request
    of the same worker must not decide it."""
    from django.utils import translation

    translation.activate("en")
    try:
        response = client.post(
            "/konto/anmelden/",
            data=b"x",
            content_type="application/octet-stream",
            CONTENT_LENGTH=str(300 * 1024 * 1024),
            HTTP_ACCEPT_LANGUAGE="de",
        )
    finally:
        translation.deactivate()
    assert response.status_code == 413
    assert "Das war zu viel auf einmal" in response.content.decode()
