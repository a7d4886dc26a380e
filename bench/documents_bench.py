"""Documents off the request path (issue 9, "What it must show" 5): time to first byte of the
report page and of a report download request, and the EIT submission rate while report PDFs
render in a ``db_worker`` next to the rate with none rendering, in the same run.

1. a fresh SQLite bench database (``var/bench/documents.sqlite3``, media beside it), migrated
   and filled by ``demo_load`` (the seed unit: 43-row plan with progress and photos, surveys,
   OIT); the unit's EIT campaign open; a logged-in session for the unit's admin;
2. gunicorn (sync workers, one per CPU, production settings, ``TASKS_BACKEND=database``) and one
   ``manage.py db_worker`` process, as README's production set-up;
3. time to first byte (median and p95 of ``--samples`` requests) of ``/healthz`` (the baseline),
   the report page (GET) and the download button (POST → the document page); and, for
   comparison, how long one report PDF takes to render in the worker: what the download request
   used to wait for before sending its first byte;
4. EIT submissions (wrk, ``--connections``, ``--duration`` s each) without a worker, with the
   worker idle (the baseline: "none rendering"), then with two report PDFs kept in the worker
   for the whole window (a feeder asks for the next ones as soon as they are done), then the
   same with the worker under ``nice -n 10``; last, for comparison, the old path: the same two
   PDFs rendered inside web requests (the server restarted with ``TASKS_BACKEND=immediate``).
   Ratios are to the idle-worker rate.

Prints a table and writes bench/results/documents_bench.json.
Run alone: ``.venv/bin/python -m bench.documents_bench [--duration 10] [--samples 20]``.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import secrets
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path
from typing import Any

from bench.common import ROOT, table, write_result
from bench.surveys_ladder import AUDIT_KEYS, DATA_KEY, WRK, body_prefix, write_lines, wrk

PY = sys.executable
BENCH_DIR = ROOT / "var" / "bench"
SQLITE_PATH = BENCH_DIR / "documents.sqlite3"
MEDIA = BENCH_DIR / "documents-media"
SECRET = "bench-" + secrets.token_urlsafe(48)
POW_BITS = 6
SLUG, YEAR = "kalasin-immigration", 2567
PORT = int(os.environ.get("BENCH_PORT", "8120"))


def bench_env() -> dict[str, str]:
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": SECRET,
        "DATA_ENCRYPTION_KEY": DATA_KEY,
        "AUDIT_KEYS": AUDIT_KEYS,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SITE_URL": f"http://127.0.0.1:{PORT}",
        "SECURE_HTTPS": "0",
        "LOG_LEVEL": "ERROR",
        "TASKS_BACKEND": "database",
        "SURVEY_RATE_LIMIT_PER_MINUTE": "100000000",
        "SURVEY_POW_BITS": str(POW_BITS),
        "SQLITE_PATH": str(SQLITE_PATH),
        "MEDIA_ROOT": str(MEDIA),
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    for name in ("PRONGSAI_TESTING", "DATABASE_URL"):
        env.pop(name, None)
    return env


def _run(
    args: list[str], extra: dict[str, str] | None = None, **kwargs: Any
) -> subprocess.CompletedProcess[str]:
    env = {**bench_env(), **(extra or {})}
    return subprocess.run(args, env=env, cwd=ROOT, check=True, text=True, **kwargs)


def fresh_database() -> dict[str, str]:
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{SQLITE_PATH}{suffix}").unlink(missing_ok=True)
    shutil.rmtree(MEDIA, ignore_errors=True)
    _run([PY, "manage.py", "migrate", "--noinput", "-v", "0"])
    # The demo loader is meant for DEBUG instances; the bench database is one.
    _run([PY, "manage.py", "demo_load", "-v", "0"], {"DEBUG": "1"}, capture_output=True)
    out = _run([PY, "-m", "bench.documents_bench", "--prepare"], capture_output=True).stdout
    return dict(json.loads(out.strip().splitlines()[-1]))


def prepare() -> None:
    """In a child process configured for the bench database: open the EIT campaign, make a
    session for the unit's admin, return the ids the clients need."""
    import datetime as dt

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from prongsai.organizations.models import Membership, Role
    from prongsai.surveys.models import Campaign
    from prongsai.surveys.services import campaign_update

    campaign = Campaign.objects.get(
        assessment__unit__slug=SLUG, assessment__year=YEAR, instrument="EIT"
    )
    campaign_update(actor="bench", campaign=campaign, opens_on=dt.date(2024, 1, 1),
                    closes_on=None, target_override=None)  # fmt: skip
    user = (
        Membership.objects.filter(unit__slug=SLUG, role=Role.ADMIN).select_related("user").first()
    )
    assert user is not None, "the demo has no admin for the seed unit"
    session = SessionStore()
    session[SESSION_KEY] = str(user.user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.user.get_session_auth_hash()
    session.create()
    print(json.dumps({"campaign": str(campaign.pk), "session": session.session_key}))


# --- processes --------------------------------------------------------------------------------
class Process:
    def __init__(self, args: list[str], name: str, extra: dict[str, str] | None = None) -> None:
        self.name = name
        self.log = tempfile.TemporaryFile(mode="w+")  # noqa: SIM115 (lives as long as the process)
        self.process = subprocess.Popen(
            args,
            env={**bench_env(), **(extra or {})},
            cwd=ROOT,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def errors(self) -> str:
        self.log.seek(0)
        return self.log.read()[-3000:]

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()


def start_server(workers: int, extra: dict[str, str] | None = None) -> Process:
    server = Process(
        [PY, "-m", "gunicorn", "config.wsgi:application", "--bind", f"127.0.0.1:{PORT}",
         "--workers", str(workers), "--worker-class", "sync", "--backlog", "2048",
         "--log-level", "warning", "--timeout", "120"],
        "gunicorn",
        extra,
    )  # fmt: skip
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            status, _ttfb, _headers, _body = request("GET", "/healthz")
            if status == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.stop()
    raise RuntimeError("gunicorn did not start: " + server.errors())


def start_worker(nice: int | None = 0) -> Process:
    prefix = ["nice", "-n", str(nice)] if nice else []
    return Process([*prefix, PY, "manage.py", "db_worker"], "db_worker")  # README's set-up


# --- HTTP with time to first byte ---------------------------------------------------------------
def request(
    method: str, path: str, *, cookies: dict[str, str] | None = None, body: str | None = None
) -> tuple[int, float, dict[str, str], bytes]:
    """One request; returns status, seconds to the first byte of the answer, headers, body."""
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=120)
    headers = {}
    if cookies:
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    try:
        started = time.perf_counter()
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()  # returns once the status line and headers arrived
        ttfb = time.perf_counter() - started
        content = response.read()
        return response.status, ttfb, {k.lower(): v for k, v in response.getheaders()}, content
    finally:
        connection.close()


def summary(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {
        "median_ms": round(statistics.median(ordered) * 1000, 1),
        "p95_ms": round(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))] * 1000, 1),
        "max_ms": round(ordered[-1] * 1000, 1),
    }


