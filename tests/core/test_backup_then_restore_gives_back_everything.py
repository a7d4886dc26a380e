"""``manage.py backup`` → the database and the uploaded files are wiped → ``manage.py restore``:
every table's rows and every file come back identical and the audit chain verifies. A damaged or
altered archive is refused with a clear message before anything is changed. Runs on the
database the suite runs on (SQLite, and PostgreSQL in CI)."""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import io
import json
import shutil
import tarfile
import uuid
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import translation

from prongsai.mail.outbox import mail_queue
from prongsai.surveys.models import Campaign
from prongsai.surveys.services import campaign_update, response_submit

from ..surveys.conftest import good_answers

FILES = {
    "evidence/2567/คู่มือการให้บริการ.pdf": b"%PDF-1.7\n" + bytes(range(256)) * 40,
    "evidence/2567/photo.jpg": b"\xff\xd8\xff\xe0" + uuid.uuid4().bytes * 500,
    "plan/progress/nested/deep/report.docx": b"PK\x03\x04" + b"\x00" * 3000,
}


def _table_rows() -> dict[str, list[str]]:
    """Every row of every table (and every sequence's position), in a comparable form."""
    out: dict[str, list[str]] = {}
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT * FROM {quote(table)}")  # noqa: S608 (names from the schema)
            out[table] = sorted(repr(row) for row in cursor.fetchall())
        if connection.vendor == "postgresql":
            for sequence in connection.introspection.sequence_list():
                cursor.execute(f"SELECT last_value, is_called FROM {quote(sequence['name'])}")  # noqa: S608
                out[f"sequence {sequence['name']}"] = [repr(cursor.fetchone())]
    return out


def _files(media: Path) -> dict[str, str]:
    return {
        str(path.relative_to(media)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(media.rglob("*"))
        if path.is_file()
    }


def _wipe_database() -> None:
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA foreign_keys=OFF")
            for table in tables:
                # IF EXISTS: dropping a full-text (FTS5) table drops its shadow tables with it.
                cursor.execute(f"DROP TABLE IF EXISTS {quote(table)}")
            cursor.execute("PRAGMA foreign_keys=ON")
        else:
            for table in tables:
                cursor.execute(f"DROP TABLE IF EXISTS {quote(table)} CASCADE")
        assert connection.introspection.table_names(cursor) == []


@pytest.fixture
def filled(transactional_db: None, assessment: Any, people: Any, settings: Any) -> Path:
    """A working instance: units, people, a framework, survey answers, mail, files."""
    for name, data in FILES.items():
        default_storage.save(name, ContentFile(data))
    campaign = campaign_update(
        actor="tests",
        campaign=Campaign.objects.get(assessment=assessment, instrument="EIT"),
        opens_on=dt.date(2024, 1, 1),
        closes_on=None,
        target_override=None,
    )
    for level in (1, 2, 3, 4):
        answers = {
            k[2:]: int(v)
            for k, v in good_answers(campaign, level=level).items()
            if k.startswith("a_")
        }
        response_submit(campaign=campaign, submission_id=uuid.uuid4(), answers=answers, profile={})
    mail_queue(kind="mail.message", to=[people.editor.email], params={"subject": "s", "body": "b"})
    return Path(settings.MEDIA_ROOT)


def test_backup_wipe_restore_gives_back_every_row_and_file(filled: Path, tmp_path: Path) -> None:
    rows_before, files_before = _table_rows(), _files(filled)
    assert len(files_before) == len(FILES)
    assert rows_before["surveys_response"] and rows_before["core_auditentry"]

    out = StringIO()
    call_command("backup", "--output", str(tmp_path / "backups"), stdout=out)
    (archive,) = (tmp_path / "backups").glob("prongsai-backup-*.tar.gz")
    assert oct(archive.stat().st_mode & 0o777) == "0o600"  # it holds everything
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))  # type: ignore[arg-type]
    assert manifest["engine"] == connection.vendor
    listed = {entry["path"]: entry["sha256"] for entry in manifest["files"]}
    for name, data in FILES.items():
        assert listed[f"media/{name}"] == hashlib.sha256(data).hexdigest()

    _wipe_database()
    shutil.rmtree(filled)

    call_command("restore", str(archive), "--yes", stdout=StringIO())
    assert _table_rows() == rows_before
    assert _files(filled) == files_before
    verified = StringIO()
    call_command("audit_verify", stdout=verified)
    assert "intact" in verified.getvalue()


