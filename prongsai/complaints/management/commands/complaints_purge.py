"""Purge closed complaints older than COMPLAINTS_RETENTION_DAYS (content, files, identity); the
anonymous statistics row stays. Run daily (cron)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from prongsai.complaints.services import complaints_purge


class Command(BaseCommand):
    help = "Purge the content of closed complaints past the retention period."

    def handle(self, *args: Any, **options: Any) -> None:
        count = complaints_purge(actor="complaints_purge")
        self.stdout.write(f"purged {count} cases")
