"""Data sets and the server under test: databases, the production-like environment, gunicorn.

A `Backend` hands out one fresh database per data set (a SQLite file in the run's temporary
directory, or a database `sozialraum_bench_<scale>` on the PostgreSQL server of DATABASE_URL)
and drops them afterwards.
"""

from __future__ import annotations

import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import requests

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
WORKERS = 2
_EXCEPTION_LINE = re.compile(r"^[a-zA-Z_][\w.]*(Error|Exception|DoesNotExist|Exist)\b.*:")


def console_script(name: str) -> list[str]:
    """The venv's console script (sozialraum, gunicorn), else the module with this Python."""
    script = BIN / name
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", {"sozialraum": "sozialraum.cli"}.get(name, name)]


def production_env(home: Path, password: str) -> dict[str, str]:
    """Production settings except plain HTTP on 127.0.0.1 and no login throttling."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DATABASE_URL", "SOZIALRAUM_TESTING", "DJANGO_SETTINGS_MODULE", "DEBUG")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="sozialraum.settings",
        SOZIALRAUM_HOME=str(home),
        DEBUG="false",
        HTTPS="false",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="127.0.0.1",
        STATIC_ROOT=str(home / "static"),
        LOGIN_THROTTLING="false",
        EMAIL_BACKEND="memory",
        TASKS_BACKEND="immediate",
        LOG_LEVEL="WARNING",
        SOZIALRAUM_DEMO_PASSWORD=password,
        PYTHONUNBUFFERED="1",
    )
    return env


class Backend:
    name = "sqlite"

    def __init__(self, home: Path):
        self.home = home

    def database_url(self, scale: int) -> str:
        return f"sqlite:///{self.home / f'bench-{scale}.sqlite3'}"

    def create(self, scale: int) -> str:
        path = self.home / f"bench-{scale}.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return self.database_url(scale)

    def drop(self, scale: int) -> None:
        """SQLite files go with the run's temporary directory."""


class PostgresBackend(Backend):
    name = "postgresql"

    def __init__(self, home: Path, server_url: str):
        super().__init__(home)
        self.server_url = server_url

    def _dbname(self, scale: int) -> str:
        # BENCH_DB_PREFIX: a name of its own when several benchmarks share the server.
        return f"{os.environ.get('BENCH_DB_PREFIX', 'sozialraum_bench')}_{scale}"

    def database_url(self, scale: int) -> str:
        parts = urlsplit(self.server_url)
        return urlunsplit(parts._replace(path="/" + self._dbname(scale)))

    def _admin(self, sql: str) -> None:
        import psycopg

        parts = urlsplit(self.server_url)
        with psycopg.connect(
            host=parts.hostname or "localhost",
            port=parts.port or 5432,
            user=parts.username or None,
            password=parts.password or None,
            dbname=parts.path.lstrip("/") or "postgres",
            autocommit=True,
        ) as conn:
            conn.execute(sql)

    def create(self, scale: int) -> str:
        self.drop(scale)
        self._admin(f'CREATE DATABASE "{self._dbname(scale)}"')
        return self.database_url(scale)

    def drop(self, scale: int) -> None:
        self._admin(f'DROP DATABASE IF EXISTS "{self._dbname(scale)}" WITH (FORCE)')


