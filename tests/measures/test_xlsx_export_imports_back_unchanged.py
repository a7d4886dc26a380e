"""The plan exported to XLSX imports back unchanged: same rows, same fields, same file content."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from openpyxl import load_workbook

from prongsai.demo.measures import seed_docx
from prongsai.measures.exporting import plan_xlsx
from prongsai.measures.importing import parse_plan_file, plan_import
from prongsai.measures.models import PlanRow
from prongsai.measures.services import ROW_FIELDS

from .helpers import make_row


def _cells(data: bytes) -> list[list[Any]]:
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def _rows(assessment: Any) -> list[dict[str, Any]]:
    out = []
    for row in PlanRow.objects.filter(assessment=assessment).order_by("position"):
        values = {name: getattr(row, name) for name in ROW_FIELDS}
        values["users"] = sorted(u.username for u in row.responsible_users.all())
        out.append(values)
    return out


def test_export_then_import_gives_the_same_plan(assessment: Any, people: Any) -> None:
    plan_import(
        actor="tests", assessment=assessment, result=parse_plan_file(assessment, seed_docx())
    )
    # Rows the seed does not have: users, free-text channels, a deadline, an event cadence.
    make_row(
        assessment,
        indicator="8",
        issue="ปรับปรุงการให้บริการ\nตามข้อเสนอแนะ",
        activity="ทบทวนขั้นตอน\n- งานบริการคนต่างด้าว\n- งานอำนวยความสะดวก",
        channels=["line", "one_stop"],
        channels_other="บอร์ดประชาสัมพันธ์, ประชุมประจำเดือน",
        period_start=None,
        period_end=dt.date(2024, 6, 30),
        responsible_users=[people.editor, people.admin],
        responsible_positions=["รอง สว.ตม.จว.กาฬสินธุ์"],
        cadence="event",
        cadence_text="ทุกครั้งที่มีข้อร้องเรียน",
        status="in_progress",
        result_note="ทบทวนแล้ว ๒ ขั้นตอน\nรออนุมัติ",
        oit_items=["O8", "O9"],
    )
    make_row(
        assessment,
        cadence="quarterly",
        period_start=dt.date(2024, 1, 5),
        period_end=dt.date(2024, 1, 5),
    )
    before = _rows(assessment)
    exported = plan_xlsx(assessment)

    result = parse_plan_file(assessment, exported)
    assert result.ok, [str(p) for p in result.problems]
    assert result.kind == "xlsx"
    plan_import(actor="tests", assessment=assessment, result=result, replace=True)

    assert _rows(assessment) == before
    assert _cells(plan_xlsx(assessment)) == _cells(exported)


def test_the_export_has_the_seed_columns_first(assessment: Any) -> None:
    make_row(assessment)
    header = _cells(plan_xlsx(assessment))[0]
    assert header[1:9] == [
        "ตัวชี้วัด",
        "ประเด็นที่ต้องเตรียมความพร้อม/ยกระดับ",
        "กิจกรรมที่จะดำเนินการ",
        "ผลผลิต",
        "วิธีการสร้างการรับรู้",
        "ระยะเวลาแล้วเสร็จ",
        "ผู้รับผิดชอบ",
        "ผู้รับผิดชอบ (บัญชีผู้ใช้)",
    ]
