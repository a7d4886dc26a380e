"""``manage.py oit_clean_images [--dry-run]``: remove the metadata (GPS position, camera, text) of
OIT pictures stored before uploads were re-encoded. Pictures uploaded now are clean already; a
clean picture is left as it is, so the command can run again at any time."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from prongsai.disclosures.services import stored_image_clean, stored_images_with_metadata


class Command(BaseCommand):
    help = "Re-encode stored OIT pictures that still carry metadata (GPS position, camera, text)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="List the pictures, change nothing."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        found = stored_images_with_metadata()
        cleaned = 0
        for stored, kinds in found:
            self.stdout.write(f"{stored.pk}\t{stored.original_name}\t{', '.join(kinds)}")
            if not options["dry_run"] and stored_image_clean(
                actor="oit_clean_images", stored=stored
            ):
                cleaned += 1
        verb = "would be cleaned" if options["dry_run"] else "cleaned"
        count = len(found) if options["dry_run"] else cleaned
        self.stdout.write(f"{count} picture(s) {verb}.")
