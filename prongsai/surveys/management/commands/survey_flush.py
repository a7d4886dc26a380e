"""Write the IIT answer sheets waiting in the ballot boxes (cron, e.g. every 15 minutes): those
of closed campaigns completely, those of open campaigns in random batches once enough wait."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from prongsai.surveys.services.ballot_box import ballot_boxes_flush


class Command(BaseCommand):
    help = "Write waiting IIT answer sheets into the stored responses (random batches)."

    def handle(self, *args: Any, **options: Any) -> None:
        written = ballot_boxes_flush()
        self.stdout.write(
            f"{sum(written.values())} sheet(s) written from {len(written)} ballot box(es)"
        )
