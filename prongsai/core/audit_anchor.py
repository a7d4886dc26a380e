"""Anchors: the audit chain's head and entry count, published outside the database.

Someone who can write to the database can drop the newest entries and move the head back, and
with the key could even re-sign a rewritten chain; they cannot change what was already published
elsewhere. Three places carry the head:

* an append-only file (``AUDIT_ANCHOR_PATH``), one JSON line per anchor, written daily by the
  ``publish_audit_anchor`` task (``manage.py audit_anchor`` for cron, ``--schedule`` for a
  self-renewing daily task on the database queue) and also sent to the ``prongsai.audit`` logger,
  so a log collector keeps a copy;
* the footer of every unit's public pages (the latest anchor);
* every generated report and document (the head at the moment it was made):
  :func:`audit_head_line` is the one helper document renderers call.

``audit_verify`` checks the chain against every anchor in the file, and ``audit_verify
--witness SEQ:HASH`` against a head read off a printed document.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from .audit import Witness
from .models import AuditEntry, AuditHead
from .thai_dates import thai_date

log = logging.getLogger("prongsai.audit")

SHORT_HASH = 16  # hex digits shown in footers: 64 bits, plenty to check a printed copy against


@dataclass(frozen=True)
class Anchor:
    at: dt.datetime
    seq: int
    hash: str
    count: int
    key_id: int

    @property
    def short_hash(self) -> str:
        return self.hash[:SHORT_HASH]

    def as_json(self) -> str:
        return json.dumps(
            {
                "at": self.at.astimezone(dt.UTC).isoformat(),
                "seq": self.seq,
                "hash": self.hash,
                "count": self.count,
                "key_id": self.key_id,
            },
            sort_keys=True,
        )


def anchor_path() -> Path:
    return Path(settings.AUDIT_ANCHOR_PATH)


def current_head() -> Anchor:
    """The chain's head now (read from the database)."""
    head = AuditHead.objects.filter(key="audit").first()
    if head is None:
        return Anchor(at=timezone.now(), seq=0, hash="", count=0, key_id=0)
    return Anchor(
        at=timezone.now(),
        seq=head.seq,
        hash=head.hash,
        count=AuditEntry.objects.count(),
        key_id=head.key_id,
    )


def anchor_publish(path: Path | None = None) -> Anchor:
    """Append the current head to the anchor file (and the log); returns what was written."""
    anchor = current_head()
    target = path or anchor_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    line = (anchor.as_json() + "\n").encode()
    # O_APPEND: every write lands at the end, whatever other processes do; never truncated.
    fd = os.open(target, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
    try:
        os.write(fd, line)
        os.fsync(fd)
    finally:
        os.close(fd)
    log.info("audit anchor %s", anchor.as_json())
    return anchor


def _parse(line: str) -> Anchor | None:
    try:
        data = json.loads(line)
        return Anchor(
            at=dt.datetime.fromisoformat(data["at"]),
            seq=int(data["seq"]),
            hash=str(data["hash"]),
            count=int(data.get("count", data["seq"])),
            key_id=int(data.get("key_id", 0)),
        )
    except (ValueError, KeyError, TypeError):
        return None


def anchors_read(path: Path | None = None) -> list[Anchor]:
    """Every readable anchor in the file, oldest first (none when the file does not exist)."""
    target = path or anchor_path()
    try:
        text = target.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    anchors = [_parse(line) for line in text.splitlines() if line.strip()]
    return [anchor for anchor in anchors if anchor is not None]


def latest_anchor(path: Path | None = None) -> Anchor | None:
    """The newest anchor, reading only the end of the file (public pages call this)."""
    target = path or anchor_path()
    try:
        with target.open("rb") as handle:
            handle.seek(0, os.SEEK_END)
            size = handle.tell()
            handle.seek(max(0, size - 4096))
            tail = handle.read().decode("utf-8", errors="replace")
    except (FileNotFoundError, IsADirectoryError, PermissionError):
        return None
    for line in reversed(tail.splitlines()):
        anchor = _parse(line)
        if anchor is not None:
            return anchor
    return None


def _when(moment: dt.datetime) -> str:
    local = timezone.localtime(moment)
    return f"{thai_date(local.date())} {local:%H:%M}"


def anchor_witnesses(path: Path | None = None) -> list[Witness]:
    return [
        Witness(
            seq=anchor.seq,
            hash=anchor.hash,
            label=f"the anchor of {timezone.localtime(anchor.at):%Y-%m-%d %H:%M}",
        )
        for anchor in anchors_read(path)
        if anchor.seq > 0
    ]


def audit_head_text(anchor: Anchor) -> str:
    """``audit head: #1234 a1b2c3d4e5f60718 at 25 มกราคม 2568 03:00`` (in the active language)."""
    return _("audit head: #%(seq)s %(hash)s at %(when)s") % {
        "seq": anchor.seq,
        "hash": anchor.short_hash,
        "when": _when(anchor.at),
    }


def audit_head_line() -> str:
    """The line every generated report and document carries in its footer: the chain's head at
    the moment the document is made. Call it when the document's data is assembled."""
    head = current_head()
    if not head.seq:
        return ""
    return audit_head_text(head)


def public_anchor_line() -> str:
    """The latest published anchor, for public page footers ("" before the first anchor)."""
    anchor = latest_anchor()
    return audit_head_text(anchor) if anchor is not None and anchor.seq else ""
