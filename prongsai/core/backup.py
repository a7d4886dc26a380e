"""Backup and restore: the database and every uploaded file in one archive, with a manifest of
SHA-256 hashes that restore checks completely before it changes anything.

The archive is a gzip-compressed tar file:

* ``database/prongsai.sqlite3`` (SQLite's online backup API: a consistent copy while the
  servers keep running) or ``database/prongsai.pgdump`` (``pg_dump --format=custom``: one
  snapshot transaction);
* ``media/<name>`` for every file of the default storage (a folder, or S3-compatible storage
  through django-storages: read and written through Django's storage API);
* ``manifest.json`` last: format, creation time, database engine, the latest migration of each
  app, and the size and SHA-256 of every other member.

The database is copied first, then the files: a file uploaded in between is in the archive
without a row that points to it (harmless); rows never point to files taken later.

Restore reads the archive twice. The first pass checks it (every member listed in the manifest
with its size and hash, nothing else, no path outside the archive, the database engine the one
this instance uses) and touches nothing; a damaged or altered archive is refused with a message
naming what is wrong. The second pass replaces the database (SQLite: the backup API into the live
database; PostgreSQL: the tables dropped and the dump loaded by ``psql`` in one transaction) and
then the files. Stop the app servers and workers first; run ``manage.py migrate`` afterwards when
the backup is older than the code.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, Any

from django.core.files import File
from django.core.files.storage import Storage, default_storage
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext as _

FORMAT = "prongsai-backup"
VERSION = 1
MANIFEST = "manifest.json"
DB_MEMBER = {"sqlite": "database/prongsai.sqlite3", "postgresql": "database/prongsai.pgdump"}
MEDIA_PREFIX = "media/"
CHUNK = 1024 * 1024
NAME_PREFIX = "prongsai-backup-"
NAME_SUFFIX = ".tar.gz"
# What reading a damaged archive raises (gzip's BadGzipFile is an OSError, caught with them).
_READ_ERRORS = (tarfile.TarError, EOFError, zlib.error, ValueError)


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why (for the operator)."""


@dataclass(frozen=True)
class Member:
    path: str
    size: int
    sha256: str


# --- small helpers --------------------------------------------------------------------------
def _engine() -> str:
    vendor = connection.vendor
    if vendor not in DB_MEMBER:
        raise BackupError(f"unsupported database engine: {vendor}")
    return vendor


def _hash_file(path: Path) -> Member:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return Member(path="", size=size, sha256=digest.hexdigest())


class _HashingReader:
    """A file object that hashes what tarfile reads through it (one read per file)."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw
        self.digest = hashlib.sha256()
        self.size = 0

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size)
        self.digest.update(data)
        self.size += len(data)
        return data


def _pg_command(program: str) -> tuple[list[str], dict[str, str]]:
    """``program`` with the connection options of the default database, and its environment."""
    found = shutil.which(program)
    if found is None:
        raise BackupError(
            _("%(program)s is not installed (PostgreSQL client tools are needed).")
            % {"program": program}
        )
    params = connection.settings_dict
    args = [found]
    if params.get("HOST"):
        args += ["--host", str(params["HOST"])]
    if params.get("PORT"):
        args += ["--port", str(params["PORT"])]
    if params.get("USER"):
        args += ["--username", str(params["USER"])]
    env = {**os.environ}
    if params.get("PASSWORD"):
        env["PGPASSWORD"] = str(params["PASSWORD"])
    return args, env


def _run(args: list[str], env: dict[str, str]) -> None:
    # An argument list (no shell); the program is found by shutil.which in _pg_command.
    result = subprocess.run(args, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{Path(args[0]).name} failed: {result.stderr.strip()[-2000:]}")


def _storage_files(storage: Storage, folder: str = "") -> Iterator[str]:
    """Every file name in ``storage`` (recursively), sorted."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{folder}{name}"
    for sub in sorted(folders):
        yield from _storage_files(storage, f"{folder}{sub}/")


