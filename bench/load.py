"""Load generation: concurrent clients against a running server, from this (separate) process.

Each client is a thread with its own connection and, for logged-in pages, its own session
(obtained by posting the real login form with its CSRF token, as a browser does). Only the
standard library drives the load (http.client, so the client side costs little CPU);
`requests` is used for the log-in only.
"""

from __future__ import annotations

import http.client
import math
import re
import threading
import time
from collections import Counter
from dataclasses import dataclass, field

import requests

_CSRF_INPUT = re.compile(
    r'name="csrfmiddlewaretoken"\s+value="([^"]+)"|value="([^"]+)"\s+name="csrfmiddlewaretoken"'
)


class LoginFailed(RuntimeError):
    pass


def log_in(base_url: str, login_path: str, email: str, password: str) -> str:
    """Log in through the login form; return the Cookie header of the new session."""
    session = requests.Session()
    url = base_url + login_path
    form = session.get(url, timeout=30)
    if form.status_code != 200:
        raise LoginFailed(f"GET {login_path} answered {form.status_code}")
    match = _CSRF_INPUT.search(form.text)
    if not match:
        raise LoginFailed(f"{login_path} has no csrfmiddlewaretoken field")
    token = match.group(1) or match.group(2)
    answer = session.post(
        url,
        data={"username": email, "password": password, "csrfmiddlewaretoken": token},
        headers={"Referer": url},
        allow_redirects=False,
        timeout=30,
    )
    if answer.status_code != 302:
        raise LoginFailed(f"POST {login_path} answered {answer.status_code}, not a redirect")
    if len(session.cookies) < 2:
        raise LoginFailed(f"POST {login_path} set no session cookie")
    return "; ".join(f"{c.name}={c.value}" for c in session.cookies)


@dataclass
class Sample:
    latencies: list[float] = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)
    seconds: float = 0.0


def percentile(sorted_values: list[float], p: float) -> float:
    """Nearest-rank percentile of an ascending list."""
    if not sorted_values:
        return math.nan
    rank = max(1, math.ceil(p / 100 * len(sorted_values)))
    return sorted_values[rank - 1]


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


def drive(host: str, port: int, path: str, *, cookies: list[str | None], duration: float) -> Sample:
    """Request `path` with len(cookies) concurrent clients for `duration` seconds."""
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


def summarise(samples: list[Sample]) -> dict:
    """Requests/s, percentiles and status counts over several measured rounds."""
    latencies = sorted(lat for s in samples for lat in s.latencies)
    seconds = sum(s.seconds for s in samples)
    statuses: Counter = Counter()
    for s in samples:
        statuses.update(s.statuses)
    return {
        "requests": len(latencies),
        "seconds": round(seconds, 3),
        "rounds": len(samples),
        "rps": len(latencies) / seconds if seconds else 0.0,
        "p50_ms": percentile(latencies, 50) * 1000,
        "p95_ms": percentile(latencies, 95) * 1000,
        "p99_ms": percentile(latencies, 99) * 1000,
        "errors": sum(n for status, n in statuses.items() if status != 200),
        "statuses": {str(k): v for k, v in sorted(statuses.items(), key=str)},
    }
