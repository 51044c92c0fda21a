"""Load generation: concurrent clients against a running server, from outside its processes.

The client must not be the bottleneck: on a small machine a Python client saturates before the
server does (1,794 req/s against /healthz where wrk reaches 3,961), which shrinks every ratio to
/healthz. So the load comes from `wrk` when it is installed (`make bench` installs Debian's
package as root), with a small Lua script that counts every answer other than 200 and reports
p50/p95/p99; otherwise from several Python processes (one per CPU, the clients as threads in
them, http.client), which `Round.client` records. Logged-in pages send the Cookie header of a
real log-in (login form with its CSRF token, then the second factor with the demo's public TOTP
secret, as a browser with an authenticator app does; `requests` for the log-in only).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import http.client
import math
import os
import re
import shutil
import statistics
import struct
import subprocess
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import requests

_CSRF_INPUT = re.compile(
    r'name="csrfmiddlewaretoken"\s+value="([^"]+)"|value="([^"]+)"\s+name="csrfmiddlewaretoken"'
)


class LoginFailed(RuntimeError):
    pass


def totp_code(secret: str, at: float | None = None) -> str:
    """The six-digit TOTP code (RFC 6238: SHA-1, 30 s steps) of a base32 secret."""
    counter = int((time.time() if at is None else at) // 30)
    digest = hmac.new(base64.b32decode(secret), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{number % 1_000_000:06d}"


def _post_form(session: requests.Session, url: str, path: str, data: dict) -> requests.Response:
    """GET a form, POST it with its CSRF token and `data`; the answer must be a redirect."""
    form = session.get(url, timeout=30)
    if form.status_code != 200:
        raise LoginFailed(f"GET {path} answered {form.status_code}")
    match = _CSRF_INPUT.search(form.text)
    if not match:
        raise LoginFailed(f"{path} has no csrfmiddlewaretoken field")
    answer = session.post(
        url,
        data={**data, "csrfmiddlewaretoken": match.group(1) or match.group(2)},
        headers={"Referer": url},
        allow_redirects=False,
        timeout=30,
    )
    if answer.status_code != 302:
        raise LoginFailed(f"POST {path} answered {answer.status_code}, not a redirect")
    return answer


def log_in(base_url: str, login_path: str, email: str, password: str, totp_secret: str = "") -> str:
    """Log in through the login form and, where the account asks for it, the code step; return
    the Cookie header of the new session. Coordination needs a second factor: the code comes
    from `totp_secret` (the demo's public secret). A code is accepted once per device, so one
    session is shared by all clients rather than logging in once per client."""
    session = requests.Session()
    _post_form(
        session, base_url + login_path, login_path, {"username": email, "password": password}
    )
    if len(session.cookies) < 2:
        raise LoginFailed(f"POST {login_path} set no session cookie")
    # The second step: the page after the login sends an account with a second factor to the
    # code form (accounts:mfa_verify, `<login>/code/`); others go straight on.
    code_path = login_path.rstrip("/") + "/code/"
    step = session.get(base_url + code_path, allow_redirects=False, timeout=30)
    if step.status_code == 200:
        if not totp_secret:
            raise LoginFailed(f"{email} needs a second factor and no TOTP secret was given")
        _post_form(session, base_url + code_path, code_path, {"code": totp_code(totp_secret)})
    return "; ".join(f"{c.name}={c.value}" for c in session.cookies)


@dataclass
class Sample:
    """One round of load on one page: what the client saw."""

    latencies: list[float] = field(default_factory=list)  # seconds (Python clients only)
    statuses: Counter = field(default_factory=Counter)
    seconds: float = 0.0
    requests: int = 0
    p50_ms: float = math.nan
    p95_ms: float = math.nan
    p99_ms: float = math.nan
    client: str = "python"
    cpu_ms: float | None = None  # the server's CPU per request in this round (set by run.py)


def percentile(sorted_values: list[float], p: float) -> float:
    """Nearest-rank percentile of an ascending list."""
    if not sorted_values:
        return math.nan
    rank = max(1, math.ceil(p / 100 * len(sorted_values)))
    return sorted_values[rank - 1]


# wrk ----------------------------------------------------------------------------------------

_WRK_SCRIPT = """
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) non200 = 0 end
function response(status, headers, body)
  if status ~= 200 then non200 = non200 + 1 end
