"""Demo step: the Kalasin unit's complaint channel in FY2567 — a handful of cases in several
states (January 2567 above the suppression threshold; November, December, May, June and August
below it, laid out so that no total gives a small month away and January shows its count),
handled by the demo's complaint handler, one identity revealed by the identity custodian with a
reason. At the start of April the editor publishes the six-month round's statistics (PDF, CSV,
JSON) and attaches the channel, guideline and statistics pages: item O16's generated evidence,
added before the unit submits its items (this step runs before the OIT step).

Every case goes through the services on its story day (``clock.demo_day``). Idempotent: a unit
that already has complaints is left as it is.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import TYPE_CHECKING

from django.contrib.auth.models import User

from prongsai.complaints import services
from prongsai.complaints.document_kinds import SERIES
from prongsai.complaints.evidence import o16_evidence_attach
from prongsai.complaints.identity import Identity
from prongsai.complaints.models import Complaint
from prongsai.organizations.access import access_for
from prongsai.publications.services import publication_publish

from .clock import demo_day

if TYPE_CHECKING:  # the demo app calls us; we only need its type
    from prongsai.demo.context import DemoContext

# (received, category, what happened, identity, the handling: days after receipt → step)
CASES: list[tuple[dt.date, str, str, Identity | None, list[tuple[int, str]]]] = [
    (
        dt.date(2023, 11, 3),
        "service",
        "ยื่นคำขอต่ออายุแล้วไม่ได้รับใบนัดรับผล",
        None,
        [(1, "acknowledge"), (6, "conclude:not_substantiated"), (7, "close")],
    ),
    (
        dt.date(2023, 11, 10),
        "service",
        "โทรศัพท์ติดต่อสำนักงานไม่มีผู้รับสายตลอดช่วงบ่าย",
        None,
        [(2, "acknowledge"), (8, "conclude:not_substantiated"), (9, "close")],
    ),
    (
        dt.date(2023, 11, 17),
        "bribery",
        "มีผู้อ้างว่ารู้จักเจ้าหน้าที่และรับเงินเพื่อให้ได้คิวก่อน",
        None,
        [(1, "acknowledge"), (3, "investigate"), (28, "conclude:referred"), (30, "close")],
    ),
    (
        dt.date(2023, 12, 3),
        "service",
        "ป้ายบอกขั้นตอนการรับบริการไม่มีภาษาอังกฤษ",
        None,
        [(2, "acknowledge"), (9, "conclude:referred"), (10, "close")],
    ),
    (
        dt.date(2023, 12, 10),
        "bribery",
        "เจ้าหน้าที่แนะนำให้ใช้บริการตัวแทนยื่นเอกสารโดยเรียกค่าดำเนินการ",
        None,
        [(3, "acknowledge"), (7, "investigate"), (35, "conclude:not_substantiated"), (36, "close")],
    ),
    (
        dt.date(2023, 12, 17),
        "abuse",
        "เจ้าหน้าที่ให้กลับไปนำเอกสารที่ไม่มีในรายการเอกสารที่ต้องใช้",
        None,
        [(2, "acknowledge"), (4, "investigate"), (25, "conclude:referred"), (27, "close")],
    ),
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


PUBLISHED_ON = dt.date(2024, 4, 3)  # the six-month round, before the items are submitted


def _publish(ctx: DemoContext) -> None:
    """The editor publishes the six-month round (Oct 2566 – Mar 2567) and attaches the channel
    and statistics pages to item O16 (rendered from the cases by the worker)."""
    if not ctx.assessments:
        return
    editor = User.objects.get(pk=ctx.users["kalasin-editor"].pk)
    with demo_day(PUBLISHED_ON, hour=10):
        publication_publish(
            actor=editor,
            access=access_for(editor, ctx.unit),
            series=SERIES,
            year=ctx.assessment.year,
            period="h1",
            params={"unit": str(ctx.unit.pk)},
        )
        o16_evidence_attach(actor=editor, assessment=ctx.assessment)


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
    _publish(ctx)
