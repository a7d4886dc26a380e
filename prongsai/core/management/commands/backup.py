"""Back up the database and every uploaded file into one archive (see prongsai/core/backup.py).

Daily from cron, keeping two weeks:
    15 2 * * *  cd /srv/prongsai && .venv/bin/python manage.py backup --keep 14
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from prongsai.core.backup import BackupError, backup_create, backups_prune


class Command(BaseCommand):
    help = (
        "Write a backup archive: the database, every uploaded file, a manifest of SHA-256 hashes."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output",
            type=Path,
            help="folder (a dated file name is chosen) or .tar.gz file; default BACKUP_DIR",
        )
        parser.add_argument(
            "--keep",
            type=int,
            default=0,
            help="then delete all but the N newest archives in that folder (0: keep all)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        output = options["output"] or Path(settings.BACKUP_DIR)
        if options["keep"] < 0:
            raise CommandError("--keep must be 0 or more")
        try:
            path, manifest = backup_create(output=output)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        files = len(manifest["files"]) - 1
        self.stdout.write(
            _("Backup written: %(path)s (%(engine)s database, %(files)d files)")
            % {"path": path, "engine": manifest["engine"], "files": files}
        )
        if options["keep"]:
            for old in backups_prune(path.parent, options["keep"]):
                self.stdout.write(_("Old backup deleted: %(path)s") % {"path": old})
