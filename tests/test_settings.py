"""Settings from the environment: every malformed value stops start-up naming the variable."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from sozialraum import env

GOOD_KEY = "k" * 64


# The helpers in sozialraum.env ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("true", True),
        ("1", True),
        ("Ja", True),
        (" on ", True),
        ("false", False),
        ("0", False),
        ("nein", False),
        ("", False),
    ],
)
def test_it_reads_common_spellings_of_a_boolean(monkeypatch, value, expected):
    monkeypatch.setenv("SR_TEST_FLAG", value)
    assert env.env_bool("SR_TEST_FLAG", not expected) is expected


def test_it_uses_the_default_boolean_when_unset(monkeypatch):
    monkeypatch.delenv("SR_TEST_FLAG", raising=False)
    assert env.env_bool("SR_TEST_FLAG", True) is True


@pytest.mark.parametrize("value", ["vielleicht", "2", "yes please", "wahr"])
def test_it_refuses_anything_else_as_a_boolean(monkeypatch, value):
    monkeypatch.setenv("SR_TEST_FLAG", value)
    with pytest.raises(ImproperlyConfigured, match="SR_TEST_FLAG must be true or false"):
        env.env_bool("SR_TEST_FLAG")


def test_it_reads_numbers_and_checks_the_minimum(monkeypatch):
    monkeypatch.setenv("SR_TEST_NUMBER", " 25 ")
    assert env.env_int("SR_TEST_NUMBER", 1) == 25
    monkeypatch.setenv("SR_TEST_NUMBER", "zwei")
    with pytest.raises(ImproperlyConfigured, match="SR_TEST_NUMBER must be a whole number"):
        env.env_int("SR_TEST_NUMBER", 1)
    monkeypatch.setenv("SR_TEST_NUMBER", "0")
    with pytest.raises(ImproperlyConfigured, match="SR_TEST_NUMBER must be at least 1"):
        env.env_int("SR_TEST_NUMBER", 5, minimum=1)
    monkeypatch.setenv("SR_TEST_NUMBER", "")
    assert env.env_int("SR_TEST_NUMBER", 7) == 7


def test_it_can_require_a_string(monkeypatch):
    monkeypatch.delenv("SR_TEST_TEXT", raising=False)
    assert env.env_str("SR_TEST_TEXT", "vorgabe") == "vorgabe"
    with pytest.raises(ImproperlyConfigured, match="SR_TEST_TEXT must be set"):
        env.env_str("SR_TEST_TEXT", required=True)


def test_it_splits_lists_on_commas(monkeypatch):
    monkeypatch.setenv("SR_TEST_LIST", " a.example, ,b.example ")
    assert env.env_list("SR_TEST_LIST") == ["a.example", "b.example"]
    monkeypatch.delenv("SR_TEST_LIST")
    assert env.env_list("SR_TEST_LIST", ["x"]) == ["x"]


def test_it_names_the_allowed_values_of_a_choice(monkeypatch):
    monkeypatch.setenv("SR_TEST_CHOICE", "brieftaube")
    with pytest.raises(ImproperlyConfigured, match="SR_TEST_CHOICE must be one of smtp, file"):
        env.env_choice("SR_TEST_CHOICE", ("smtp", "file"), "smtp")
    monkeypatch.setenv("SR_TEST_CHOICE", "file")
    assert env.env_choice("SR_TEST_CHOICE", ("smtp", "file"), "smtp") == "file"


def test_it_reads_a_database_url_for_sqlite(monkeypatch, tmp_path):
    monkeypatch.setenv("SR_TEST_DB", "sqlite:///var/db.sqlite3")
    config = env.database_from_url("SR_TEST_DB", "", tmp_path)
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["NAME"] == str(tmp_path / "var" / "db.sqlite3")
    assert "journal_mode=WAL" in config["OPTIONS"]["init_command"]
    assert (config["CONN_MAX_AGE"], config["CONN_HEALTH_CHECKS"]) == (60, True)
    monkeypatch.setenv("SR_TEST_DB", "sqlite:////srv/data/db.sqlite3")
    assert env.database_from_url("SR_TEST_DB", "", tmp_path)["NAME"] == "/srv/data/db.sqlite3"


def test_it_reads_a_database_url_for_postgres(monkeypatch, tmp_path):
    monkeypatch.setenv(
        "SR_TEST_DB", "postgres://sr:ge%40heim@db.example:5433/sozialraum?sslmode=require"
    )
    config = env.database_from_url("SR_TEST_DB", "", tmp_path)
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["NAME"], config["USER"], config["PASSWORD"]) == ("sozialraum", "sr", "ge@heim")
    assert (config["HOST"], config["PORT"]) == ("db.example", "5433")
    assert config["OPTIONS"] == {"sslmode": "require"}


def test_it_uses_the_default_database_url_when_unset(monkeypatch, tmp_path):
    monkeypatch.delenv("SR_TEST_DB", raising=False)
    config = env.database_from_url("SR_TEST_DB", "sqlite:///x.sqlite3", tmp_path)
    assert config["NAME"] == str(tmp_path / "x.sqlite3")


@pytest.mark.parametrize(
    "url",
    [
        "mysql://root@localhost/sozialraum",
        "localhost:5432",
        "postgres://postgres@127.0.0.1:5432",
        "postgres://postgres@127.0.0.1:5432/",
        "sqlite://",
        "sqlite:///",
        "postgres://postgres@127.0.0.1:5432/db?conn_max_age=lange",
    ],
)
def test_it_names_the_variable_of_a_bad_database_url(monkeypatch, tmp_path, url):
    monkeypatch.setenv("SR_TEST_DB", url)
    with pytest.raises(ImproperlyConfigured, match="The environment variable SR_TEST_DB "):
        env.database_from_url("SR_TEST_DB", "", tmp_path)


# Start-up with a bad environment, in a fresh interpreter ----------------------------------------


def start_django(tmp_path: Path, **variables: str | None) -> subprocess.CompletedProcess:
    """Run `django.setup()` in production mode (not under pytest) with the given variables."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SOZIALRAUM_TESTING", "PYTEST_XDIST_WORKER", "PYTEST_CURRENT_TEST"}
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="sozialraum.settings",
        SOZIALRAUM_HOME=str(tmp_path),
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="sozialraum.example",
        DEBUG="false",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/sozialraum",
    )
    for key, value in variables.items():
        if value is None:
            environment.pop(key, None)
        else:
            environment[key] = value
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env=environment,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_it_starts_with_a_good_production_environment(tmp_path):
    result = start_django(tmp_path)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("variables", "sentence"),
    [
        (
            {"DATABASE_URL": "mysql://root@localhost/sozialraum"},
            "The environment variable DATABASE_URL must start with sqlite:// or postgres://",
        ),
        (
            {"DATABASE_URL": "postgres://postgres@127.0.0.1:5432"},
            "The environment variable DATABASE_URL must name a database",
        ),
        ({"DEBUG": "vielleicht"}, "The environment variable DEBUG must be true or false"),
        ({"HTTPS": "jein"}, "The environment variable HTTPS must be true or false"),
        ({"EMAIL_PORT": "fünf"}, "The environment variable EMAIL_PORT must be a whole number"),
        ({"EMAIL_BACKEND": "brieftaube"}, "The environment variable EMAIL_BACKEND must be one of"),
        ({"SECRET_KEY": None}, "The environment variable SECRET_KEY must be set."),
        ({"SECRET_KEY": "zu-kurz"}, "The environment variable SECRET_KEY must be at least 50"),
        ({"ALLOWED_HOSTS": None}, "The environment variable ALLOWED_HOSTS must name the host"),
        ({"LOGIN_FAILURE_LIMIT": "0"}, "The environment variable LOGIN_FAILURE_LIMIT must be at"),
        ({"TRUSTED_PROXY_COUNT": "-1"}, "The environment variable TRUSTED_PROXY_COUNT must be at"),
        ({"TRUSTED_PROXY_COUNT": "ein"}, "The environment variable TRUSTED_PROXY_COUNT must be a"),
    ],
)
def test_it_stops_start_up_on_a_bad_environment_with_one_sentence(tmp_path, variables, sentence):
    result = start_django(tmp_path, **variables)
    assert result.returncode != 0
    last_line = result.stderr.strip().splitlines()[-1]
    prefix = "django.core.exceptions.ImproperlyConfigured: "
    assert last_line.startswith(prefix), result.stderr
    message = last_line.removeprefix(prefix)
    assert message.startswith(sentence), message
    assert message.endswith("."), message
    name = sentence.split()[3]
    assert name in message


def test_it_stops_the_console_script_with_the_sentence_too(tmp_path):
    script = Path(sys.executable).with_name("sozialraum")
    if not script.exists():
        pytest.skip("console script not installed next to the interpreter")
    environment = {k: v for k, v in os.environ.items() if k != "SOZIALRAUM_TESTING"}
    environment.update(
        SOZIALRAUM_HOME=str(tmp_path),
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="sozialraum.example",
        DEBUG="false",
        DATABASE_URL="oracle://somewhere/db",
    )
    result = subprocess.run(
        [str(script), "check"],
        env=environment,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "The environment variable DATABASE_URL must start with" in result.stderr


def test_it_the_request_body_caps_are_set():
    from django.conf import settings

    from sozialraum.lib.imports import MAX_BYTES

    assert settings.MIDDLEWARE[0] == "sozialraum.middleware.request_body_limit"
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= settings.REQUEST_BODY_MAX_BYTES < MAX_BYTES
    assert settings.DATA_UPLOAD_MAX_NUMBER_FIELDS == 1000
    assert settings.TRUSTED_PROXY_COUNT == 0
