"""Import one kind of a unit's records from an XLSX or CSV file (all rows or nothing).

The kinds are those registered with ``prongsai.records.kinds.register_record_kind``
(operations, statistics, budget, fund; procurement when its app is installed)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from prongsai.assessments.commands import add_unit_year_arguments
from prongsai.organizations.models import Unit
from prongsai.records.kinds import record_kind, record_kinds


def unit_from_options(options: dict[str, Any]) -> Unit:
    unit = Unit.objects.filter(slug=options["unit"]).first()
    if unit is None:
        raise CommandError(f"no unit {options['unit']!r}")
    return unit


def kind_from_options(options: dict[str, Any]) -> Any:
    try:
        return record_kind(options["kind"])
    except KeyError:
        names = ", ".join(k.name for k in record_kinds())
        raise CommandError(f"unknown kind {options['kind']!r} (one of: {names})") from None


class Command(BaseCommand):
    help = "Import a unit's records of one kind from an .xlsx or .csv file (all rows or nothing)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        add_unit_year_arguments(parser)
        parser.add_argument("--kind", required=True, help="operations, statistics, budget, fund, …")
        parser.add_argument("--dry-run", action="store_true", help="check the file only")

    def handle(self, *args: Any, **options: Any) -> None:
        unit = unit_from_options(options)
        kind = kind_from_options(options)
        year = int(options["year"])
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        data = path.read_bytes()
        result = kind.importer.parse(unit=unit, year=year, data=data, name=path.name)
        for warning in result.warnings:
            self.stderr.write(f"warning: {warning}")
        for column in result.columns:
            if column.needs_choice:
                guess = f" (perhaps {column.suggestion})" if column.suggestion else ""
                self.stderr.write(
                    f"column {column.letter} “{column.header}” is not recognised{guess}; "
                    f"rename it to one of: {', '.join(f.key for f in kind.importer.fieldset.fields)}"
                )
        if not result.ok:
            for problem in result.problems:
                self.stderr.write(str(problem))
            raise CommandError(f"{len(result.problems) or 'no'} problem(s); nothing imported")
        if options["dry_run"]:
            self.stdout.write(f"{len(result.rows)} row(s) would be imported (dry run)")
            return
        try:
            written = kind.importer.save(
                actor="records_import",
                unit=unit,
                year=year,
                result=result,
                source_name=path.name,
                source_bytes=data,
            )
        except ValidationError as exc:
            for message in exc.messages:
                self.stderr.write(message)
            raise CommandError("nothing imported") from exc
        self.stdout.write(self.style.SUCCESS(f"{written} row(s) imported"))
