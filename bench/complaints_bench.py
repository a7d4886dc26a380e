"""Complaint intake under load (issue 14): anonymous complaints posted to the public intake form
on gunicorn + SQLite, next to the EIT submission in the same run, on the same server.

For each database (SQLite by default; ``--backends sqlite,postgres``):

1. a fresh bench database (the surveys bench's: ``var/bench/surveys.sqlite3`` / ``bench_surveys``),
   migrated, with the 2567 police framework, one unit, its assessment, an open EIT campaign and
   a complaint handler with an e-mail address (each complaint queues the handlers' mail);
2. one gunicorn with the product (``config.wsgi``, ``-c config/gunicorn.conf.py``, production
   settings);
3. the ladder: at 1, 2, 4 … connections, ~6 s each, wrk posts complete EIT answer sheets, then
   complete anonymous complaints (category, what happened, place; each with its own submission
   id and its own pre-solved anti-spam challenge; no attachment), one right after the other so
   a busy machine affects both alike; latency percentiles from wrk's distribution;
4. the check: every acknowledged complaint (X-Submission-Id of a 2xx: the receipt page) must be
   stored (lost = 0), none stored twice.

Every complaint costs an Argon2id hash of its receipt code (by design: the code is a password;
OWASP's minimum, m = 19 MiB, t = 2, p = 1), computed before the case's transaction so that it
never holds the database's write lock, and a row without identity token (anonymous), plus its
history row, its audit entry and the handlers' mail queued in the outbox (production's database
task backend: a queue row in the same transaction, sent by the worker, none runs here).
``--port`` (or ``BENCH_PORT``) puts the server on a given port.

Reports complaint submissions/s at the best step with p99 ≤ 300 ms, the EIT figure of the same
run and their ratio; writes bench/results/complaints_bench.json.

Run alone: ``.venv/bin/python -m bench.complaints_bench [--quick] [--backends sqlite,postgres]``
(or ``make bench BENCH=complaints``).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import sys
import tempfile
import urllib.parse
from pathlib import Path
from typing import Any

from bench import surveys_ladder as ladder
from bench.common import ROOT, table, write_result

PY = sys.executable
DETAILS = "เจ้าหน้าที่เรียกรับเงินเพื่อเร่งการต่ออายุวีซ่าที่ช่องบริการหมายเลขสาม"


def bench_env(backend: str) -> dict[str, str]:
    return {
        **ladder.bench_env(backend, "FULL"),
        "COMPLAINTS_RATE_LIMIT_PER_MINUTE": "100000000",
        # As in production: the handlers' mail is a queue row in the case's transaction, sent by
        # the worker (the immediate backend would try to send it inside the request).
        "TASKS_BACKEND": "database",
    }


def prepare_data(backend: str) -> dict[str, str]:
    out = ladder._run([PY, "-m", "bench.complaints_bench", "--prepare"], bench_env(backend),
                      capture_output=True).stdout  # fmt: skip
    return dict(json.loads(out.strip().splitlines()[-1]))


def prepare() -> None:
    """Runs in a child process configured for the bench database: the surveys bench's unit and
    campaign, and a complaint handler."""
    ladder.prepare()  # prints its JSON line
    from prongsai.organizations.models import Membership, Unit
    from prongsai.surveys.models import Campaign

    unit = Unit.objects.get(slug="bench-unit")
    campaign = Campaign.objects.get(assessment__unit=unit, instrument="EIT")
    from django.contrib.auth.models import User

    handler = User.objects.create_user("bench-handler", "handler@bench.example.go.th")
    Membership.objects.create(user=handler, unit=unit, role="complaint_handler")
    print(json.dumps({"unit": str(unit.pk), "slug": unit.slug, "year": campaign.assessment.year,
                      "campaign": str(campaign.pk),
                      "assessment": str(campaign.assessment_id)}))  # fmt: skip


def complaint_prefix(csrf_token: str) -> str:
    return urllib.parse.urlencode({
        "csrfmiddlewaretoken": csrf_token, "hp_note": "", "category": "bribery",
        "details": DETAILS, "happened_on": "", "place": "ช่องบริการ 3", "officers": "",
        "anonymous": "yes", "name": "", "contact": "",
    })  # fmt: skip


def stored_complaints(backend: str) -> tuple[list[str], int]:
    ids_sql = "SELECT submission_id FROM complaints_complaint"
    dups_sql = ("SELECT COUNT(*) FROM (SELECT submission_id FROM complaints_complaint "
                "GROUP BY submission_id HAVING COUNT(*) > 1) d")  # fmt: skip
    if backend == "postgres":
        import psycopg

        with psycopg.connect(ladder._pg_url()) as pg:
            ids = [str(r[0]) for r in pg.execute(ids_sql).fetchall()]
            dups = ladder._one(pg.execute(dups_sql).fetchone())
        return ids, int(dups)
    import uuid

    lite = sqlite3.connect(ladder.SQLITE_PATH)
    try:
        ids = [str(uuid.UUID(r[0])) for r in lite.execute(ids_sql)]
        dups = ladder._one(lite.execute(dups_sql).fetchone())
    finally:
        lite.close()
    return ids, int(dups)


def run_backend(backend: str, args: argparse.Namespace) -> dict[str, Any]:
    print(f"\n=== {backend}: fresh database, migrate, data", flush=True)
    ladder.fresh_database(backend)
    data = prepare_data(backend)
    work = Path(tempfile.mkdtemp(prefix=f"bench-complaints-{backend}-"))
    env = bench_env(backend)
    server = ladder.Server("eit", env, args.workers, port=args.port)
    tracebacks = 0
    targets = {
        "eit": (f"/s/{data['slug']}/{data['year']}/eit/", data["campaign"], ladder.body_prefix),
        "complaint": (f"/p/{data['slug']}/complaints/new/", data["unit"], complaint_prefix),
    }
    common = {}
    for name, (path, _scope, prefix) in targets.items():
        cookie, token = ladder.csrf_pair(server, path)
        common[name] = {"BENCH_BODY_PREFIX": prefix(token), "BENCH_COOKIE": f"csrftoken={cookie}",
                        "BENCH_RETRY": "0", "BENCH_PATH": path}  # fmt: skip
    steps: dict[str, list[dict[str, Any]]] = {"eit": [], "complaint": []}
    try:
        for name, (path, scope, _prefix) in targets.items():  # warm up every worker
            lines = ladder._lines_for(work, f"warm-{name}", scope, 300, 1)
            ladder.wrk([server.url + path], 2, 2, {**common[name], "BENCH_LINES": str(lines)},
                       work / f"warm-{name}")  # fmt: skip
        estimate = 300.0
        for connections in args.ladder:
            for name, (path, scope, _prefix) in targets.items():
                label = f"{name}-c{connections}"
                lines = ladder._lines_for(work, label, scope,
                                          int(max(estimate * 2.5, 400) * args.duration), 1)  # fmt: skip
                step = ladder.wrk([server.url + path], connections, args.duration,
                                  {**common[name], "BENCH_LINES": str(lines)}, work / label)  # fmt: skip
                steps[name].append(step)
                estimate = max(estimate, step["rps"])
                print(f"  c={connections:>3}  {name:<9} {ladder._step_text(step)}", flush=True)
    finally:
        server.stop()
        tracebacks += server.tracebacks()
    acks = [
        ack
        for folder in work.iterdir()
        if folder.is_dir() and "complaint" in folder.name
        for ack in ladder.read_acks(folder)
    ]
    shutil.rmtree(work, ignore_errors=True)
    ids, duplicated = stored_complaints(backend)
    stored, acked = set(ids), set(acks)
    best, within = ladder._best(steps["complaint"])
    eit_best, eit_within = ladder._best(steps["eit"])
    return {
        "backend": backend,
        "workers": args.workers,
        "duration_s": args.duration,
        "ladder": steps["complaint"],
        "eit_ladder": steps["eit"],
        "best": {
            "connections": best["connections"],
            "submissions_per_s": best["rps"],
            "p50_ms": best["p50_ms"],
            "p99_ms": best["p99_ms"],
            "within_p99_limit": within,
        },
        "eit_best": {
            "connections": eit_best["connections"],
            "submissions_per_s": eit_best["rps"],
            "p99_ms": eit_best["p99_ms"],
            "within_p99_limit": eit_within,
        },
        "ratio_to_eit": round(best["rps"] / eit_best["rps"], 3) if eit_best["rps"] else 0.0,
        "check": {
            "acknowledged": len(acked),
            "stored": len(stored),
            "lost": len(acked - stored),
            "duplicated": duplicated,
        },
        "server_tracebacks": tracebacks,
    }


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--prepare", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--backends", default="sqlite")
    parser.add_argument("--duration", type=int, default=6, help="seconds per step")
    parser.add_argument("--ladder", default="1,2,4,8,16")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", "0") or 0),
                        help="the server's port (default: BENCH_PORT, else a free one)")  # fmt: skip
    parser.add_argument("--quick", action="store_true", help="3 s steps, short ladder")
    args = parser.parse_args(argv)
    if args.prepare:
        prepare()
        return {}
    if args.quick:
        args.duration, args.ladder = 3, "2,8"
    args.ladder = [int(c) for c in str(args.ladder).split(",")]
    # This process signs the challenges the clients send (same SECRET_KEY and difficulty as the
    # server); it never touches a database through Django.
    os.environ.update(SECRET_KEY=ladder.SECRET, AUDIT_KEYS=ladder.AUDIT_KEYS,
                      DATA_ENCRYPTION_KEY=ladder.DATA_KEY, SURVEY_POW_BITS=str(ladder.POW_BITS),
                      DEBUG="0", ALLOWED_HOSTS="127.0.0.1",
                      SQLITE_PATH=str(ladder.SQLITE_PATH))  # fmt: skip
    os.environ.pop("DATABASE_URL", None)
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    ladder._run([PY, "manage.py", "collectstatic", "--noinput", "-v", "0"], bench_env("sqlite"))
    if not Path(ladder.WRK).exists():
        raise SystemExit("wrk is not installed (make sysdeps installs it)")
    load_before = os.getloadavg()
    results, skipped = [], {}
    for backend in str(args.backends).split(","):
        problem = ladder._unavailable(backend)
        if problem:
            print(f"\n=== {backend}: skipped ({problem})", flush=True)
            skipped[backend] = problem
            continue
        results.append(run_backend(backend, args))
    load_after = os.getloadavg()
    print(f"\nComplaint intake next to the EIT submission, same gunicorn (-c "
          f"config/gunicorn.conf.py, {args.workers} sync worker(s)), {os.cpu_count()} CPU(s), wrk "
          f"on the same machine; load average {load_before[0]:.2f} before, "
          f"{load_after[0]:.2f} after")  # fmt: skip
    rows = [[r["backend"],
             f"{r['best']['submissions_per_s']:.0f}/s @ c={r['best']['connections']}",
             f"{r['best']['p50_ms']} / {r['best']['p99_ms']} ms",
             f"{r['eit_best']['submissions_per_s']:.0f}/s @ c={r['eit_best']['connections']}",
             f"{r['eit_best']['p99_ms']} ms", f"{r['ratio_to_eit']:.2f}",
             f"{r['check']['acknowledged']} / {r['check']['stored']} / {r['check']['lost']}",
             r["check"]["duplicated"], r["server_tracebacks"]] for r in results]  # fmt: skip
    print(table(rows, ["database", "complaints (p99 ≤ 300 ms)", "p50 / p99", "EIT (p99 ≤ 300 ms)",
                       "p99", "ratio", "acknowledged / stored / lost", "duplicated",
                       "server tracebacks"]))  # fmt: skip
    for r in results:
        verdict = "met" if r["best"]["within_p99_limit"] else "NOT met"
        print(
            f"{r['backend']}: complaint submissions at p99 ≤ 300 ms: {verdict} "
            f"({r['best']['submissions_per_s']:.0f}/s); lost {r['check']['lost']}"
        )
    out = {"benchmark": "complaints_bench", "cpus": os.cpu_count(),
           "load_average_before": load_before, "load_average_after": load_after,
           "p99_limit_ms": ladder.P99_LIMIT_MS, "results": results, "skipped": skipped}  # fmt: skip
    path = write_result("complaints_bench", out)
    print(f"written {path.relative_to(ROOT)}")
    return out


if __name__ == "__main__":
    main()
