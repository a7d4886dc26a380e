"""The parent's roll-up at scale (issue 17, "What it must show" 4): 1,500 units × 24 OIT items ×
6 months of activity, gunicorn on SQLite and on PostgreSQL; p50 / p95 of the overview and the
heat-map pages at 10 concurrent clients (wrk), next to ``/healthz`` in the same run.
Goal: p95 ≤ 500 ms.

1. a fresh database per backend, migrated; the 2567 police framework; a bureau with 3 divisions
   of 500 offices (services for the tree and the accounts; bulk inserts for the bulk of the
   data, which is bench data, not audited): per office an assessment, IIT/EIT campaigns and
   respondent counts, one work record per OIT item in a state and a change date spread over six
   months, one evidence link per worked item, six monthly plan rows with up to six progress
   updates, and a score snapshot computed by the calculator from synthetic tallies;
2. gunicorn (sync workers, production settings), a viewer of the bureau logged in (a session
   made in the database);
3. wrk, 10 connections, ``--duration`` s each: ``/healthz``, the overview (first page, tree
   order), the overview sorted by score with a "behind on" filter, the OIT heat map and the
   indicator heat map.

Prints a table and writes bench/results/rollup_bench.json.
Run alone: ``.venv/bin/python -m bench.rollup_bench [--duration 15] [--units 1500]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
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
from bench.surveys_ladder import (
    PG_ADMIN_URL,
    _unavailable,
    bench_env,
    parse_wrk,
)

PY = sys.executable
WRK = shutil.which("wrk") or "/usr/bin/wrk"
LUA = ROOT / "bench" / "wrk_percentiles.lua"
P95_GOAL_MS = 500.0
CONNECTIONS = 10
PORT = int(os.environ.get("BENCH_PORT", "8121"))


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


PG_DB = os.environ.get("ROLLUP_BENCH_PG_DB", "bench_rollup")


def _env(backend: str) -> dict[str, str]:
    env = bench_env(backend)
    if backend == "sqlite":
        env["SQLITE_PATH"] = str(ROOT / "var" / "bench" / "rollup.sqlite3")
    else:
        parts = urllib.parse.urlsplit(PG_ADMIN_URL)
        env["DATABASE_URL"] = urllib.parse.urlunsplit(parts._replace(path="/" + PG_DB))
    return env


def fresh_database(backend: str) -> None:
    env = _env(backend)
    if backend == "postgres":
        import psycopg

        db = PG_DB
        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{db}"')
    else:
        path = Path(env["SQLITE_PATH"])
        path.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    subprocess.run(
        [PY, "manage.py", "migrate", "--noinput", "-v", "0"], env=env, cwd=ROOT, check=True
    )


def prepare_data(backend: str, units: int) -> dict[str, Any]:
    out = subprocess.run(
        [PY, "-m", "bench.rollup_bench", "--prepare", "--units", str(units)],
        env=_env(backend),
        cwd=ROOT,
        check=True,
        text=True,
        capture_output=True,
    ).stdout
    return dict(json.loads(out.strip().splitlines()[-1]))


def wrk_p95(url: str, cookie: str, duration: int) -> dict[str, Any]:
    args = [
        WRK,
        "-t",
        "2",
        "-c",
        str(CONNECTIONS),
        "-d",
        f"{duration}s",
        "--timeout",
        "20s",
        "--latency",
        "-s",
        str(LUA),
        "-H",
        f"Cookie: sessionid={cookie}",
        url,
    ]
    output = subprocess.run(
        args, capture_output=True, text=True, check=True, timeout=duration + 60
    ).stdout
    result = parse_wrk(output)
    found = re.search(r"BENCH_P50_US (\d+) BENCH_P95_US (\d+)", output)
    if found:
        result["p50_ms"] = round(int(found.group(1)) / 1000, 1)
        result["p95_ms"] = round(int(found.group(2)) / 1000, 1)
    return result


def run_backend(backend: str, args: argparse.Namespace) -> dict[str, Any]:
    fresh_database(backend)
    data = prepare_data(backend, args.units)
    server = Server(backend, workers=args.workers)
    try:
        base = f"{server.url}/u/{data['slug']}/{data['year']}"
        pages = {
            "/healthz": f"{server.url}/healthz",
            "overview": f"{base}/overview/",
            "overview, behind on IIT, by score": f"{base}/overview/?behind=iit&sort=-score",
            "heat map, OIT": f"{base}/overview/heatmap/",
            "heat map, indicators": f"{base}/overview/heatmap/?view=indicators",
        }
        results = {}
        load_before = Path("/proc/loadavg").read_text().split()[:3]
        for name, url in pages.items():
            results[name] = wrk_p95(url, data["session"], args.duration)
            print(f"  {backend} {name}: {results[name]}", flush=True)
    finally:
        server.stop()
    load_after = Path("/proc/loadavg").read_text().split()[:3]
    print(
        f"  {backend}: figures rebuild {data['rebuild_s']} s; load {load_before} → {load_after}",
        flush=True,
    )
    return {
        "backend": backend,
        "units": data["units"],
        "rebuild_s": data["rebuild_s"],
        "load_before": load_before,
        "load_after": load_after,
        "pages": results,
    }


# --- the --prepare child ------------------------------------------------------------------------
def prepare(units: int) -> None:
    """In a child process configured (by environment) for the bench database."""
    import random
    import uuid

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django.contrib.sessions.backends.db import SessionStore
    from django.db import transaction
    from django.utils import timezone

    from bench.national_data import national_inputs
    from prongsai.assessments.models import Assessment
    from prongsai.disclosures.models import Evidence, ItemWork
    from prongsai.frameworks.loader import framework_load, read_definition
    from prongsai.frameworks.models import Item
    from prongsai.frameworks.shipped import definition_path
    from prongsai.measures.models import PlanRow, ProgressUpdate
    from prongsai.organizations.models import Role, Unit
    from prongsai.organizations.services import membership_grant, unit_create
    from prongsai.scoring.calculator import score
    from prongsai.scoring.models import ScoreSnapshot
    from prongsai.surveys.models import Campaign, RespondentTally

    rnd = random.Random(17)  # bench data, not secret
    definition, problems = read_definition(definition_path("ita-2567-police.yaml"))
    assert not problems, problems
    framework = framework_load(
        actor="bench", data=definition, source_name="ita-2567-police.yaml"
    ).framework
    spec = framework.spec
    items = list(Item.objects.filter(framework=framework).order_by("position"))
    bureau = unit_create(
        actor="bench",
        parent=None,
        slug="bench-bureau",
        kind="bureau",
        name_th="สำนักงานทดสอบภาระงาน",
    )
    divisions = [
        unit_create(
            actor="bench",
            parent=bureau,
            slug=f"bench-division-{d}",
            kind="division",
            name_th=f"กองบังคับการทดสอบ {d}",
        )
        for d in range(1, 4)
    ]
    offices: list[Unit] = []
    with transaction.atomic():
        for n in range(units - 4):
            division = divisions[n % 3]
            offices.append(
                Unit(
                    slug=f"bench-office-{n}",
                    parent=division,
                    kind="office",
                    name_th=f"สำนักงานทดสอบ {n}",
                    path=f"{division.path}bench-office-{n}/",
                    depth=2,
                )
            )
        Unit.objects.bulk_create(offices, batch_size=1000)
    viewer = get_user_model().objects.create_user(
        username="bench-viewer", password=uuid.uuid4().hex
    )
    membership_grant(actor="bench", unit=bureau, user=viewer, role=Role.VIEWER)
    now = timezone.now()
    inputs = national_inputs(spec, units=len(offices), seed=17)
    states = ["draft", "submitted", "returned", "resubmitted", "accepted", "accepted", "rejected"]
    with transaction.atomic():
        assessments = Assessment.objects.bulk_create(
            [
                Assessment(
                    unit=u,
                    framework=framework,
                    year=2567,
                    headcount_internal=40,
                    headcount_external=3000,
                    status="collecting",
                )
                for u in offices
            ],
            batch_size=1000,
        )
        Campaign.objects.bulk_create(
            [Campaign(assessment=a, instrument=i) for a in assessments for i in ("IIT", "EIT")],
            batch_size=2000,
        )
        RespondentTally.objects.bulk_create(
            [
                RespondentTally(assessment=a, instrument=i, count=rnd.randint(0, 350))
                for a in assessments
                for i in ("IIT", "EIT")
            ],
            batch_size=2000,
        )
        works = []
        for a in assessments:
            for item in items:
                state = states[rnd.randrange(len(states))]
                changed = now - dt.timedelta(days=rnd.randint(0, 182))
                works.append(
                    ItemWork(
                        assessment=a,
                        item=item,
                        state=state,
                        submitted_at=changed if state != "draft" else None,
                        result="pass" if state == "accepted" else "",
                    )
                )
        ItemWork.objects.bulk_create(works, batch_size=2000)
        Evidence.objects.bulk_create(
            [
                Evidence(
                    work=w,
                    kind="link",
                    title=f"หลักฐาน {w.item.code}",
                    url="https://example.go.th/oit",
                    is_published=rnd.random() < 0.8,
                )
                for w in works
                if w.state != "draft" or rnd.random() < 0.3
            ],
            batch_size=2000,
        )
        rows = [
            PlanRow(
                assessment=a,
                position=p,
                indicator="9",
                issue="ประเด็นทดสอบ",
                activity=f"กิจกรรม {p}",
                cadence="monthly",
                status="in_progress",
                period_start=dt.date(2023, 10, 1),
            )
            for a in assessments
            for p in range(6)
        ]
        PlanRow.objects.bulk_create(rows, batch_size=2000)
        ProgressUpdate.objects.bulk_create(
            [
                ProgressUpdate(
                    row=r,
                    date=dt.date(2023, 10 + m, 15) if m < 3 else dt.date(2024, m - 2, 15),
                    text="ความคืบหน้า",
                    status="in_progress",
                    idempotency_key=uuid.uuid4().hex,
                )
                for r in rows
                for m in range(rnd.randint(0, 6))
            ],
            batch_size=2000,
        )
        snapshots = []
        for a, unit_data in zip(assessments, inputs, strict=False):
            result = score(spec, unit_data.scoring_input()).to_json()
            snapshots.append(
                ScoreSnapshot(
                    assessment=a,
                    inputs_version=0,
                    total=result["total"],
                    grade=result["grade"] or "",
                    rating=result["rating_id"] or "",
                    result=result,
                )
            )
        ScoreSnapshot.objects.bulk_create(snapshots, batch_size=500)
    # Updated-at spread over six months (auto_now set it to now on insert).
    for offset in range(0, 182, 30):
        ItemWork.objects.filter(assessment__in=assessments[offset::6]).update(
            updated_at=now - dt.timedelta(days=offset)
        )
    # Bulk-loaded data (no services, no audit entries): store the roll-up figures as after any
    # bulk load (``manage.py rollup_figures``).
    from prongsai.rollup.services import figures_rebuild

    started = time.perf_counter()
    figures_rebuild()
    rebuild_s = round(time.perf_counter() - started, 1)
    session = SessionStore()
    session[SESSION_KEY] = str(viewer.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = viewer.get_session_auth_hash()
    session.create()
    print(
        json.dumps(
            {
                "slug": bureau.slug,
                "year": 2567,
                "session": session.session_key,
                "units": Unit.objects.count(),
                "rebuild_s": rebuild_s,
            }
        )
    )


# --- entry point ----------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--duration", type=int, default=15)
    parser.add_argument("--units", type=int, default=1500)
    parser.add_argument("--workers", type=int, default=max(2, os.cpu_count() or 2))
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--prepare", action="store_true")
    args = parser.parse_args(argv)
    if args.prepare:
        prepare(args.units)
        return {}
    # Production settings serve static files from the collected manifest.
    subprocess.run([PY, "manage.py", "collectstatic", "--noinput", "-v", "0"], env=_env("sqlite"),
                   cwd=ROOT, check=True)  # fmt: skip
    results = []
    for backend in args.backends.split(","):
        problem = _unavailable(backend)
        if problem:
            print(f"skipped {backend}: {problem}")
            continue
        results.append(run_backend(backend, args))
    rows = []
    for result in results:
        for name, page in result["pages"].items():
            rows.append(
                [
                    result["backend"],
                    result["units"],
                    name,
                    page.get("rps"),
                    page.get("p50_ms"),
                    page.get("p95_ms"),
                    page.get("non_2xx"),
                    "yes" if (page.get("p95_ms") or 1e9) <= P95_GOAL_MS else "no",
                ]
            )
    print(
        table(
            rows,
            [
                "database",
                "units",
                "page",
                "req/s",
                "p50 ms",
                "p95 ms",
                "non-2xx",
                f"p95 ≤ {P95_GOAL_MS:.0f} ms",
            ],
        )
    )
    data = {"connections": CONNECTIONS, "duration_s": args.duration, "results": results}
    print(f"results: {write_result('rollup_bench', data)}")
    return data


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
