"""Tamper-evident audit log.

Every service write calls :func:`audit_record` inside its transaction. Each entry stores the hash
of the previous entry and its own HMAC-SHA256 over its content, keyed with a secret from the
environment (``AUDIT_KEYS``, never in the database and not ``SECRET_KEY``): someone who can write
to the database but does not hold the key cannot rewrite an entry and recompute the hashes after
it. Dropping the newest entries and moving the head back is caught by the anchors published
outside the database (``audit_anchor.py``). :func:`audit_verify` names the first entry that
differs.

Keys rotate: the highest key id in ``AUDIT_KEYS`` signs new entries, and the first entry signed by
a new key is an ``audit.key_start`` entry ("key N starts here"); older keys stay configured to
verify what they signed. Chains written before the chain was keyed (``key_id`` 0, plain SHA-256)
verify as legacy up to the first keyed entry, whose HMAC then covers the last legacy hash.

Anonymous survey answers are deliberately *not* audited: an audit row with a time stamp next to a
code redemption would let anyone link a code to its answers (DESIGN.md §6).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.utils import timezone

from .models import AuditEntry, AuditHead

GENESIS = "0" * 64
LEGACY_KEY_ID = 0  # entries hashed without a key, before the chain was keyed
KEY_START_ACTION = "audit.key_start"
_PG_LOCK_KEY = 727_100_001  # arbitrary constant: serialises appends to the chain on PostgreSQL


def _jsonable(value: Any) -> Any:
    """Normalise to what a JSONField gives back (dates as ISO strings, no tuples)."""
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def _canonical(fields: Mapping[str, Any]) -> bytes:
    return json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def _entry_fields(entry: AuditEntry) -> dict[str, Any]:
    fields = {
        "seq": entry.seq,
        "created_at": entry.created_at.astimezone(dt.UTC).isoformat(),
        "actor_id": entry.actor_id,
        "actor_label": entry.actor_label,
        "action": entry.action,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "object_repr": entry.object_repr,
        "unit_id": entry.unit_id,
        "changes": entry.changes,
        "prev_hash": entry.prev_hash,
    }
    if entry.key_id != LEGACY_KEY_ID:
        fields["key_id"] = entry.key_id
    return fields


def audit_keys() -> dict[int, bytes]:
    """The configured keys by id (settings.AUDIT_KEYS, parsed and checked in config/settings)."""
    return {int(key_id): str(secret).encode() for key_id, secret in settings.AUDIT_KEYS.items()}


def current_key_id() -> int:
    keys = audit_keys()
    if not keys:
        raise ImproperlyConfigured("AUDIT_KEYS is empty: the audit chain needs a signing key")
    return max(keys)


class UnknownKey(Exception):
    def __init__(self, key_id: int) -> None:
        super().__init__(f"key {key_id} is not configured in AUDIT_KEYS")
        self.key_id = key_id


def keyed_digest(
    fields: Mapping[str, Any], key_id: int, keys: Mapping[int, bytes] | None = None
) -> str:
    """HMAC-SHA256 of ``fields`` (canonical JSON) under the AUDIT_KEYS key ``key_id`` (plain
    SHA-256 for legacy key 0): the one way every chain of the product is hashed — this log and
    the registers that chain their own records on the same design (custody's seized evidence)."""
    content = _canonical(fields)
    if key_id == LEGACY_KEY_ID:
        return hashlib.sha256(content).hexdigest()
    keys = audit_keys() if keys is None else keys
    key = keys.get(key_id)
    if key is None:
        raise UnknownKey(key_id)
    return hmac.new(key, content, hashlib.sha256).hexdigest()


def entry_hash(entry: AuditEntry, keys: Mapping[int, bytes] | None = None) -> str:
    """The entry's HMAC-SHA256 under the key it names (plain SHA-256 for legacy entries)."""
    return keyed_digest(_entry_fields(entry), entry.key_id, keys)


def model_snapshot(instance: models.Model, fields: Iterable[str] | None = None) -> dict[str, Any]:
    """The instance's concrete field values, JSON-ready (foreign keys as ids)."""
    wanted = set(fields) if fields is not None else None
    data: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        if field.name in {"created_at", "updated_at"}:
            continue
        if wanted is not None and field.name not in wanted:
            continue
        data[field.name] = field.value_from_object(instance)
    return _jsonable(data)


def changes_between(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, Any]:
    """``{field: [old, new]}`` for the fields whose value differs."""
    before_j, after_j = _jsonable(dict(before)), _jsonable(dict(after))
    keys = sorted(set(before_j) | set(after_j))
    return {
        key: [before_j.get(key), after_j.get(key)]
        for key in keys
        if before_j.get(key) != after_j.get(key)
    }


def _lock_chain() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_PG_LOCK_KEY])
    # SQLite: transactions are BEGIN IMMEDIATE (settings), so we already hold the write lock.


