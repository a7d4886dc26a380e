"""``manage.py api_manifest_schema [--check]``: write the disclosure manifest's JSON Schema
(``prongsai/api/schemas/manifest.schema.json``) from its definition in ``manifest.py``."""

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from prongsai.api.manifest import SCHEMA_PATH, manifest_schema


class Command(BaseCommand):
    help = "Write (or with --check, compare) the disclosure manifest's JSON Schema."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--check", action="store_true", help="fail if the file differs")

    def handle(self, *args: Any, **options: Any) -> None:
        text = json.dumps(manifest_schema(), ensure_ascii=False, indent=2) + "\n"
        if options["check"]:
            if not SCHEMA_PATH.exists() or SCHEMA_PATH.read_text(encoding="utf-8") != text:
                raise CommandError(f"{SCHEMA_PATH} is out of date: run api_manifest_schema")
            return
        SCHEMA_PATH.write_text(text, encoding="utf-8")
        self.stdout.write(f"wrote {SCHEMA_PATH}")