class Client:
    """The admin's browser: session cookie, CSRF cookie and token."""

    def __init__(self, session: str) -> None:
        self.cookies = {"sessionid": session}
        status, _t, headers, body = request("GET", self.report_path, cookies=self.cookies)
        assert status == 200, status
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
        cookie = re.search(r"csrftoken=([^;]+)", headers.get("set-cookie", ""))
        assert token and cookie, "no CSRF token on the report page"
        self.token = token.group(1).decode()
        self.cookies["csrftoken"] = cookie.group(1)

    report_path = f"/u/{SLUG}/{YEAR}/report/"
    download_path = f"/u/{SLUG}/{YEAR}/report/download/"

    def download(self, round_: int, fmt: str, thai_digits: bool = False) -> tuple[float, str]:
        fields = {"csrfmiddlewaretoken": self.token, "round": round_, "format": fmt}
        if thai_digits:
            fields["thai_digits"] = "on"
        status, ttfb, headers, _body = request(
            "POST", self.download_path, cookies=self.cookies, body=urllib.parse.urlencode(fields)
        )
        assert status == 302, status
        return ttfb, headers["location"]


# --- the documents table, read directly -----------------------------------------------------
def db() -> sqlite3.Connection:
    return sqlite3.connect(SQLITE_PATH, timeout=30)


