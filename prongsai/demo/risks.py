"""Demo step: the seed unit's bribery-risk register (O19) and its 6-month results (O20).

The register starts from the immigration starter set, which holds the seed's two processes
("การตรวจลงตรา/การขออยู่ต่อ/การอนุญาต" and "การเรียกรับผลประโยชน์จากชาวต่างชาติ") with four risk
events and their treatments; the demo gives the treatments due dates and the editor as owner,
then records 6-month follow-ups with photos and residual ratings, and publishes the O19 document
and the 6-month O20 report (the items' evidence). Idempotent: an existing register is kept,
follow-ups carry idempotency keys, a published period is not published again.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from prongsai.organizations.access import access_for
from prongsai.publications.selectors import current_publications
from prongsai.publications.services import publication_publish
from prongsai.risks.document_kinds import register_params
from prongsai.risks.models import Register, Treatment
from prongsai.risks.publishing import ASSESSMENT_SERIES, RESULTS_SERIES
from prongsai.risks.services import followup_add, register_open, treatment_save

from .clock import demo_day
from .measures import demo_photo

if TYPE_CHECKING:
    from prongsai.demo.context import DemoContext

ACTOR = "demo_load"
OPENED_ON = dt.date(2024, 2, 2)  # the seed: risk assessment collected 2 Feb – 30 Apr 2567
DUE = dt.date(2024, 3, 31)
# O19 published with the plan, O20 (6 months) after the round's follow-ups.
PUBLISHED = [
    (ASSESSMENT_SERIES, "year", dt.date(2024, 2, 20)),
    (RESULTS_SERIES, "h1", dt.date(2024, 4, 5)),
]

# (measure starts with, key, date, what was done, result, status, residual L, I, photo)
FOLLOW_UPS: list[
    tuple[str, str, dt.date, str, str, str, int, int, tuple[str, tuple[int, int, int]] | None]
] = [
    (
        "ประกาศขั้นตอน เอกสาร และระยะเวลา",
        "demo-risk-2567-01",
        dt.date(2024, 3, 22),
        "ติดประกาศขั้นตอน เอกสาร และระยะเวลาการพิจารณาคำขออยู่ต่อ ภาษาไทยและภาษาอังกฤษ ณ จุด One Stop Service และบนเว็บไซต์",
        "ผู้ยื่นคำขอทราบขั้นตอนและระยะเวลา ไม่มีข้อร้องเรียนเรื่องการเรียกรับเงินในรอบ ๖ เดือน",
        "done",
        2,
        4,
        ("One Stop Service", (29, 78, 137)),
    ),
    (
        "จัดลำดับคิวด้วยระบบบัตรคิว",
        "demo-risk-2567-02",
        dt.date(2024, 3, 25),
        "ติดตั้งระบบบัตรคิวและกล้องโทรทัศน์วงจรปิดที่จุดรับคำขอ ๒ จุด",
        "ผู้บังคับบัญชาตรวจสอบภาพจากกล้องสัปดาห์ละครั้ง",
        "in_progress",
        2,
        4,
        ("CCTV", (60, 60, 60)),
    ),
    (
        "ประชาสัมพันธ์การแจ้งที่พักอาศัยผ่านระบบออนไลน์",
        "demo-risk-2567-03",
        dt.date(2024, 3, 18),
        "ประชาสัมพันธ์การแจ้งที่พักอาศัยเกิน ๙๐ วันผ่านระบบออนไลน์บน Facebook และป้าย No Gift Policy",
        "สัดส่วนการแจ้งออนไลน์เพิ่มขึ้นจากร้อยละ ๓๕ เป็นร้อยละ ๕๒",
        "done",
        1,
        3,
        ("No Gift Policy", (180, 35, 24)),
    ),
    (
        "หมุนเวียนชุดปฏิบัติการตรวจสอบทุกเดือน",
        "demo-risk-2567-04",
        dt.date(2024, 3, 29),
        "หมุนเวียนชุดปฏิบัติการตรวจสอบสถานประกอบการครบ ๖ ครั้ง และผู้กำกับการสุ่มตรวจผล ๒ ครั้ง",
        "ไม่พบการเรียกรับผลประโยชน์จากการสุ่มตรวจ",
        "in_progress",
        2,
        5,
        ("ITA 2567", (30, 123, 70)),
    ),
]


def _treatment(register: Register, prefix: str) -> Treatment | None:
    return (
        Treatment.objects.filter(event__process__register=register, measure__startswith=prefix)
        .select_related("event__process__register__assessment")
        .first()
    )


def load_demo(ctx: DemoContext) -> None:
    assessment = ctx.assessments.get("kalasin-immigration")
    if assessment is None:
        return
    editor: Any = ctx.users.get("kalasin-editor")
    with demo_day(OPENED_ON, hour=10):
        register = Register.objects.filter(assessment=assessment).first()
        if register is None:
            register = register_open(
                actor=editor or ACTOR, assessment=assessment, start="template:immigration"
            )
            for treatment in Treatment.objects.filter(event__process__register=register):
                treatment_save(
                    actor=editor or ACTOR,
                    event=treatment.event,
                    treatment=treatment,
                    due_date=DUE,
                    owner_user=editor,
                )
    _publish(editor, assessment, PUBLISHED[0])
    for prefix, key, date, done, result, status, likelihood, impact, photo in FOLLOW_UPS:
        target = _treatment(register, prefix)
        if target is None:
            continue
        with demo_day(date, hour=15):
            followup_add(
                actor=editor or ACTOR,
                treatment=target,
                round=6,
                date=date,
                done=done,
                result=result,
                status=status,
                residual_likelihood=likelihood,
                residual_impact=impact,
                links=["https://www.facebook.com/KalasinImmigration"],
                photos=[demo_photo(*photo)] if photo else [],
                idempotency_key=key,
            )
    _publish(editor, assessment, PUBLISHED[1])


def _publish(editor: Any, assessment: Any, publication: tuple[str, str, dt.date]) -> None:
    series, period, day = publication
    if editor is None:
        return
    published = current_publications(assessment.unit, assessment.year, series=series)
    if published.filter(period=period).exists():
        return
    with demo_day(day, hour=11):
        publication_publish(
            actor=editor,
            access=access_for(editor, assessment.unit),
            series=series,
            year=assessment.year,
            period=period,
            params=register_params(assessment),
        )
