"""The hash chains of the seized-evidence register, on the audit log's design.

Every :class:`~.models.EvidenceEntry` is signed like an audit entry: HMAC-SHA256 over the
canonical JSON of its content under the highest key of ``AUDIT_KEYS`` (``core.audit.keyed_digest``,
the one hashing helper of the product; the key id is stored with the entry, old keys stay
configured to verify what they signed, and keys never go back along a chain). Its content holds
two links: the hash of the previous entry *of the same item* and the hash of the previous entry
*of the unit's register*. A :class:`~.models.RegisterHead` keeps the last number and hash of each
register, and every entry's hash is also written into the audit log by the service that appends
it, so that dropping the newest entries and moving the head back is caught as well.

:func:`register_check` walks one register and names the first record that differs.
"""

from __future__ import annotations

import datetime as dt
import hmac
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import connection

from prongsai.core.audit import GENESIS, UnknownKey, current_key_id, keyed_digest
from prongsai.core.models import AuditEntry
from prongsai.organizations.models import Unit

from .models import EvidenceEntry, RegisterHead

_PG_LOCK_BASE = 727_200_000  # + a number derived from the unit: serialises one register's appends


def entry_fields(entry: EvidenceEntry) -> dict[str, Any]:
    """What an entry's hash covers: everything it says, and its two links."""
    return {
        "unit_id": str(entry.unit_id),
        "item_id": str(entry.item_id),
        "register_seq": entry.register_seq,
        "item_seq": entry.item_seq,
        "kind": entry.kind,
        "occurred_on": entry.occurred_on.isoformat()
        if isinstance(entry.occurred_on, dt.date)
        else str(entry.occurred_on),
        "recorded_at": entry.recorded_at.astimezone(dt.UTC).isoformat(),
        "actor_id": entry.actor_id,
        "actor_label": entry.actor_label,
        "data": entry.data,
        "corrects_id": str(entry.corrects_id) if entry.corrects_id else None,
        "prev_item_hash": entry.prev_item_hash,
        "prev_register_hash": entry.prev_register_hash,
        "key_id": entry.key_id,
    }


def entry_digest(entry: EvidenceEntry, keys: Mapping[int, bytes] | None = None) -> str:
    return keyed_digest(entry_fields(entry), entry.key_id, keys)


def lock_register(unit: Unit) -> RegisterHead:
    """The register's head, locked for this transaction (appends to one register queue)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_xact_lock(%s)", [_PG_LOCK_BASE + int(unit.pk.int % 100_000)]
            )
    head, _ = RegisterHead.objects.select_for_update().get_or_create(unit=unit)
    return head


def seal(entry: EvidenceEntry, head: RegisterHead, previous_of_item: EvidenceEntry | None) -> None:
    """Fill the entry's numbers, links, key and hash, and move the head (not saved yet)."""
    entry.register_seq = head.seq + 1
    entry.item_seq = (previous_of_item.item_seq + 1) if previous_of_item else 1
    entry.prev_register_hash = head.hash or GENESIS
    entry.prev_item_hash = previous_of_item.hash if previous_of_item else GENESIS
    entry.key_id = current_key_id()
    entry.hash = entry_digest(entry)
    head.seq, head.hash, head.key_id = entry.register_seq, entry.hash, entry.key_id


@dataclass(frozen=True)
class BrokenRecord:
    unit_slug: str
    register_seq: int
    entry_id: str
    message: str

    def __str__(self) -> str:
        entry = f" (entry {self.entry_id})" if self.entry_id else ""
        return f"{self.unit_slug} record #{self.register_seq}{entry}: {self.message}"


@dataclass
class RegisterReport:
    unit_slug: str
    entries: int = 0
    items: int = 0
    problems: list[BrokenRecord] = field(default_factory=list)


def _audited_hashes(unit: Unit) -> dict[str, int]:
    """Entry hash → register number, as the audit log recorded each append."""
    rows = AuditEntry.objects.filter(
        unit_id=str(unit.pk),
        action__startswith="custody.evidence_",
        object_type="custody.evidenceentry",
    ).values_list("changes", flat=True)
    found: dict[str, int] = {}
    for changes in rows:
        digest = changes.get("entry_hash") if isinstance(changes, dict) else None
        if isinstance(digest, str):
            found[digest] = int(changes.get("register_seq") or 0)
    return found


def register_check(unit: Unit, keys: Mapping[int, bytes] | None = None) -> RegisterReport:
    """Walk the unit's register in order; stop at the first record that differs."""
    report = RegisterReport(unit_slug=unit.slug)

    def fail(seq: int, entry_id: Any, message: str) -> RegisterReport:
        report.problems.append(BrokenRecord(unit.slug, seq, str(entry_id or ""), message))
        return report

    expected_prev = GENESIS
    expected_seq = 1
    previous_key: int | None = None
    last_of_item: dict[Any, tuple[int, str]] = {}  # item id → (item_seq, hash)
    seen: set[str] = set()
    entries = EvidenceEntry.objects.filter(unit=unit).order_by("register_seq")
    for entry in entries.iterator(chunk_size=2000):
        if entry.register_seq != expected_seq:
            return fail(
                expected_seq, "", f"missing (the next record found is #{entry.register_seq})"
            )
        if entry.prev_register_hash != expected_prev:
            return fail(
                entry.register_seq, entry.pk, "its link to the record before does not match"
            )
        item_seq, item_prev = last_of_item.get(entry.item_id, (0, GENESIS))
        if entry.item_seq != item_seq + 1:
            return fail(
                entry.register_seq,
                entry.pk,
                f"item record {item_seq + 1} is missing (this one says {entry.item_seq})",
            )
        if entry.prev_item_hash != item_prev:
            return fail(
                entry.register_seq, entry.pk, "its link to the item's record before does not match"
            )
        if previous_key is not None and entry.key_id < previous_key:
            return fail(
                entry.register_seq,
                entry.pk,
                f"signed with key {entry.key_id} after key {previous_key} (keys never go back)",
            )
        try:
            digest = entry_digest(entry, keys)
        except UnknownKey as exc:
            return fail(
                entry.register_seq,
                entry.pk,
                f"signed with key {exc.key_id}, which AUDIT_KEYS does not hold",
            )
        if not hmac.compare_digest(digest, entry.hash):
            return fail(
                entry.register_seq, entry.pk, "its content does not match its hash (altered)"
            )
        expected_prev = entry.hash
        expected_seq += 1
        previous_key = entry.key_id
        last_of_item[entry.item_id] = (entry.item_seq, entry.hash)
        seen.add(entry.hash)
        report.entries += 1
    report.items = len(last_of_item)
    last = expected_seq - 1
    head = RegisterHead.objects.filter(unit=unit).first()
    if head is not None and head.seq != last:
        return fail(last + 1, "", f"missing (the register's head says #{head.seq} exists)")
    if head is not None and head.seq and head.hash != expected_prev:
        return fail(last, "", "the register's head does not match the last record")
    for digest, seq in sorted(_audited_hashes(unit).items(), key=lambda pair: pair[1]):
        if digest not in seen:
            return fail(seq, "", "missing (the audit log recorded it, the register lacks it)")
    return report


def registers_check(units: list[Unit] | None = None) -> list[RegisterReport]:
    """Every unit that has a register (or the given units)."""
    if units is None:
        ids = set(EvidenceEntry.objects.values_list("unit_id", flat=True).distinct())
        ids |= set(RegisterHead.objects.values_list("unit_id", flat=True))
        units = list(Unit.objects.filter(pk__in=ids).order_by("slug"))
    return [register_check(unit) for unit in units]