def _rewrite(archive: Path, target: Path, change: dict[str, bytes]) -> None:
    """A valid gzip tar with the same members (and manifest) except the ``change``d ones."""
    with tarfile.open(archive) as source, tarfile.open(target, "w:gz") as out:
        for info in source:
            data = source.extractfile(info).read()  # type: ignore[union-attr]
            data = change.get(info.name, data)
            info.size = len(data)
            out.addfile(info, io.BytesIO(data))


def _flip_a_byte(archive: Path, target: Path) -> None:
    data = bytearray(archive.read_bytes())
    data[len(data) // 2] ^= 0xFF
    target.write_bytes(bytes(data))


def _truncate(archive: Path, target: Path) -> None:
    target.write_bytes(archive.read_bytes()[: archive.stat().st_size * 2 // 3])


def _not_a_backup(archive: Path, target: Path) -> None:
    target.write_bytes(gzip.compress(b"%PDF-1.7 not an archive"))


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (_flip_a_byte, "damaged or incomplete"),
        (_truncate, "damaged or incomplete"),
        (_not_a_backup, "damaged or incomplete"),
        (
            lambda a, t: _rewrite(a, t, {"media/evidence/2567/photo.jpg": b"\xff\xd8 altered"}),
            "media/evidence/2567/photo.jpg does not match its SHA-256",
        ),
        (
            lambda a, t: _rewrite(a, t, {"manifest.json": b'{"format": "prongsai-backup"'}),
            "manifest cannot be read",
        ),
    ],
    ids=["flipped-byte", "truncated", "not-a-backup", "altered-file", "broken-manifest"],
)
def test_a_damaged_archive_is_refused_and_changes_nothing(
    filled: Path, tmp_path: Path, damage: Any, message: str
) -> None:
    archive = tmp_path / "good.tar.gz"
    call_command("backup", "--output", str(archive), stdout=StringIO())
    broken = tmp_path / "broken.tar.gz"
    damage(archive, broken)
    # Something changes after the backup: a refused restore must leave it as it is.
    default_storage.save("evidence/after-the-backup.pdf", ContentFile(b"%PDF-1.7 new"))
    rows, files = _table_rows(), _files(filled)

    with translation.override("en"), pytest.raises(CommandError, match=message) as refused:
        call_command("restore", str(broken), "--yes", stdout=StringIO())
    assert "Nothing was restored" in str(refused.value)
    with pytest.raises(CommandError, match="ไม่ได้กู้คืนสิ่งใด"):  # Thai first
        call_command("restore", str(broken), "--yes", stdout=StringIO())
    assert _table_rows() == rows
    assert _files(filled) == files

    # The intact archive is fine, and --check alone changes nothing either.
    out = StringIO()
    call_command("restore", str(archive), "--check", stdout=out)
    assert "intact" in out.getvalue()
    assert _files(filled) == files


def test_old_backups_are_pruned(filled: Path, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    for day in ("20240101-021500", "20240102-021500", "20240103-021500"):
        (folder / f"prongsai-backup-{day}.tar.gz").write_bytes(b"old")
    call_command("backup", "--output", str(folder), "--keep", "2", stdout=StringIO())
    kept = sorted(p.name for p in folder.iterdir())
    assert len(kept) == 2 and kept[0] == "prongsai-backup-20240103-021500.tar.gz"
