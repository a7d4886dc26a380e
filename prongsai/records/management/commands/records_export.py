"""Export one kind of a unit's records: JSON (one object per record), CSV (UTF-8 with BOM) or
XLSX, with the kind's stable field names (README, "Records export")."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from prongsai.assessments.commands import add_unit_year_arguments
from prongsai.records.exporting import export_bytes

from .records_import import kind_from_options, unit_from_options


class Command(BaseCommand):
    help = "Export a unit's records of one kind as JSON, CSV or XLSX."

    def add_arguments(self, parser: CommandParser) -> None:
        add_unit_year_arguments(parser)
        parser.add_argument("--kind", required=True, help="operations, statistics, budget, fund, …")
        parser.add_argument("--format", choices=("json", "csv", "xlsx"), default="json")
        parser.add_argument("--output", "-o", help="write to this file (default: standard output)")

    def handle(self, *args: Any, **options: Any) -> None:
        unit = unit_from_options(options)
        kind = kind_from_options(options)
        data = export_bytes(kind, unit, int(options["year"]), options["format"])
        if options["output"]:
            Path(options["output"]).write_bytes(data)
            return
        if options["format"] == "xlsx":
            sys.stdout.buffer.write(data)
            return
        self.stdout.write(data.decode("utf-8-sig"), ending="")
