"""Hand every mail that is due to the task queue again (cron, every few minutes).

With the database queue each failed attempt already schedules its retry; this command is the
safety net for a lost task or a worker that died mid-send. With the immediate backend (demo) it
is what retries at all."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from prongsai.mail.outbox import mails_due
from prongsai.mail.tasks import deliver_mail


class Command(BaseCommand):
    help = "Queue the delivery of every e-mail that is due (retries after failures)."

    def handle(self, *args: Any, **options: Any) -> None:
        due = mails_due()
        for mail_id in due:
            deliver_mail.enqueue(mail_id)
        self.stdout.write(f"{len(due)} e-mail(s) due, queued for delivery")
