"""Rebuild the stored roll-up figures of every assessment (after a bulk load or a restore, and
every night: overdue plan rows and the signals depend on the day). Running it twice stores the
same figures."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from ...services import figures_rebuild
from ...tasks import rebuild_figures


class Command(BaseCommand):
    help = "Rebuild the stored roll-up figures (every assessment, or one fiscal year's)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, help="fiscal year (B.E.); default: every year")
        parser.add_argument(
            "--queue", action="store_true", help="queue the rebuild as a task instead of now"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["queue"]:
            result = rebuild_figures.enqueue(options["year"])
            self.stdout.write(f"roll-up figures rebuild queued ({result.status})")
            return
        done = figures_rebuild(year=options["year"])
        self.stdout.write(f"roll-up figures stored for {done} assessments")
