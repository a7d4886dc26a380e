"""EIT submissions under load, next to their ceiling (issues 5 and 11): a ladder of wrk
connection counts against gunicorn, on SQLite and on PostgreSQL, at ``synchronous=FULL`` and
``NORMAL``, with one server and (PostgreSQL) with two.

The ceiling is a minimal Django app (bench/ceiling/: one form, one insert, no middleware) served
by the same gunicorn configuration (config/gunicorn.conf.py) on the same database with the same
database settings. Both are measured at each connection count, one right after the other, so a
busy machine affects both alike.

For each database:

1. a fresh bench database (``var/bench/surveys.sqlite3``; PostgreSQL database ``bench_surveys``,
   created when missing), migrated, with the 2567 police framework, one unit, its assessment and
   an open EIT campaign, and the ceiling's table;
2. for each ``synchronous`` setting (FULL, NORMAL; on PostgreSQL ``synchronous_commit`` on and
   off, set for the servers' connections through ``PGOPTIONS``) and each server count:
   gunicorn with the product (``config.wsgi``) and gunicorn with the ceiling
   (``bench.ceiling.wsgi``), both ``-c config/gunicorn.conf.py`` (sync workers, one per CPU;
   production settings: DEBUG off; access log formatted, written to /dev/null);
3. the ladder: at 1, 2, 4 … connections, ~10 s each, wrk posts complete EIT answer sheets (each
   with its own submission id and its own pre-solved anti-spam challenge; CSRF cookie and token
   fetched once) to the ceiling, then to the EIT page; with two servers, two wrk processes
   share the connections, one per server; latency percentiles from wrk's distribution;
4. a retry storm at the EIT's best step: 10% of requests resend a body already sent (same id);
5. the check: every acknowledged id (X-Submission-Id of a 2xx) must be stored (lost = 0), no id
   stored twice (duplicated = 0), and the scoring counters must equal the stored rows.

Reports submissions/s at the best step with p99 ≤ 300 ms and its ratio to the ceiling's best
step, prints a table and writes bench/results/surveys_ladder.json. Goals on a 2-core machine:
≥ 200/s on SQLite; ≥ 0.60 of the ceiling at FULL.

The per-address rate limit is raised for the run (all requests come from 127.0.0.1) and the
proof of work is made cheap to pre-solve (``SURVEY_POW_BITS``): the server's check costs one
SHA-256 whatever the difficulty.

Run alone: ``.venv/bin/python -m bench.surveys_ladder [--quick] [--backends sqlite,postgres]
[--synchronous FULL,NORMAL] [--servers 1,2]`` (or ``make bench BENCH=surveys``).
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
SYNC_MODES = ("FULL", "NORMAL")
# PostgreSQL's counterpart of SQLite's setting: FULL waits for the WAL flush at every commit
# (the server's default), NORMAL acknowledges before it (may lose the last commits on a crash of
# the database server, never corrupts).
_PG_SYNC = {"FULL": "on", "NORMAL": "off"}


def _pg_url() -> str:
    parts = urllib.parse.urlsplit(PG_ADMIN_URL)
    return urllib.parse.urlunsplit(parts._replace(path="/" + PG_DB))


def bench_env(backend: str, synchronous: str = "FULL") -> dict[str, str]:
    """Production-like settings for the servers and for set-up commands."""
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
        "SQLITE_SYNCHRONOUS": synchronous,
        "GUNICORN_ACCESS_LOG": os.devnull,
    }
    env.pop("PRONGSAI_TESTING", None)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    if backend == "postgres":
        env["DATABASE_URL"] = _pg_url()
        env["PGOPTIONS"] = f"-c synchronous_commit={_PG_SYNC[synchronous]}"
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
    # The ceiling's one table, in the same database.
    ceiling = {**env, "DJANGO_SETTINGS_MODULE": "bench.ceiling.settings"}
    _run([PY, "-m", "django", "migrate", "--run-syncdb", "--noinput", "-v", "0"], ceiling)


def prepare_data(backend: str) -> dict[str, str]:
    """Framework, unit, assessment, open EIT campaign (in a child process set up for the DB)."""
    out = _run([PY, "-m", "bench.surveys_ladder", "--prepare"], bench_env(backend),
               capture_output=True).stdout  # fmt: skip
    return dict(json.loads(out.strip().splitlines()[-1]))


def effective_sync(backend: str, synchronous: str) -> str:
    """What a live connection of a server started with this environment reports."""
    out = _run([PY, "-m", "bench.surveys_ladder", "--show-sync"],
               bench_env(backend, synchronous), capture_output=True).stdout  # fmt: skip
    return out.strip().splitlines()[-1]


# BENCH_PORTS=9500-9599: take the servers' ports from that range (a shared machine where each
# engineer has their own); otherwise any free port.
PORT_RANGE = os.environ.get("BENCH_PORTS", "")


def _free_port() -> int:
    if PORT_RANGE:
        low, _, high = PORT_RANGE.partition("-")
        for port in range(int(low), int(high or low) + 1):
            with socket.socket() as sock:
                try:
                    sock.bind(("127.0.0.1", port))
                except OSError:
                    continue
                return port
        raise RuntimeError(f"no free port in BENCH_PORTS={PORT_RANGE}")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


APPS = {"eit": "config.wsgi:application", "ceiling": "bench.ceiling.wsgi:application"}


class Server:
    """gunicorn with the shipped configuration (config/gunicorn.conf.py) on a free port."""

    def __init__(self, app: str, env: dict[str, str], workers: int, port: int = 0) -> None:
        self.port = port or _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        health = "/healthz"
        args = [
            PY, "-m", "gunicorn", APPS[app],
            "-c", str(ROOT / "config" / "gunicorn.conf.py"),
            "--bind", f"127.0.0.1:{self.port}",
            "--workers", str(workers),
            "--log-level", "warning",
        ]  # fmt: skip
        self.log = tempfile.TemporaryFile(mode="w+")  # noqa: SIM115 (lives as long as the server)
        self.process = subprocess.Popen(
            args, env=env, cwd=ROOT, stdout=self.log, stderr=subprocess.STDOUT
        )
        deadline = time.time() + 120  # a loaded shared machine starts it slowly
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(self.url + health, timeout=2) as response:  # noqa: S310 (local)
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("gunicorn did not start: " + self.errors())

    def errors(self) -> str:
        self.log.seek(0)
        return self.log.read()[-3000:]

    def tracebacks(self) -> int:
        self.log.seek(0)
        return sum(1 for line in self.log if "Traceback" in line)

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


def _wrk_args(connections: int, duration: int, threads: int) -> list[str]:
    return [WRK, "-t", str(threads), "-c", str(connections), "-d", f"{duration}s",
            "--timeout", "10s", "--latency", "-s", str(LUA)]  # fmt: skip


def wrk(
    urls: list[str], connections: int, duration: int, env: dict[str, str], ack_dir: Path
) -> dict[str, Any]:
    """Post answer sheets for ``duration`` s over ``connections`` connections, shared by the
    servers of ``urls`` (one wrk process each, run together). Rates add up; each latency
    percentile is the worst of the processes'."""
    share = [connections // len(urls) + (i < connections % len(urls)) for i in range(len(urls))]
    runs = []
    for index, (url, conns) in enumerate(zip(urls, share, strict=True)):
        if not conns:
            continue
        threads = 1 if conns == 1 or len(urls) > 1 else 2
        folder = ack_dir / f"w{index}"
        folder.mkdir(parents=True, exist_ok=True)
        run_env = {
            **os.environ, **env, "BENCH_THREADS": str(threads), "BENCH_ACK_DIR": str(folder),
            "BENCH_LINES": f"{env['BENCH_LINES']}.{index}",
        }  # fmt: skip
        runs.append(subprocess.Popen([*_wrk_args(conns, duration, threads), url], env=run_env,
                                     stdout=subprocess.PIPE, text=True))  # fmt: skip
    parsed = []
    for process in runs:
        output, _ = process.communicate(timeout=duration + 60)
        if process.returncode:
            raise RuntimeError(f"wrk failed: {output[-2000:]}")
        parsed.append(parse_wrk(output))
    result: dict[str, Any] = {"connections": connections, "servers": len(urls)}
    for name in ("rps", "requests", "non_2xx", "socket_errors"):
        result[name] = round(sum(r[name] for r in parsed), 2)
    for name in ("p50_ms", "p90_ms", "p99_ms"):
        values = [r[name] for r in parsed if r[name] is not None]
        result[name] = max(values) if values else None
    counts: dict[str, int] = {}
    for r in parsed:
        for key, value in r.get("counts", {}).items():
            counts[key] = counts.get(key, 0) + value
    result["counts"] = counts
    return result


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


def body_prefix(csrf_token: str, instrument: str = "EIT") -> str:
    """Everything of a valid EIT (or IIT) post except its id and challenge or ballot (from the
    framework's spec)."""
    from prongsai.frameworks.loader import read_definition
    from prongsai.frameworks.spec import FrameworkSpec
    from prongsai.surveys.answers import layout_for

    data, problems = read_definition(definition_path("ita-2567-police.yaml"))
    assert not problems, problems
    layout = layout_for(FrameworkSpec.from_definition(data), instrument)
    fields = {"csrfmiddlewaretoken": csrf_token}
    if instrument == "EIT":
        fields["hp_note"] = ""
    for index, (key, question) in enumerate(layout.question_of_key.items()):
        levels = [lv.value for lv in layout.scale(question).levels]
        fields[f"a_{key}"] = str(levels[index % len(levels)])
    for profile in layout.profile:
        fields[f"p_{profile.id}"] = profile.options[0].value
    return urllib.parse.urlencode(fields)


def write_lines(path: Path, campaign_id: str, count: int, instrument: str = "EIT") -> None:
    """``count`` fresh submissions: a random id and a solved challenge each (EIT), or a random
    id and a ballot each (IIT: what redeeming a code hands a staff member; the code step is not
    part of the submission path measured here)."""
    from prongsai.surveys.tokens import ballot_issue, challenge_issue, pow_solve

    with path.open("w") as out:
        for _ in range(count):
            if instrument == "IIT":
                token = urllib.parse.quote(ballot_issue(campaign_id).token, safe="")
                out.write(f"{uuid.uuid4()} ballot={token}\n")
                continue
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
        "tally": "SELECT COALESCE(SUM(count), 0) FROM surveys_respondenttally "
        "WHERE assessment_id = %s AND instrument = 'EIT'",  # the sum of the counter's shards
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
def _best(steps: list[dict[str, Any]]) -> tuple[dict[str, Any], bool]:
    within = [s for s in steps if s["p99_ms"] is not None and s["p99_ms"] <= P99_LIMIT_MS]
    return max(within or steps, key=lambda s: s["rps"]), bool(within)


def _lines_for(
    work: Path, name: str, campaign: str, count: int, processes: int, instrument: str = "EIT"
) -> Path:
    """Fresh submissions for each wrk process (``<name>.0``, ``<name>.1`` …)."""
    base = work / name
    for index in range(processes):
        write_lines(Path(f"{base}.{index}"), campaign, max(count // processes, 200), instrument)
    return base


def _step_text(step: dict[str, Any]) -> str:
    return (f"{step['rps']:>7.1f}/s  p50 {step['p50_ms']} ms  p99 {step['p99_ms']} ms  "
            f"non-2xx {step['non_2xx']}")  # fmt: skip


def run_setting(
    backend: str,
    synchronous: str,
    servers: int,
    data: dict[str, str],
    work: Path,
    args: argparse.Namespace,
) -> dict[str, Any]:
    """The ladder for the ceiling and for EIT, then a retry storm, with one setting."""
    label = f"{backend}, synchronous={synchronous}, {servers} server(s)"
    env = bench_env(backend, synchronous)
    effective = effective_sync(backend, synchronous)
    print(f"--- {label} (live connection: {effective})", flush=True)
    eit = [Server("eit", env, args.workers) for _ in range(servers)]
    ceiling = [Server("ceiling", env, args.workers) for _ in range(servers)]
    tracebacks = 0
    try:
        path = f"/s/{data['slug']}/{data['year']}/eit/"
        cookie, token = csrf_pair(eit[0], path)
        prefix = body_prefix(token)
        common = {"BENCH_BODY_PREFIX": prefix, "BENCH_COOKIE": f"csrftoken={cookie}",
                  "BENCH_RETRY": "0", "BENCH_CSRF_TOKEN": token}  # fmt: skip
        # Warm up every worker (imports, framework spec cache, connections).
        for app, group, target in (("ceiling", ceiling, "/submit/"), ("eit", eit, path)):
            lines = _lines_for(work, f"warm-{app}-{synchronous}-{servers}", data["campaign"],
                               400, servers)  # fmt: skip
            wrk([s.url + target for s in group], 2 * servers, 2,
                {**common, "BENCH_LINES": str(lines), "BENCH_PATH": target},
                work / f"warm-{app}-{synchronous}-{servers}")  # fmt: skip

        ladders: dict[str, list[dict[str, Any]]] = {"ceiling": [], "eit": []}
        estimate = 800.0
        for connections in args.ladder:
            for app, group, target in (("ceiling", ceiling, "/submit/"), ("eit", eit, path)):
                name = f"{app}-{synchronous}-{servers}-c{connections}"
                lines = _lines_for(work, name, data["campaign"],
                                   int(max(estimate * 2.5, 500) * args.duration), servers)  # fmt: skip
                step = wrk([s.url + target for s in group], connections, args.duration,
                           {**common, "BENCH_LINES": str(lines), "BENCH_PATH": target},
                           work / name)  # fmt: skip
                ladders[app].append(step)
                estimate = max(estimate, step["rps"])
                print(f"  c={connections:>3}  {app:<7} {_step_text(step)}", flush=True)

        iit = (
            _iit_ladder(eit[0], data, work, args, f"{synchronous}-{servers}", common)
            if (servers == 1 and data.get("iit_campaign"))
            else None
        )
        best, within = _best(ladders["eit"])
        ceiling_best, ceiling_within = _best(ladders["ceiling"])
        name = f"storm-{synchronous}-{servers}"
        lines = _lines_for(work, name, data["campaign"],
                           int(max(best["rps"] * 2.5, 500) * args.duration), servers)  # fmt: skip
        storm = wrk([s.url + path for s in eit], best["connections"], args.duration,
                    {**common, "BENCH_LINES": str(lines), "BENCH_PATH": path,
                     "BENCH_RETRY": "0.1"}, work / name)  # fmt: skip
        print(f"  retry storm at c={best['connections']} (10% resend an id): "
              f"{_step_text(storm)}  {storm['counts']}", flush=True)  # fmt: skip
    finally:
        for server in eit + ceiling:
            server.stop()
            tracebacks += server.tracebacks()
    ratio = round(best["rps"] / ceiling_best["rps"], 3) if ceiling_best["rps"] else 0.0
    return {
        "backend": backend,
        "synchronous": synchronous,
        "effective": effective,
        "servers": servers,
        "workers_per_server": args.workers,
        "duration_s": args.duration,
        "ladder": ladders["eit"],
        "ceiling_ladder": ladders["ceiling"],
        "best": {
            "connections": best["connections"],
            "submissions_per_s": best["rps"],
            "p99_ms": best["p99_ms"],
            "within_p99_limit": within,
        },
        "ceiling_best": {
            "connections": ceiling_best["connections"],
            "rps": ceiling_best["rps"],
            "p99_ms": ceiling_best["p99_ms"],
            "within_p99_limit": ceiling_within,
        },
        "ratio_to_ceiling": ratio,
        "iit": iit,
        "retry_storm": storm,
        "server_tracebacks": tracebacks,
    }


def _iit_ladder(
    server: Server,
    data: dict[str, str],
    work: Path,
    args: argparse.Namespace,
    label: str,
    common: dict[str, str],
) -> dict[str, Any]:
    """The IIT answer post (issue 10: through the anonymity buffer) on the same server and
    ladder, right after EIT: each sheet with its own ballot, as a redeemed code gives."""
    path = f"/s/{data['slug']}/{data['year']}/iit/"
    env = {**common, "BENCH_BODY_PREFIX": body_prefix(common["BENCH_CSRF_TOKEN"], "IIT"),
           "BENCH_PATH": path}  # fmt: skip
    steps = []
    estimate = 400.0
    for connections in args.ladder:
        name = f"iit-{label}-c{connections}"
        lines = _lines_for(work, name, data["iit_campaign"],
                           int(max(estimate * 2.5, 500) * args.duration), 1, "IIT")  # fmt: skip
        step = wrk([server.url + path], connections, args.duration,
                   {**env, "BENCH_LINES": str(lines)}, work / name)  # fmt: skip
        steps.append(step)
        estimate = max(estimate, step["rps"])
        print(f"  c={connections:>3}  {'iit':<7} {_step_text(step)}", flush=True)
    best, within = _best(steps)
    return {
        "ladder": steps,
        "best": {
            "connections": best["connections"],
            "submissions_per_s": best["rps"],
            "p99_ms": best["p99_ms"],
            "within_p99_limit": within,
        },
        "accepted": sum(s["counts"].get("ok", 0) for s in steps),
    }


def iit_stored(backend: str, campaign_id: str) -> int:
    """IIT sheets held: written responses plus those still waiting in the ballot box."""
    sql = ("SELECT (SELECT COUNT(*) FROM surveys_response WHERE campaign_id = %s) + "
           "(SELECT COUNT(*) FROM surveys_pendingsheet WHERE campaign_id = %s)")  # fmt: skip
    if backend == "postgres":
        import psycopg

        with psycopg.connect(_pg_url()) as pg:
            return int(_one(pg.execute(sql, [campaign_id, campaign_id]).fetchone()))
    lite = sqlite3.connect(SQLITE_PATH)
    try:
        key = campaign_id.replace("-", "")
        return int(_one(lite.execute(sql.replace("%s", "?"), [key, key]).fetchone()))
    finally:
        lite.close()


def run_backend(backend: str, args: argparse.Namespace) -> dict[str, Any]:
    print(f"\n=== {backend}: fresh database, migrate, data", flush=True)
    fresh_database(backend)
    data = prepare_data(backend)
    work = Path(tempfile.mkdtemp(prefix=f"bench-surveys-{backend}-"))
    settings = []
    for servers in args.servers:
        if servers > 1 and backend != "postgres":
            continue  # several app servers share one PostgreSQL, never one SQLite file
        for synchronous in args.synchronous:
            settings.append(run_setting(backend, synchronous, servers, data, work, args))
    # Every EIT acknowledgement of every setting (warm-up, ladder, storm) against what is stored.
    acks = [
        ack
        for folder in work.iterdir()
        if folder.is_dir() and not folder.name.startswith(("ceiling-", "warm-ceiling-"))
        for ack in read_acks(folder)
    ]
    state = stored_state(backend, data["campaign"], data["assessment"])
    stored = set(state["ids"])
    acked = set(acks)
    stored_rows = len(state["ids"])
    counters_ok = state["tally"] == stored_rows and all(
        int(total) == stored_rows for total in state["answers"].values()
    )
    shutil.rmtree(work, ignore_errors=True)
    iit_accepted = sum(s["iit"]["accepted"] for s in settings if s.get("iit"))
    iit_held = iit_stored(backend, data["iit_campaign"]) if data.get("iit_campaign") else 0
    return {
        "backend": backend,
        "settings": settings,
        "iit_check": {
            "accepted": iit_accepted,
            "held": iit_held,
            "lost": max(iit_accepted - iit_held, 0),
        },
        "check": {
            "acknowledgements": len(acks),
            "acknowledged_ids": len(acked),
            "stored_rows": stored_rows,
            "lost": len(acked - stored),
            "duplicated": state["duplicated"],
            "stored_but_not_acknowledged": len(stored - acked),
            "counters_match_rows": counters_ok,
        },
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
    iit = Campaign.objects.get(assessment=assessment, instrument="IIT")
    for open_campaign in (campaign, iit):
        campaign_update(actor="bench", campaign=open_campaign, opens_on=dt.date(2024, 1, 1),
                        closes_on=None, target_override=None)  # fmt: skip
    print(json.dumps({"campaign": str(campaign.pk), "assessment": str(assessment.pk),
                      "iit_campaign": str(iit.pk), "slug": unit.slug,
                      "year": assessment.year}))  # fmt: skip


def show_sync() -> None:
    """Runs in a child process with a server's environment: the setting a live connection has."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA synchronous")
            value = {0: "OFF", 1: "NORMAL", 2: "FULL", 3: "EXTRA"}[cursor.fetchone()[0]]
            print(f"PRAGMA synchronous={value}")
        else:
            cursor.execute("SHOW synchronous_commit")
            print(f"synchronous_commit={cursor.fetchone()[0]}")


# --- entry point ----------------------------------------------------------------------------
def _summary(results: list[dict[str, Any]]) -> str:
    rows = []
    for r in results:
        for s in r["settings"]:
            rows.append([
                r["backend"],
                s["servers"],
                f"{s['synchronous']} ({s['effective']})",
                f"{s['best']['submissions_per_s']:.0f}/s @ c={s['best']['connections']}",
                f"{s['best']['p99_ms']} ms",
                f"{s['ceiling_best']['rps']:.0f}/s @ c={s['ceiling_best']['connections']}",
                f"{s['ceiling_best']['p99_ms']} ms",
                f"{s['ratio_to_ceiling']:.2f}",
                f"{s['retry_storm']['rps']:.0f}/s, p99 {s['retry_storm']['p99_ms']} ms",
                (f"{s['iit']['best']['submissions_per_s']:.0f}/s, p99 {s['iit']['best']['p99_ms']}"
                 " ms" if s.get("iit") else "–"),
            ])  # fmt: skip
    return table(rows, ["database", "servers", "synchronous", "EIT (p99 ≤ 300 ms)", "p99",
                        "ceiling (p99 ≤ 300 ms)", "p99", "ratio", "EIT retry storm",
                        "IIT (anonymity buffer)"])  # fmt: skip


def _checks(results: list[dict[str, Any]]) -> str:
    rows = [[r["backend"], r["check"]["acknowledged_ids"], r["check"]["stored_rows"],
             r["check"]["lost"], r["check"]["duplicated"],
             "yes" if r["check"]["counters_match_rows"] else "NO",
             f"{r['iit_check']['accepted']} / {r['iit_check']['held']} / {r['iit_check']['lost']}",
             sum(s["server_tracebacks"] for s in r["settings"])]
            for r in results]  # fmt: skip
    return table(rows, ["database", "acknowledged", "stored", "lost", "duplicated",
                        "tallies = rows", "IIT accepted / held / lost",
                        "server tracebacks"])  # fmt: skip


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--prepare", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--show-sync", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--synchronous", default="FULL,NORMAL")
    parser.add_argument("--servers", default="1,2", help="server counts (2: PostgreSQL only)")
    parser.add_argument("--duration", type=int, default=6, help="seconds per step")
    parser.add_argument("--ladder", default="1,2,4,8,16")
    # Measured on the 2-core machine (SQLite and PostgreSQL, 4 and 16 connections): sync workers,
    # one per CPU, beat 3 or 4 sync workers and gthread (2 × 2, 2 × 4): writes are serialised
    # anyway, and wrk and the database share the same cores. Same default as the shipped
    # config/gunicorn.conf.py.
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="per server")
    parser.add_argument("--quick", action="store_true", help="3 s steps, short ladder")
    args = parser.parse_args(argv)
    if args.prepare:
        prepare()
        return {}
    if args.show_sync:
        show_sync()
        return {}
    if args.quick:
        args.duration, args.ladder = 3, "2,8"
    args.ladder = [int(c) for c in str(args.ladder).split(",")]
    args.servers = [int(c) for c in str(args.servers).split(",")]
    args.synchronous = [m.strip().upper() for m in str(args.synchronous).split(",")]
    if not set(args.synchronous) <= set(SYNC_MODES):
        parser.error("--synchronous takes FULL and/or NORMAL")

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
    load_before = os.getloadavg()
    results = []
    skipped = {}
    for backend in str(args.backends).split(","):
        problem = _unavailable(backend)
        if problem:
            print(f"\n=== {backend}: skipped ({problem})", flush=True)
            skipped[backend] = problem
            continue
        results.append(run_backend(backend, args))
    load_after = os.getloadavg()
    print(f"\nEIT submissions next to the ceiling (bench/ceiling: one form, one insert): gunicorn "
          f"-c config/gunicorn.conf.py, {args.workers} sync worker(s) per server, "
          f"{os.cpu_count()} CPU(s), wrk on the same machine; load average "
          f"{load_before[0]:.2f} before, {load_after[0]:.2f} after")  # fmt: skip
    print(_summary(results))
    print(_checks(results))
    for r in results:
        for s in r["settings"]:
            where = f"{r['backend']}, {s['servers']} server(s)"
            if r["backend"] == "sqlite" and s["synchronous"] == "FULL" and s["servers"] == 1:
                rate = s["best"]["submissions_per_s"]
                verdict = "met" if rate >= 200 and s["best"]["within_p99_limit"] else "NOT met"
                print(f"goal ≥ 200 submissions/s on SQLite (FULL) at p99 ≤ 300 ms: {verdict} "
                      f"({rate:.0f}/s)")  # fmt: skip
            if s["synchronous"] == "FULL":
                verdict = "met" if s["ratio_to_ceiling"] >= 0.60 else "NOT met"
                print(f"goal ≥ 0.60 of the ceiling at FULL ({where}): {verdict} "
                      f"({s['ratio_to_ceiling']:.2f})")  # fmt: skip
        if r["check"]["lost"] or r["check"]["duplicated"] or not r["check"]["counters_match_rows"]:
            print(f"!! {r['backend']}: acknowledged answers lost or doubled, or counters drifted")
    out = {
        "benchmark": "surveys_ladder",
        "cpus": os.cpu_count(),
        "load_average_before": load_before,
        "load_average_after": load_after,
        "p99_limit_ms": P99_LIMIT_MS,
        "goal_sqlite_per_s": 200,
        "goal_ratio_to_ceiling_at_full": 0.60,
        "results": results,
        "skipped": skipped,
    }
    path = write_result("surveys_ladder", out)
    print(f"written {path.relative_to(ROOT)}")
    return out


if __name__ == "__main__":
    main()