def pending() -> int:
    with db() as lite:
        row = lite.execute(
            "SELECT COUNT(*) FROM documents_generateddocument WHERE status IN ('queued','running')"
        ).fetchone()
    return int(row[0])


def render_times(since: float) -> list[float]:
    """Seconds from start to finish of the PDFs rendered since ``since`` (epoch seconds)."""
    with db() as lite:
        rows = lite.execute(
            "SELECT started_at, finished_at FROM documents_generateddocument "
            "WHERE status = 'ready' AND content_type = 'application/pdf'"
        ).fetchall()
    return [_epoch(f) - _epoch(s) for s, f in rows if _epoch(s) >= since]


def rendering_share(start: float, end: float) -> tuple[float, int]:
    """The share of [start, end] during which the worker was rendering, and how many renders
    overlapped that window."""
    with db() as lite:
        rows = lite.execute(
            "SELECT started_at, finished_at FROM documents_generateddocument "
            "WHERE started_at IS NOT NULL"
        ).fetchall()
    busy, count = 0.0, 0
    for started, finished in rows:
        begin = _epoch(started)
        finish = _epoch(finished) if finished else end
        overlap = min(finish, end) - max(begin, start)
        if overlap > 0:
            busy += overlap
            count += 1
    return min(1.0, busy / (end - start)), count


def _epoch(value: str) -> float:
    import datetime as dt

    return dt.datetime.fromisoformat(value).replace(tzinfo=dt.UTC).timestamp()


def wait_idle(timeout: float = 300) -> None:
    deadline = time.time() + timeout
    while pending() and time.time() < deadline:
        time.sleep(0.2)


def forget_pending() -> None:
    """Drop requests made only to time the button or cut short by stopping the worker (and
    their tasks), so that each phase starts with an empty queue."""
    with db() as lite:
        lite.execute(
            "DELETE FROM documents_generateddocument WHERE status IN ('queued', 'running')"
        )
        lite.execute(
            "DELETE FROM django_tasks_database_dbtaskresult WHERE status IN ('READY', 'RUNNING')"
        )


class Feeder(threading.Thread):
    """Keeps two report PDFs in the worker (queued or rendering) until stopped."""

    def __init__(self, client: Client) -> None:
        super().__init__(daemon=True)
        self.client = client
        self.stop_event = threading.Event()
        self.requested = 0

    def run(self) -> None:
        while not self.stop_event.is_set():
            if pending() < 2:
                for round_ in (6, 12):  # identical pending requests are shared: two distinct
                    self.client.download(round_, "pdf")
                self.requested += 2
            time.sleep(0.1)


class InRequestFeeder(threading.Thread):
    """The old path: a download renders inside its web request (TASKS_BACKEND=immediate), two
    at a time (one per thread), for as long as the window lasts."""

    def __init__(self, client: Client, round_: int) -> None:
        super().__init__(daemon=True)
        self.client, self.round = client, round_
        self.stop_event = threading.Event()
        self.rendered = 0

    def run(self) -> None:
        while not self.stop_event.is_set():
            self.client.download(self.round, "pdf")
            self.rendered += 1


# --- the run --------------------------------------------------------------------------------
def eit_rate(data: dict[str, str], work: Path, connections: int, duration: int) -> dict[str, Any]:
    path = f"/s/{SLUG}/{YEAR}/eit/"
    status, _t, headers, body = request("GET", path)
    assert status == 200
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()  # type: ignore[union-attr]
    cookie = re.search(r"csrftoken=([^;]+)", headers["set-cookie"]).group(1)  # type: ignore[union-attr]
    lines = work / f"lines-{time.time_ns()}.txt"
    write_lines(Path(f"{lines}.0"), data["campaign"], 900 * duration)  # one wrk process
    ack_dir = work / f"acks-{time.time_ns()}"
    ack_dir.mkdir()
    env = {
        "BENCH_LINES": str(lines), "BENCH_ACK_DIR": str(ack_dir), "BENCH_PATH": path,
        "BENCH_BODY_PREFIX": body_prefix(token), "BENCH_COOKIE": f"csrftoken={cookie}",
        "BENCH_RETRY": "0",
    }  # fmt: skip
    return wrk([f"http://127.0.0.1:{PORT}{path}"], connections, duration, env, ack_dir)


