"""Time the import of 10,000 organisations (issue 3): a first import, then a re-import that
changes every row. Runs on a fresh SQLite database in a temporary directory, and also on
PostgreSQL when DATABASE_URL is set (database sozialraum_bench_import, dropped afterwards).

    .venv/bin/python bench/import_time.py        (also part of `make bench`)
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROWS = 10_000
KINDS = ["Kita", "Schule", "Familienzentrum", "Beratungsstelle", "Verein", "Freier Träger"]
HEADER = (
    "Name;Art;Straße;PLZ;Ort;Gemeindeschlüssel;Telefon;E-Mail;Website;Sozialräume;"
    "Beschreibung;Kennung"
)


def excel_csv(spaces: list[str], version: str) -> bytes:
    """A CSV as German Excel saves it: Windows-1252, `;`, CRLF."""
    rows = [
        f"Organisation {n:05d};{KINDS[n % len(KINDS)]};Hauptstraße {n};29614;Soltau;03358021;"
        f"05191 {n:05d};info{n}@example.org;www.org{n}.example;"
        f'{spaces[n % len(spaces)]} | {spaces[(n + 1) % len(spaces)]};"Angebot {version}";ID-{n}'
        for n in range(ROWS)
    ]
    return "\r\n".join([HEADER, *rows, ""]).encode("cp1252")


def measure() -> None:
    """Runs inside a configured Django process (see main)."""
    import django

    django.setup()
    from django.core.management import call_command

    from sozialraum.accounts.models import OfficeRole, Role
    from sozialraum.network.imports import apply_import, parse_organisations
    from sozialraum.regions.models import SocialSpace, YouthOffice

    call_command("migrate", verbosity=0)
    call_command("demo", reset=True, verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    office = YouthOffice.objects.get(slug="heidekreis")
    actor = OfficeRole.objects.get(youth_office=office, role=Role.COORDINATION).user
    spaces = list(SocialSpace.objects.in_office(office).values_list("name", flat=True))
    backend = django.db.connection.vendor
    for label, version in (("first import", "A"), ("re-import, every row changed", "B")):
        data = excel_csv(spaces, version)
        started = time.perf_counter()
        preview = parse_organisations(data=data, filename="akteure.csv", office=office)
        parsed = time.perf_counter()
        if not preview.is_valid:
            raise SystemExit(f"import invalid: {preview.errors[:3]}")
        result = apply_import(preview=preview, office=office, actor=actor)
        done = time.perf_counter()
        print(
            f"{backend:10} {ROWS:,} organisations, {label}: parse+validate "
            f"{parsed - started:.2f} s, apply {done - parsed:.2f} s, total {done - started:.2f} s "
            f"({result.created} new, {result.updated} updated)"
        )


def _run(env: dict[str, str]) -> int:
    return subprocess.call([sys.executable, __file__, "--measure"], env=env)


def main() -> int:
    base = {
        **os.environ,
        "SECRET_KEY": "bench-" + "x" * 60,
        "ALLOWED_HOSTS": "127.0.0.1",
        "HTTPS": "false",
        "EMAIL_BACKEND": "memory",
        "TASKS_BACKEND": "immediate",
        "SOZIALRAUM_DEMO_PASSWORD": "bench-passwort-2026",
        "DJANGO_SETTINGS_MODULE": "sozialraum.settings",
    }
    status = 0
    with tempfile.TemporaryDirectory() as tmp:
        sqlite_file = str(Path(tmp) / "import.sqlite3").lstrip("/")
        status |= _run({**base, "DATABASE_URL": f"sqlite:////{sqlite_file}"})
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        import psycopg

        parts = urlsplit(url)
        name = "sozialraum_bench_import"
        admin = urlunsplit((parts.scheme, parts.netloc, "/postgres", "", ""))
        with psycopg.connect(admin.replace("postgres://", "postgresql://"), autocommit=True) as db:
            db.execute(f"DROP DATABASE IF EXISTS {name}")
            db.execute(f"CREATE DATABASE {name}")
        try:
            status |= _run({**base, "DATABASE_URL": urlunsplit((*parts[:2], f"/{name}", "", ""))})
        finally:
            with psycopg.connect(
                admin.replace("postgres://", "postgresql://"), autocommit=True
            ) as db:
                db.execute(f"DROP DATABASE IF EXISTS {name}")
    return status


if __name__ == "__main__":
    if "--measure" in sys.argv:
        measure()
    else:
        raise SystemExit(main())
