from typing import Any

from django.core.management.base import BaseCommand

from prongsai.scoring.services import snapshots_prune


class Command(BaseCommand):
    help = (
        "Delete the score snapshots the history does not need: keeps the latest of each day and "
        "every one in which released OIT results changed (each new snapshot applies it too)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        deleted = snapshots_prune()
        self.stdout.write(f"deleted {deleted} snapshot(s)")
