"""`make bench`: server CPU per request, load and SQL queries of the main pages, at two scales.

For each database backend (SQLite always, PostgreSQL when DATABASE_URL names one) and each
scale: build a fresh data set (`sozialraum migrate` + `sozialraum demo --scale N`), count the
SQL queries per page in-process (bench/queries.py), start gunicorn with production settings and
load every page from outside (wrk, else Python client processes; bench/load.py) in rounds that
alternate between the scales, reading gunicorn's CPU time from /proc around each round. Then
print one table per backend, write bench/results/bench-<timestamp>.json and latest.json, and
exit non-zero if a page answered anything but 200, its query count grows with the data, its
server CPU per request exceeds MAX_CPU_RATIO times /healthz's at the largest scale, or grows
more than MAX_CPU_GROWTH from the smallest to the largest scale. See bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load import LoginFailed, drive, log_in, summarise, wrk_binary
from server import (
    REPO,
    WORKERS,
    Backend,
    PostgresBackend,
    Server,
    build,
    collectstatic,
    production_env,
    run,
    set_password,
)

from pages import BASELINE, BENCH_USER, DEMO_TOTP_SECRET, PAGES

RESULTS = Path(__file__).resolve().parent / "results"
MAX_CPU_RATIO = 20.0  # server CPU per request of a page, at most this many times /healthz's
MAX_CPU_GROWTH = 1.25  # ... and at most this growth from the smallest to the largest scale
REPEATS_NOTED = 3  # the same statement this often in one request: a likely N+1
TITLES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Sozialraum benchmark (make bench)")
    parser.add_argument("--scales", default="1,100", help="data set sizes (default 1,100)")
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per page")
    parser.add_argument("--concurrency", type=int, default=8, help="concurrent clients")
    parser.add_argument(
        "--pages", default="", help=f"comma-separated subset of: {', '.join(PAGES)}"
    )
    parser.add_argument(
        "--warmup", type=float, default=None, help="unmeasured seconds per page first"
    )
    parser.add_argument(
        "--rounds", type=int, default=5, help="alternate the scales this often per page"
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the temporary directory and databases"
    )
    parser.add_argument(
        "--backends",
        default="",
        help="sqlite and/or postgresql (default: sqlite, and postgresql when DATABASE_URL "
        "names a PostgreSQL server)",
    )
    parser.add_argument(
        "--reuse",
        metavar="DIR",
        default="",
        help="measure the data sets a --keep run left in DIR (migrate only, no new demo); "
        "for trying changes to code, not to the demo",
    )
    args = parser.parse_args()
    args.backends = [b.strip() for b in args.backends.split(",") if b.strip()]
    unknown_backends = [b for b in args.backends if b not in TITLES]
    if unknown_backends:
        parser.error(f"--backends takes {' and/or '.join(TITLES)}")
    if args.reuse and not Path(args.reuse, "static").is_dir():
        parser.error(f"--reuse {args.reuse}: not the working directory of a --keep run")
    try:
        args.scales = sorted({int(s) for s in args.scales.split(",") if s.strip()})
    except ValueError:
        parser.error("--scales takes whole numbers separated by commas, e.g. 1,100")
    if not args.scales or args.scales[0] < 1:
        parser.error("--scales needs at least one number >= 1")
    wanted = [p.strip() for p in args.pages.split(",") if p.strip()] or list(PAGES)
    unknown = [p for p in wanted if p not in PAGES]
    if unknown:
        parser.error(f"unknown page(s) {', '.join(unknown)}; known: {', '.join(PAGES)}")
    # The baseline is always measured: every ratio is relative to it.
    args.pages = [BASELINE, *(p for p in wanted if p != BASELINE)]
    if args.rounds < 1 or args.concurrency < 1 or args.duration <= 0:
        parser.error("--rounds and --concurrency must be at least 1, --duration positive")
    if args.warmup is None:
        args.warmup = min(2.0, args.duration / 5)
    return args


def count_queries(env: dict[str, str], pages: list[str], out: Path) -> dict:
    cmd = [sys.executable, str(Path(__file__).with_name("queries.py"))]
    run([*cmd, "--pages", ",".join(pages), "--out", str(out)], env, "counting queries")
    return json.loads(out.read_text(encoding="utf-8"))


def build_dataset(backend: Backend, scale: int, env: dict[str, str], args) -> tuple[dict, dict]:
    """A fresh database with the demo at `scale`, and its SQL queries per page."""
    label = f"[{backend.name} scale {scale}]"
    if args.reuse:
        env = {**env, "DATABASE_URL": backend.database_url(scale)}
        print(f"{label} reusing the data set of {args.reuse} (migrate only) ...", flush=True)
        built = build(env, scale, demo=False)
        set_password(env, BENCH_USER, env["SOZIALRAUM_DEMO_PASSWORD"])
    else:
        env = {**env, "DATABASE_URL": backend.create(scale)}
        print(f"{label} building the data set ...", flush=True)
        built = build(env, scale)
    print(
        f"{label} migrate {built['migrate_seconds']} s, demo --scale {scale} "
        f"{built['demo_seconds']} s: {built['demo']}",
        flush=True,
    )
    counted = count_queries(env, args.pages, backend.home / f"queries-{backend.name}-{scale}.json")
    pages = {name: {"queries": counted["pages"][name]} for name in args.pages}
    return env, {"build": built, "login_path": counted["login_path"], "pages": pages}


def log_in_clients(server: Server, login_path: str, env: dict, args) -> tuple[list, str | None]:
    """One session per client, each by a real log-in; or the reason it failed."""
    password = env["SOZIALRAUM_DEMO_PASSWORD"]
    try:
        cookie = log_in(server.base_url, login_path, BENCH_USER, password, DEMO_TOTP_SECRET)
    except LoginFailed as error:
        return [], f"log-in as {BENCH_USER} failed: {error}"
    # One verified session for every client (a TOTP code counts once per device).
    return [cookie] * args.concurrency, None


def measure_page(name: str, servers: dict, sessions: dict, per_scale: dict, args) -> None:
    """Load one page on every scale's server, in alternating rounds, so that whatever else the
    machine does meanwhile hits all scales alike."""
    anonymous = PAGES[name].anonymous
    ready = []
    for scale, server in servers.items():
        page = per_scale[scale]["pages"][name]
        path = page["queries"]["path"]
        cookies, login_error = sessions[scale]
        if path is None or (not anonymous and not cookies):
            reason = page["queries"]["error"] if path is None else login_error
            page["load"] = {"errors": 1, "requests": 0, "error": reason}
            continue
        clients = [None] * args.concurrency if anonymous else cookies
        ready.append((scale, server, path, clients))
    samples: dict[int, list] = {scale: [] for scale, *_ in ready}
    for _scale, server, path, clients in ready:
        if args.warmup > 0:
            drive("127.0.0.1", server.port, path, cookies=clients, duration=args.warmup)
    duration = args.duration / args.rounds
    # /healthz on the largest scale's server in every round too, so that each page's ratio is
    # to the baseline measured beside it: the machine's speed drifts over a run of many pages
    # (a shared virtual machine), and a baseline measured once at the start drifts with it.
    baseline = None
    if name != BASELINE and ready:
        scale, server, _path, _clients = max(ready, key=lambda entry: entry[0])
        baseline = (server, per_scale[scale]["pages"][BASELINE]["queries"]["path"])
    baseline_samples: list = []
    for round_ in range(args.rounds):
        for scale, server, path, clients in ready if round_ % 2 == 0 else ready[::-1]:
            samples[scale].append(_sample(server, path, clients, duration))
        if baseline is not None and baseline[1] is not None:
            # Unmeasured first: what the page's requests left behind (garbage to collect, a
            # worker's grown heap) is not the baseline's work.
            server, path = baseline
            drive("127.0.0.1", server.port, path, cookies=[None] * args.concurrency, duration=0.3)
            baseline_samples.append(_sample(server, path, [None] * args.concurrency, duration / 2))
    for scale, _server, path, _clients in ready:
        load = per_scale[scale]["pages"][name]["load"] = summarise(samples[scale])
        if baseline_samples and scale == max(entry[0] for entry in ready):
            load["baseline_cpu_ms"] = summarise(baseline_samples)["cpu_ms"]
        print(
            f"[scale {scale}] {name:<17} {path:<36} {load['rps']:8.1f} req/s  "
            f"p50 {load['p50_ms']:7.1f} ms  p95 {load['p95_ms']:7.1f} ms  "
            f"CPU {_fmt(load['cpu_ms'], '.2f')} ms/req  {load['errors']} errors",
            flush=True,
        )


def _sample(server, path: str, clients: list, duration: float):
    """One round of load on `path`, with the server's CPU per request of that round."""
    before = server.cpu_seconds()
    sample = drive("127.0.0.1", server.port, path, cookies=clients, duration=duration)
    after = server.cpu_seconds()
    if before is not None and after is not None and sample.requests:
        sample.cpu_ms = (after - before) * 1000 / sample.requests
    return sample


