"""REST API under load (issue 18, "What it must show" 4): ``GET /api/v1/…/oit-items`` of one
unit (a read token) and the unit's disclosure manifest (public), requests/s and p50 / p95 at 20
concurrent connections (wrk), next to ``/healthz`` in the same run.

1. a fresh SQLite database (and PostgreSQL when it answers), migrated; the demo's base, its OIT
   evidence and pre-checks (the seed unit's 24 items, ~100 pieces of evidence);
2. a read token of the seed unit's admin; gunicorn (sync workers, production settings; the
   per-token rate limit raised out of the way: every request still counts against it);
3. wrk, 20 connections, ``--duration`` s each: ``/healthz``, the OIT items list, the same list
   with ``If-None-Match`` (304), the manifest (``/p/<unit>/<year>/manifest.json``; requested once
   before, so that its stored copy exists, as after the first visitor following a change).

Prints a table and writes bench/results/api_bench.json.
Run alone: ``.venv/bin/python -m bench.api_bench [--duration 10] [--workers 2] [--backends sqlite]``
(``BENCH_PORT`` for the server's port, ``API_BENCH_PG_DB`` for the PostgreSQL database).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

from bench.common import ROOT, table, write_result
from bench.surveys_ladder import PG_ADMIN_URL, _unavailable, bench_env, parse_wrk

PY = sys.executable
WRK = shutil.which("wrk") or "/usr/bin/wrk"
LUA = ROOT / "bench" / "wrk_percentiles.lua"
CONNECTIONS = 20
PORT = int(os.environ.get("BENCH_PORT", "8122"))
PG_DB = os.environ.get("API_BENCH_PG_DB", "bench_api")
SLUG, YEAR = "kalasin-immigration", 2567


def _env(backend: str) -> dict[str, str]:
    env = bench_env(backend)
    env["API_RATE_LIMIT_PER_MINUTE"] = "100000000"
    if backend == "sqlite":
        env["SQLITE_PATH"] = str(ROOT / "var" / "bench" / "api.sqlite3")
    else:
        parts = urllib.parse.urlsplit(PG_ADMIN_URL)
        env["DATABASE_URL"] = urllib.parse.urlunsplit(parts._replace(path="/" + PG_DB))
    return env


class Server:
    """gunicorn on 127.0.0.1:BENCH_PORT with production settings for the bench database."""

    def __init__(self, backend: str, workers: int) -> None:
        self.url = f"http://127.0.0.1:{PORT}"
        self.log = tempfile.TemporaryFile(mode="w+")  # noqa: SIM115 (lives as long as the server)
        self.process = subprocess.Popen(
            [PY, "-m", "gunicorn", "config.wsgi:application", "--bind", f"127.0.0.1:{PORT}",
             "--workers", str(workers), "--worker-class", "sync", "--backlog", "2048",
             "--log-level", "warning", "--timeout", "120"],
            env=_env(backend), cwd=ROOT, stdout=self.log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=2) as response:  # noqa: S310 (local)
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError("gunicorn did not start: " + self.errors())

    def errors(self) -> str:
        self.log.seek(0)
        return self.log.read()[-3000:]

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()


def fresh_database(backend: str) -> None:
    env = _env(backend)
    if backend == "postgres":
        import psycopg

        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{PG_DB}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{PG_DB}"')
    else:
        path = Path(env["SQLITE_PATH"])
        path.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    subprocess.run(
        [PY, "manage.py", "migrate", "--noinput", "-v", "0"], env=env, cwd=ROOT, check=True
    )


def prepare_data(backend: str) -> dict[str, Any]:
    out = subprocess.run(
        [PY, "-m", "bench.api_bench", "--prepare"],
        env=_env(backend), cwd=ROOT, check=True, text=True, capture_output=True,
    ).stdout  # fmt: skip
    return dict(json.loads(out.strip().splitlines()[-1]))


def prepare() -> None:
    """In a child process configured (by environment) for the bench database."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from prongsai.api.services import token_create
    from prongsai.demo import prechecks as demo_prechecks
    from prongsai.demo.base import load_base
    from prongsai.demo.disclosures import load_demo
    from prongsai.disclosures.models import Evidence

    with transaction.atomic():
        ctx = load_base()
    with transaction.atomic():
        load_demo(ctx)
    with transaction.atomic():
        demo_prechecks.load_demo(ctx)
    admin: Any = get_user_model().objects.get(username="kalasin-admin")
    plain = token_create(actor=admin, name="bench", scope="read", days=1).plain
    evidence = Evidence.objects.filter(work__assessment__unit__slug=SLUG).count()
    print(json.dumps({"token": plain, "evidence": evidence}))


