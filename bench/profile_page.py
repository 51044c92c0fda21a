"""Where a page's time goes: CPU per request in-process and a cProfile of it (issue 8).

Run against a data set that `bench/run.py --keep` left behind (or any database), with the
production settings the bench uses:

    DATABASE_URL=sqlite:////tmp/sozialraum-bench-XXXX/bench-100.sqlite3 \\
        .venv/bin/python bench/profile_page.py need_ranking team --requests 50 --top 25

For each page it requests the page a few times to warm up, then `--requests` times, and prints
the median CPU time per request (`time.process_time`, so other processes on the machine matter
little), the same for `/healthz` and the ratio, and with `--top N` the N functions with the
most own time (cProfile, sorted by tottime) and by cumulative time. The test client skips
gunicorn's HTTP parsing, so the ratio here is higher than the bench's; use it to find what to
cut, and `make bench` to judge the result. `--save DIR` writes each page's HTML (CSRF tokens
blanked) to compare the markup before and after a change.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import re
import secrets
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pages import BASELINE, BENCH_USER, PAGES

CSRF_TOKEN = re.compile(
    rb'(?<=name="csrfmiddlewaretoken" value=")[^"]+|(?<="X-CSRFToken": ")[^"]+'
    rb'|(?<=name="einmal" value=")[^"]+'
)


def setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sozialraum.settings")
    os.environ.setdefault("DEBUG", "false")
    os.environ.setdefault("HTTPS", "false")
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(64))
    os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.setdefault("EMAIL_BACKEND", "memory")
    os.environ.setdefault("TASKS_BACKEND", "immediate")
    # The manifest storage needs the collected files: those of the bench's working directory.
    database = os.environ.get("DATABASE_URL", "")
    if "STATIC_ROOT" not in os.environ and database.startswith("sqlite:///"):
        home = Path(database.removeprefix("sqlite://")).parent
        os.environ["STATIC_ROOT"] = str(home / "static")
        os.environ.setdefault("SOZIALRAUM_HOME", str(home))
    if "STATIC_ROOT" not in os.environ:
        raise SystemExit("set STATIC_ROOT to the static/ of a `bench/run.py --keep` directory")
    import django

    django.setup()


def client_for(page_name: str):
    from django.conf import settings
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from sozialraum.accounts.models import User

    client = Client(SERVER_NAME=settings.ALLOWED_HOSTS[0], raise_request_exception=True)
    if not PAGES[page_name].anonymous:
        user = User.objects.get(email=BENCH_USER)
        client.force_login(user, backend="sozialraum.accounts.backends.ModelBackend")
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is not None:
            session = client.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()
    return client


def cpu_per_request(client, path: str, requests: int) -> list[float]:
    times = []
    for _ in range(requests):
        start = time.process_time()
        response = client.get(path)
        times.append(time.process_time() - start)
        if response.status_code != 200:
            raise SystemExit(f"{path}: status {response.status_code}")
    return times


def sql_time(connection, sql: str, repeat: int = 20) -> tuple[float, float]:
    """The median CPU time this process spends running this statement (as the database saw
    it, parameters filled in) and fetching its rows, and the median wall time: on SQLite both
    are the query's work; on PostgreSQL the CPU is the client's share (what the bench counts)
    and the wall time includes the server's work and the round trip, during which a client
    that has to wait is put to sleep and woken again, which itself costs CPU on some machines.
    (0, 0) for what cannot be repeated (writes, savepoints)."""
    if not sql.lstrip().upper().startswith(("SELECT", "WITH")):
        return 0.0, 0.0
    cpu, wall = [], []
    with connection.cursor() as cursor:
        for _ in range(repeat):
            start, started = time.process_time(), time.perf_counter()
            cursor.execute(sql)
            cursor.fetchall()
            cpu.append(time.process_time() - start)
            wall.append(time.perf_counter() - started)
    return statistics.median(cpu), statistics.median(wall)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="+", help=f"of: {', '.join(PAGES)}")
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--top", type=int, default=0, help="print a profile with N lines")
    parser.add_argument(
        "--sql",
        action="store_true",
        help="print the SQL of one request, each with its CPU and wall time",
    )
    parser.add_argument(
        "--save", metavar="DIR", help="write each page's HTML to DIR/<page>.html (to compare)"
    )
    args = parser.parse_args()
    setup()
    import gc

    base_client = client_for(BASELINE)
    base_path = PAGES[BASELINE].resolve()
    cpu_per_request(base_client, base_path, 20)
    gc.freeze()  # as gunicorn's master does after loading (gunicorn.conf.py)
    base = statistics.median(cpu_per_request(base_client, base_path, 200))
    print(f"{BASELINE}: {base * 1000:.2f} ms CPU per request (in-process)")
    for name in args.pages:
        client = client_for(name)
        path = PAGES[name].resolve()
        cpu_per_request(client, path, 3)
        median = statistics.median(cpu_per_request(client, path, args.requests))
        content = client.get(path).content
        size = len(content)
        if args.save:
            folder = Path(args.save)
            folder.mkdir(parents=True, exist_ok=True)
            # The CSRF and submit-once tokens differ per request; everything else must not.
            (folder / f"{name}.html").write_bytes(CSRF_TOKEN.sub(b"CSRF", content))
        print(f"{name} {path}: {median * 1000:.2f} ms ({median / base:.1f}x), {size // 1024} KB")
        if args.sql:
            from django.db import connection
            from django.test.utils import CaptureQueriesContext

            with CaptureQueriesContext(connection) as captured:
                client.get(path)
            cpu_total = wall_total = 0.0
            queries = captured.captured_queries
            print("      CPU ms  wall ms")
            for number, query in enumerate(queries, 1):
                cpu, wall = sql_time(connection, query["sql"])
                cpu_total, wall_total = cpu_total + cpu, wall_total + wall
                print(f"  {number:2}. {cpu * 1000:6.3f} {wall * 1000:8.3f}  {query['sql'][:300]}")
            print(
                f"      {cpu_total * 1000:6.3f} {wall_total * 1000:8.3f}  in {len(queries)} queries"
            )
        if args.top:
            profiler = cProfile.Profile()
            profiler.enable()
            cpu_per_request(client, path, args.requests)
            profiler.disable()
            for key in ("tottime", "cumulative"):
                out = io.StringIO()
                stats = pstats.Stats(profiler, stream=out).sort_stats(key)
                stats.print_stats(args.top)
                print(out.getvalue().split("\n", 6)[-1])


if __name__ == "__main__":
    main()
