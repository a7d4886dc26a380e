"""E-mail each unit's complaint handlers the list of their overdue cases (references and
deadlines only, never what the complaint says). Run daily (cron)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from prongsai.complaints.services import complaints_remind


class Command(BaseCommand):
    help = "Remind complaint handlers of overdue cases."

    def handle(self, *args: Any, **options: Any) -> None:
        count = complaints_remind()
        self.stdout.write(f"queued {count} reminders")
