"""Queue the e-mail reminders for records due (before the due day) and missing (after it).
Meant for a daily cron job: each unit, kind, period and stage is reminded about once."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from prongsai.core.thai_dates import fiscal_year
from prongsai.records.reminders import units_to_remind
from prongsai.records.tasks import send_records_reminders


class Command(BaseCommand):
    help = "E-mail units' editors about open-data records due or missing."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, help="fiscal year (B.E.; default: the current one)")
        parser.add_argument("--today", help="pretend today is this date (YYYY-MM-DD)")

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        if options["today"]:
            try:
                today = dt.date.fromisoformat(options["today"])
            except ValueError as exc:
                raise CommandError(f"--today: {exc}") from exc
        year = options["year"] or fiscal_year(today)
        units = units_to_remind(year)
        for unit in units:
            send_records_reminders.enqueue(str(unit.pk), year, today.isoformat())
        self.stdout.write(f"reminders queued for {len(units)} unit(s)")