def measure_backend(backend: Backend, env: dict[str, str], args) -> dict[int, dict]:
    """Build every scale's data set, then serve them side by side and load page by page."""
    envs, per_scale = {}, {}
    collectstatic(env)  # per backend: the code may have changed since the last one
    for scale in args.scales:
        envs[scale], per_scale[scale] = build_dataset(backend, scale, env, args)
    servers: dict[int, Server] = {}
    sessions: dict[int, tuple[list, str | None]] = {}
    try:
        for scale in args.scales:
            log = backend.home / f"gunicorn-{backend.name}-{scale}.log"
            servers[scale] = Server(envs[scale], log)
        sessions = {}
        for scale, server in servers.items():
            server.wait_ready()
            sessions[scale] = log_in_clients(
                server, per_scale[scale]["login_path"], envs[scale], args
            )
            if sessions[scale][1]:
                print(f"[{backend.name} scale {scale}] {sessions[scale][1]}", flush=True)
        for name in args.pages:
            measure_page(name, servers, sessions, per_scale, args)
    finally:
        for server in servers.values():
            server.stop()
    for scale, result in per_scale.items():
        if sessions[scale][1] or any(p["load"].get("errors") for p in result["pages"].values()):
            result["server_errors"] = servers[scale].log_errors()
            result["server_log_tail"] = servers[scale].log_tail(30)
    return per_scale


