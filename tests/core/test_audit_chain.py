"""The audit log is a hash chain: any row altered or deleted behind the app's back shows."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from prongsai.core.audit import audit_verify
from prongsai.core.models import AuditEntry
from prongsai.organizations.services import unit_update

from ..conftest import Personas, Tree


@pytest.fixture
def history(tree: Tree, people: Personas) -> list[AuditEntry]:
    unit_update(actor=people.admin, unit=tree.unit, phone="043-811-111")
    unit_update(actor=people.admin, unit=tree.unit, phone="043-811-222")
    return list(AuditEntry.objects.order_by("seq"))


def test_services_record_actor_action_object_and_changes(history: list[AuditEntry]) -> None:
    last = history[-1]
    assert last.action == "unit.update"
    assert last.actor_label == "admin"
    assert last.object_type == "organizations.unit"
    assert last.changes == {"phone": ["043-811-111", "043-811-222"]}
    assert last.prev_hash == history[-2].hash


def test_intact_chain_verifies(history: list[AuditEntry]) -> None:
    assert audit_verify() == []
    out = StringIO()
    call_command("audit_verify", stdout=out)
    assert f"{len(history)} entries verified" in out.getvalue()


def _raw(sql: str, params: list[Any]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_altered_row_is_named(history: list[AuditEntry]) -> None:
    victim = history[2]
    _raw(
        "UPDATE core_auditentry SET actor_label = %s WHERE seq = %s",
        ["someone-else", victim.seq],
    )
    with pytest.raises(CommandError, match=f"entry #{victim.seq}"):
        call_command("audit_verify", stderr=StringIO())


def test_altered_changes_are_detected(history: list[AuditEntry]) -> None:
    victim = history[-1]
    _raw(
        "UPDATE core_auditentry SET changes = %s WHERE seq = %s",
        ['{"phone": ["x", "y"]}', victim.seq],
    )
    problems = audit_verify()
    assert problems and problems[0].seq == victim.seq
    assert "altered" in problems[0].message


def test_deleted_row_in_the_middle_is_detected(history: list[AuditEntry]) -> None:
    _raw("DELETE FROM core_auditentry WHERE seq = %s", [history[1].seq])
    problems = audit_verify()
    assert problems[0].seq == history[1].seq
    assert "missing" in problems[0].message


def test_deleted_newest_row_is_detected(history: list[AuditEntry]) -> None:
    _raw("DELETE FROM core_auditentry WHERE seq = %s", [history[-1].seq])
    problems = audit_verify()
    assert problems[0].seq == history[-1].seq


def test_rewritten_hash_does_not_hide_an_edit(history: list[AuditEntry]) -> None:
    """Recomputing one row's own hash still breaks the link from the next row."""
    from prongsai.core.audit import entry_hash

    victim = AuditEntry.objects.get(seq=history[1].seq)
    victim.actor_label = "forger"
    new_hash = entry_hash(victim)
    _raw(
        "UPDATE core_auditentry SET actor_label = %s, hash = %s WHERE seq = %s",
        ["forger", new_hash, victim.seq],
    )
    problems = audit_verify()
    assert problems[0].seq == history[2].seq
