from typing import Any

from django.core.management.base import BaseCommand, CommandError

from prongsai.core.audit import audit_verify
from prongsai.core.models import AuditEntry


class Command(BaseCommand):
    help = "Verify the audit log's hash chain; exit non-zero naming the first broken entry."

    def handle(self, *args: Any, **options: Any) -> None:
        problems = audit_verify()
        if problems:
            for problem in problems:
                self.stderr.write(f"audit chain broken at {problem}")
            raise CommandError(f"audit chain broken at entry #{problems[0].seq}")
        count = AuditEntry.objects.count()
        self.stdout.write(self.style.SUCCESS(f"audit chain intact: {count} entries verified"))