def _normalise(sql: str) -> str:
    sql = re.sub(r"'(?:[^']|'')*'", "?", sql)
    sql = re.sub(r"\b\d+(\.\d+)?\b", "?", sql)
    return re.sub(r"\(\?(, \?)*\)", "(…)", sql)


def repeated_sql(small: list[str], large: list[str]) -> list[tuple[int, int, str]]:
    """The statements (numbers and strings blanked) that run more often on the larger data."""
    a, b = Counter(map(_normalise, small)), Counter(map(_normalise, large))
    return sorted(((a[s], b[s], s) for s in b if b[s] > a[s]), key=lambda t: t[0] - t[1])


def repeated_within(sql: list[str]) -> list[tuple[int, str]]:
    """Statements (numbers and strings blanked) that run REPEATS_NOTED+ times in one request."""
    counts = Counter(map(_normalise, sql))
    return [(n, s) for s, n in counts.most_common() if n >= REPEATS_NOTED]


def evaluate(backend: str, scales: list[int], per_scale: dict[int, dict]) -> tuple[list, ...]:
    """Summary rows for the table, the failures and the notes (each a sentence)."""
    rows: list[dict] = []
    failures: list[str] = []
    notes: list[str] = []
    small, large = scales[0], scales[-1]
    top = per_scale[large]["pages"]
    base = top[BASELINE].get("load", {})
    for name in top:
        row = {"page": name, "path": top[name]["queries"]["path"]}
        for scale in scales:
            page = per_scale[scale]["pages"][name]
            queries, load = page["queries"], page.get("load", {})
            row[f"queries@{scale}"] = queries["queries"]
            row[f"load@{scale}"] = {k: v for k, v in load.items() if k != "statuses"}
            where = f"{TITLES[backend]}, scale {scale}: {name} ({queries['path']})"
            if queries["error"] or queries["status"] != 200:
                why = queries["error"] or f"status {queries['status']}"
                failures.append(f"{where}: the in-process request failed: {why}")
            if load.get("error"):
                failures.append(f"{where}: not measured: {load['error']}")
            elif load.get("errors"):
                failures.append(
                    f"{where}: {load['errors']} of {load['requests']} responses were not 200 "
                    f"({load['statuses']})"
                )
        load = top[name].get("load", {})
        # The baseline measured in the same rounds as the page, where there is one.
        base_cpu = load.get("baseline_cpu_ms") or base.get("cpu_ms")
        row.update(
            rps=load.get("rps"),
            p50_ms=load.get("p50_ms"),
            p95_ms=load.get("p95_ms"),
            ratio_p95=_ratio(load.get("p95_ms"), base.get("p95_ms")),
            cpu_ms=load.get("cpu_ms"),
            baseline_cpu_ms=base_cpu,
            cpu_ratio=_ratio(load.get("cpu_ms"), base_cpu),
            p95_growth=None,
            cpu_growth=None,
            queries_grow=False,
        )
        if name != BASELINE and row["cpu_ratio"] is not None and row["cpu_ratio"] > MAX_CPU_RATIO:
            failures.append(
                f"{TITLES[backend]}: {name} costs {row['cpu_ms']:.2f} ms CPU per request at scale "
                f"{large}, {row['cpu_ratio']:.1f}x /healthz ({base_cpu:.2f} ms in the same "
                f"rounds), more than {MAX_CPU_RATIO:g}x"
            )
        if small != large:
            q_small, q_large = row[f"queries@{small}"], row[f"queries@{large}"]
            if q_small is not None and q_large is not None and q_large > q_small:
                row["queries_grow"] = True
                sql_small = per_scale[small]["pages"][name]["queries"]["sql"]
                sql_large = per_scale[large]["pages"][name]["queries"]["sql"]
                row["sql_grown"] = [
                    {f"n@{small}": x, f"n@{large}": y, "sql": s}
                    for x, y, s in repeated_sql(sql_small, sql_large)
                ]
                failures.append(
                    f"{TITLES[backend]}: {name} runs {q_large} queries at scale {large} but "
                    f"{q_small} at scale {small}; more often: "
                    + "; ".join(
                        f"{x}->{y}x {s[:160]}" for x, y, s in repeated_sql(sql_small, sql_large)[:3]
                    )
                )
            row["p95_growth"] = _ratio(row["p95_ms"], row[f"load@{small}"].get("p95_ms"))
            growth = row["cpu_growth"] = _ratio(row["cpu_ms"], row[f"load@{small}"].get("cpu_ms"))
            if growth is not None and growth > MAX_CPU_GROWTH:
                failures.append(
                    f"{TITLES[backend]}: {name} CPU per request grows {growth:.2f}x from scale "
                    f"{small} ({row[f'load@{small}']['cpu_ms']:.2f} ms) to scale {large} "
                    f"({row['cpu_ms']:.2f} ms), more than {MAX_CPU_GROWTH}x; HTML "
                    f"{_kb(per_scale[small], name)} -> {_kb(per_scale[large], name)}"
                )
        repeated = repeated_within(top[name]["queries"]["sql"])
        row["repeated_sql"] = [{"n": n, "sql": s} for n, s in repeated]
        notes += [
            f"{TITLES[backend]}: {name} runs one statement {n} times per request (N+1?): {s[:200]}"
            for n, s in repeated
        ]
        rows.append(row)
    return rows, failures, notes


