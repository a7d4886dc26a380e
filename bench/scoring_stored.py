"""National rescoring from stored data (issue 5, point 5): 8,300 units and 1.35 million survey
responses' worth of answer tallies plus OIT reviews in the database, rescored with
``prongsai.scoring.national.rescore_all`` (read inputs, compute, store snapshots).

Runs once on SQLite and once on PostgreSQL (database ``bench_national``, or ``BENCH_PG_DB``;
recreated), each in its own process. Baseline in the same run: streaming the same input rows
without scoring them. Goal: ≤ 20 s on PostgreSQL. Rescored twice: with the shipped rule
(item-first) and with the framework switched to respondent-first, which also reads the partly
answered respondents' pattern rows (``surveys.PartialTally``).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

from bench.common import ROOT, setup_django, table, write_result

PG_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"
PG_DB = os.environ.get("BENCH_PG_DB", "bench_national")
if not PG_DB.replace("_", "").isalnum():
    raise SystemExit("BENCH_PG_DB: letters, digits and _ only")
PG_URL = f"postgres://postgres@127.0.0.1:5432/{PG_DB}"
SQLITE = ROOT / "var" / "bench" / "national.sqlite3"


def _recreate_postgres() -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {PG_DB}")
        conn.execute(f"CREATE DATABASE {PG_DB}")


def _populate(units: int, responses: int) -> dict[str, Any]:
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    from bench.national_data import national_inputs
    from prongsai.assessments.models import Assessment
    from prongsai.demo.base import load_frameworks
    from prongsai.disclosures.models import CriterionWork, Evidence, ItemWork, WorkState
    from prongsai.organizations.models import Unit
    from prongsai.surveys.models import AnswerTally, PartialTally, RespondentTally

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    framework = load_frameworks()["ita-2567-police"]
    spec = framework.spec
    data = national_inputs(spec, units=units, responses=responses)
    items = {i.code: i for i in framework.items.all()}
    criteria = {c.code: c for item in items.values() for c in item.criteria.all()}
    rows = 0
    released_at = timezone.now()
    with transaction.atomic():
        root = Unit.objects.create(
            slug="nacc-bench", path="/nacc-bench/", depth=0, name_th="ประเทศ"
        )
        unit_rows = [
            Unit(
                parent=root,
                slug=f"u{n:05d}",
                path=f"/nacc-bench/u{n:05d}/",
                depth=1,
                name_th=f"หน่วยงาน {n}",
            )
            for n in range(units)
        ]
        Unit.objects.bulk_create(unit_rows, batch_size=2000)
        assessments = [
            Assessment(
                id=uuid.uuid4(),
                unit=u,
                framework=framework,
                year=2567,
                headcount_internal=d.headcounts["IIT"],
                headcount_external=d.headcounts["EIT"],
                status="collecting",
            )
            for u, d in zip(unit_rows, data, strict=True)
        ]
        Assessment.objects.bulk_create(assessments, batch_size=2000)
        tallies, people, works, crit_rows, evidence, partial = [], [], [], [], [], []
        for assessment, d in zip(assessments, data, strict=True):
            for name, tally in (("IIT", d.iit), ("EIT", d.eit)):
                people.append(
                    RespondentTally(assessment=assessment, instrument=name, count=tally.respondents)
                )
                for question, patterns in tally.partial.items():
                    for pattern, count in patterns.items():
                        partial.append(
                            PartialTally(
                                assessment=assessment,
                                instrument=name,
                                question=question,
                                pattern=",".join("" if v is None else str(v) for v in pattern),
                                count=count,
                            )
                        )
                for key, levels in tally.counts.items():
                    for level, count in levels.items():
                        tallies.append(
                            AnswerTally(
                                assessment=assessment,
                                instrument=name,
                                key=key,
                                level=level,
                                count=count,
                            )
                        )
            for code, review in d.reviews.items():
                work = ItemWork(
                    id=uuid.uuid4(),
                    assessment=assessment,
                    item=items[code],
                    state=WorkState.ACCEPTED,
                    decision=review.decision or "",
                    released_at=released_at,  # scoring reads released reviews only
                )
                works.append(work)
                evidence.append(
                    Evidence(
                        work=work,
                        kind="link",
                        title=code,
                        url=f"https://example.go.th/{code}",
                        is_published=True,
                    )
                )
                for crit_code, result in review.criteria.items():
                    crit_rows.append(
                        CriterionWork(work=work, criterion=criteria[crit_code], result=result)
                    )
            if len(tallies) > 200_000:
                AnswerTally.objects.bulk_create(tallies, batch_size=5000)
                rows += len(tallies)
                tallies = []
        AnswerTally.objects.bulk_create(tallies, batch_size=5000)
        RespondentTally.objects.bulk_create(people, batch_size=5000)
        PartialTally.objects.bulk_create(partial, batch_size=5000)
        ItemWork.objects.bulk_create(works, batch_size=5000)
        CriterionWork.objects.bulk_create(crit_rows, batch_size=5000)
        Evidence.objects.bulk_create(evidence, batch_size=5000)
        rows += len(tallies) + len(people) + len(works) + len(crit_rows) + len(evidence)
        rows += len(partial)
    # A production database has planner statistics; fresh bulk-loaded tables do not yet.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {
        "units": units,
        "responses": sum(d.iit.respondents + d.eit.respondents for d in data),
        "rows_inserted": rows,
        "partial_rows": len(partial),
        "populate_seconds": round(time.perf_counter() - started, 1),
    }


def _respondent_first() -> int:
    """Switch the bench database's framework to respondent-first (as a corrected framework file
    would); returns how many units' stored totals the switch will change (rescored next)."""
    from prongsai.frameworks.loader import definition_checksum
    from prongsai.frameworks.models import Framework
    from prongsai.scoring.models import ScoreSnapshot

    before = dict(ScoreSnapshot.objects.values_list("assessment_id", "total"))
    for framework in Framework.objects.all():
        definition = framework.definition
        definition["scoring"]["aggregation"] = "respondent-first"
        framework.definition = definition
        framework.checksum = definition_checksum(definition)
        framework.save(update_fields=["definition", "checksum"])
    from prongsai.assessments.models import Assessment
    from prongsai.scoring.calculator import score
    from prongsai.scoring.inputs import scoring_inputs_many

    first = Assessment.objects.select_related("framework").first()
    assert first is not None
    spec = Framework.objects.get(pk=first.framework.pk).spec
    sample = list(
        Assessment.objects.order_by("pk").values_list(
            "pk", "headcount_internal", "headcount_external"
        )[:500]
    )
    inputs = scoring_inputs_many({pk: (i, e) for pk, i, e in sample})
    return sum(
        1 for pk, _i, _e in sample if round(score(spec, inputs[pk]).total or 0, 2) != before.get(pk)
    )


