"""SQL queries per page, counted in-process against one data set's database.

Run by bench/run.py as a subprocess with that data set's environment (DATABASE_URL etc.):

    python bench/queries.py --pages office,people --out result.json

Resolves each page's path (the resolvers need the database), requests it twice with Django's
test Client (the first request warms caches), and counts the queries of the second one with
CaptureQueriesContext. Logged-in pages use a session of `pages.BENCH_USER`. Writes
{"login_path": ..., "pages": {name: {path, status, queries, sql, error}}} as JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pages import BENCH_USER, PAGES


def count_queries(names: list[str]) -> dict:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sozialraum.settings")
    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from sozialraum.accounts.models import User

    # Raise the view's own exception, not the one of a failing error page.
    settings.DEBUG_PROPAGATE_EXCEPTIONS = True
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    def verify_second_factor(client: Client, user: User) -> None:
        """The session as django-otp leaves it after a right code (coordination needs one)."""
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is not None:
            session = client.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()

    host = settings.ALLOWED_HOSTS[0]
    user = User.objects.get(email=BENCH_USER)
    results: dict[str, dict] = {}
    for name in names:
        page = PAGES[name]
        result: dict = {"path": None, "status": None, "queries": None, "sql": [], "error": None}
        results[name] = result
        try:
            result["path"] = page.resolve()
            client = Client(SERVER_NAME=host, raise_request_exception=True)
            if not page.anonymous:
                client.force_login(user, backend="sozialraum.accounts.backends.ModelBackend")
                verify_second_factor(client, user)
            client.get(result["path"])  # warm-up: per-process caches, lazy imports
            with CaptureQueriesContext(connection) as captured:
                response = client.get(result["path"])
            result["status"] = response.status_code
            result["queries"] = len(captured)
            result["bytes"] = len(response.content)
            result["sql"] = [query["sql"] for query in captured.captured_queries]
        except Exception as error:
            result["error"] = f"{type(error).__name__}: {error}"
            result["traceback"] = traceback.format_exc(limit=-6)
    return {"login_path": reverse("accounts:login"), "pages": results}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", default=",".join(PAGES))
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    names = [name for name in args.pages.split(",") if name]
    Path(args.out).write_text(json.dumps(count_queries(names), indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