def _migration_heads() -> dict[str, str]:
    heads: dict[str, str] = {}
    recorder = MigrationRecorder(connection)
    if not recorder.has_table():
        return heads
    for app, name in recorder.migration_qs.order_by("app", "applied", "id").values_list(
        "app", "name"
    ):
        heads[app] = name
    return heads


# --- backup ---------------------------------------------------------------------------------
def _dump_database(engine: str, target: Path) -> None:
    if engine == "sqlite":
        connection.ensure_connection()
        source = connection.connection
        copy = sqlite3.connect(target)
        try:
            with copy:
                source.backup(copy)  # a consistent snapshot, even while others write
        finally:
            copy.close()
        return
    args, env = _pg_command("pg_dump")
    _run([*args, "--format=custom", "--no-owner", "--no-privileges",
          f"--file={target}", str(connection.settings_dict["NAME"])], env)  # fmt: skip


def backup_name(now: dt.datetime | None = None) -> str:
    stamp = timezone.localtime(now or timezone.now()).strftime("%Y%m%d-%H%M%S")
    return f"{NAME_PREFIX}{stamp}{NAME_SUFFIX}"


def backup_create(*, output: Path, storage: Storage | None = None) -> tuple[Path, dict[str, Any]]:
    """Write a backup archive. ``output``: a folder (a dated file name is chosen) or a file.
    Returns the archive's path and its manifest."""
    storage = storage or default_storage
    engine = _engine()
    if output.is_dir() or not output.name.endswith(NAME_SUFFIX):
        output.mkdir(parents=True, exist_ok=True)
        output = output / backup_name()
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(output.name + ".partial")
    members: list[Member] = []
    with tempfile.TemporaryDirectory(prefix="prongsai-backup-") as work:
        dump = Path(work) / "database"
        _dump_database(engine, dump)
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)  # holds everything
        try:
            with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as tar:
                hashed = _hash_file(dump)
                info = tar.gettarinfo(str(dump), arcname=DB_MEMBER[engine])
                info.mode, info.uid, info.gid, info.uname, info.gname = 0o600, 0, 0, "", ""
                with dump.open("rb") as handle:
                    tar.addfile(info, handle)
                members.append(Member(DB_MEMBER[engine], hashed.size, hashed.sha256))
                for name in _storage_files(storage):
                    members.append(_add_stored_file(tar, storage, name))
                manifest = {
                    "format": FORMAT,
                    "version": VERSION,
                    "created_at": timezone.now().isoformat(),
                    "engine": engine,
                    "migrations": _migration_heads(),
                    "files": [m.__dict__ for m in members],
                }
                data = json.dumps(manifest, indent=1, ensure_ascii=False).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size, info.mode, info.mtime = len(data), 0o600, int(timezone.now().timestamp())
                tar.addfile(info, io.BytesIO(data))
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    partial.replace(output)  # a complete archive or none
    return output, manifest


def _add_stored_file(tar: tarfile.TarFile, storage: Storage, name: str) -> Member:
    size = storage.size(name)
    info = tarfile.TarInfo(MEDIA_PREFIX + name)
    info.size, info.mode = size, 0o600
    try:
        info.mtime = int(storage.get_modified_time(name).timestamp())
    except (NotImplementedError, OSError):
        info.mtime = int(timezone.now().timestamp())
    with storage.open(name, "rb") as handle:
        reader = _HashingReader(handle)
        tar.addfile(info, reader)
    if reader.size != size:
        raise BackupError(f"{name} changed while it was copied; run the backup again")
    return Member(MEDIA_PREFIX + name, size, reader.digest.hexdigest())


def backups_prune(folder: Path, keep: int) -> list[Path]:
    """Delete all but the ``keep`` newest archives in ``folder``; returns what was deleted."""
    archives = sorted(folder.glob(f"{NAME_PREFIX}*{NAME_SUFFIX}"), key=lambda p: p.name)
    doomed = archives[:-keep] if keep > 0 else []
    for path in doomed:
        path.unlink()
    return doomed


