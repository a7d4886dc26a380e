"""Remove generated documents older than DOCUMENTS_KEEP_DAYS (frozen versions stay)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from prongsai.documents.services import documents_purge


class Command(BaseCommand):
    help = "Apply the retention rule to generated documents (daily cron; renders also apply it)."

    def handle(self, *args: Any, **options: Any) -> None:
        removed = documents_purge()
        self.stdout.write(self.style.SUCCESS(f"{removed} generated documents removed"))
