"""The register is signed with the audit log's keys: after a rotation (a higher key id in
AUDIT_KEYS) new records are signed with the new key and old ones still verify with the old
key; a record re-signed with an older key after a newer one, or a key that was removed, is named."""

from __future__ import annotations

from typing import Any

from prongsai.custody.chain import entry_digest, register_check
from prongsai.custody.models import EvidenceEntry

from .helpers import evidence_custodian, seized, transfer


def test_a_rotation_keeps_the_register_verifiable(tree: Any, settings: Any) -> None:
    keeper = evidence_custodian(tree.unit)
    settings.AUDIT_KEYS = {1: "first-key-for-the-tests-0123456789abcdef"}
    item = seized(tree.unit, keeper)
    settings.AUDIT_KEYS = {
        1: "first-key-for-the-tests-0123456789abcdef",
        2: "second-key-for-the-tests-0123456789abcdef",
    }
    transfer(item, keeper)
    keys = list(EvidenceEntry.objects.order_by("register_seq").values_list("key_id", flat=True))
    assert keys == [1, 2]
    assert register_check(tree.unit).problems == []


def _resign_newest_with_key_1(unit: Any) -> None:
    """What someone holding only the old key could do: re-sign the newest record with it and
    move the register's head to match."""
    from prongsai.custody.models import RegisterHead

    last = EvidenceEntry.objects.filter(unit=unit).order_by("-register_seq").first()
    assert last is not None
    last.key_id = 1
    last.data = {**last.data, "to_holder": "นายหน้า"}
    last.hash = entry_digest(last)
    EvidenceEntry.objects.filter(pk=last.pk).update(key_id=1, data=last.data, hash=last.hash)
    RegisterHead.objects.filter(unit=unit).update(hash=last.hash, key_id=1)


def test_a_record_re_signed_with_an_older_key_is_named(tree: Any, settings: Any) -> None:
    keeper = evidence_custodian(tree.unit)
    settings.AUDIT_KEYS = {
        1: "first-key-for-the-tests-0123456789abcdef",
        2: "second-key-for-the-tests-0123456789abcdef",
    }
    transfer(seized(tree.unit, keeper), keeper)  # both signed with key 2
    _resign_newest_with_key_1(tree.unit)
    problems = register_check(tree.unit).problems
    assert [p.register_seq for p in problems] == [2]
    assert "keys never go back" in problems[0].message


def test_a_newest_record_re_signed_and_the_head_moved_is_caught_by_the_audit_log(
    tree: Any, settings: Any
) -> None:
    keeper = evidence_custodian(tree.unit)
    settings.AUDIT_KEYS = {1: "first-key-for-the-tests-0123456789abcdef"}
    transfer(seized(tree.unit, keeper), keeper)
    _resign_newest_with_key_1(tree.unit)  # a valid signature, a matching head
    problems = register_check(tree.unit).problems
    assert [p.register_seq for p in problems] == [2]
    assert "audit log" in problems[0].message


def test_a_record_signed_by_a_key_no_longer_configured_is_named(tree: Any, settings: Any) -> None:
    keeper = evidence_custodian(tree.unit)
    settings.AUDIT_KEYS = {
        1: "first-key-for-the-tests-0123456789abcdef",
        2: "second-key-for-the-tests-0123456789abcdef",
    }
    seized(tree.unit, keeper)
    settings.AUDIT_KEYS = {1: "first-key-for-the-tests-0123456789abcdef"}
    problems = register_check(tree.unit).problems
    assert problems and "AUDIT_KEYS does not hold" in problems[0].message