def _kb(result: dict, name: str) -> str:
    size = result["pages"][name]["queries"].get("bytes")
    return "?" if size is None else f"{size / 1024:.0f} KB"


def _ratio(value, base) -> float | None:
    if value is None or not base:
        return None
    return value / base


def _fmt(value, spec: str, suffix: str = "") -> str:
    return "–" if value is None else f"{value:{spec}}{suffix}"


def table(backend: str, rows: list[dict], scales: list[int], args) -> str:
    small, large = scales[0], scales[-1]
    headers = [
        "page", "CPU ms/req", "x healthz", "healthz ms", f"CPU growth {small}->{large}",
        "req/s", "p50 ms", "p95 ms", "p95 growth", f"queries@{small}", f"queries@{large}",
    ]  # fmt: skip
    lines = []
    for row in rows:
        ratio = _fmt(row["cpu_ratio"], ".1f", "x")
        if row["page"] != BASELINE and (row["cpu_ratio"] or 0) > MAX_CPU_RATIO:
            ratio += " !"
        growth = _fmt(row["cpu_growth"], ".2f", "x")
        if (row["cpu_growth"] or 0) > MAX_CPU_GROWTH:
            growth += " !"
        q_large = _fmt(row[f"queries@{large}"], "d") + (" !" if row["queries_grow"] else "")
        lines.append(
            [
                f"{row['page']} {row['path'] or ''}".strip(),
                _fmt(row["cpu_ms"], ".2f"),
                ratio,
                _fmt(row["baseline_cpu_ms"], ".2f"),
                growth if small != large else "–",
                _fmt(row["rps"], ".1f"),
                _fmt(row["p50_ms"], ".1f"),
                _fmt(row["p95_ms"], ".1f"),
                _fmt(row["p95_growth"], ".2f", "x") if small != large else "–",
                _fmt(row[f"queries@{small}"], "d"),
                q_large,
            ]
        )
    widths = [max(len(h), *(len(line[i]) for line in lines)) for i, h in enumerate(headers)]

    def fmt_line(cells: list[str]) -> str:
        return " | ".join(
            c.ljust(w) if i == 0 else c.rjust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        )

    client = next((r[f"load@{large}"].get("client") for r in rows if r.get(f"load@{large}")), "")
    title = (
        f"{TITLES[backend]}: gunicorn {WORKERS} workers, {args.concurrency} connections from "
        f"{client or '?'}, {args.duration:g} s per page in {args.rounds} rounds (medians); CPU, "
        f"req/s and latencies at scale {large}"
    )
    rule = "-+-".join("-" * w for w in widths)
    return "\n".join([title, fmt_line(headers), rule, *map(fmt_line, lines)])


