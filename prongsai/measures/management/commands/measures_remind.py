"""Queue (or send now) the e-mail reminders for overdue plan rows. Meant for a daily cron job:
a row is reminded about once per monitoring period, not every day."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from prongsai.assessments.models import Assessment
from prongsai.measures.models import PlanRow
from prongsai.measures.reminders import send_reminders
from prongsai.measures.tasks import send_plan_reminders


class Command(BaseCommand):
    help = "E-mail the people responsible for overdue measures-plan rows."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--unit", help="unit slug (default: every unit with a plan)")
        parser.add_argument("--year", type=int, help="fiscal year (B.E.)")
        parser.add_argument(
            "--now",
            action="store_true",
            help="send in this process instead of queueing a background task",
        )
        parser.add_argument("--today", help="pretend today is this date (YYYY-MM-DD)")

    def handle(self, *args: Any, **options: Any) -> None:
        today = None
        if options["today"]:
            try:
                today = dt.date.fromisoformat(options["today"])
            except ValueError as exc:
                raise CommandError(f"--today: {exc}") from exc
        assessments = Assessment.objects.exclude(status=Assessment.Status.FINAL).filter(
            pk__in=PlanRow.objects.values("assessment_id")
        )
        if options["unit"]:
            assessments = assessments.filter(unit__slug=options["unit"])
        if options["year"]:
            assessments = assessments.filter(year=options["year"])
        count = 0
        for assessment in assessments.select_related("unit", "framework"):
            if options["now"]:
                sent = send_reminders(assessment, today=today)
                self.stdout.write(f"{assessment.unit.slug} {assessment.year}: {sent} e-mail(s)")
            else:
                send_plan_reminders.enqueue(
                    str(assessment.pk), today.isoformat() if today else None
                )
                self.stdout.write(f"{assessment.unit.slug} {assessment.year}: queued")
            count += 1
        if not count:
            self.stdout.write("No plan to remind about.")
