"""Real server processes for tests that need them: gunicorn app servers and ``db_worker`` task
workers, over the test database, with production settings (DEBUG off).

Ports: free ones, from ``PRONGSAI_TEST_PORTS`` (e.g. ``8170-8179``) when set, else any the
operating system offers. Every process started here is stopped when the test ends, also when it
fails (the ``processes`` fixture).
"""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(settings.BASE_DIR)


def _ports() -> list[int]:
    spec = os.environ.get("PRONGSAI_TEST_PORTS", "")
    if not spec:
        return []
    first, _, last = spec.partition("-")
    return list(range(int(first), int(last or first) + 1))


def free_port(taken: set[int] | None = None) -> int:
    taken = taken or set()
    for port in _ports() or [0]:
        if port in taken:
            continue
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            found = int(sock.getsockname()[1])
        if found not in taken:
            return found
    raise RuntimeError(f"no free port in PRONGSAI_TEST_PORTS={os.environ['PRONGSAI_TEST_PORTS']}")


def collect_static() -> None:
    """Production settings serve hashed static files: collect them once (again when changed)."""
    manifest = ROOT / "staticfiles" / "staticfiles.json"
    sources = [ROOT / "static", *ROOT.glob("prongsai/*/static")]
    newest = max(
        (p.stat().st_mtime for folder in sources for p in folder.rglob("*") if p.is_file()),
        default=0.0,
    )
    if manifest.exists() and manifest.stat().st_mtime >= newest:
        return
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT, env=base_env(), check=True, timeout=600,
    )  # fmt: skip


def base_env(**extra: str) -> dict[str, str]:
    """Production-like settings (no test shortcuts) with the test process's secret key, so
    that codes, ballots and challenges made in the test are valid on the servers."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PRONGSAI_", "DJANGO_", "DATABASE_URL", "SQLITE_", "DEBUG"))
    }
    env.update(
        DEBUG="0",
        SECRET_KEY=settings.SECRET_KEY,
        AUDIT_KEYS=",".join(f"{key}:{secret}" for key, secret in settings.AUDIT_KEYS.items()),
        DATA_ENCRYPTION_KEY=settings.DATA_ENCRYPTION_KEY,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_HTTPS="0",
        LOG_LEVEL="WARNING",
        PYTHONDONTWRITEBYTECODE="1",
    )
    env.update(extra)
    return env


def database_env(tmp_path: Path) -> dict[str, str]:
    """Settings that point a server at the test database. PostgreSQL: the test database itself
    (committed data only: use ``transactional_db``). SQLite: the test database is in memory, so
    the servers get a copy of it in a file, made now."""
    params = connection.settings_dict
    if connection.vendor == "postgresql":
        auth = urllib.parse.quote(str(params.get("USER") or ""))
        if params.get("PASSWORD"):
            auth += ":" + urllib.parse.quote(str(params["PASSWORD"]))
        host = f"{params.get('HOST') or '127.0.0.1'}:{params.get('PORT') or 5432}"
        return {"DATABASE_URL": f"postgres://{auth}@{host}/{params['NAME']}"}
    path = tmp_path / "servers.sqlite3"
    connection.ensure_connection()
    copy = sqlite3.connect(path)
    with copy:
        connection.connection.backup(copy)
    copy.close()
    return {"SQLITE_PATH": str(path)}


class Process:
    def __init__(self, name: str, args: list[str], env: dict[str, str], log: Path) -> None:
        self.name, self.log = name, log
        self._out = log.open("w")
        self.process = subprocess.Popen(
            args, cwd=ROOT, env=env, stdout=self._out, stderr=subprocess.STDOUT
        )

    def output(self) -> str:
        if not self._out.closed:
            self._out.flush()
        return self.log.read_text(errors="replace")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self._out.close()


class Gunicorn(Process):
    def __init__(self, name: str, env: dict[str, str], log: Path, port: int, **options: str):
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        args = [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.conf.py",
                "--bind", f"127.0.0.1:{port}", "--workers", options.pop("workers", "2")]  # fmt: skip
        for key, value in options.items():
            args += [f"--{key.replace('_', '-')}", value]
        super().__init__(name, [*args, "config.wsgi:application"], env, log)

    def wait_ready(self, timeout: float = 60) -> None:
        import httpx

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited:\n{self.output()[-3000:]}")
            try:
                if httpx.get(self.url + "/healthz", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"{self.name} did not start:\n{self.output()[-3000:]}")


class Processes:
    def __init__(self, tmp_path: Path) -> None:
        self.tmp_path = tmp_path
        self.started: list[Process] = []
        self.ports: set[int] = set()

    def gunicorn(self, name: str, env: dict[str, str], **options: str) -> Gunicorn:
        port = free_port(self.ports)
        self.ports.add(port)
        server = Gunicorn(name, env, self.tmp_path / f"{name}.log", port, **options)
        self.started.append(server)
        server.wait_ready()
        return server

    def worker(self, name: str, env: dict[str, str]) -> Process:
        args = [sys.executable, "manage.py", "db_worker", "--interval", "0.2", "--no-reload",
                "--no-startup-delay"]  # fmt: skip
        worker = Process(name, args, env, self.tmp_path / f"{name}.log")
        self.started.append(worker)
        return worker

    def stop_all(self) -> None:
        for process in reversed(self.started):
            process.stop()


@pytest.fixture
def processes(tmp_path: Path) -> Iterator[Processes]:
    running = Processes(tmp_path)
    try:
        yield running
    finally:
        running.stop_all()


def wait_for(check: Any, timeout: float = 30, every: float = 0.2) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(every)
