"""Shared builders for the custody tests: custodians, property, evidence with transfers."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django.contrib.auth.models import User
from PIL import Image

from prongsai.custody.models import EvidenceItem, Loan, PropertyItem
from prongsai.custody.roles import EVIDENCE_CUSTODIAN, PROPERTY_CUSTODIAN
from prongsai.custody.services import evidence, property
from prongsai.measures.photos import PreparedPhoto
from prongsai.organizations.models import Unit

from ..factories import UserFactory, grant

DAY = dt.date(2024, 1, 10)


def evidence_custodian(unit: Unit, username: str = "evidence-keeper") -> User:
    user: User = UserFactory.create(username=username)
    grant(user, unit, EVIDENCE_CUSTODIAN)
    return user


def property_custodian(unit: Unit, username: str = "property-keeper") -> User:
    user: User = UserFactory.create(username=username)
    grant(user, unit, PROPERTY_CUSTODIAN)
    return user


def photo(color: str = "red") -> PreparedPhoto:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), color).save(out, "PNG")
    return PreparedPhoto(
        content=out.getvalue(), content_type="image/png", width=40, height=30, original_name="p"
    )


def item(unit: Unit, identifier: str = "7440-001-0001", **fields: Any) -> PropertyItem:
    values: dict[str, Any] = {
        "item_class": "government",
        "name": "เครื่องคอมพิวเตอร์โน้ตบุ๊ก",
        "location": "ห้องธุรการ",
        "custodian": "ด.ต.ธนพล มีชัย",
        **fields,
    }
    return property.property_item_add(actor="tests", unit=unit, identifier=identifier, **values)


def lend(target: PropertyItem, issued_on: dt.date, due_on: dt.date) -> Loan:
    return property.loan_issue(
        actor="tests",
        item=target,
        borrower="ส.ต.อ.สมชาย ใจดี",
        purpose="ออกตรวจพื้นที่",
        approver="พ.ต.ท.อนุชา วงศ์ไทย",
        issued_on=issued_on,
        due_on=due_on,
    )


def seized(unit: Unit, actor: Any, case: str = "คดีอาญาที่ 12/2567", **fields: Any) -> EvidenceItem:
    values: dict[str, Any] = {
        "description": "หนังสือเดินทางปลอม",
        "quantity": "2 เล่ม",
        "seal_number": "S-0001",
        "storage_place": "ตู้ 1 ชั้น 2",
        "received_by": "ร.ต.อ.มาลี ศรีเมือง",
        "received_from": "พนักงานสอบสวน",
        "occurred_on": DAY,
        **fields,
    }
    entry = evidence.evidence_intake(actor=actor, unit=unit, case_number=case, **values)
    return entry.item


def transfer(target: EvidenceItem, actor: Any, *, back: bool = False, intact: bool = True) -> Any:
    return evidence.evidence_transfer(
        actor=actor,
        item=target,
        from_holder="ห้องเก็บของกลาง" if not back else "พนักงานสอบสวน",
        to_holder="พนักงานสอบสวน" if not back else "ห้องเก็บของกลาง",
        reason="ส่งตรวจพิสูจน์" if not back else "ตรวจเสร็จแล้ว",
        seal_intact=intact,
        occurred_on=DAY + dt.timedelta(days=3 if not back else 5),
        storage_place="ตู้ 1 ชั้น 2" if back else "",
    )


# --- route values (tests/route_values.py): real objects of the seed's unit -----------------------
def _keeper(w: Any) -> User:
    found = User.objects.filter(username="route-evidence-keeper").first()
    return found or evidence_custodian(w.tree.unit, "route-evidence-keeper")


def route_item_id(w: Any) -> Any:
    found = PropertyItem.objects.filter(unit=w.tree.unit).first()
    return (found or item(w.tree.unit, "ROUTE-1")).pk


def route_loan_id(w: Any) -> Any:
    target = PropertyItem.objects.get(pk=route_item_id(w))
    loan = Loan.objects.filter(item=target).first()
    return (loan or lend(target, DAY, DAY + dt.timedelta(days=3))).pk


def route_count_id(w: Any) -> Any:
    from prongsai.custody.models import CountSession

    route_item_id(w)
    found = CountSession.objects.filter(unit=w.tree.unit).first()
    return (
        found
        or property.count_start(
            actor="tests", unit=w.tree.unit, title="route", started_on=DAY, counted_by="tests"
        )
    ).pk


def route_seized_id(w: Any) -> Any:
    found = EvidenceItem.objects.filter(unit=w.tree.unit).first()
    return (found or seized(w.tree.unit, _keeper(w), photos=[photo()])).pk


def route_evidence_photo_id(w: Any) -> Any:
    from prongsai.custody.models import EvidencePhoto

    return EvidencePhoto.objects.get(entry__item_id=route_seized_id(w)).pk


def route_reconciliation_id(w: Any) -> Any:
    from prongsai.custody.models import Reconciliation
    from prongsai.custody.services.reconciliation import reconciliation_start

    route_seized_id(w)
    found = Reconciliation.objects.filter(unit=w.tree.unit).first()
    return (
        found
        or reconciliation_start(actor="tests", unit=w.tree.unit, held_on=DAY, counted_by="tests")
    ).pk
