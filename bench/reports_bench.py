"""The demo unit's six-month report, timed (issue 6, point 5): DOCX and PDF.

1. a fresh bench database (``var/bench/reports.sqlite3``, media in ``var/bench/reports-media``),
   migrated and filled by ``demo_load`` (the seed unit, its 43-row plan with progress and photos,
   surveys, OIT) plus the report settings;
2. per format, one warm-up run (fonts, templates), then ``--runs`` runs of build + render as the
   download button does them; the median is reported, with the report model's build time alone;
3. goals on this machine: DOCX ≤ 1 s, PDF ≤ 3 s.

Prints a table and writes bench/results/reports_bench.json.
Run alone: ``.venv/bin/python -m bench.reports_bench [--runs 5]``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from bench.common import ROOT, setup_django, table, timed, write_result

BENCH_DIR = ROOT / "var" / "bench"
SQLITE_PATH = BENCH_DIR / "reports.sqlite3"
MEDIA = BENCH_DIR / "reports-media"
GOALS = {"docx": 1.0, "pdf": 3.0}


def _fresh_database() -> None:
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    for path in (SQLITE_PATH, Path(f"{SQLITE_PATH}-wal"), Path(f"{SQLITE_PATH}-shm")):
        path.unlink(missing_ok=True)
    shutil.rmtree(MEDIA, ignore_errors=True)
    os.environ["MEDIA_ROOT"] = str(MEDIA)
    setup_django(sqlite_path=str(SQLITE_PATH))
    from django.core.management import call_command
    from django.db import transaction

    call_command("migrate", verbosity=0)
    call_command("demo_load", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    # The report settings (order ๕/๒๕๖๗ …) are loaded here too, whatever demo_load lists.
    from prongsai.demo import reports as reports_demo
    from prongsai.demo.base import load_base

    with transaction.atomic():
        reports_demo.load_demo(load_base())


def _pages(pdf: bytes) -> int | None:
    pdfinfo = shutil.which("pdfinfo")
    if pdfinfo is None:
        return None
    out = subprocess.run([pdfinfo, "-"], input=pdf, capture_output=True, check=False)
    for line in out.stdout.decode().splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    return None


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)

    _fresh_database()
    from prongsai.assessments.models import Assessment
    from prongsai.measures.models import PlanRow, ProgressPhoto
    from prongsai.reports.builder import build_report
    from prongsai.reports.rendering import render_report

    assessment = Assessment.objects.select_related("unit", "framework").get(
        unit__slug="kalasin-immigration", year=2567
    )
    rows = PlanRow.objects.filter(assessment=assessment).count()
    photos = ProgressPhoto.objects.filter(update__row__assessment=assessment).count()

    build_median, _runs = timed(lambda: build_report(assessment, round_=6), args.runs)
    results: dict[str, Any] = {
        "unit": assessment.unit.slug,
        "year": assessment.year,
        "round": 6,
        "plan_rows": rows,
        "photos": photos,
        "runs": args.runs,
        "build_median_s": round(build_median, 3),
        "formats": {},
    }
    table_rows = [["model (build_report)", f"{build_median:.3f}", "", "", ""]]
    for fmt in ("docx", "pdf"):
        render_report(build_report(assessment, round_=6), fmt)  # warm-up
        output: dict[str, bytes] = {}

        def run(fmt: str = fmt, output: dict[str, bytes] = output) -> None:
            output["content"] = render_report(build_report(assessment, round_=6), fmt)

        median, runs = timed(run, args.runs)
        content = output["content"]
        results["formats"][fmt] = {
            "median_s": round(median, 3),
            "runs_s": [round(r, 3) for r in runs],
            "bytes": len(content),
            "pages": _pages(content) if fmt == "pdf" else None,
            "goal_s": GOALS[fmt],
            "meets_goal": median <= GOALS[fmt],
        }
        table_rows.append(
            [
                f"{fmt.upper()} (build + render)",
                f"{median:.3f}",
                f"≤ {GOALS[fmt]:.0f}",
                "yes" if median <= GOALS[fmt] else "NO",
                f"{len(content) / 1024:.0f} KiB",
            ]
        )
    print(
        f"Demo report: {assessment.unit.slug} {assessment.year}, round 6 — "
        f"{rows} plan rows, {photos} photos, median of {args.runs} runs"
    )
    print(table(table_rows, ["what", "median s", "goal s", "meets", "size"]))
    path = write_result("reports_bench", results)
    print(f"written {path.relative_to(ROOT)}")
    return results


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
    sys.exit(0)
