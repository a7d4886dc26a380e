"""Queue this week's digest e-mails to the viewers of parent units (cron, e.g. every Monday;
running it more often sends nothing twice: each viewer gets at most one digest a week)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from prongsai.core.thai_dates import fiscal_year

from ...tasks import send_weekly_digests


class Command(BaseCommand):
    help = "Queue this week's roll-up digest for every viewer of a unit with units below."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, help="fiscal year (B.E.); default: the current one")

    def handle(self, *args: Any, **options: Any) -> None:
        year = options["year"] or fiscal_year(timezone.localdate())
        result = send_weekly_digests.enqueue(year)
        self.stdout.write(f"weekly digest for FY {year} queued ({result.status})")
