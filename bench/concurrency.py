"""Twenty simultaneous allocations at one budget over HTTP (issue 11, "Measured").

On SQLite and (when DATABASE_URL names a PostgreSQL server) on PostgreSQL: a fresh database with
the demo, one budget of 10.000 € for the first Heidekreis social space in a year nobody else
uses, twenty approved measures; gunicorn with production settings; the coordinator logs in
(password, then the demo's TOTP code) and twenty threads POST the allocation form of one
measure each at the same moment, 1.500 € each from that budget. Only six fit.

Reported per database: how many were committed (302), how many were refused with a clear
answer (the form again, status 200, with the German message naming the budget and what is
left), anything else (an error); the committed sum read back through the read API; whether it
stays within the budget. Exits non-zero if the sum exceeds the budget, if the sum is not
exactly the accepted allocations, or if any answer was neither.

    .venv/bin/python bench/concurrency.py          (also part of `make bench`)
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import requests
from load import log_in
from server import REPO, Backend, PostgresBackend, Server, build, collectstatic, production_env

from pages import BENCH_OFFICE, BENCH_USER, DEMO_TOTP_SECRET

REQUESTS = 20
BUDGET = Decimal("10000.00")
EACH = Decimal("1500.00")
YEAR = 2099  # a year no demo budget uses
WORKERS = 4  # more workers than the load pages use: the requests should really overlap
REFUSAL = re.compile(r"Im Budget (?P<budget>[^<]+?) sind nur noch (?P<left>[\d.,]+)\s*€ verfügbar")
_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def setup() -> None:
    """Inside Django (env of the data set): the budget and the measures; prints JSON."""
    import django

    django.setup()
    from datetime import date

    from sozialraum.network.models import Organisation
    from sozialraum.planning.budget_models import Budget
    from sozialraum.planning.measure_models import CostEstimate, Measure, MeasureStatus
    from sozialraum.regions.models import SocialSpace, YouthOffice

    office = YouthOffice.objects.get(slug=BENCH_OFFICE)
    space = SocialSpace.objects.in_office(office).order_by("sort_key", "id").first()
    carrier = Organisation.objects.in_office(office).order_by("sort_key", "id").first()
    assert space is not None and carrier is not None, "the demo has no Heidekreis data"
    budget = Budget.objects.create(
        youth_office=office, social_space=space, year=YEAR, planned=BUDGET
    )
    measures = []
    for n in range(REQUESTS):
        measure = Measure.objects.create(
            youth_office=office,
            title=f"Gleichzeitige Maßnahme {n + 1}",
            carrier=carrier,
            period_start=date(YEAR, 1, 1),
            period_end=date(YEAR, 12, 31),
            status=MeasureStatus.APPROVED,
        )
        CostEstimate.objects.create(
            youth_office=office, measure=measure, number=1, total=EACH, requested=EACH
        )
        measures.append(measure.pk)
    print(json.dumps({"budget": budget.pk, "label": str(budget), "measures": measures}))


def prepare(env: dict[str, str]) -> dict:
    done = subprocess.run(
        [sys.executable, __file__, "--setup"],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        sys.exit(f"setting up the budget failed:\n{done.stdout}\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def fire(server: Server, cookie: str, data: dict) -> list[tuple[int, str]]:
    """GET each measure's allocation form (CSRF token), then POST all twenty at once."""
    session_headers = {"Cookie": cookie}
    forms = []
    for pk in data["measures"]:
        url = f"{server.base_url}/{BENCH_OFFICE}/planung/massnahmen/{pk}/mittelbindung/"
        page = requests.get(url, headers=session_headers, timeout=30)
        match = _CSRF.search(page.text)
        if page.status_code != 200 or not match:
            sys.exit(f"GET {url} answered {page.status_code} without a form")
        forms.append((url, match.group(1)))
    start = threading.Barrier(len(forms))
    answers: list[tuple[int, str]] = [(0, "")] * len(forms)
    amount = f"{EACH:.2f}".replace(".", ",")

    def post(index: int) -> None:
        url, token = forms[index]
        body = {
            "csrfmiddlewaretoken": token,
            "total": amount,
            f"share_{data['budget']}": amount,
        }
        start.wait()
        try:
            answer = requests.post(
                url,
                data=body,
                headers={**session_headers, "Referer": url},
                allow_redirects=False,
                timeout=60,
            )
            answers[index] = (answer.status_code, answer.text)
        except requests.RequestException as error:
            answers[index] = (-1, str(error))

    threads = [threading.Thread(target=post, args=(n,)) for n in range(len(forms))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def measure(backend: Backend, base_env: dict[str, str]) -> tuple[dict, list[str]]:
    env = {**base_env, "DATABASE_URL": backend.create("concurrency")}  # type: ignore[arg-type]
    print(f"[{backend.name}] building the demo ...", flush=True)
    build(env, 1)
    data = prepare(env)
    server = Server(env, backend.home / f"gunicorn-concurrency-{backend.name}.log", WORKERS)
    try:
        server.wait_ready()
        cookie = log_in(
            server.base_url,
            "/konto/anmelden/",
            BENCH_USER,
            env["SOZIALRAUM_DEMO_PASSWORD"],
            DEMO_TOTP_SECRET,
        )
        began = time.perf_counter()
        answers = fire(server, cookie, data)
        seconds = time.perf_counter() - began
        api = requests.get(
            f"{server.base_url}/api/v1/youth-offices/{BENCH_OFFICE}/budgets/{data['budget']}",
            headers={"Cookie": cookie},
            timeout=30,
        ).json()
        errors = server.log_errors()
    finally:
        server.stop()
        backend.drop("concurrency")  # type: ignore[arg-type]
    committed = [status for status, _text in answers if status == 302]
    refused = [REFUSAL.search(text) for status, text in answers if status == 200]
    clear = [match for match in refused if match]
    other = [status for status, _text in answers if status not in (200, 302)]
    total = Decimal(api["committed"])
    result = {
        "requests": len(answers),
        "committed": len(committed),
        "refused_clearly": len(clear),
        "refused_without_message": len(refused) - len(clear),
        "other": other,
        "seconds": round(seconds, 2),
        "committed_sum": str(total),
        "budget": str(BUDGET),
        "message": clear[0].group(0) if clear else "",
        "server_errors": errors,
    }
    failures = []
    where = backend.name
    if total > BUDGET:
        failures.append(f"{where}: committed {total} exceeds the budget {BUDGET}")
    if total != EACH * len(committed):
        failures.append(f"{where}: committed {total}, but {len(committed)} x {EACH} were accepted")
    if len(clear) != len(refused) or other:
        failures.append(
            f"{where}: {len(refused) - len(clear)} refusals without the message, other "
            f"statuses {other}"
        )
    return result, failures


def main() -> int:
    home = Path(tempfile.mkdtemp(prefix="sozialraum-concurrency-"))
    env = production_env(home, secrets.token_urlsafe(18))
    backends: list[Backend] = [Backend(home)]
    server_url = os.environ.get("DATABASE_URL", "")
    if server_url.startswith(("postgres://", "postgresql://", "pgsql://")):
        backends.append(PostgresBackend(home, server_url))
    failures: list[str] = []
    try:
        collectstatic(env)
        for backend in backends:
            result, failed = measure(backend, env)
            failures += failed
            print(
                f"{backend.name:<10} {result['requests']} simultaneous allocations of "
                f"{EACH} € at a budget of {BUDGET} €: {result['committed']} committed (302), "
                f"{result['refused_clearly']} refused with a clear answer (200, "
                f"„{result['message']}“), {result['refused_without_message']} refused without "
                f"it, other statuses {result['other'] or 'none'}; committed sum "
                f"{result['committed_sum']} € <= {result['budget']} €; {result['seconds']} s",
                flush=True,
            )
            if result["server_errors"]:
                print(f"  exceptions in the gunicorn log: {result['server_errors']}")
    finally:
        shutil.rmtree(home, ignore_errors=True)
    for failure in failures:
        print(f"FAILED: {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    if "--setup" in sys.argv:
        setup()
    else:
        sys.exit(main())
