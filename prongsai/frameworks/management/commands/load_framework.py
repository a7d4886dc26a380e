from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from prongsai.frameworks.loader import FrameworkInvalid, framework_load, read_definition


class Command(BaseCommand):
    help = (
        "Validate a framework file (e.g. prongsai/frameworks/definitions/*.yaml) completely and load it. Nothing is written "
        "when anything is wrong; every problem is printed with its path inside the file."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        # The command reports in English, like its own lines (the file's keys are English too);
        # the framework import page gives the same problems in Thai.
        with translation.override("en"):
            self._load(options["files"])

    def _load(self, files: list[Path]) -> None:
        failed = 0
        for path in files:
            data, problems = read_definition(path)
            if not problems:
                try:
                    result = framework_load(
                        actor="load_framework", data=data, source_name=path.name
                    )
                except FrameworkInvalid as exc:
                    problems = exc.problems
                else:
                    fw = result.framework
                    state = "loaded" if result.created else "unchanged (already loaded)"
                    self.stdout.write(
                        f"{path}: {fw.code} v{fw.version} {state}: "
                        f"{fw.items.count()} items, {len(fw.spec.questions)} questions"
                    )
                    continue
            failed += 1
            for problem in problems:
                location = f"{path}: {problem.path}" if problem.path else str(path)
                self.stderr.write(f"{location}: {problem.message}")
            self.stderr.write(f"{path}: {len(problems)} problem(s); nothing was loaded")
        if failed:
            raise CommandError(f"{failed} file(s) not loaded")
