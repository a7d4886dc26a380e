"""Demo step: the Kalasin unit's public questions and answers (O4) in FY2567 — a few questions
answered and published by the unit's editor on their story days, one declined, one feedback,
and the FAQ; at the start of April the editor attaches the public Q&A page and the ask form to
item O4 (generated evidence, before the unit submits its items: this step runs before the OIT
step). Idempotent: a unit that already has questions is left as it is."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import TYPE_CHECKING

from django.contrib.auth.models import User

from prongsai.inquiries import services
from prongsai.inquiries.evidence import o4_evidence_attach
from prongsai.inquiries.models import Question

from .clock import demo_day

if TYPE_CHECKING:  # the demo app calls us; we only need its type
    from prongsai.demo.context import DemoContext

# (asked on, kind, name, question, days to answer, answer, publish)
QUESTIONS: list[tuple[dt.date, str, str, str, int | None, str, bool]] = [
    (
        dt.date(2023, 11, 2),
        "question",
        "นายวิชัย",
        "ต่ออายุวีซ่าเกษียณต้องใช้เอกสารอะไรบ้าง",
        2,
        "หนังสือเดินทาง แบบ ตม.7 รูปถ่าย 4×6 ซม. หนังสือรับรองการเงินจากธนาคาร และหลักฐานที่พัก",
        True,
    ),
    (
        dt.date(2024, 1, 16),
        "question",
        "",
        "รายงานตัว 90 วันทางออนไลน์ได้หรือไม่",
        1,
        "ได้ ผ่านเว็บไซต์ของสำนักงานตรวจคนเข้าเมือง ล่วงหน้าไม่เกิน 15 วันก่อนครบกำหนด",
        True,
    ),
    (
        dt.date(2024, 3, 4),
        "question",
        "Ms. Anna",
        "สำนักงานเปิดทำการวันเสาร์หรือไม่",
        4,
        "เปิดทำการวันจันทร์ถึงวันศุกร์ 08.30–16.30 น. ยกเว้นวันหยุดราชการ",
        True,
    ),
    (dt.date(2024, 5, 20), "question", "", "ข้อความโฆษณาไม่เกี่ยวข้อง", None, "", False),
    (
        dt.date(2024, 6, 11),
        "feedback",
        "",
        "อยากให้มีที่นั่งรอเพิ่มบริเวณช่องบริการ",
        3,
        "ขอบคุณสำหรับข้อเสนอแนะ หน่วยงานจะจัดเก้าอี้เพิ่มในเดือนกรกฎาคม",
        False,
    ),
]
FAQ = [
    ("เวลาทำการของ ตม.จว.กาฬสินธุ์", "วันจันทร์ถึงวันศุกร์ 08.30–16.30 น. ยกเว้นวันหยุดราชการ"),
    ("แจ้งที่พักคนต่างด้าว (ตม.30) ทำอย่างไร", "เจ้าบ้านหรือผู้ครอบครองเคหสถานแจ้งภายใน 24 ชั่วโมง ที่สำนักงานหรือทางออนไลน์"),
    ("ร้องเรียนเจ้าหน้าที่ได้ที่ไหน", "ผ่านแบบร้องเรียนบนเว็บไซต์นี้ (ไม่ต้องเปิดเผยตัวตน) หรือสายด่วน 1111"),
]  # fmt: skip


ATTACHED_ON = dt.date(2024, 4, 3)


def load_demo(ctx: DemoContext) -> None:
    unit = ctx.unit
    if Question.objects.filter(unit=unit).exists():
        return
    editor = User.objects.get(pk=ctx.users["kalasin-editor"].pk)
    with demo_day(dt.date(2023, 10, 20)):
        for position, (faq_question, faq_answer) in enumerate(FAQ, start=1):
            services.faq_entry_save(
                actor=editor, unit=unit, question=faq_question, answer=faq_answer, position=position
            )
    for index, (asked, kind, name, body, days, answer, publish) in enumerate(QUESTIONS):
        with demo_day(asked, hour=10):
            question = services.question_submit(
                unit=unit,
                submission_id=uuid.uuid5(uuid.NAMESPACE_URL, f"prongsai-demo-question-{index}"),
                kind=kind,
                name=name,
                body=body,
                address=f"demo-q-{index}",
            )
        if days is None:
            with demo_day(asked + dt.timedelta(days=1), hour=11):
                services.question_reject(
                    actor=editor, question=question, reason="ไม่เกี่ยวข้องกับการให้บริการ"
                )
            continue
        with demo_day(asked + dt.timedelta(days=days), hour=14):
            services.question_answer(actor=editor, question=question, answer=answer)
            if publish:
                services.question_publish(actor=editor, question=question)
    if ctx.assessments:
        with demo_day(ATTACHED_ON, hour=11):
            o4_evidence_attach(actor=editor, assessment=ctx.assessment)
