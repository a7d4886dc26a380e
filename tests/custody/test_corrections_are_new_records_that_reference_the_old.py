"""Nothing in the register is edited in place: a correction is a new record naming the one it
corrects; the item reads corrected, both records stay, and the chain still verifies. Returned
or disposed-of evidence takes only corrections; a release needs its authorising order."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from prongsai.custody.chain import register_check
from prongsai.custody.selectors import evidence_state
from prongsai.custody.services import evidence

from .helpers import DAY, evidence_custodian, seized, transfer


def test_a_correction_is_appended_and_the_item_reads_corrected(tree: Any) -> None:
    keeper = evidence_custodian(tree.unit)
    item = seized(tree.unit, keeper, seal_number="S-0O01")
    intake = item.entries.get()
    correction = evidence.evidence_correct(
        actor=keeper, entry=intake, field="seal_number", value="S-0001", reason="พิมพ์ตัว O แทนเลข 0"
    )
    assert correction.corrects == intake
    assert correction.data["old"] == "S-0O01"
    intake.refresh_from_db()
    assert intake.data["seal_number"] == "S-0O01"  # the original is untouched
    assert evidence_state(item).seal_number == "S-0001"
    assert evidence_state(item).corrections == 1
    assert register_check(tree.unit).problems == []

    with pytest.raises(ValidationError):
        evidence.evidence_correct(
            actor=keeper, entry=correction, field="seal_number", value="x", reason="y"
        )


def test_release_needs_the_order_and_closes_the_item(tree: Any) -> None:
    keeper = evidence_custodian(tree.unit)
    item = seized(tree.unit, keeper)
    transfer(item, keeper)
    transfer(item, keeper, back=True)
    with pytest.raises(ValidationError):
        evidence.evidence_release(
            actor=keeper,
            item=item,
            kind="return",
            order_reference=" ",
            order_date=DAY,
            recipient="นายเอ",
            method="",
            occurred_on=DAY + dt.timedelta(days=9),
        )
    evidence.evidence_release(
        actor=keeper,
        item=item,
        kind="return",
        order_reference="คำสั่ง สภ. ที่ 5/2567",
        order_date=DAY + dt.timedelta(days=8),
        recipient="นายเอ",
        method="",
        occurred_on=DAY + dt.timedelta(days=9),
    )
    assert evidence_state(item).status == "returned"
    with pytest.raises(ValidationError):
        transfer(item, keeper)
    intake = item.entries.get(item_seq=1)
    evidence.evidence_correct(
        actor=keeper, entry=intake, field="quantity", value="3 เล่ม", reason="นับใหม่"
    )
    assert item.entries.count() == 5
    assert register_check(tree.unit).problems == []