end
function done(summary, latency, requests)
  local other = 0
  for _, thread in ipairs(threads) do other = other + thread:get("non200") end
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_us=%d p50_us=%d p95_us=%d p99_us=%d non200=%d socket=%d\\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), other, e.connect + e.read + e.write + e.timeout))
end
"""
_WRK_LINE = re.compile(r"^BENCH (.*)$", re.MULTILINE)


def wrk_binary() -> str | None:
    """wrk, unless BENCH_CLIENT=python asks for the Python clients."""
    if os.environ.get("BENCH_CLIENT") == "python":
        return None
    return shutil.which("wrk")


def _wrk_script() -> Path:
    path = Path(tempfile.gettempdir()) / f"sozialraum-bench-{os.getpid()}.lua"
    if not path.exists():
        path.write_text(_WRK_SCRIPT, encoding="utf-8")
    return path


def _drive_wrk(wrk: str, host: str, port: int, path: str, cookie: str | None, clients: int,
               duration: float) -> Sample:  # fmt: skip
    cmd = [
        wrk, "-t", str(min(2, clients)), "-c", str(clients),
        "-d", f"{max(1, round(duration))}s", "--timeout", "60s",
        "-s", str(_wrk_script()),
        "-H", "Accept: text/html", "-H", "User-Agent: sozialraum-bench",
    ]  # fmt: skip
    if cookie:
        cmd += ["-H", f"Cookie: {cookie}"]
    cmd.append(f"http://{host}:{port}{path}")
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    match = _WRK_LINE.search(done.stdout)
    if done.returncode != 0 or not match:
        raise RuntimeError(f"wrk failed ({done.returncode}): {done.stdout}{done.stderr}")
    values = {k: int(v) for k, v in (pair.split("=") for pair in match.group(1).split())}
    statuses: Counter = Counter()
    requests = values["requests"]
    statuses[200] = requests - values["non200"]
    if values["non200"]:
        statuses["not 200"] = values["non200"]
    if values["socket"]:
        statuses["socket error"] = values["socket"]
    return Sample(
        statuses=statuses,
        seconds=values["duration_us"] / 1e6,
        requests=requests,
        p50_ms=values["p50_us"] / 1000,
        p95_ms=values["p95_us"] / 1000,
        p99_ms=values["p99_us"] / 1000,
        client="wrk",
    )


# Python clients in several processes ----------------------------------------------------------


def _client(
    host: str,
    port: int,
    path: str,
    cookie: str | None,
    start: threading.Barrier,
    stop_at: list[float],
    sample: Sample,
) -> None:
    headers = {"Host": host, "User-Agent": "sozialraum-bench", "Accept": "text/html"}
    if cookie:
        headers["Cookie"] = cookie
    conn: http.client.HTTPConnection | None = None
    start.wait()
    while time.perf_counter() < stop_at[0]:
        began = time.perf_counter()
        try:
            if conn is None:
                conn = http.client.HTTPConnection(host, port, timeout=60)
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            response.read()
            status: int | str = response.status
            if response.will_close:
                conn.close()
                conn = None
        except (OSError, http.client.HTTPException) as error:
            status = type(error).__name__
            if conn is not None:
                conn.close()
            conn = None
        sample.latencies.append(time.perf_counter() - began)
        sample.statuses[status] += 1
    if conn is not None:
        conn.close()


def _drive_threads(
    host: str, port: int, path: str, cookies: list[str | None], duration: float
) -> Sample:
    """Request `path` with len(cookies) concurrent threads for `duration` seconds."""
    samples = [Sample() for _ in cookies]
    start = threading.Barrier(len(cookies) + 1)
    stop_at = [math.inf]
    threads = [
        threading.Thread(
            target=_client, args=(host, port, path, cookie, start, stop_at, sample), daemon=True
        )
        for cookie, sample in zip(cookies, samples, strict=True)
    ]
    for thread in threads:
        thread.start()
    began = time.perf_counter()
    stop_at[0] = began + duration
    start.wait()
    for thread in threads:
        thread.join()
    total = Sample(seconds=time.perf_counter() - began)
    for sample in samples:
        total.latencies += sample.latencies
        total.statuses.update(sample.statuses)
    return total


_POOL: ProcessPoolExecutor | None = None


def _pool(size: int) -> ProcessPoolExecutor:
    global _POOL
    if _POOL is None:
        _POOL = ProcessPoolExecutor(max_workers=size)
    return _POOL


def _drive_processes(
    host: str, port: int, path: str, cookies: list[str | None], duration: float
) -> Sample:
    processes = max(1, min(len(cookies), os.cpu_count() or 1))
    shares = [cookies[i::processes] for i in range(processes)]
    futures = [
        _pool(processes).submit(_drive_threads, host, port, path, share, duration)
        for share in shares
        if share
    ]
    parts = [future.result() for future in futures]
    latencies = sorted(lat for part in parts for lat in part.latencies)
    statuses: Counter = Counter()
    for part in parts:
        statuses.update(part.statuses)
    return Sample(
        latencies=latencies,
        statuses=statuses,
        seconds=max(part.seconds for part in parts),
        requests=len(latencies),
        p50_ms=percentile(latencies, 50) * 1000,
        p95_ms=percentile(latencies, 95) * 1000,
        p99_ms=percentile(latencies, 99) * 1000,
        client=f"python x{len(parts)} processes",
    )


def drive(host: str, port: int, path: str, *, cookies: list[str | None], duration: float) -> Sample:
    """Load `path` with len(cookies) concurrent clients for `duration` seconds: wrk if
    installed (all clients share the first session), else Python client processes."""
    wrk = wrk_binary()
    if wrk:
        return _drive_wrk(wrk, host, port, path, cookies[0], len(cookies), duration)
    return _drive_processes(host, port, path, cookies, duration)


def _median(values: list[float]) -> float:
    values = [v for v in values if v is not None and not math.isnan(v)]
    return statistics.median(values) if values else math.nan


def summarise(samples: list[Sample]) -> dict:
    """Over several measured rounds: the median of each round's figures (rounds alternate
    between the scales, so a busy moment of the machine hits one round, not the result)."""
    seconds = sum(s.seconds for s in samples)
    requests = sum(s.requests for s in samples)
    statuses: Counter = Counter()
    for s in samples:
        statuses.update(s.statuses)
    cpu = [s.cpu_ms for s in samples if s.cpu_ms is not None]
    return {
        "client": samples[0].client if samples else "",
        "requests": requests,
        "seconds": round(seconds, 3),
        "rounds": len(samples),
        "rps": requests / seconds if seconds else 0.0,
        "p50_ms": _median([s.p50_ms for s in samples]),
        "p95_ms": _median([s.p95_ms for s in samples]),
        "p99_ms": _median([s.p99_ms for s in samples]),
        "cpu_ms": statistics.median(cpu) if cpu else None,
        "cpu_ms_rounds": [round(c, 3) for c in cpu],
        "errors": sum(n for status, n in statuses.items() if status != 200),
        "statuses": {str(k): v for k, v in sorted(statuses.items(), key=str)},
    }