def run(cmd: list[str], env: dict[str, str], what: str) -> tuple[float, str]:
    """Run a command; return (seconds, output) or stop the benchmark with its output."""
    began = time.perf_counter()
    done = subprocess.run(cmd, env=env, cwd=REPO, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - began
    if done.returncode != 0:
        sys.exit(f"{what} failed ({' '.join(cmd)}):\n{done.stdout}\n{done.stderr}")
    return seconds, done.stdout + done.stderr


def collectstatic(env: dict[str, str]) -> None:
    env = {**env, "DATABASE_URL": f"sqlite:///{env['SOZIALRAUM_HOME']}/static.sqlite3"}
    run([*console_script("sozialraum"), "collectstatic", "--noinput", "-v0"], env, "collectstatic")


def build(env: dict[str, str], scale: int, demo: bool = True) -> dict[str, float | str]:
    """`sozialraum migrate` + `sozialraum demo --scale N` into the (empty) database of env;
    with demo=False only the migrations (a kept data set, bench/run.py --reuse)."""
    migrate, _ = run([*console_script("sozialraum"), "migrate", "--noinput", "-v0"], env, "migrate")
    if not demo:
        return {"migrate_seconds": round(migrate, 2), "demo_seconds": 0.0, "demo": "reused"}
    demo_cmd = [*console_script("sozialraum"), "demo", "--scale", str(scale)]
    seconds, output = run(demo_cmd, env, "demo")
    summary = next((line for line in output.splitlines() if line.startswith("Demo")), "")
    return {
        "migrate_seconds": round(migrate, 2),
        "demo_seconds": round(seconds, 2),
        "demo": summary,
    }


def set_password(env: dict[str, str], email: str, password: str) -> None:
    """Give the account `email` of a reused data set this run's password."""
    code = (
        "from sozialraum.accounts.models import User\n"
        f"user = User.objects.get(email={email!r})\n"
        f"user.set_password({password!r})\n"
        "user.save(update_fields=['password'])\n"
    )
    run([*console_script("sozialraum"), "shell", "-c", code], env, "setting the password")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _stat(pid: str) -> tuple[float, float, int]:
    """(CPU seconds of the process, CPU seconds of its reaped children, parent pid) from
    /proc/<pid>/stat (utime + stime, cutime + cstime)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    own = (int(fields[11]) + int(fields[12])) / ticks
    children = (int(fields[13]) + int(fields[14])) / ticks
    return own, children, int(fields[1])


class Server:
    """gunicorn with WORKERS (or `workers`) sync workers on a free port, logging to a file."""

    def __init__(self, env: dict[str, str], log: Path, workers: int = WORKERS):
        self.port = free_port()
        self.log = log
        self.base_url = f"http://127.0.0.1:{self.port}"
        env = {**env, "SITE_URL": self.base_url}
        cmd = [
            *console_script("gunicorn"),
            "sozialraum.wsgi",
            "--bind", f"127.0.0.1:{self.port}",
            "--workers", str(workers),
            "--log-level", "warning",
            "--timeout", "60",
            # No worker recycling while measuring (gunicorn.conf.py recycles every ~2,000
            # requests): a fresh worker's start-up would be billed to the page being loaded.
            "--max-requests", "0",
        ]  # fmt: skip
        self._log = log.open("w")
        self.process = subprocess.Popen(
            cmd, env=env, cwd=REPO, stdout=self._log, stderr=subprocess.STDOUT
        )

    def wait_ready(self, timeout: float = 120) -> None:
        """Until /healthz answers; the master loads the app and the guard's name lists first
        (a few seconds, much longer on a busy machine)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                sys.exit(f"gunicorn stopped at start-up:\n{self.log_tail()}")
            try:
                if requests.get(self.base_url + "/healthz", timeout=2).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.2)
        self.stop()
        sys.exit(f"gunicorn did not answer /healthz within {timeout:.0f} s:\n{self.log_tail()}")

    def cpu_seconds(self) -> float | None:
        """CPU time (user + system) the master and its workers have used so far (Linux /proc),
        or None elsewhere. Unlike latency, it hardly changes when other programs compete for
        the CPUs, so its growth separates a page that does more work from a busy machine."""
        if not Path(f"/proc/{self.process.pid}/stat").exists():
            return None
        total = 0.0
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:  # processes come and go while we look
                seconds, children, parent = _stat(entry.name)
            except (OSError, IndexError, ValueError):
                continue
            if int(entry.name) == self.process.pid:
                # A worker that exited (restarted, timed out) leaves its CPU time here.
                total += seconds + children
            elif parent == self.process.pid:
                total += seconds
        return total

    def log_tail(self, lines: int = 40) -> str:
        if not self._log.closed:
            self._log.flush()
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])

    def log_errors(self, limit: int = 10) -> list[str]:
        """The distinct exceptions in the server log, most frequent first, with their counts."""
        if not self._log.closed:
            self._log.flush()
        found = Counter(
            line.strip()
            for line in self.log.read_text(errors="replace").splitlines()
            if _EXCEPTION_LINE.match(line)
        )
        return [f"{n}x {line}" for line, n in found.most_common(limit)]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()
