"""Publishing one month of a unit's open-data records (issue 12, "What it must show" 5, the
records part): the seconds to generate and publish one month's documents — O6 (PDF, DOCX, JSON,
CSV), O10 (PDF with its chart, XLSX, CSV, JSON) and O11 (PDF, XLSX, CSV, JSON) — and the ratio to
rendering the demo's six-month report PDF in the same run.

1. a fresh SQLite bench database (``var/bench/records.sqlite3``, media beside it), migrated and
   filled by ``demo_load`` (the seed unit with six published months of each record kind);
2. April 2567 entered for the unit (operations entries, statistics, budget spending);
3. per run: ``publication_publish`` of the month for the three monthly series, each rendering
   every format (immediate task backend: the renders run at the commit, as the worker would),
   a new version each run (a correction); the median of ``--runs`` runs, after a warm-up;
4. the baseline: the demo report PDF (``reports.rendering.render_report``), median of the same
   number of runs.

Prints a table and writes bench/results/records_bench.json.
Run alone: ``.venv/bin/python -m bench.records_bench [--runs 3]``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

from bench.common import ROOT, setup_django, table, timed, write_result

BENCH_DIR = ROOT / "var" / "bench"
SQLITE_PATH = BENCH_DIR / "records.sqlite3"
MEDIA = BENCH_DIR / "records-media"
MONTH = "2567-04"
KINDS = ("operations", "statistics", "budget")


def _fresh_database() -> None:
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    for path in (SQLITE_PATH, Path(f"{SQLITE_PATH}-wal"), Path(f"{SQLITE_PATH}-shm")):
        path.unlink(missing_ok=True)
    shutil.rmtree(MEDIA, ignore_errors=True)
    os.environ["MEDIA_ROOT"] = str(MEDIA)
    setup_django(sqlite_path=str(SQLITE_PATH))
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("demo_load", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115


def _enter_month(unit: Any, editor: Any) -> None:
    from prongsai.records import services
    from prongsai.records.models import BudgetLine, StatSeries

    for n in range(3):
        services.operation_entry_save(
            actor=editor, unit=unit, year=2567, month=MONTH,
            fields={"work_area": "งานบริการ", "activity": f"กิจกรรมที่ {n + 1}",
                    "details": "ผลการดำเนินงาน " * 20, "period": "เม.ย. 67", "section": "งานบริการ"},
        )  # fmt: skip
    series = StatSeries.objects.filter(unit=unit, year=2567)
    services.stat_values_set(
        actor=editor, unit=unit, year=2567, month=MONTH,
        values={str(s.pk): Decimal(10 + i) for i, s in enumerate(series)},
    )  # fmt: skip
    lines = BudgetLine.objects.filter(unit=unit, year=2567)
    services.budget_month_set(
        actor=editor, unit=unit, year=2567, month=MONTH,
        values={str(line.pk): (Decimal(1000), Decimal(900)) for line in lines},
    )  # fmt: skip


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)

    _fresh_database()
    from django.contrib.auth.models import User

    from prongsai.assessments.models import Assessment
    from prongsai.organizations.access import access_for
    from prongsai.publications.models import Publication
    from prongsai.publications.services import publication_publish
    from prongsai.records.document_kinds import series_name
    from prongsai.reports.builder import build_report
    from prongsai.reports.rendering import render_report

    assessment = Assessment.objects.select_related("unit", "framework").get(
        unit__slug="kalasin-immigration", year=2567
    )
    unit = assessment.unit
    editor = User.objects.get(username="kalasin-editor")
    access = access_for(editor, unit)
    _enter_month(unit, editor)

    def publish() -> None:
        for kind in KINDS:
            reason = (
                "bench"
                if Publication.objects.filter(
                    unit=unit, series=series_name(kind), period=MONTH
                ).exists()
                else ""
            )
            publication_publish(
                actor=editor, access=access, series=series_name(kind), year=2567,
                period=MONTH, params={"unit": str(unit.pk)}, reason=reason,
            )  # fmt: skip

    publish()  # warm-up (fonts, templates)
    publish_median, publish_runs = timed(publish, args.runs)
    latest = (
        Publication.objects.filter(unit=unit, period=MONTH)
        .order_by("-version")
        .select_related("document")
    )
    files = {
        f"{p.series.split('.')[1]}.{p.fmt}": p.document.size
        for p in latest
        if p.superseded_at is None
    }
    render_report(build_report(assessment, round_=6), "pdf")  # warm-up
    report_median, report_runs = timed(
        lambda: render_report(build_report(assessment, round_=6), "pdf"), args.runs
    )
    ratio = publish_median / report_median if report_median else None
    results = {
        "unit": unit.slug,
        "month": MONTH,
        "series": list(KINDS),
        "files": files,
        "runs": args.runs,
        "publish_month_median_s": round(publish_median, 3),
        "publish_month_runs_s": [round(r, 3) for r in publish_runs],
        "report_pdf_median_s": round(report_median, 3),
        "report_pdf_runs_s": [round(r, 3) for r in report_runs],
        "ratio_to_report": round(ratio, 2) if ratio else None,
    }
    print(
        f"Records: one month ({MONTH}) of {unit.slug}, {len(files)} files, median of {args.runs} runs"
    )
    print(
        table(
            [
                [
                    "publish O6+O10+O11 (render all formats)",
                    f"{publish_median:.3f}",
                    f"{ratio:.2f}" if ratio else "",
                ],
                ["demo report PDF (baseline)", f"{report_median:.3f}", "1.00"],
            ],
            ["what", "median s", "ratio"],
        )
    )
    path = write_result("records_bench", results)
    print(f"written {path.relative_to(ROOT)}")
    return results


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
    sys.exit(0)
