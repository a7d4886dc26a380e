"""Write a unit's six- or twelve-month integrity-measures report as DOCX or PDF."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from prongsai.assessments.models import Assessment
from prongsai.reports.builder import build_report
from prongsai.reports.rendering import render_report


class Command(BaseCommand):
    help = (
        "Write the report ผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส "
        "(6- or 12-month round) of a unit as DOCX or PDF."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--unit", required=True, help="unit slug, e.g. kalasin-immigration")
        parser.add_argument("--year", required=True, type=int, help="fiscal year (B.E.), e.g. 2567")
        parser.add_argument("--round", type=int, choices=(6, 12), default=6, dest="round_")
        parser.add_argument("--format", choices=("docx", "pdf"), default="pdf", dest="fmt")
        parser.add_argument(
            "--output", help="file to write (default: ita-report-UNIT-YEAR-rROUND.FORMAT)"
        )
        parser.add_argument(
            "--thai-digits", action="store_true", help="write numbers in Thai digits (๑ ๒ ๓)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        assessment = (
            Assessment.objects.filter(unit__slug=options["unit"], year=options["year"])
            .select_related("unit", "framework")
            .first()
        )
        if assessment is None:
            raise CommandError(f"no assessment for {options['unit']} in {options['year']}")
        report = build_report(
            assessment, round_=options["round_"], thai_digits_=options["thai_digits"]
        )
        content = render_report(report, options["fmt"])
        output = Path(options["output"] or f"{report.file_stem}.{options['fmt']}")
        try:
            output.write_bytes(content)
        except OSError as exc:
            raise CommandError(f"cannot write {output}: {exc}") from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"{output} written ({len(content):,} bytes, {len(report.measures)} measures)"
            )
        )