# --- checking an archive --------------------------------------------------------------------
def _damaged(detail: str) -> BackupError:
    return BackupError(
        _("The backup archive is damaged or incomplete (%(detail)s). Nothing was restored.")
        % {"detail": detail}
    )


def _safe_member_path(name: str) -> bool:
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts and name == str(path)


def _iter_members(archive: Path) -> Iterator[tuple[tarfile.TarInfo, IO[bytes] | None]]:
    try:
        with tarfile.open(archive, mode="r:gz") as tar:
            for info in tar:
                if not info.isfile():
                    raise _damaged(_("%(name)s is not a regular file") % {"name": info.name})
                if not _safe_member_path(info.name):
                    raise _damaged(_("%(name)s points outside the archive") % {"name": info.name})
                yield info, tar.extractfile(info)
            # Read on to the end of the compressed stream: its checksum covers every byte,
            # including any damage after the point where tar stopped finding members.
            stream = tar.fileobj
            while stream is not None and stream.read(CHUNK):
                pass
    except (*_READ_ERRORS, OSError) as exc:
        if isinstance(exc, FileNotFoundError):
            raise BackupError(_("No such file: %(path)s") % {"path": archive}) from None
        raise _damaged(str(exc) or type(exc).__name__) from None


def _read_member(handle: IO[bytes] | None, sink: IO[bytes] | None = None) -> Member:
    digest = hashlib.sha256()
    size = 0
    if handle is not None:
        try:
            while chunk := handle.read(CHUNK):
                digest.update(chunk)
                size += len(chunk)
                if sink is not None:
                    sink.write(chunk)
        except (*_READ_ERRORS, gzip.BadGzipFile) as exc:
            raise _damaged(str(exc) or type(exc).__name__) from None
    return Member(path="", size=size, sha256=digest.hexdigest())


def _read_small(handle: IO[bytes] | None, limit: int = 10 * CHUNK) -> bytes:
    if handle is None:
        return b""
    try:
        data = handle.read(limit + 1)
    except (*_READ_ERRORS, gzip.BadGzipFile) as exc:
        raise _damaged(str(exc) or type(exc).__name__) from None
    if len(data) > limit:
        raise _damaged(_("its manifest is too large"))
    return data


def backup_check(archive: Path) -> dict[str, Any]:
    """Check the whole archive against its manifest without changing anything; return the
    manifest. Raises :class:`BackupError` saying what is wrong."""
    seen: dict[str, Member] = {}
    manifest_data = b""
    for info, handle in _iter_members(archive):
        if info.name in seen or (info.name == MANIFEST and manifest_data):
            raise _damaged(_("%(name)s appears twice") % {"name": info.name})
        if info.name == MANIFEST:
            manifest_data = _read_small(handle)
            continue
        member = _read_member(handle)
        seen[info.name] = Member(info.name, member.size, member.sha256)
    if not manifest_data:
        raise _damaged(_("it has no manifest; is it a Prongsai backup?"))
    try:
        manifest = json.loads(manifest_data)
        listed = {
            entry["path"]: Member(entry["path"], int(entry["size"]), str(entry["sha256"]))
            for entry in manifest["files"]
        }
        valid = manifest.get("format") == FORMAT and manifest["engine"] in DB_MEMBER
    except (ValueError, KeyError, TypeError) as exc:
        raise _damaged(_("its manifest cannot be read: %(error)s") % {"error": exc}) from None
    if not valid:
        raise BackupError(_("This file is not a Prongsai backup. Nothing was restored."))
    if int(manifest.get("version", 0)) > VERSION:
        raise BackupError(
            _("This backup was made by a newer version of Prongsai. Nothing was restored.")
        )
    for path, expected in listed.items():
        found = seen.get(path)
        if found is None:
            raise _damaged(_("%(name)s is missing") % {"name": path})
        if found.size != expected.size or found.sha256 != expected.sha256:
            raise _damaged(
                _("%(name)s does not match its SHA-256 in the manifest") % {"name": path}
            )
    extra = sorted(set(seen) - set(listed))
    if extra:
        raise _damaged(_("%(name)s is not in the manifest") % {"name": extra[0]})
    if DB_MEMBER[manifest["engine"]] not in listed:
        raise _damaged(_("it holds no database"))
    return dict(manifest)


