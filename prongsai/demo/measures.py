"""Demo step: the seed unit's measures plan, imported from a Word file built from the seed rows.

The loader writes the seed's measures tables into a DOCX (seed-shaped: several tables, some
without their header row, blank continuation cells) and imports it through the same code path as
an upload, so the import is exercised on every demo load. Then a few progress updates with
generated photos. Idempotent: an existing plan is left as it is.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
from typing import TYPE_CHECKING, Any

from PIL import Image, ImageDraw, ImageFont

from prongsai.measures.exporting import WordTable, word_tables_docx
from prongsai.measures.importing import parse_plan_file, plan_import
from prongsai.measures.models import PlanRow, Status
from prongsai.measures.photos import PreparedPhoto
from prongsai.measures.services import plan_row_update, progress_add

from .clock import demo_day
from .seed_rows import ADMINISTRATION, SEED_TABLES

if TYPE_CHECKING:  # the demo app calls us; we only need its type
    from prongsai.demo.context import DemoContext

ACTOR = "demo_load"
PLAN_IMPORTED_ON = dt.date(2024, 1, 10)  # the plan, two days after the working group's briefing
logger = logging.getLogger(__name__)


def seed_docx() -> bytes:
    """The seed report's measures tables as a Word document."""
    tables = [
        WordTable(
            header=table.header,
            rows=[
                [
                    row.indicator,
                    row.issue,
                    row.activity,
                    row.output,
                    row.channels,
                    row.period,
                    "\n".join(row.responsible),
                    row.cadence,
                    row.result,
                ]
                for row in table.rows
            ],
        )
        for table in SEED_TABLES
    ]
    return word_tables_docx(
        tables, title="การรายงานผลการดำเนินการตามมาตรการยกระดับคุณธรรมและความโปร่งใสภายในหน่วยงาน"
    )


def demo_photo(label: str, colour: tuple[int, int, int]) -> PreparedPhoto:
    """A generated stand-in for an activity photo (a sign on a wall)."""
    image = Image.new("RGB", (960, 640), (236, 240, 245))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 470, 960, 640), fill=(196, 202, 210))
    draw.rectangle((180, 110, 780, 420), fill=colour, outline=(40, 40, 40), width=6)
    font = ImageFont.load_default(size=54)
    box = draw.textbbox((0, 0), label, font=font)
    width, height = box[2] - box[0], box[3] - box[1]
    draw.text((480 - width / 2, 265 - height / 2), label, fill=(255, 255, 255), font=font)
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return PreparedPhoto(
        content=out.getvalue(),
        content_type="image/png",
        width=image.width,
        height=image.height,
        original_name=f"{label}.png",
    )


# (activity starts with, key, date, text, link, photo label and colour)
UPDATES: list[tuple[str, str, dt.date, str, str, tuple[str, tuple[int, int, int]] | None]] = [
    (
        "การจัดให้มีผู้ทำหน้าที่ประชาสัมพันธ์",
        "demo-osc-2567-01",
        dt.date(2024, 1, 15),
        "จัดเจ้าหน้าที่ประชาสัมพันธ์ประจำจุด One Stop Service ทุกวันทำการ และประชุมชี้แจงแนวทางการปฏิบัติตน",
        "https://www.facebook.com/KalasinImmigration",
        ("One Stop Service", (29, 78, 137)),
    ),
    (
        "จัดทำ infographic สำหรับติดจุด",
        "demo-nogift-2567-01",
        dt.date(2024, 2, 5),
        "ติดตั้งป้าย No Gift Policy ภาษาไทยและภาษาอังกฤษที่จุด One Stop Service และเผยแพร่บนเว็บไซต์",
        "",
        ("No Gift Policy", (180, 35, 24)),
    ),
    (
        "มาตรการยกระดับคุณธรรมและ ความโปร่งใสภายในหน่วยงาน",
        "demo-o23-2567-01",
        dt.date(2024, 3, 20),
        "ประชุมคณะทำงานขับเคลื่อน ITA ติดตามการเผยแพร่ข้อมูลสาธารณะ (OIT) โดยหัวหน้าตรวจคนเข้าเมืองจังหวัด",
        "",
        ("ITA 2567", (30, 123, 70)),
    ),
    (
        "มาตรการยกระดับคุณธรรมและ ความโปร่งใสภายในหน่วยงาน",
        "demo-o23-2567-02",
        dt.date(2024, 7, 15),
        "ติดตามผลการดำเนินการรอบ ๑๒ เดือน ปรับปรุงป้ายพันธะสัญญาและข้อมูลบนเว็บไซต์ให้เป็นปัจจุบัน",
        "",
        None,
    ),
]


def _row_starting(rows: list[PlanRow], prefix: str) -> PlanRow | None:
    return next((r for r in rows if r.activity.startswith(prefix)), None)


def load_demo(ctx: DemoContext) -> None:
    assessment = ctx.assessments.get("kalasin-immigration")
    if assessment is None:
        return
    with demo_day(PLAN_IMPORTED_ON, hour=10):
        rows = _load_plan(ctx, assessment)
    editor: Any = ctx.users.get("kalasin-editor")
    for prefix, key, date, text, link, photo in UPDATES:
        target = _row_starting(rows, prefix)
        if target is None:
            logger.warning("demo: no plan row starts with %r", prefix)
            continue
        with demo_day(date, hour=16):
            progress_add(
                actor=editor or ACTOR,
                row=target,
                date=date,
                text=text,
                status=Status.DONE,
                idempotency_key=key,
                links=[link] if link else [],
                photos=[demo_photo(*photo)] if photo else [],
            )


def _load_plan(ctx: DemoContext, assessment: Any) -> list[PlanRow]:
    if not PlanRow.objects.filter(assessment=assessment).exists():
        data = seed_docx()
        result = parse_plan_file(assessment, data)
        if not result.ok:
            raise RuntimeError(
                "demo plan does not import: " + "; ".join(str(p) for p in result.problems)
            )
        plan_import(
            actor=ACTOR,
            assessment=assessment,
            result=result,
            source_name="seed-measures.docx",
            source_bytes=data,
        )
    rows = list(PlanRow.objects.filter(assessment=assessment).order_by("position"))
    editor: Any = ctx.users.get("kalasin-editor")
    if editor is not None:
        # The demo editor looks after the website: make them answer for the web team's rows,
        # so that reminders have someone to write to.
        for row in rows:
            in_web_team = ADMINISTRATION in row.responsible_positions and row.indicator == "9"
            if in_web_team and not row.responsible_users.filter(pk=editor.pk).exists():
                plan_row_update(
                    actor=ACTOR,
                    row=row,
                    responsible_users=[*row.responsible_users.all(), editor],
                )
    return rows
