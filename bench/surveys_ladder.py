"""EIT submissions under load (issue 5, point 4): a ladder of wrk connection counts against
gunicorn, on SQLite and on PostgreSQL, next to a bare Django view baseline measured in the same run.

For each database:

1. a fresh bench database (``var/bench/surveys.sqlite3``; PostgreSQL database ``bench_surveys``,
   created when missing), migrated, with the 2567 police framework, one unit, its assessment and
   an open EIT campaign;
2. gunicorn (``config.wsgi``, sync workers, one per CPU — measured best here —, production
   settings: DEBUG off, no access log) on a free port;
3. the baseline: ``/healthz`` (the public ``portal:healthz`` view: full middleware, no database)
   at a few connection counts;
4. the ladder: wrk posts complete EIT answer sheets (each with its own submission id and its own
   pre-solved anti-spam challenge; CSRF cookie and token fetched once) at 1, 2, 4 … 64
   connections, ~10 s each, latency percentiles from wrk's distribution;
5. a retry storm at the best step: 10% of requests resend a body already sent (same id);
6. the check: every acknowledged id (X-Submission-Id of a 2xx) must be stored (lost = 0), no id
   stored twice (duplicated = 0), and the scoring counters must equal the stored rows.

Reports submissions/s at the best step with p99 ≤ 300 ms and its ratio to the baseline, prints
a table and writes bench/results/surveys_ladder.json. Goal on a 2-core machine: ≥ 200/s on SQLite.

The per-address rate limit is raised for the run (all requests come from 127.0.0.1) and the
proof of work is made cheap to pre-solve (``SURVEY_POW_BITS``): the server's check costs one
SHA-256 whatever the difficulty.

Run alone: ``.venv/bin/python -m bench.surveys_ladder [--quick] [--backends sqlite,postgres]``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
import uuid
from pathlib import Path
from typing import Any

from bench.common import ROOT, table, write_result
from prongsai.frameworks.shipped import definition_path

PY = sys.executable
WRK = shutil.which("wrk") or "/usr/bin/wrk"
LUA = ROOT / "bench" / "wrk_submit.lua"
BENCH_DIR = ROOT / "var" / "bench"
SQLITE_PATH = BENCH_DIR / "surveys.sqlite3"
PG_ADMIN_URL = os.environ.get("BENCH_PG_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres")
PG_DB = os.environ.get("BENCH_PG_DB", "bench_surveys")
P99_LIMIT_MS = 300.0
SECRET = "bench-" + secrets.token_urlsafe(48)
AUDIT_KEYS = "1:bench-audit-" + secrets.token_urlsafe(32)
DATA_KEY = "6o2QsRkJwTqTLWOPlCqkM6Za4fCEuSWHBJ8xo7m6mf8="  # a bench-only Fernet key
POW_BITS = 6


# --- environment and processes ----------------------------------------------------------------
def _pg_url() -> str:
    parts = urllib.parse.urlsplit(PG_ADMIN_URL)
    return urllib.parse.urlunsplit(parts._replace(path="/" + PG_DB))


def bench_env(backend: str) -> dict[str, str]:
    """Production-like settings for the server and for set-up commands."""
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": SECRET,
        "AUDIT_KEYS": AUDIT_KEYS,
        "DATA_ENCRYPTION_KEY": DATA_KEY,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_HTTPS": "0",
        "LOG_LEVEL": "ERROR",
        "TASKS_BACKEND": "immediate",
        "SURVEY_RATE_LIMIT_PER_MINUTE": "100000000",
        "SURVEY_POW_BITS": str(POW_BITS),
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    env.pop("PRONGSAI_TESTING", None)
    if backend == "postgres":
        env["DATABASE_URL"] = _pg_url()
    else:
        env.pop("DATABASE_URL", None)
        env["SQLITE_PATH"] = str(SQLITE_PATH)
    return env


def _run(args: list[str], env: dict[str, str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, env=env, cwd=ROOT, check=True, text=True, **kwargs)


def fresh_database(backend: str) -> None:
    if backend == "postgres":
        import psycopg

        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{PG_DB}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{PG_DB}"')
    else:
        BENCH_DIR.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{SQLITE_PATH}{suffix}").unlink(missing_ok=True)
    env = bench_env(backend)
    _run([PY, "manage.py", "migrate", "--noinput", "-v", "0"], env)


def prepare_data(backend: str) -> dict[str, str]:
    """Framework, unit, assessment, open EIT campaign (in a child process set up for the DB)."""
    out = _run([PY, "-m", "bench.surveys_ladder", "--prepare"], bench_env(backend),
               capture_output=True).stdout  # fmt: skip
    return dict(json.loads(out.strip().splitlines()[-1]))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    def __init__(self, backend: str, workers: int, worker_class: str, threads: int) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        args = [
            PY, "-m", "gunicorn", "config.wsgi:application",
            "--bind", f"127.0.0.1:{self.port}",
            "--workers", str(workers),
            "--worker-class", worker_class,
            "--backlog", "2048",
            "--log-level", "warning",
            "--timeout", "60",
        ]  # fmt: skip
        if worker_class == "gthread":
            args += ["--threads", str(threads)]
        self.log = tempfile.TemporaryFile(mode="w+")  # noqa: SIM115 (lives as long as the server)
        self.process = subprocess.Popen(
            args, env=bench_env(backend), cwd=ROOT, stdout=self.log, stderr=subprocess.STDOUT
        )
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=2) as response:  # noqa: S310 (local)
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
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


# --- wrk ----------------------------------------------------------------------------------------
_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip()).groups()  # type: ignore[union-attr]
    return float(number) * _UNITS[unit]


def parse_wrk(output: str) -> dict[str, Any]:
    result: dict[str, Any] = {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),  # type: ignore[union-attr]
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),  # type: ignore[union-attr]
    }
    for pct in ("50", "90", "99"):
        found = re.search(rf"\s{pct}%\s+(\S+)", output)
        result[f"p{pct}_ms"] = round(_ms(found.group(1)), 2) if found else None
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    result["non_2xx"] = int(non2xx.group(1)) if non2xx else 0
    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    result["socket_errors"] = sum(int(g) for g in errors.groups()) if errors else 0
    counts = re.search(r"BENCH_COUNTS (.*)", output)
    if counts:
        result["counts"] = {k: int(v) for k, v in (p.split("=") for p in counts.group(1).split())}
    return result


def wrk(
    url: str, connections: int, duration: int, env: dict[str, str] | None = None
) -> dict[str, Any]:
    threads = 1 if connections == 1 else 2
    args = [WRK, "-t", str(threads), "-c", str(connections), "-d", f"{duration}s",
            "--timeout", "10s", "--latency"]  # fmt: skip
    run_env = dict(os.environ)
    if env is not None:
        args += ["-s", str(LUA)]
        run_env.update(env, BENCH_THREADS=str(threads))
    output = subprocess.run(
        [*args, url], env=run_env, capture_output=True, text=True, check=True, timeout=duration + 60
    ).stdout
    return {"connections": connections, **parse_wrk(output)}


# --- submissions --------------------------------------------------------------------------------
def csrf_pair(server: Server, path: str) -> tuple[str, str]:
    """A CSRF cookie and a form token, fetched once from the survey page (as a browser would)."""
    with urllib.request.urlopen(server.url + path, timeout=10) as response:  # noqa: S310 (local)
        html = response.read().decode()
        cookie = next(
            c.split(";", 1)[0].split("=", 1)[1]
            for c in response.headers.get_all("Set-Cookie")
            if c.startswith("csrftoken=")
        )
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)  # type: ignore[union-attr]
    return cookie, token


def body_prefix(csrf_token: str) -> str:
    """Everything of a valid EIT post except its id and challenge (from the framework's spec)."""
    from prongsai.frameworks.loader import read_definition
    from prongsai.frameworks.spec import FrameworkSpec
    from prongsai.surveys.answers import layout_for

    data, problems = read_definition(definition_path("ita-2567-police.yaml"))
    assert not problems, problems
    layout = layout_for(FrameworkSpec.from_definition(data), "EIT")
    fields = {"csrfmiddlewaretoken": csrf_token, "hp_note": ""}
    for index, (key, question) in enumerate(layout.question_of_key.items()):
        levels = [lv.value for lv in layout.scale(question).levels]
        fields[f"a_{key}"] = str(levels[index % len(levels)])
    for profile in layout.profile:
        fields[f"p_{profile.id}"] = profile.options[0].value
    return urllib.parse.urlencode(fields)


def write_lines(path: Path, campaign_id: str, count: int) -> None:
    """``count`` fresh submissions: a random id and a solved challenge each."""
    from prongsai.surveys.tokens import challenge_issue, pow_solve

    with path.open("w") as out:
        for _ in range(count):
            challenge = challenge_issue(campaign_id)
            nonce = pow_solve(challenge.token, challenge.bits)
            out.write(f"{uuid.uuid4()} {urllib.parse.quote(challenge.token, safe='')} {nonce}\n")


def read_acks(folder: Path) -> list[str]:
    acks = []
    for path in folder.rglob("ack-*.txt"):
        acks += [line.strip() for line in path.read_text().splitlines() if line.strip()]
    return acks


def _one(row: Any) -> Any:
    return row[0] if row else 0


def stored_state(backend: str, campaign_id: str, assessment_id: str) -> dict[str, Any]:
    """What the database holds, read with plain SQL (no Django in this process)."""
    queries = {
        "ids": "SELECT submission_id FROM surveys_response WHERE campaign_id = %s",
        "dups": "SELECT COUNT(*) FROM (SELECT submission_id FROM surveys_response "
        "GROUP BY submission_id HAVING COUNT(*) > 1) d",
        "tally": "SELECT count FROM surveys_respondenttally WHERE assessment_id = %s "
        "AND instrument = 'EIT'",
        "answers": "SELECT key, SUM(count) FROM surveys_answertally WHERE assessment_id = %s "
        "AND instrument = 'EIT' GROUP BY key",
    }
    if backend == "postgres":
        import psycopg

        with psycopg.connect(_pg_url()) as pg:
            ids = [str(r[0]) for r in pg.execute(queries["ids"], [campaign_id]).fetchall()]
            dups = _one(pg.execute(queries["dups"]).fetchone())
            tally = _one(pg.execute(queries["tally"], [assessment_id]).fetchone())
            answers: dict[str, Any] = dict(
                pg.execute(queries["answers"], [assessment_id]).fetchall()
            )
    else:
        lite = sqlite3.connect(SQLITE_PATH)
        try:
            q = {k: v.replace("%s", "?") for k, v in queries.items()}
            hex_campaign, hex_assessment = (
                campaign_id.replace("-", ""),
                assessment_id.replace("-", ""),
            )
            ids = [str(uuid.UUID(r[0])) for r in lite.execute(q["ids"], [hex_campaign])]
            dups = _one(lite.execute(q["dups"]).fetchone())
            tally = _one(lite.execute(q["tally"], [hex_assessment]).fetchone())
            answers = dict(lite.execute(q["answers"], [hex_assessment]).fetchall())
        finally:
            lite.close()
    return {"ids": ids, "duplicated": int(dups), "tally": int(tally), "answers": answers}


# --- one database ---------------------------------------------------------------------------
def run_backend(backend: str, args: argparse.Namespace) -> dict[str, Any]:
    print(f"\n=== {backend}: fresh database, migrate, data", flush=True)
    fresh_database(backend)
    data = prepare_data(backend)
    server = Server(backend, args.workers, args.worker_class, args.threads)
    work = Path(tempfile.mkdtemp(prefix=f"bench-surveys-{backend}-"))
    try:
        path = f"/s/{data['slug']}/{data['year']}/eit/"
        cookie, token = csrf_pair(server, path)
        prefix = body_prefix(token)
        # Warm up every worker (imports, framework spec cache, connections).
        wrk(server.url + "/healthz", 8, 2)

        print(f"--- {backend}: baseline GET /healthz", flush=True)
        baseline = [wrk(server.url + "/healthz", c, args.duration) for c in args.baseline]
        for step in baseline:
            print(f"  c={step['connections']:>3}  {step['rps']:>8.1f} req/s  p99 {step['p99_ms']} ms",
                  flush=True)  # fmt: skip

        ladder = []
        estimate = 800.0
        for connections in args.ladder:
            step_dir = work / f"c{connections}"
            step_dir.mkdir()
            lines = work / f"lines-c{connections}.txt"
            write_lines(lines, data["campaign"], int(max(estimate * 2.5, 500) * args.duration))
            env = {
                "BENCH_LINES": str(lines), "BENCH_ACK_DIR": str(step_dir), "BENCH_PATH": path,
                "BENCH_BODY_PREFIX": prefix, "BENCH_COOKIE": f"csrftoken={cookie}",
                "BENCH_RETRY": "0",
            }  # fmt: skip
            step = wrk(server.url + path, connections, args.duration, env)
            ladder.append(step)
            estimate = max(estimate, step["rps"])
            print(f"  c={connections:>3}  {step['rps']:>8.1f} submissions/s  p50 "
                  f"{step['p50_ms']} ms  p99 {step['p99_ms']} ms  non-2xx {step['non_2xx']}  "
                  f"{step.get('counts', {})}", flush=True)  # fmt: skip

        within = [s for s in ladder if s["p99_ms"] is not None and s["p99_ms"] <= P99_LIMIT_MS]
        best = max(within or ladder, key=lambda s: s["rps"])
        base_within = [
            s for s in baseline if s["p99_ms"] is not None and s["p99_ms"] <= P99_LIMIT_MS
        ]
        base_best = max(base_within or baseline, key=lambda s: s["rps"])

        print(
            f"--- {backend}: retry storm at c={best['connections']} (10% resend an id)", flush=True
        )
        storm_dir = work / "storm"
        storm_dir.mkdir()
        lines = work / "lines-storm.txt"
        write_lines(lines, data["campaign"], int(max(best["rps"] * 2.5, 500) * args.duration))
        env = {
            "BENCH_LINES": str(lines), "BENCH_ACK_DIR": str(storm_dir), "BENCH_PATH": path,
            "BENCH_BODY_PREFIX": prefix, "BENCH_COOKIE": f"csrftoken={cookie}",
            "BENCH_RETRY": "0.1",
        }  # fmt: skip
        storm = wrk(server.url + path, best["connections"], args.duration, env)
        print(f"  {storm['rps']:.1f} submissions/s  p99 {storm['p99_ms']} ms  "
              f"{storm.get('counts', {})}", flush=True)  # fmt: skip
    finally:
        server.stop()
    server_errors = [line for line in server.errors().splitlines() if "Traceback" in line]

    acks = read_acks(work)
    state = stored_state(backend, data["campaign"], data["assessment"])
    stored = set(state["ids"])
    acked = set(acks)
    lost = len(acked - stored)
    stored_rows = len(state["ids"])
    counters_ok = state["tally"] == stored_rows and all(
        int(total) == stored_rows for total in state["answers"].values()
    )
    shutil.rmtree(work, ignore_errors=True)
    return {
        "backend": backend,
        "server": {
            "workers": args.workers,
            "worker_class": args.worker_class,
            "threads": args.threads if args.worker_class == "gthread" else 1,
        },
        "duration_s": args.duration,
        "baseline_healthz": baseline,
        "ladder": ladder,
        "best": {
            "connections": best["connections"],
            "submissions_per_s": best["rps"],
            "p99_ms": best["p99_ms"],
            "within_p99_limit": bool(within),
        },
        "baseline_best": {
            "connections": base_best["connections"],
            "rps": base_best["rps"],
            "p99_ms": base_best["p99_ms"],
        },
        "ratio_to_baseline": round(best["rps"] / base_best["rps"], 3),
        "retry_storm": storm,
        "check": {
            "acknowledgements": len(acks),
            "acknowledged_ids": len(acked),
            "stored_rows": stored_rows,
            "lost": lost,
            "duplicated": state["duplicated"],
            "stored_but_not_acknowledged": len(stored - acked),
            "counters_match_rows": counters_ok,
        },
        "server_tracebacks": len(server_errors),
    }


def _unavailable(backend: str) -> str:
    """Why a database cannot be benchmarked here, or ''."""
    if backend == "sqlite":
        return ""
    if backend != "postgres":
        return f"unknown database {backend!r}"
    try:
        import psycopg

        with psycopg.connect(PG_ADMIN_URL, connect_timeout=5):
            return ""
    except Exception as exc:  # any connection problem: report it and go on with SQLite
        return f"PostgreSQL not reachable at {PG_ADMIN_URL}: {exc}".splitlines()[0]


# --- the --prepare child ------------------------------------------------------------------------
def prepare() -> None:
    """Runs in a child process configured (by environment) for the bench database."""
    import datetime as dt

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from prongsai.assessments.services import assessment_open
    from prongsai.frameworks.loader import framework_load, read_definition
    from prongsai.organizations.services import unit_create
    from prongsai.surveys.models import Campaign
    from prongsai.surveys.services import campaign_update

    data, problems = read_definition(definition_path("ita-2567-police.yaml"))
    assert not problems, problems
    framework = framework_load(
        actor="bench", data=data, source_name="ita-2567-police.yaml"
    ).framework
    unit = unit_create(actor="bench", parent=None, slug="bench-unit", name_th="หน่วยทดสอบภาระงาน")
    assessment = assessment_open(
        actor="bench", unit=unit, framework=framework, headcount_internal=50,
        headcount_external=100_000,
    )  # fmt: skip
    campaign = Campaign.objects.get(assessment=assessment, instrument="EIT")
    campaign_update(actor="bench", campaign=campaign, opens_on=dt.date(2024, 1, 1),
                    closes_on=None, target_override=None)  # fmt: skip
    print(json.dumps({"campaign": str(campaign.pk), "assessment": str(assessment.pk),
                      "slug": unit.slug, "year": assessment.year}))  # fmt: skip


# --- entry point ----------------------------------------------------------------------------
def _summary(results: list[dict[str, Any]]) -> str:
    rows = []
    for r in results:
        check = r["check"]
        rows.append([
            r["backend"],
            f"{r['best']['submissions_per_s']:.0f}/s @ c={r['best']['connections']}",
            f"{r['best']['p99_ms']} ms",
            f"{r['baseline_best']['rps']:.0f}/s",
            f"{r['ratio_to_baseline']:.2f}",
            f"{r['retry_storm']['rps']:.0f}/s, p99 {r['retry_storm']['p99_ms']} ms",
            check["lost"],
            check["duplicated"],
            "yes" if check["counters_match_rows"] else "NO",
        ])  # fmt: skip
    return table(rows, ["database", "best (p99 ≤ 300 ms)", "p99", "/healthz", "ratio",
                        "retry storm", "lost", "duplicated", "tallies = rows"])  # fmt: skip


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--prepare", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--duration", type=int, default=10, help="seconds per step")
    parser.add_argument("--ladder", default="1,2,4,8,16,32,64")
    parser.add_argument("--baseline", default="1,4,16,64")
    # Measured on the 2-core machine (SQLite and PostgreSQL, 4 and 16 connections): sync workers,
    # one per CPU, beat 3 or 4 sync workers and gthread (2 × 2, 2 × 4): writes are serialised
    # anyway, and wrk and the database share the same cores.
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--worker-class", default="sync", choices=["sync", "gthread"])
    parser.add_argument("--threads", type=int, default=4, help="per worker, with gthread")
    parser.add_argument("--quick", action="store_true", help="3 s steps, short ladder")
    args = parser.parse_args(argv)
    if args.prepare:
        prepare()
        return {}
    if args.quick:
        args.duration, args.ladder, args.baseline = 3, "1,4,16", "4"
    args.ladder = [int(c) for c in str(args.ladder).split(",")]
    args.baseline = [int(c) for c in str(args.baseline).split(",")]

    # This process signs the challenges the clients send: same SECRET_KEY and difficulty as the
    # server. It never touches a database through Django.
    os.environ.update(SECRET_KEY=SECRET, AUDIT_KEYS=AUDIT_KEYS, DATA_ENCRYPTION_KEY=DATA_KEY, SURVEY_POW_BITS=str(POW_BITS), DEBUG="0",
                      ALLOWED_HOSTS="127.0.0.1", SQLITE_PATH=str(SQLITE_PATH))  # fmt: skip
    os.environ.pop("DATABASE_URL", None)
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    _run([PY, "manage.py", "collectstatic", "--noinput", "-v", "0"], bench_env("sqlite"))

    if not Path(WRK).exists():
        raise SystemExit("wrk is not installed (make sysdeps installs it)")
    results = []
    skipped = {}
    for backend in str(args.backends).split(","):
        problem = _unavailable(backend)
        if problem:
            print(f"\n=== {backend}: skipped ({problem})", flush=True)
            skipped[backend] = problem
            continue
        results.append(run_backend(backend, args))
    print("\nEIT submissions: gunicorn "
          f"{args.workers} × {args.worker_class} worker(s), {os.cpu_count()} CPU(s), wrk on the same machine")  # fmt: skip
    print(_summary(results))
    for r in results:
        if r["backend"] == "sqlite":
            rate = r["best"]["submissions_per_s"]
            verdict = "met" if rate >= 200 and r["best"]["within_p99_limit"] else "NOT met"
            print(f"goal ≥ 200 submissions/s on SQLite at p99 ≤ 300 ms: {verdict} ({rate:.0f}/s)")
        if r["check"]["lost"] or r["check"]["duplicated"] or not r["check"]["counters_match_rows"]:
            print(f"!! {r['backend']}: acknowledged answers lost or doubled, or counters drifted")
    out = {
        "benchmark": "surveys_ladder",
        "cpus": os.cpu_count(),
        "p99_limit_ms": P99_LIMIT_MS,
        "goal_sqlite_per_s": 200,
        "results": results,
        "skipped": skipped,
    }
    path = write_result("surveys_ladder", out)
    print(f"written {path.relative_to(ROOT)}")
    return out


if __name__ == "__main__":
    main()
