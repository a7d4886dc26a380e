"""The audit chain resists someone who can write to the database: entries are signed with a key
that is not in the database (HMAC), and the head is published outside it (an append-only anchor
file, public pages, documents), so a rewrite or a truncation shows in ``audit_verify``."""

from __future__ import annotations

import hashlib
import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.test import override_settings

from prongsai.core import audit
from prongsai.core.audit import audit_record, audit_verify
from prongsai.core.models import AuditEntry, AuditHead

from ..conftest import Personas, Tree

REAL_KEYS = {1: "real-audit-key-kept-out-of-the-database-0123456789"}


@pytest.fixture(autouse=True)
def _keys_and_anchor_file(settings: Any, tmp_path: Path) -> None:
    settings.AUDIT_KEYS = REAL_KEYS
    settings.AUDIT_ANCHOR_PATH = tmp_path / "anchors" / "audit-anchors.log"


def _write(n: int, label: str = "change") -> None:
    for index in range(n):
        with transaction.atomic():
            audit_record(actor="tests", action=f"test.{label}", changes={"n": index})


def _raw(sql: str, params: list[Any]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _rehash_from(seq: int) -> None:
    """What an attacker with database access does: recompute every hash from ``seq`` on with the
    product's own algorithm, relink the chain and move the head."""
    prev = AuditEntry.objects.get(seq=seq - 1).hash if seq > 1 else audit.GENESIS
    last = None
    for entry in AuditEntry.objects.filter(seq__gte=seq).order_by("seq"):
        entry.prev_hash = prev
        entry.hash = audit.entry_hash(entry)
        _raw(
            "UPDATE core_auditentry SET prev_hash = %s, hash = %s WHERE seq = %s",
            [entry.prev_hash, entry.hash, entry.seq],
        )
        prev, last = entry.hash, entry
    assert last is not None
    AuditHead.objects.filter(key="audit").update(seq=last.seq, hash=last.hash)


def test_rewriting_an_entry_and_rehashing_the_rest_without_the_key_is_detected(
    tree: Tree, people: Personas
) -> None:
    _write(6)
    victim = AuditEntry.objects.order_by("seq")[3]
    _raw(
        "UPDATE core_auditentry SET changes = %s WHERE seq = %s",
        [json.dumps({"n": "forged"}), victim.seq],
    )
    # The attacker knows the algorithm and the database, not the key: they guess one.
    with override_settings(AUDIT_KEYS={1: "attacker-guess-of-the-key-000000000000000000"}):
        _rehash_from(victim.seq)
    problems = audit_verify()
    assert problems, "a rewritten and re-hashed chain must not verify"
    assert problems[0].seq == victim.seq
    with pytest.raises(CommandError, match=f"entry #{victim.seq}"):
        call_command("audit_verify", stdout=StringIO(), stderr=StringIO())


def test_dropping_the_newest_entries_and_moving_the_head_back_is_detected(
    tree: Tree, people: Personas
) -> None:
    _write(5)
    call_command("audit_anchor", stdout=StringIO())  # the daily anchor: head and count, outside
    anchored = AuditHead.objects.get(key="audit").seq
    _write(2)
    # Drop the last four entries (two of them anchored) and move the head back.
    keep = anchored - 2
    _raw("DELETE FROM core_auditentry WHERE seq > %s", [keep])
    last = AuditEntry.objects.get(seq=keep)
    AuditHead.objects.filter(key="audit").update(seq=last.seq, hash=last.hash)
    problems = audit_verify()
    assert problems, "a truncated chain with a moved head must not verify"
    assert problems[0].seq == keep + 1
    assert "anchor" in problems[0].message
    err = StringIO()
    with pytest.raises(CommandError, match=f"entry #{keep + 1}"):
        call_command("audit_verify", stdout=StringIO(), stderr=err)


def test_a_rewrite_signed_with_the_stolen_key_still_differs_from_the_anchor(
    tree: Tree, people: Personas
) -> None:
    """Even someone holding the key cannot change what was anchored before."""
    _write(4)
    call_command("audit_anchor", stdout=StringIO())
    anchored = AuditHead.objects.get(key="audit").seq
    _write(2)
    victim = 2
    _raw("UPDATE core_auditentry SET actor_label = %s WHERE seq = %s", ["forger", victim])
    _rehash_from(victim)  # with the real key
    problems = audit_verify()
    assert problems and problems[0].seq == anchored
    assert "anchor" in problems[0].message


def test_the_anchor_file_is_appended_to_and_names_head_and_count(
    tree: Tree, people: Personas, settings: Any
) -> None:
    _write(3)
    call_command("audit_anchor", stdout=StringIO())
    _write(1)
    call_command("audit_anchor", stdout=StringIO())
    lines = Path(settings.AUDIT_ANCHOR_PATH).read_text().splitlines()
    assert len(lines) == 2
    first, second = (json.loads(line) for line in lines)
    head = AuditHead.objects.get(key="audit")
    assert (second["seq"], second["hash"]) == (head.seq, head.hash)
    assert first["seq"] == head.seq - 1
    assert second["count"] == AuditEntry.objects.count()


def test_key_rotation_is_recorded_in_the_chain_and_old_entries_still_verify(
    tree: Tree, people: Personas, settings: Any
) -> None:
    _write(3)
    settings.AUDIT_KEYS = {**REAL_KEYS, 2: "the-next-audit-key-after-rotation-9876543210"}
    _write(2, "after")
    entries = list(AuditEntry.objects.order_by("seq"))
    start = next(e for e in entries if e.action == "audit.key_start")
    assert start.key_id == 2 and start.changes == {"key_id": 2, "previous_key_id": 1}
    assert [e.key_id for e in entries[-6:]] == [1, 1, 1, 2, 2, 2]
    assert entries[-3] == start  # "key 2 starts here", then key 2 signs
    assert audit_verify() == []
    # Old entries need the old key to verify: without it, the chain says which key is missing.
    settings.AUDIT_KEYS = {2: "the-next-audit-key-after-rotation-9876543210"}
    problems = audit_verify()
    assert problems and problems[0].seq == 1 and "key 1" in problems[0].message


def test_a_key_change_without_its_start_entry_is_detected(db: None) -> None:
    _write(2)
    last = AuditEntry.objects.order_by("seq").last()
    assert last is not None
    with override_settings(AUDIT_KEYS={**REAL_KEYS, 2: "k" * 40}):
        entry = AuditEntry(
            seq=last.seq + 1,
            created_at=last.created_at,
            actor_label="sneaky",
            action="sneaky",
            object_type="x",
            changes={},
            prev_hash=last.hash,
            key_id=2,
        )
        entry.hash = audit.entry_hash(entry)
        entry.save()
        AuditHead.objects.filter(key="audit").update(seq=entry.seq, hash=entry.hash)
        problems = audit_verify()
    assert problems and problems[0].seq == entry.seq
    assert "key 2" in problems[0].message


def _legacy_hash(entry: AuditEntry) -> str:
    """The unkeyed SHA-256 of the first releases (kept so that old chains still verify)."""
    fields = {
        "seq": entry.seq,
        "created_at": entry.created_at.astimezone(audit.dt.UTC).isoformat(),
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
    canonical = json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def _make_legacy_chain(n: int) -> None:
    """Entries as the unkeyed releases wrote them (key 0), then the head."""
    from django.utils import timezone

    prev = audit.GENESIS
    for seq in range(1, n + 1):
        entry = AuditEntry(
            seq=seq,
            created_at=timezone.now(),
            actor_label="legacy",
            action="legacy.write",
            object_type="x",
            changes={"n": seq},
            prev_hash=prev,
            key_id=0,
        )
        entry.hash = _legacy_hash(entry)
        entry.save()
        prev = entry.hash
    AuditHead.objects.update_or_create(key="audit", defaults={"seq": n, "hash": prev, "key_id": 0})


def test_an_unkeyed_chain_from_before_verifies_as_legacy_up_to_the_first_keyed_entry(
    db: None,
) -> None:
    _make_legacy_chain(3)
    _write(2)
    entries = list(AuditEntry.objects.order_by("seq"))
    assert [e.key_id for e in entries] == [0, 0, 0, 1, 1, 1]
    assert entries[3].action == "audit.key_start"
    assert audit_verify() == []
    out = StringIO()
    call_command("audit_verify", stdout=out)
    assert "3 legacy" in out.getvalue()
    # Rewriting a legacy entry (and its unkeyed hashes) breaks the link of the first keyed one.
    _raw("UPDATE core_auditentry SET changes = %s WHERE seq = 2", [json.dumps({"n": "forged"})])
    forged = AuditEntry.objects.get(seq=2)
    forged.hash = _legacy_hash(forged)
    _raw("UPDATE core_auditentry SET hash = %s WHERE seq = 2", [forged.hash])
    third = AuditEntry.objects.get(seq=3)
    third.prev_hash = forged.hash
    third.hash = _legacy_hash(third)
    _raw(
        "UPDATE core_auditentry SET prev_hash = %s, hash = %s WHERE seq = 3",
        [third.prev_hash, third.hash],
    )
    problems = audit_verify()
    assert problems and problems[0].seq == 4


def test_an_unkeyed_entry_after_the_chain_became_keyed_is_refused(db: None) -> None:
    _write(2)
    last = AuditEntry.objects.order_by("seq").last()
    assert last is not None
    entry = AuditEntry(
        seq=last.seq + 1,
        created_at=last.created_at,
        actor_label="forger",
        action="forged",
        object_type="x",
        changes={},
        prev_hash=last.hash,
        key_id=0,
    )
    entry.hash = _legacy_hash(entry)
    entry.save()
    AuditHead.objects.filter(key="audit").update(seq=entry.seq, hash=entry.hash)
    problems = audit_verify()
    assert problems and problems[0].seq == entry.seq and "unkeyed" in problems[0].message