def git_revision() -> str:
    try:
        rev = subprocess.run(
            ["git", "describe", "--always", "--dirty"],
            cwd=REPO, capture_output=True, text=True, check=True,
        ).stdout.strip()  # fmt: skip
    except (OSError, subprocess.CalledProcessError):
        rev = "unknown"
    return rev


def main() -> int:
    args = parse_args()
    started = datetime.now().astimezone()
    if args.reuse:
        home = Path(args.reuse).resolve()
        args.keep = True  # the data sets stay where they were
    else:
        home = Path(tempfile.mkdtemp(prefix="sozialraum-bench-"))
    env = production_env(home, secrets.token_urlsafe(18))
    server_url = os.environ.get("DATABASE_URL", "")
    on_postgres = server_url.startswith(("postgres://", "postgresql://", "pgsql://"))
    wanted = args.backends or ["sqlite", *(["postgresql"] if on_postgres else [])]
    if "postgresql" in wanted and not on_postgres:
        sys.exit("--backends postgresql needs DATABASE_URL=postgres://... (the server to use)")
    backends: list[Backend] = []
    if "sqlite" in wanted:
        backends.append(Backend(home))
    if "postgresql" in wanted:
        backends.append(PostgresBackend(home, server_url))
    print(
        f"Benchmark: scales {args.scales}, pages {', '.join(args.pages)}, backends "
        f"{', '.join(b.name for b in backends)}; working directory {home}",
        flush=True,
    )
    report: dict = {
        "started": started.isoformat(timespec="seconds"),
        "revision": git_revision(),
        "settings": {
            "scales": args.scales,
            "duration_s": args.duration,
            "warmup_s": args.warmup,
            "concurrency": args.concurrency,
            "workers": WORKERS,
            "cpus": os.cpu_count(),
            "python": sys.version.split()[0],
            "load_average_before": os.getloadavg(),
            "max_cpu_ratio": MAX_CPU_RATIO,
            "max_cpu_growth": MAX_CPU_GROWTH,
            "client": "wrk" if wrk_binary() else "python processes",
        },
        "backends": {},
        "failures": [],
        "notes": [],
    }
    tables = []
    began = time.perf_counter()
    try:
        for backend in backends:
            try:
                per_scale = measure_backend(backend, env, args)
            finally:
                if not args.keep:
                    for scale in args.scales:
                        backend.drop(scale)
            rows, failures, notes = evaluate(backend.name, args.scales, per_scale)
            report["backends"][backend.name] = {
                "summary": rows,
                "scales": {str(s): r for s, r in per_scale.items()},
            }
            report["failures"] += failures
            report["notes"] += notes
            tables.append(table(backend.name, rows, args.scales, args))
    finally:
        if args.keep:
            print(f"Kept {home}", flush=True)
        else:
            shutil.rmtree(home, ignore_errors=True)
    report["seconds"] = round(time.perf_counter() - began, 1)
    report["settings"]["load_average_after"] = os.getloadavg()

    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"bench-{started.strftime('%Y%m%d-%H%M%S')}.json"
    text = json.dumps(report, indent=1, ensure_ascii=False, default=str)
    out.write_text(text, encoding="utf-8")
    (RESULTS / "latest.json").write_text(text, encoding="utf-8")

    print()
    for text_table in tables:
        print(text_table, end="\n\n")
    for backend, data in report["backends"].items():
        builds = ", ".join(
            f"scale {s}: demo {r['build']['demo_seconds']} s" for s, r in data["scales"].items()
        )
        print(f"{TITLES[backend]} build times: {builds}")
    print(f"Results: {out.relative_to(REPO)} (also bench/results/latest.json)")
    busiest = max(report["settings"]["load_average_before"][0], os.getloadavg()[1])
    if busiest > (os.cpu_count() or 1):
        print(
            f"Warning: the machine was busy with other work (load average {busiest:.1f} on "
            f"{os.cpu_count()} CPUs); latencies are noisy, compare ratios, or run again."
        )
    if report["notes"]:
        print(f"\nNotes ({len(report['notes'])}; not failures, but worth a look):")
        for note in report["notes"]:
            print(f"- {note}")
    if report["failures"]:
        print(f"\nFAILED ({len(report['failures'])}):")
        for failure in report["failures"]:
            print(f"- {failure}")
        for backend, data in report["backends"].items():
            for scale, result in data["scales"].items():
                if result.get("server_errors"):
                    print(f"\nExceptions in the gunicorn log, {TITLES[backend]} scale {scale}:")
                    print("\n".join(f"  {line}" for line in result["server_errors"]))
        return 1
    print(
        f"\nOK: every page answered 200, no query count grows, every page costs at most "
        f"{MAX_CPU_RATIO:g}x /healthz in server CPU and grows at most {MAX_CPU_GROWTH}x."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