def wrk_run(url: str, duration: int, headers: dict[str, str]) -> dict[str, Any]:
    args = [WRK, "-t", "2", "-c", str(CONNECTIONS), "-d", f"{duration}s", "--timeout", "20s",
            "--latency", "-s", str(LUA)]  # fmt: skip
    for name, value in headers.items():
        args += ["-H", f"{name}: {value}"]
    output = subprocess.run(
        [*args, url], capture_output=True, text=True, check=True, timeout=duration + 60
    ).stdout
    result = parse_wrk(output)
    found = re.search(r"BENCH_P50_US (\d+) BENCH_P95_US (\d+)", output)
    if found:
        result["p50_ms"] = round(int(found.group(1)) / 1000, 1)
        result["p95_ms"] = round(int(found.group(2)) / 1000, 1)
    return result


def _etag(url: str, headers: dict[str, str]) -> str:
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 (local)
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (local)
        return str(response.headers["ETag"])


def run_backend(backend: str, args: argparse.Namespace) -> dict[str, Any]:
    fresh_database(backend)
    data = prepare_data(backend)
    server = Server(backend, workers=args.workers)
    auth = {"Authorization": f"Bearer {data['token']}"}
    items = f"{server.url}/api/v1/units/{SLUG}/assessments/{YEAR}/oit-items"
    try:
        etag = _etag(items, auth)
        manifest = f"{server.url}/p/{SLUG}/{YEAR}/manifest.json"
        _etag(manifest, {})  # built once and stored, as the first visitor after a change does
        pages: dict[str, tuple[str, dict[str, str]]] = {
            "/healthz": (f"{server.url}/healthz", {}),
            "API oit-items (token)": (items, auth),
            "API oit-items, If-None-Match (304)": (items, {**auth, "If-None-Match": etag}),
            "manifest.json (public)": (manifest, {}),
        }
        results = {}
        for name, (url, headers) in pages.items():
            results[name] = wrk_run(url, args.duration, headers)
            print(f"  {backend} {name}: {results[name]}", flush=True)
        errors = server.errors()
    finally:
        server.stop()
    return {
        "backend": backend,
        "evidence": data["evidence"],
        "workers": args.workers,
        "pages": results,
        "server_tracebacks": errors.count("Traceback"),
    }


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--quick", action="store_true", help="5 s per page, SQLite only")
    parser.add_argument("--prepare", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.prepare:
        prepare()
        return {}
    if args.quick:
        args.duration, args.backends = 5, "sqlite"
    runs, skipped = [], {}
    for backend in args.backends.split(","):
        reason = _unavailable(backend)
        if reason:
            skipped[backend] = reason
            print(f"  {backend}: skipped ({reason})")
            continue
        runs.append(run_backend(backend, args))
    rows = []
    for run in runs:
        health = run["pages"]["/healthz"]["rps"]
        for name, figures in run["pages"].items():
            rows.append([run["backend"], name, f"{figures['rps']:.0f}",
                         f"{figures['rps'] / health:.2f}" if health else "–",
                         figures.get("p50_ms"), figures.get("p95_ms"), figures["non_2xx"]])  # fmt: skip
    print(table(rows, ["backend", "request", "req/s", "× healthz", "p50 ms", "p95 ms", "non-2xx"]))
    result = {
        "connections": CONNECTIONS,
        "duration_s": args.duration,
        "runs": runs,
        "skipped": skipped,
    }
    path = write_result("api_bench", result)
    print(f"written to {path.relative_to(ROOT)}")
    return result


if __name__ == "__main__":
    main()
