"""Tamper-evident audit log.

Every service write calls :func:`audit_record` inside its transaction. Each entry stores the hash
of the previous entry and its own hash over its content, so altering or deleting any row behind the
application's back breaks the chain; :func:`audit_verify` finds the first broken entry.

Anonymous survey answers are deliberately *not* audited: an audit row with a time stamp next to a
code redemption would let anyone link a code to its answers (DESIGN.md §6).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.utils import timezone

from .models import AuditEntry, AuditHead

GENESIS = "0" * 64
_PG_LOCK_KEY = 727_100_001  # arbitrary constant: serialises appends to the chain on PostgreSQL


def _jsonable(value: Any) -> Any:
    """Normalise to what a JSONField gives back (dates as ISO strings, no tuples)."""
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def _canonical(fields: Mapping[str, Any]) -> bytes:
    return json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def _entry_fields(entry: AuditEntry) -> dict[str, Any]:
    return {
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


def entry_hash(entry: AuditEntry) -> str:
    return hashlib.sha256(_canonical(_entry_fields(entry))).hexdigest()


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
    actor_id = getattr(actor, "pk", None) if actor is not None else None
    actor_label = ""
    if actor is not None and getattr(actor, "is_authenticated", False):
        actor_label = actor.get_username()
    elif isinstance(actor, str):
        actor_label = actor
    entry = AuditEntry(
        seq=head.seq + 1,
        created_at=timezone.now(),
        actor_id=actor_id,
        actor_label=actor_label[:200],
        action=action[:100],
        object_type=object_type[:100],
        object_id=object_id[:64],
        object_repr=object_repr[:300],
        unit_id=str(unit_id) if unit_id else "",
        changes=_jsonable(dict(changes or {})),
        prev_hash=head.hash or GENESIS,
    )
    entry.hash = entry_hash(entry)
    entry.save()
    head.seq, head.hash = entry.seq, entry.hash
    head.save(update_fields=["seq", "hash"])
    return entry


@dataclass(frozen=True)
class ChainProblem:
    seq: int
    message: str

    def __str__(self) -> str:
        return f"entry #{self.seq}: {self.message}"


def audit_verify(batch_size: int = 5000) -> list[ChainProblem]:
    """Walk the chain in order; return the problems found (empty when intact).

    Stops at the first break: once one link is broken, everything after it is suspect anyway.
    """
    expected_prev = GENESIS
    expected_seq = 1
    last_seq = 0
    for entry in AuditEntry.objects.order_by("seq").iterator(chunk_size=batch_size):
        if entry.seq != expected_seq:
            return [ChainProblem(expected_seq, f"missing (next entry found is #{entry.seq})")]
        if entry.prev_hash != expected_prev:
            return [ChainProblem(entry.seq, "previous-hash link does not match the entry before")]
        if entry_hash(entry) != entry.hash:
            return [ChainProblem(entry.seq, "content does not match its hash (altered)")]
        expected_prev = entry.hash
        expected_seq += 1
        last_seq = entry.seq
    head = AuditHead.objects.filter(key="audit").first()
    if head is not None and head.seq != last_seq:
        return [ChainProblem(last_seq + 1, f"missing (chain head says #{head.seq} exists)")]
    if head is not None and head.seq and head.hash != expected_prev:
        return [ChainProblem(last_seq, "chain head hash does not match the last entry")]
    return []


def history_for(*, object_type: str, object_id: str) -> models.QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(object_type=object_type, object_id=object_id).order_by("-seq")