def audit_record(
    *,
    actor: Any,
    action: str,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    object_repr: str = "",
    unit_id: Any = None,
    changes: Mapping[str, Any] | None = None,
) -> AuditEntry:
    """Append one entry to the chain. Must run inside the service's transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit_record() must be called inside transaction.atomic()")
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        object_repr = object_repr or str(obj)[:300]
    _lock_chain()
    head, _ = AuditHead.objects.select_for_update().get_or_create(key="audit")
    key_id = current_key_id()
    if head.seq and head.key_id != key_id:
        # A new key signs from here on: say so in the chain, signed by the new key.
        _append(
            head,
            key_id=key_id,
            actor_label="system",
            action=KEY_START_ACTION,
            changes={"key_id": key_id, "previous_key_id": head.key_id},
        )
    actor_id = getattr(actor, "pk", None) if actor is not None else None
    actor_label = ""
    if actor is not None and getattr(actor, "is_authenticated", False):
        actor_label = actor.get_username()
    elif isinstance(actor, str):
        actor_label = actor
    return _append(
        head,
        key_id=key_id,
        actor_id=actor_id,
        actor_label=actor_label[:200],
        action=action[:100],
        object_type=object_type[:100],
        object_id=object_id[:64],
        object_repr=object_repr[:300],
        unit_id=str(unit_id) if unit_id else "",
        changes=_jsonable(dict(changes or {})),
    )


def _append(head: AuditHead, *, key_id: int, **fields: Any) -> AuditEntry:
    fields.setdefault(
        "object_type", "core.auditchain" if fields["action"] == KEY_START_ACTION else ""
    )
    entry = AuditEntry(
        seq=head.seq + 1,
        created_at=timezone.now(),
        prev_hash=head.hash or GENESIS,
        key_id=key_id,
        **fields,
    )
    entry.hash = entry_hash(entry)
    entry.save()
    head.seq, head.hash, head.key_id = entry.seq, entry.hash, entry.key_id
    head.save(update_fields=["seq", "hash", "key_id"])
    return entry


@dataclass(frozen=True)
class ChainProblem:
    seq: int
    message: str

    def __str__(self) -> str:
        return f"entry #{self.seq}: {self.message}"


@dataclass(frozen=True)
class Witness:
    """What was published about the chain at some moment: entry ``seq`` had hash ``hash``."""

    seq: int
    hash: str
    label: str  # where it was published, for the message ("the anchor of 2025-01-25 03:00")


@dataclass
class ChainReport:
    problems: list[ChainProblem]
    entries: int = 0
    legacy: int = 0
    witnesses_checked: int = 0


def _key_problem(entry: AuditEntry, previous_key: int | None) -> str:
    """Why the entry's key may not sign at this place of the chain ("" when it may)."""
    if entry.key_id == LEGACY_KEY_ID:
        if previous_key not in (None, LEGACY_KEY_ID):
            return "unkeyed (legacy) entry after the chain became keyed: inserted or forged"
        return ""
    if previous_key is None or entry.key_id == previous_key:
        return ""
    starts_here = entry.action == KEY_START_ACTION and entry.changes == {
        "key_id": entry.key_id,
        "previous_key_id": previous_key,
    }
    if entry.key_id < previous_key:
        return f"signed with key {entry.key_id} after key {previous_key} (keys never go back)"
    if not starts_here:
        return f"key {entry.key_id} signs here without a recorded key start"
    return ""


def audit_check(witnesses: Iterable[Witness] = (), batch_size: int = 5000) -> ChainReport:
    """Walk the chain in order, checking links, keys and hashes, and the published witnesses
    (anchors, document footers) against it. Stops at the first break: once one link is broken,
    everything after it is suspect anyway."""
    keys = audit_keys()
    wanted: dict[int, Witness] = {}
    for witness in sorted(witnesses, key=lambda w: w.seq):
        wanted.setdefault(witness.seq, witness)
    report = ChainReport(problems=[])
    last_good_witness = 0
    expected_prev = GENESIS
    expected_seq = 1
    last_seq = 0
    previous_key: int | None = None

    def fail(seq: int, message: str) -> ChainReport:
        report.problems.append(ChainProblem(seq, message))
        return report

    for entry in AuditEntry.objects.order_by("seq").iterator(chunk_size=batch_size):
        if entry.seq != expected_seq:
            return fail(expected_seq, f"missing (next entry found is #{entry.seq})")
        if entry.prev_hash != expected_prev:
            return fail(entry.seq, "previous-hash link does not match the entry before")
        problem = _key_problem(entry, previous_key)
        if problem:
            return fail(entry.seq, problem)
        try:
            digest = entry_hash(entry, keys)
        except UnknownKey as exc:
            return fail(entry.seq, f"signed with key {exc.key_id}, which AUDIT_KEYS does not hold")
        if not hmac.compare_digest(digest, entry.hash):
            return fail(entry.seq, "content does not match its hash (altered)")
        published = wanted.get(entry.seq)
        if published is not None:
            report.witnesses_checked += 1
            if not published.hash or not entry.hash.startswith(published.hash):
                after = f" after entry #{last_good_witness}" if last_good_witness else ""
                return fail(
                    entry.seq,
                    f"differs from {published.label} (the chain was rewritten{after}, "
                    "and re-signed)",
                )
            last_good_witness = entry.seq
        expected_prev = entry.hash
        expected_seq += 1
        last_seq = entry.seq
        previous_key = entry.key_id
        report.entries += 1
        report.legacy += entry.key_id == LEGACY_KEY_ID
    later = [w for w in wanted.values() if w.seq > last_seq]
    if later:
        return fail(
            last_seq + 1,
            f"missing: {later[-1].label} records {later[-1].seq} entries "
            "(the newest entries were dropped)",
        )
    head = AuditHead.objects.filter(key="audit").first()
    if head is not None and head.seq != last_seq:
        return fail(last_seq + 1, f"missing (chain head says #{head.seq} exists)")
    if head is not None and head.seq and head.hash != expected_prev:
        return fail(last_seq, "chain head hash does not match the last entry")
    return report


def audit_verify(witnesses: Iterable[Witness] | None = None) -> list[ChainProblem]:
    """The chain's problems (empty when intact), checked against the published anchors unless
    ``witnesses`` are given."""
    if witnesses is None:
        from .audit_anchor import anchor_witnesses

        witnesses = anchor_witnesses()
    return audit_check(witnesses).problems


def history_for(*, object_type: str, object_id: str) -> models.QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(object_type=object_type, object_id=object_id).order_by("-seq")
