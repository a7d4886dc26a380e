"""Restore a backup archive written by ``manage.py backup``: checks the whole archive against
its manifest first (nothing changes if anything is wrong), then replaces the database and the
uploaded files. Stop the app servers and workers before, run ``manage.py migrate`` after."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from prongsai.core.backup import BackupError, backup_check, backup_restore


class Command(BaseCommand):
    help = "Restore the database and uploaded files from a backup archive (after checking it)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path)
        parser.add_argument(
            "--check", action="store_true", help="only check the archive; change nothing"
        )
        parser.add_argument(
            "--yes", action="store_true", help="do not ask before replacing the data"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        archive: Path = options["archive"]
        try:
            manifest = backup_check(archive)
            summary = _(
                "%(path)s: a %(engine)s backup of %(created)s, %(files)d files, intact."
            ) % {
                "path": archive,
                "engine": manifest["engine"],
                "created": manifest["created_at"],
                "files": len(manifest["files"]) - 1,
            }
            self.stdout.write(summary)
            if options["check"]:
                return
            if not options["yes"] and options.get("interactive", True):
                answer = input(
                    _("This replaces the whole database and every uploaded file. Type yes: ")
                )
                if answer.strip().lower() != "yes":
                    raise CommandError(_("Nothing was restored."))
            backup_restore(archive=archive)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            _("Restored. Run manage.py migrate if this backup is older than the code.")
        )
