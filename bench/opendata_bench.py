"""The open-data catalogue at national scale (issue 12, "What it must show" 5): the DCAT-AP 3
catalogue of 1,000 units × 6 datasets, in seconds and as a ratio to rendering the demo report
(PDF) in the same run.

1. a fresh SQLite bench database (``var/bench/opendata.sqlite3``), migrated and filled by
   ``demo_load`` (the seed unit, with its procurement published); then ``--units`` generated units,
   each with ``--datasets`` series published for ``--periods`` months in every format of the
   series (publication rows over frozen documents, written in bulk: the catalogue reads only them);
2. timed: the whole catalogue in Turtle, every page of 100 datasets as a harvester reads it
   (``/catalog.ttl?page=N``: select + build + serialise, no HTTP; ``--whole-runs``), page 1 alone
   in Turtle and JSON-LD, and the demo report's PDF (build + render) as the baseline (medians of
   ``--runs``).

Prints a table and writes bench/results/opendata_bench.json.
Run alone: ``.venv/bin/python -m bench.opendata_bench [--units 1000] [--datasets 6] [--runs 3]``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from pathlib import Path
from typing import Any

from bench.common import ROOT, setup_django, table, timed, write_result

BENCH_DIR = ROOT / "var" / "bench"
SQLITE_PATH = BENCH_DIR / "opendata.sqlite3"
MEDIA = BENCH_DIR / "opendata-media"


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


def _series(count: int) -> list[Any]:
    """The first ``count`` registered series; bench-only ones (the procurement kinds' formats)
    when fewer are registered."""
    from prongsai.publications.registry import Series, register_series, registered_series

    found = list(registered_series())[:count]
    base = found[0]
    for n in range(len(found), count):
        found.append(
            register_series(
                Series(
                    name=f"bench.extra{n}",
                    slug=f"bench-extra-{n}",
                    title=f"ชุดข้อมูลทดสอบ {n}",
                    formats=dict(base.formats),
                    cadence=base.cadence,
                    item_code=base.item_code,
                )
            )
        )
    return found


def _generate(units: int, series: list[Any], periods: int) -> int:
    from django.db import transaction
    from django.utils import timezone

    from prongsai.documents.models import DocumentStatus, GeneratedDocument
    from prongsai.organizations.models import Unit
    from prongsai.publications.models import Publication
    from prongsai.publications.periods import periods_of

    now = timezone.now()
    root = Unit.objects.create(slug="bench-root", path="/bench-root/", name_th="หน่วยงานทดสอบ")
    count = 0
    with transaction.atomic():
        made = [
            Unit(
                slug=f"bench-unit-{n:04d}",
                parent=root,
                path=f"/bench-root/bench-unit-{n:04d}/",
                depth=1,
                name_th=f"หน่วยงานทดสอบที่ {n}",
                email=f"unit{n}@example.go.th",
            )
            for n in range(units)
        ]
        Unit.objects.bulk_create(made, batch_size=500)
        for unit in made:
            documents, rows = [], []
            for spec in series:
                for period in periods_of(spec.cadence, 2567)[:periods]:
                    for fmt, kind in spec.formats.items():
                        document = GeneratedDocument(
                            kind=kind,
                            params={"year": 2567, "period": period, "fmt": fmt},
                            request_key=f"{unit.slug}-{spec.name}-{period}-{fmt}",
                            unit=unit,
                            title=str(spec.title),
                            status=DocumentStatus.READY,
                            file_name=f"{period}.{fmt}",
                            size=2048,
                            sha256="ab" * 32,
                            frozen_at=now,
                        )
                        documents.append(document)
                        rows.append(
                            Publication(
                                unit=unit,
                                year=2567,
                                series=spec.name,
                                period=period,
                                fmt=fmt,
                                version=1,
                                document=document,
                                item_code=spec.item_code,
                                published_at=now,
                            )
                        )
            GeneratedDocument.objects.bulk_create(documents, batch_size=1000)
            Publication.objects.bulk_create(rows, batch_size=1000)
            count += len(rows)
    return count


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=1000)
    parser.add_argument("--datasets", type=int, default=6)
    parser.add_argument("--periods", type=int, default=6)
    parser.add_argument("--runs", type=int, default=3, help="runs of page 1 and of the report")
    parser.add_argument("--whole-runs", type=int, default=1, help="runs of the whole catalogue")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    _fresh_database()
    series = _series(args.datasets)
    files = _generate(args.units, series, args.periods)
    prepared = time.perf_counter() - started

    from prongsai.assessments.models import Assessment
    from prongsai.opendata.catalog import catalog_graph, serialize
    from prongsai.opendata.selectors import catalog_page
    from prongsai.opendata.views import catalog_publisher
    from prongsai.reports.builder import build_report
    from prongsai.reports.rendering import render_report

    publisher = catalog_publisher()

    def page_bytes(number: int, fmt: str = "ttl") -> tuple[bytes, int]:
        page = catalog_page(page=number)
        graph = catalog_graph(
            page, fmt=fmt, publisher=publisher, title="แคตตาล็อก", description="ชุดข้อมูล"
        )
        return serialize(graph, fmt), page.pages

    _first, pages = page_bytes(1)
    sizes: dict[str, int] = {}

    def whole() -> None:
        total = 0
        for number in range(1, pages + 1):
            total += len(page_bytes(number)[0])
        sizes["ttl"] = total

    whole_s, whole_runs = timed(whole, args.whole_runs)
    page_s, _r = timed(lambda: page_bytes(1), args.runs)
    jsonld_s, _r = timed(lambda: page_bytes(1, "jsonld"), args.runs)
    assessment = Assessment.objects.select_related("unit", "framework").get(
        unit__slug="kalasin-immigration", year=2567
    )
    render_report(build_report(assessment, round_=6), "pdf")  # warm-up
    report_s, _r = timed(
        lambda: render_report(build_report(assessment, round_=6), "pdf"), args.runs
    )
    datasets = catalog_page(page=1).total
    results = {
        "units": args.units,
        "datasets_per_unit": args.datasets,
        "series": [s.name for s in series],
        "datasets": datasets,
        "files": files,
        "pages": pages,
        "prepare_s": round(prepared, 1),
        "catalogue_all_pages_ttl_s": round(whole_s, 3),
        "catalogue_all_pages_runs_s": [round(r, 3) for r in whole_runs],
        "catalogue_bytes": sizes.get("ttl", 0),
        "page1_ttl_s": round(page_s, 3),
        "page1_jsonld_s": round(jsonld_s, 3),
        "demo_report_pdf_s": round(report_s, 3),
        "ratio_catalogue_to_report": round(whole_s / report_s, 2) if report_s else None,
        "ratio_page_to_report": round(page_s / report_s, 3) if report_s else None,
    }
    print(
        f"Catalogue: {datasets} datasets ({args.units} units × {args.datasets} series), "
        f"{files} files, {pages} pages; median of {args.runs} runs"
    )
    print(
        table(
            [
                [
                    "whole catalogue, Turtle (all pages)",
                    f"{whole_s:.3f}",
                    f"{whole_s / report_s:.2f}",
                ],
                ["page 1, Turtle", f"{page_s:.3f}", f"{page_s / report_s:.3f}"],
                ["page 1, JSON-LD", f"{jsonld_s:.3f}", f"{jsonld_s / report_s:.3f}"],
                ["demo report PDF (baseline)", f"{report_s:.3f}", "1.00"],
            ],
            ["what", "median s", "÷ report"],
        )
    )
    path = write_result("opendata_bench", results)
    print(f"written {path.relative_to(ROOT)}")
    return results


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
    sys.exit(0)
