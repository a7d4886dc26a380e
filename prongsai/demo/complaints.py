"""Demo step: the Kalasin unit's complaint channel in FY2567 — a handful of cases in several
states (January 2567 above the suppression threshold, three months below it; every quarter either empty or unambiguous, so January shows its count), handled by the demo's
complaint handler, one identity revealed by the identity custodian with a reason.

Every case goes through the services on its story day (``clock.demo_day``). Idempotent: a unit
that already has complaints is left as it is.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import TYPE_CHECKING

from django.contrib.auth.models import User

from prongsai.complaints import services
from prongsai.complaints.identity import Identity
from prongsai.complaints.models import Complaint

from .clock import demo_day

if TYPE_CHECKING:  # the demo app calls us; we only need its type
    from prongsai.demo.context import DemoContext

# (received, category, what happened, identity, the handling: days after receipt → step)
CASES: list[tuple[dt.date, str, str, Identity | None, list[tuple[int, str]]]] = [
    (
        dt.date(2024, 1, 5),
        "service",
        "รอคิวต่ออายุวีซ่านานกว่า 4 ชั่วโมงโดยไม่มีการแจ้งเหตุ",
        None,
        [(2, "acknowledge"), (5, "investigate"), (12, "conclude:not_substantiated"), (14, "close")],
    ),
    (
        dt.date(2024, 1, 8),
        "bribery",
        "มีผู้แอบอ้างว่าจ่ายเงินเพิ่มแล้วจะได้รับการต่อวีซ่าเร็วขึ้น",
        None,
        [(1, "acknowledge"), (3, "investigate"), (30, "conclude:substantiated"), (33, "close")],
    ),
    (
        dt.date(2024, 1, 10),
        "service",
        "เจ้าหน้าที่พูดจาไม่สุภาพที่ช่องบริการ",
        None,
        [(2, "acknowledge"), (9, "conclude:not_substantiated"), (10, "close")],
    ),
    (
        dt.date(2024, 1, 15),
        "misconduct",
        "พบเห็นเจ้าหน้าที่ใช้รถราชการไปธุระส่วนตัว",
        Identity(name="นายประเสริฐ ทองคำ", contact="08 1234 5678"),
        [
            (3, "acknowledge"),
            (4, "reveal"),
            (6, "investigate"),
            (40, "conclude:referred"),
            (41, "close"),
        ],
    ),
    (
        dt.date(2024, 1, 22),
        "abuse",
        "ถูกเรียกเอกสารเพิ่มเติมเกินกว่าที่ระเบียบกำหนด",
        None,
        [(4, "acknowledge"), (8, "message"), (20, "conclude:not_substantiated")],
    ),
    (
        dt.date(2024, 1, 29),
        "service",
        "ไม่ได้รับใบเสร็จรับเงินค่าธรรมเนียม",
        None,
        [(2, "acknowledge"), (15, "conclude:substantiated"), (16, "close")],
    ),
    (
        dt.date(2024, 5, 7),
        "bribery",
        "มีการเรียกรับเงินเพื่อไม่บันทึกการอยู่เกินกำหนด",
        None,
        [(2, "acknowledge"), (6, "investigate"), (9, "message")],
    ),
    (dt.date(2024, 6, 18), "service", "เว็บไซต์นัดหมายล่มในวันที่นัดไว้", None, [(1, "acknowledge")]),
    (dt.date(2024, 8, 27), "misconduct", "เจ้าหน้าที่รับของขวัญจากบริษัทนำเที่ยว", None, []),
]


def _handle(
    complaint: Complaint, received: dt.date, steps: list[tuple[int, str]], ctx: DemoContext
) -> None:
    handler = User.objects.get(pk=ctx.users["kalasin-complaints"].pk)
    custodian = User.objects.get(pk=ctx.users["kalasin-custodian"].pk)
    for offset, step in steps:
        with demo_day(received + dt.timedelta(days=offset), hour=10):
            complaint.refresh_from_db()
            if step == "acknowledge":
                services.complaint_acknowledge(actor=handler, complaint=complaint)
            elif step == "investigate":
                services.complaint_investigate(actor=handler, complaint=complaint)
            elif step == "message":
                services.complaint_message_send(
                    actor=handler,
                    complaint=complaint,
                    body="ขอบคุณที่แจ้งเรื่อง กรุณาแจ้งวันและเวลาที่เกิดเหตุเพิ่มเติม",
                    internal=False,
                )
            elif step == "reveal":
                services.complaint_identity_reveal(
                    actor=custodian,
                    complaint=complaint,
                    reason="เชิญผู้ร้องเรียนมาให้ถ้อยคำเพิ่มเติมตามคำสั่งแต่งตั้งกรรมการสอบข้อเท็จจริง",
                )
            elif step.startswith("conclude:"):
                outcome = step.split(":", 1)[1]
                services.complaint_conclude(
                    actor=handler,
                    complaint=complaint,
                    outcome=outcome,
                    conclusion="ตรวจสอบข้อเท็จจริงแล้ว แจ้งผลให้ผู้ร้องเรียนทราบ",
                    referred_to="สำนักงาน ป.ป.ท. เขต 4" if outcome == "referred" else "",
                    referral_reference="ปท 0004/1234" if outcome == "referred" else "",
                )
            elif step == "close":
                services.complaint_close(actor=handler, complaint=complaint)


def load_demo(ctx: DemoContext) -> None:
    unit = ctx.unit
    if Complaint.objects.filter(unit=unit).exists():
        return
    for index, (received, category, details, identity, steps) in enumerate(CASES):
        with demo_day(received, hour=9 + index % 6):
            submitted = services.complaint_submit(
                unit=unit,
                submission_id=uuid.uuid5(uuid.NAMESPACE_URL, f"prongsai-demo-complaint-{index}"),
                category=category,
                details=details,
                happened_on=received - dt.timedelta(days=1),
                place="ตม.จว.กาฬสินธุ์",
                officers="",
                identity=identity,
                address=f"demo-{index}",
            )
        _handle(submitted.complaint, received, steps, ctx)
