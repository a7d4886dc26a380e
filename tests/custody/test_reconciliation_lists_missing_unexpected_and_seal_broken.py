"""A reconciliation of the evidence room lists what the register holds in store and, once
counted, the missing, the unexpected and the seal-broken items; evidence out of the room is not
expected there."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from prongsai.custody.services import reconciliation as room

from .helpers import evidence_custodian, seized, transfer


def test_missing_unexpected_and_seal_broken_are_listed(tree: Any) -> None:
    keeper = evidence_custodian(tree.unit)
    present = seized(tree.unit, keeper, case="คดี 1", seal_number="S-1")
    gone = seized(tree.unit, keeper, case="คดี 2", seal_number="S-2")
    tampered = seized(tree.unit, keeper, case="คดี 3", seal_number="S-3")
    out = seized(tree.unit, keeper, case="คดี 4", seal_number="S-4")
    transfer(out, keeper)  # with the investigator, not in the room

    found = room.reconciliation_start(
        actor=keeper, unit=tree.unit, held_on=dt.date(2024, 1, 20), counted_by="คณะกรรมการ"
    )
    lines = {line.item_id: line for line in found.lines.all()}
    assert set(lines) == {present.pk, gone.pk, tampered.pk}
    room.reconciliation_check(actor=keeper, line=lines[present.pk], present=True, seal_seen="S-1")
    with pytest.raises(ValidationError):
        room.reconciliation_close(actor=keeper, reconciliation=found)
    room.reconciliation_check(actor=keeper, line=lines[gone.pk], present=False, seal_seen="")
    room.reconciliation_check(actor=keeper, line=lines[tampered.pk], present=True, seal_seen="S-9")
    room.reconciliation_add_unexpected(
        actor=keeper, reconciliation=found, description="ถุงพลาสติกไม่มีป้าย", seal_seen=""
    )
    closed = room.reconciliation_close(actor=keeper, reconciliation=found)
    assert closed.summary == {
        "expected": 3,
        "present": 1,
        "missing": 1,
        "seal_broken": 1,
        "unexpected": 1,
    }
