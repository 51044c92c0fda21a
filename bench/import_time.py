"""Time the import of 10,000 organisations (issue 3): a first import, then a re-import that
changes every row. Runs on a fresh SQLite database in a temporary directory, and also on
PostgreSQL when DATABASE_URL is set (database sozialraum_bench_import, dropped afterwards).

Then the hostile files of bench/bad_import_files.py (issue 7, point 6), each in a process of its
own on the SQLite database: upload and preview through the real views (as the coordinator), with
time (one run), peak memory (a second run under tracemalloc: the most the upload and the
preview allocated at once; the process's maximum resident set from getrusage beside it) and the
size of the preview page. Each must stay within BAD_FILE_SECONDS and BAD_FILE_MEGABYTES and show its
German message; the script exits non-zero otherwise.

    .venv/bin/python bench/import_time.py        (also part of `make bench`)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bad_import_files import bad_files

ROWS = 10_000
BAD_FILE_SECONDS = 10.0  # upload + preview, on a machine shared with other work
BAD_FILE_MEGABYTES = 100.0
# What the preview of each hostile file must say (the file's label in bad_files()).
BAD_FILE_EXPECTED = {
    "wide row (3,000,000 cells)": "In Zeile 2 stehen Werte in mehr als 100 Spalten.",
    "8,300,000 empty rows": "Die Datei ist in Ordnung: 1 neu",
    "empty rows, then a value": "Unterhalb von Zeile 100.000 stehen noch Werte.",
    "16,384 columns": "In Zeile 1 stehen Werte in mehr als 100 Spalten.",
    "4,000,000 shared strings": "Die Tabelle hat mehr als 1.000.000 Zellen",
    "one cell of 40 MB text": "Eine Zelle enthält mehr als 100.000 Zeichen.",
    "1,500 names, one duplicate key": "… und 1.399 weitere Hinweise.",
    "CSV line of 5,000,000 fields": "Zeile 2 enthält mehr als 10.000 Trennzeichen.",
}
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
    from sozialraum.network.imports import (
        apply_import,
        parse_organisations,
        plan_to_json,
        preview_from_json,
    )
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
        stored = time.perf_counter()
        plan = json.dumps(plan_to_json(preview))
        restored = preview_from_json(json.loads(plan))
        if restored is None or restored.created != preview.created:
            raise SystemExit("the stored plan differs from the preview")
        planned = time.perf_counter()
        result = apply_import(preview=preview, office=office, actor=actor)
        done = time.perf_counter()
        print(
            f"{backend:10} stored plan of {ROWS:,} rows: {len(plan) / 1024 / 1024:.1f} MB JSON, "
            f"stored and read back in {planned - stored:.2f} s"
        )
        total = (parsed - started) + (done - planned)
        print(
            f"{backend:10} {ROWS:,} organisations, {label}: parse+validate "
            f"{parsed - started:.2f} s, apply {done - planned:.2f} s, total {total:.2f} s "
            f"({result.created} new, {result.updated} updated)"
        )


def measure_bad_file(label: str, path: str) -> int:
    """Runs inside a configured Django process on the database `measure` made."""
    import resource
    import tracemalloc
    import warnings

    import django

    warnings.filterwarnings("ignore", message="No directory at")  # whitenoise: no collectstatic

    django.setup()
    from django.test import Client, override_settings
    from django.urls import reverse

    from sozialraum.accounts.models import OfficeRole, Role
    from sozialraum.network.models import PendingImport
    from sozialraum.regions.models import YouthOffice

    def peak_mb() -> float:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux

    office = YouthOffice.objects.get(slug="heidekreis")
    coordinator = OfficeRole.objects.get(youth_office=office, role=Role.COORDINATION).user
    # Plain static files: the pages need no collectstatic for this.
    plain = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    override_settings(STORAGES={**django.conf.settings.STORAGES, "staticfiles": plain}).enable()
    client = Client()
    client.force_login(coordinator)
    upload_url = reverse("network:import", kwargs={"office_slug": office.slug})
    client.get(upload_url)  # warm up: templates, translations
    data = Path(path).read_bytes()

    def upload_and_preview():
        with open(path, "rb") as handle:
            response = client.post(upload_url, {"file": handle})
        uploaded = time.perf_counter()
        return uploaded, client.get(response["Location"])

    # Once timed, once with tracemalloc (which slows Python down) for the peak of memory.
    started = time.perf_counter()
    uploaded, preview = upload_and_preview()
    done = time.perf_counter()
    PendingImport.objects.all().delete()
    tracemalloc.start()
    upload_and_preview()
    grown = tracemalloc.get_traced_memory()[1] / 1024 / 1024
    tracemalloc.stop()
    peak = peak_mb()
    content = preview.content.decode()
    expected = BAD_FILE_EXPECTED[label]
    problems = []
    if expected not in content:
        problems.append(f"preview lacks {expected!r}")
    if done - started > BAD_FILE_SECONDS:
        problems.append(f"took longer than {BAD_FILE_SECONDS:.0f} s")
    if grown > BAD_FILE_MEGABYTES:
        problems.append(f"took more than {BAD_FILE_MEGABYTES:.0f} MB")
    PendingImport.objects.all().delete()
    print(
        f"{label:32} {len(data) / 1024:7.0f} KB  upload {uploaded - started:5.2f} s  "
        f"preview {done - uploaded:5.2f} s  peak {grown:5.1f} MB (process {peak:3.0f} MB)  page "
        f"{len(content) / 1024:5.0f} KB  {'; '.join(problems) or 'ok: ' + expected}"
    )
    return 1 if problems else 0


def _run(env: dict[str, str], *args: str) -> int:
    return subprocess.call([sys.executable, __file__, *(args or ("--measure",))], env=env)


def _run_bad_files(env: dict[str, str], directory: Path) -> int:
    print(
        f"Hostile import files (bench/bad_import_files.py), bounds {BAD_FILE_SECONDS:.0f} s and "
        f"{BAD_FILE_MEGABYTES:.0f} MB each:"
    )
    status = 0
    env = {**env, "ALLOWED_HOSTS": "127.0.0.1,testserver"}
    for label, (filename, data) in bad_files().items():
        path = directory / filename
        path.write_bytes(data)
        status |= _run(env, "--bad-file", label, str(path))
        path.unlink()
    return status


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
        sqlite = {**base, "DATABASE_URL": f"sqlite:////{sqlite_file}"}
        status |= _run(sqlite)
        status |= _run_bad_files(sqlite, Path(tmp))
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
    elif "--bad-file" in sys.argv:
        raise SystemExit(measure_bad_file(sys.argv[2], sys.argv[3]))
    else:
        raise SystemExit(main())
