"""Typed reading of environment variables.

Every helper fails with one clear sentence naming the variable when a value is malformed, so a
misconfigured server stops at start-up instead of misbehaving later.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on", "ja"}
_FALSE = {"0", "false", "no", "off", "nein", ""}


def _raw(name: str) -> str | None:
    value = os.environ.get(name)
    return None if value is None else value.strip()


def env_str(name: str, default: str | None = None, *, required: bool = False) -> str:
    value = _raw(name)
    if value is None or value == "":
        if required:
            raise ImproperlyConfigured(f"The environment variable {name} must be set.")
        return default or ""
    return value


def env_bool(name: str, default: bool = False) -> bool:
    value = _raw(name)
    if value is None:
        return default
    lowered = value.lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"The environment variable {name} must be true or false, not {value!r}."
    )


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    value = _raw(name)
    if value is None or value == "":
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(
            f"The environment variable {name} must be a whole number, not {value!r}."
        ) from None
    if minimum is not None and number < minimum:
        raise ImproperlyConfigured(
            f"The environment variable {name} must be at least {minimum}, not {number}."
        )
    return number


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    value = _raw(name)
    if value is None or value == "":
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]


def env_choice(name: str, choices: tuple[str, ...], default: str) -> str:
    value = _raw(name)
    if value is None or value == "":
        return default
    if value not in choices:
        allowed = ", ".join(choices)
        raise ImproperlyConfigured(
            f"The environment variable {name} must be one of {allowed}, not {value!r}."
        )
    return value


def database_from_url(name: str, default: str, base_dir: Path) -> dict:
    """Turn DATABASE_URL (sqlite:///path or postgres://user:pw@host:port/db) into a Django dict."""
    url = _raw(name) or default
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "sqlite":
        path = unquote(parts.path)
        if url.startswith("sqlite:////"):
            db_path = Path("/" + path.lstrip("/"))
        elif path in ("", "/"):
            raise ImproperlyConfigured(
                f"The environment variable {name} names no SQLite file; "
                "use sqlite:///relative/path.sqlite3 or sqlite:////absolute/path.sqlite3."
            )
        else:
            db_path = base_dir / path.lstrip("/")
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(db_path),
            "OPTIONS": {
                # WAL lets readers work while one writer writes; IMMEDIATE takes the write lock
                # at the start of a transaction, so concurrent writers wait instead of failing.
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                    "PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000;"
                ),
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
            "TEST": {"NAME": None},
            # Keep the connection (and its PRAGMAs) across requests, as on PostgreSQL: opening
            # it costs 0.8-1.9 ms per request (issue 8). Health checks drop a broken one.
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
        }
    if scheme in ("postgres", "postgresql", "pgsql"):
        if not parts.path or parts.path == "/":
            raise ImproperlyConfigured(
                f"The environment variable {name} must name a database, "
                "e.g. postgres://user@host:5432/sozialraum."
            )
        options = {key: values[-1] for key, values in parse_qs(parts.query).items()}
        try:
            conn_max_age = int(options.pop("conn_max_age", "60"))
        except ValueError:
            raise ImproperlyConfigured(
                f"The environment variable {name} must give conn_max_age in whole seconds."
            ) from None
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parts.path.lstrip("/")),
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(parts.port or ""),
            "CONN_MAX_AGE": conn_max_age,
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": options,
        }
    raise ImproperlyConfigured(
        f"The environment variable {name} must start with sqlite:// or postgres://, "
        f"not {scheme or url!r}."
    )
