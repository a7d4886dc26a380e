"""Import a measures plan from a DOCX (seed-shaped tables) or XLSX (our export) file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from prongsai.assessments.commands import add_unit_year_arguments, assessment_from_options
from prongsai.measures.importing import PLAN_FIELDS, parse_plan_file, plan_import
from prongsai.spreadsheets.headers import IGNORE, NOTE, normalize_header


class Command(BaseCommand):
    help = "Import a unit's measures plan from a .docx or .xlsx file (all rows or nothing)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        add_unit_year_arguments(parser)
        parser.add_argument(
            "--replace", action="store_true", help="replace the whole plan instead of appending"
        )
        parser.add_argument("--dry-run", action="store_true", help="check the file only")
        parser.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="HEADER=FIELD",
            help="read the column headed HEADER as FIELD (one of: "
            + ", ".join(f.key for f in PLAN_FIELDS.fields)
            + "), or as 'note' or 'ignore'; remembered for the unit like a choice in the browser",
        )

    def _chosen(self, pairs: list[str]) -> dict[str, str]:
        targets = {f.key for f in PLAN_FIELDS.fields} | {"note", "ignore"}
        chosen = {}
        for pair in pairs:
            header, _sep, target = pair.rpartition("=")
            target = target.strip().lower()
            if not header.strip() or target not in targets:
                raise CommandError(
                    f"--map {pair!r}: expected HEADER=FIELD, FIELD one of {sorted(targets)}"
                )
            chosen[normalize_header(header)] = {"note": NOTE, "ignore": IGNORE}.get(target, target)
        return chosen

    def handle(self, *args: Any, **options: Any) -> None:
        assessment = assessment_from_options(options)
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        data = path.read_bytes()
        result = parse_plan_file(assessment, data, chosen=self._chosen(options["map"]))
        for warning in result.warnings:
            self.stderr.write(f"warning: {warning}")
        for column in result.columns:
            if column.needs_choice:
                guess = f" (perhaps {column.suggestion})" if column.suggestion else ""
                self.stderr.write(
                    f"column {column.letter} “{column.header}” is not recognised{guess}: "
                    f"add --map '{column.header}=FIELD' (or =note, =ignore)"
                )
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