def run(args: argparse.Namespace) -> dict[str, Any]:
    print("=== fresh database, migrate, demo data", flush=True)
    data = fresh_database()
    workers = os.cpu_count() or 1
    _run([PY, "manage.py", "collectstatic", "--noinput", "-v", "0"])
    server = start_server(workers)
    worker = start_worker()
    work = Path(tempfile.mkdtemp(prefix="bench-documents-"))
    result: dict[str, Any] = {"gunicorn_workers": workers, "samples": args.samples}
    try:
        client = Client(data["session"])
        for _ in range(3):  # warm up every gunicorn worker
            request("GET", client.report_path, cookies=client.cookies)

        print("--- one report PDF rendered by the worker, nothing else running", flush=True)
        since = time.time()
        client.download(6, "pdf")
        wait_idle()
        alone = render_times(since)
        result["render_pdf_alone_s"] = round(alone[0], 2) if alone else None
        print(f"  {result['render_pdf_alone_s']} s", flush=True)

        print("--- time to first byte", flush=True)
        worker.stop()  # only the button is timed here: nothing renders meanwhile
        baseline = [request("GET", "/healthz")[1] for _ in range(args.samples)]
        page = [request("GET", client.report_path, cookies=client.cookies)[1]
                for _ in range(args.samples)]  # fmt: skip
        button: list[float] = []
        combos = [(r, f, d) for r in (6, 12) for f in ("pdf", "docx") for d in (False, True)]
        while len(button) < args.samples:
            for round_, fmt, digits in combos[: args.samples - len(button)]:
                button.append(client.download(round_, fmt, digits)[0])  # a new request each
            forget_pending()
        result["ttfb"] = {
            "healthz": summary(baseline),
            "report_page": summary(page),
            "download_request": summary(button),
        }
        for name, value in result["ttfb"].items():
            print(f"  {name:<17} median {value['median_ms']} ms  p95 {value['p95_ms']} ms",
                  flush=True)  # fmt: skip

        phases = []
        for label, rendering, nice in (
            ("no worker at all", False, None),
            ("worker idle", False, 0),
            ("2 PDFs rendering", True, 0),
            ("2 PDFs rendering, worker nice 10", True, 10),
        ):
            if nice is not None:
                worker = start_worker(nice)
                time.sleep(1.5)
            feeder = Feeder(client) if rendering else None
            if feeder is not None:
                feeder.start()
                time.sleep(0.5)  # the first render is under way
            start = time.time()
            step = eit_rate(data, work, args.connections, args.duration)
            end = time.time()
            if feeder is not None:
                feeder.stop_event.set()
                feeder.join()
            share, overlapping = rendering_share(start, end) if rendering else (0.0, 0)
            rendered = render_times(start) if rendering else []
            worker.stop()
            forget_pending()
            phase = {
                "phase": label,
                "submissions_per_s": step["rps"],
                "p50_ms": step["p50_ms"],
                "p99_ms": step["p99_ms"],
                "non_2xx": step["non_2xx"],
                "worker_rendering_share": round(share, 3),
                "pdf_renders_in_window": overlapping,
                "render_median_s": round(statistics.median(rendered), 2) if rendered else None,
            }
            phases.append(phase)
            print(f"  {label:<34} {step['rps']:>7.1f}/s  p99 {step['p99_ms']} ms  worker "
                  f"rendering {share:.0%} of the window ({overlapping} PDFs, median "
                  f"{phase['render_median_s']} s)", flush=True)  # fmt: skip
        # Before: the same two PDFs rendered inside web requests (what a download button did).
        server.stop()
        server = start_server(workers, {"TASKS_BACKEND": "immediate"})
        feeders = [InRequestFeeder(client, round_) for round_ in (6, 12)]
        for in_request in feeders:
            in_request.start()
        time.sleep(0.5)
        start = time.time()
        step = eit_rate(data, work, args.connections, args.duration)
        end = time.time()
        for in_request in feeders:
            in_request.stop_event.set()
        share, overlapping = rendering_share(start, end)
        for in_request in feeders:
            in_request.join(timeout=120)
        phases.append(
            {
                "phase": "2 PDFs rendering inside web requests (before)",
                "submissions_per_s": step["rps"],
                "p50_ms": step["p50_ms"],
                "p99_ms": step["p99_ms"],
                "non_2xx": step["non_2xx"],
                "worker_rendering_share": round(share, 3),
                "pdf_renders_in_window": overlapping,
                "render_median_s": None,
            }
        )
        print(f"  {'2 PDFs inside web requests (before)':<34} {step['rps']:>7.1f}/s  p99 "
              f"{step['p99_ms']} ms  ({overlapping} PDFs)", flush=True)  # fmt: skip
        idle = phases[1]["submissions_per_s"]
        for phase in phases:
            phase["ratio_to_idle"] = round(phase["submissions_per_s"] / idle, 3) if idle else None
        result["eit"] = {"connections": args.connections, "duration_s": args.duration,
                         "phases": phases}  # fmt: skip
    finally:
        worker.stop()
        server.stop()
        shutil.rmtree(work, ignore_errors=True)
    tracebacks = [line for line in server.errors().splitlines() if "Traceback" in line]
    result["server_tracebacks"] = len(tracebacks)
    return result


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--prepare", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--duration", type=int, default=10, help="seconds per EIT phase")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--samples", type=int, default=20)
    args = parser.parse_args(argv)
    if args.prepare:
        prepare()
        return {}
    if not Path(WRK).exists():
        raise SystemExit("wrk is not installed (make sysdeps-bench installs it)")
    # This process signs the EIT challenges the clients send: the server's key and difficulty.
    os.environ.update(SECRET_KEY=SECRET, SURVEY_POW_BITS=str(POW_BITS), DEBUG="0",
                      DATA_ENCRYPTION_KEY=DATA_KEY, AUDIT_KEYS=AUDIT_KEYS, ALLOWED_HOSTS="127.0.0.1",
                      SQLITE_PATH=str(SQLITE_PATH))  # fmt: skip
    os.environ.pop("DATABASE_URL", None)
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    result = run(args)
    ttfb = result["ttfb"]
    rows = [
        ["TTFB /healthz (baseline)", f"{ttfb['healthz']['median_ms']} ms",
         f"{ttfb['healthz']['p95_ms']} ms"],
        ["TTFB report page (GET)", f"{ttfb['report_page']['median_ms']} ms",
         f"{ttfb['report_page']['p95_ms']} ms"],
        ["TTFB download request (POST)", f"{ttfb['download_request']['median_ms']} ms",
         f"{ttfb['download_request']['p95_ms']} ms"],
        ["one PDF rendered in the worker", f"{result['render_pdf_alone_s']} s", ""],
    ]  # fmt: skip
    for phase in result["eit"]["phases"]:
        rows.append([f"EIT, {phase['phase']}", f"{phase['submissions_per_s']:.0f}/s",
                     f"p99 {phase['p99_ms']} ms, ×{phase['ratio_to_idle']}, worker rendering "
                     f"{phase['worker_rendering_share']:.0%}"])  # fmt: skip
    print(f"\nDocuments off the request path: gunicorn {result['gunicorn_workers']} sync "
          f"workers + 1 db_worker, SQLite, {os.cpu_count()} CPU(s)")  # fmt: skip
    print(table(rows, ["what", "median / rate", "p95 / detail"]))
    path = write_result("documents_bench", {"benchmark": "documents_bench", **result})
    print(f"written {path.relative_to(ROOT)}")
    return result


if __name__ == "__main__":
    main()
