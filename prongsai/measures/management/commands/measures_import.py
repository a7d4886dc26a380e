"""Import a measures plan from a DOCX (seed-shaped tables) or XLSX (our export) file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from prongsai.assessments.commands import add_unit_year_arguments, assessment_from_options
from prongsai.measures.importing import parse_plan_file, plan_import


class Command(BaseCommand):
    help = "Import a unit's measures plan from a .docx or .xlsx file (all rows or nothing)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        add_unit_year_arguments(parser)
        parser.add_argument(
            "--replace", action="store_true", help="replace the whole plan instead of appending"
        )
        parser.add_argument("--dry-run", action="store_true", help="check the file only")

    def handle(self, *args: Any, **options: Any) -> None:
        assessment = assessment_from_options(options)
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        data = path.read_bytes()
        result = parse_plan_file(assessment, data)
        for warning in result.warnings:
            self.stderr.write(f"warning: {warning}")
        if not result.ok:
            for problem in result.problems:
                self.stderr.write(str(problem))
            raise CommandError("nothing imported")
        if options["dry_run"]:
            self.stdout.write(f"{len(result.drafts)} row(s) would be imported (dry run)")
            return
        try:
            rows = plan_import(
                actor="measures_import",
                assessment=assessment,
                result=result,
                replace=options["replace"],
                source_name=path.name,
                source_bytes=data,
            )
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        self.stdout.write(self.style.SUCCESS(f"{len(rows)} row(s) imported"))