# --- restore --------------------------------------------------------------------------------
def backup_restore(*, archive: Path, storage: Storage | None = None) -> dict[str, Any]:
    """Check ``archive`` completely, then replace the database and the stored files with its
    content. Returns the manifest."""
    storage = storage or default_storage
    manifest = backup_check(archive)
    engine = _engine()
    if manifest["engine"] != engine:
        raise BackupError(
            _(
                "This backup holds a %(theirs)s database, but this instance uses %(ours)s. "
                "Nothing was restored."
            )
            % {"theirs": manifest["engine"], "ours": engine}
        )
    if connection.in_atomic_block:
        raise BackupError("restore must not run inside a transaction")
    listed = {entry["path"]: entry for entry in manifest["files"]}
    with tempfile.TemporaryDirectory(prefix="prongsai-restore-") as work:
        members = _iter_members(archive)
        for info, handle in members:  # the database comes first in the archive
            if info.name != DB_MEMBER[engine]:
                raise _damaged(_("the database is not where it should be"))
            dump = Path(work) / "database"
            with dump.open("wb") as sink:
                member = _read_member(handle, sink)
            if member.sha256 != listed[info.name]["sha256"]:
                raise _damaged(_("the archive changed while it was being restored"))
            _load_database(engine, dump)
            break
        _clear_storage(storage)
        for info, handle in members:
            if info.name == MANIFEST:
                continue
            name = info.name[len(MEDIA_PREFIX) :]
            saved = storage.save(name, File(handle, name=name))
            if saved != name:
                raise BackupError(f"{name} was stored as {saved}")
    return manifest


def _load_database(engine: str, dump: Path) -> None:
    if engine == "sqlite":
        source = sqlite3.connect(dump)
        try:
            problems = source.execute("PRAGMA integrity_check").fetchone()
            if not problems or problems[0] != "ok":
                raise _damaged(_("the SQLite database in it fails its integrity check"))
            connection.ensure_connection()
            source.backup(connection.connection)  # replaces every page, in one step
        finally:
            source.close()
        return
    # PostgreSQL: drop what is there and load the dump, all in one transaction (all or nothing).
    script = dump.with_suffix(".sql")
    args, env = _pg_command("pg_restore")
    _run([*args, "--no-owner", "--no-privileges", f"--file={script}", str(dump)], env)
    drops = dump.with_suffix(".drop.sql")
    drops.write_text(_pg_drop_everything(), encoding="utf-8")
    args, env = _pg_command("psql")
    connection.close()  # our own connection must not hold locks on what is dropped
    _run([*args, "-X", "-q", "-v", "ON_ERROR_STOP=1", "--single-transaction",
          "-f", str(drops), "-f", str(script), str(connection.settings_dict["NAME"])], env)  # fmt: skip


def _pg_drop_everything() -> str:
    """SQL that drops every table, view and sequence of the database's own schema."""
    kinds = {"r": "TABLE", "p": "TABLE", "v": "VIEW", "m": "MATERIALIZED VIEW", "S": "SEQUENCE"}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relkind, n.nspname, c.relname FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'S') "
            "AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')"
        )
        rows = cursor.fetchall()
    quote = connection.ops.quote_name
    return "".join(
        f"DROP {kinds[kind]} IF EXISTS {quote(schema)}.{quote(name)} CASCADE;\n"
        for kind, schema, name in sorted(rows, key=lambda r: r[0] == "S")
    )


def _clear_storage(storage: Storage) -> None:
    for name in list(_storage_files(storage)):
        storage.delete(name)