def _baseline() -> float:
    """Stream the rows rescoring reads, doing nothing with them."""
    from prongsai.disclosures.models import CriterionWork, Evidence
    from prongsai.surveys.models import AnswerTally, PartialTally

    started = time.perf_counter()
    n = 0
    for query in (
        AnswerTally.objects.values_list("assessment_id", "instrument", "key", "level", "count"),
        CriterionWork.objects.values_list(
            "work__assessment_id", "work__item__code", "criterion__code", "result"
        ),
        Evidence.objects.filter(is_published=True).values_list(
            "work__assessment_id", "work__item__code"
        ),
        PartialTally.objects.values_list("assessment_id", "instrument", "question", "pattern"),
    ):
        for _row in query.iterator(chunk_size=20_000):
            n += 1
    return time.perf_counter() - started


def run_backend(backend: str, units: int, responses: int) -> dict[str, Any]:
    if backend == "postgres":
        _recreate_postgres()
        setup_django(database_url=PG_URL)
    else:
        SQLITE.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{SQLITE}{suffix}").unlink(missing_ok=True)
        setup_django(sqlite_path=str(SQLITE))
    from prongsai.assessments.models import Assessment
    from prongsai.scoring.models import ScoreSnapshot
    from prongsai.scoring.national import rescore_all
    from prongsai.scoring.services import snapshot_refresh

    info = _populate(units, responses)
    baseline = _baseline()
    stats = rescore_all()
    rf = _respondent_first()
    rf_stats = rescore_all()
    one = Assessment.objects.select_related("framework", "unit").first()
    assert one is not None
    started = time.perf_counter()
    for _ in range(20):
        snapshot_refresh(one)
    one_unit = (time.perf_counter() - started) / 20
    snapshots = ScoreSnapshot.objects.count()
    return {
        "backend": backend,
        **info,
        "snapshots": snapshots,
        "rescore_seconds": round(stats.seconds, 2),
        "read_seconds": round(stats.read_seconds, 2),
        "score_seconds": round(stats.score_seconds, 2),
        "write_seconds": round(stats.write_seconds, 2),
        "baseline_stream_seconds": round(baseline, 2),
        "ratio_to_baseline": round(stats.seconds / baseline, 1),
        "one_unit_full_path_ms": round(one_unit * 1000, 1),
        "respondent_first_rescore_seconds": round(rf_stats.seconds, 2),
        "respondent_first_read_seconds": round(rf_stats.read_seconds, 2),
        "respondent_first_score_seconds": round(rf_stats.score_seconds, 2),
        "respondent_first_write_seconds": round(rf_stats.write_seconds, 2),
        "respondent_first_changed_totals": rf,
    }


def main(argv: list[str] | None = None) -> list[dict[str, Any]]:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--backend", choices=["sqlite", "postgres"])
    parser.add_argument("--units", type=int, default=8_300)
    parser.add_argument("--responses", type=int, default=1_350_000)
    args = parser.parse_args(argv)
    if args.backend:
        result = run_backend(args.backend, args.units, args.responses)
        write_result(f"scoring_stored_{args.backend}", result)
        return [result]
    results = []
    for backend in ("sqlite", "postgres"):
        code = subprocess.call(
            [
                sys.executable,
                "-m",
                "bench.scoring_stored",
                "--backend",
                backend,
                "--units",
                str(args.units),
                "--responses",
                str(args.responses),
            ],
            cwd=ROOT,
        )
        path = ROOT / "bench" / "results" / f"scoring_stored_{backend}.json"
        if code == 0 and path.exists():
            import json

            results.append(json.loads(path.read_text()))
    print("\n== National rescoring from stored data ==")
    print(
        table(
            [
                [
                    r["backend"],
                    f"{r['units']:,}",
                    f"{r['responses']:,}",
                    f"{r['rows_inserted']:,}",
                    f"{r['rescore_seconds']} s",
                    f"{r['read_seconds']}/{r['score_seconds']}/{r['write_seconds']} s",
                    f"{r['baseline_stream_seconds']} s",
                    f"{r['ratio_to_baseline']}×",
                    f"{r['one_unit_full_path_ms']} ms",
                    f"{r.get('respondent_first_rescore_seconds', '–')} s",
                ]
                for r in results
            ],
            [
                "db",
                "units",
                "responses",
                "input rows",
                "rescore all",
                "read/score/write",
                "baseline",
                "ratio",
                "one unit",
                "respondent-first",
            ],
        )
    )
    return results


if __name__ == "__main__":
    main()
