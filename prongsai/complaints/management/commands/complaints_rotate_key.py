"""Re-encrypt every complainant identity and case file with the current DATA_ENCRYPTION_KEY.

Rotate by putting the new key in DATA_ENCRYPTION_KEY and the old one in DATA_ENCRYPTION_OLD_KEYS,
running this command, then removing the old key.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from prongsai.complaints.services import complaints_rotate_key


class Command(BaseCommand):
    help = "Re-encrypt complainants' identities and case files with the current key."

    def handle(self, *args: Any, **options: Any) -> None:
        count = complaints_rotate_key(actor="complaints_rotate_key")
        self.stdout.write(f"re-encrypted {count} values")
