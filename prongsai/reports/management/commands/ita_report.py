"""Write a unit's six- or twelve-month integrity-measures report as DOCX or PDF."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from prongsai.assessments.commands import add_unit_year_arguments, assessment_from_options
from prongsai.reports.builder import build_report
from prongsai.reports.rendering import render_report


class Command(BaseCommand):
    help = (
        "Write the report ผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส "
        "(6- or 12-month round) of a unit as DOCX or PDF."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        add_unit_year_arguments(parser)
        parser.add_argument("--round", type=int, choices=(6, 12), default=6, dest="round_")
        parser.add_argument("--format", choices=("docx", "pdf"), default="pdf", dest="fmt")
        parser.add_argument(
            "--output", help="file to write (default: ita-report-UNIT-YEAR-rROUND.FORMAT)"
        )
        parser.add_argument(
            "--thai-digits", action="store_true", help="write numbers in Thai digits (๑ ๒ ๓)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        assessment = assessment_from_options(options)
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
