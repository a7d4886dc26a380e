"""Publish the audit chain's head outside the database. For a daily cron job:

    15 3 * * *  cd /srv/prongsai && .venv/bin/python manage.py audit_anchor

or, without cron, ``manage.py audit_anchor --schedule`` once: the database queue then runs the
anchor every day at 03:00 and queues the next run itself (``manage.py db_worker`` must run).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from prongsai.core.audit_anchor import anchor_path, anchor_publish
from prongsai.core.tasks import schedule_daily_anchor


class Command(BaseCommand):
    help = "Append the audit chain's head and entry count to the anchor file (AUDIT_ANCHOR_PATH)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--schedule",
            action="store_true",
            help="also queue a daily anchor task that renews itself (database task backend)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            anchor = anchor_publish()
        except OSError as exc:
            raise CommandError(f"cannot write the anchor file {anchor_path()}: {exc}") from exc
        self.stdout.write(
            f"anchored #{anchor.seq} {anchor.hash} ({anchor.count} entries) in {anchor_path()}"
        )
        if options["schedule"]:
            if not schedule_daily_anchor():
                raise CommandError(
                    "the task backend cannot run tasks later: set TASKS_BACKEND=database"
                )
            self.stdout.write("daily anchor task queued (runs with manage.py db_worker)")
