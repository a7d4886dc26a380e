"""Write a unit's six- or twelve-month integrity-measures report as DOCX or PDF."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from prongsai.assessments.commands import add_unit_year_arguments, assessment_from_options
from prongsai.documents.registry import render_now
from prongsai.reports.document_kinds import REPORT, report_params


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
        # The same renderer the web's generated documents use, without storing a document.
        rendered = render_now(
            REPORT,
            report_params(
                assessment,
                round_=options["round_"],
                fmt=options["fmt"],
                thai_digits=options["thai_digits"],
            ),
            unit_id=assessment.unit_id,
        )
        output = Path(options["output"] or rendered.file_name)
        try:
            output.write_bytes(rendered.content)
        except OSError as exc:
            raise CommandError(f"cannot write {output}: {exc}") from exc
        self.stdout.write(self.style.SUCCESS(f"{output} written ({len(rendered.content):,} bytes)"))
