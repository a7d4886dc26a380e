"""Files and records for the records tests."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from prongsai.spreadsheets.writer import append_row, new_sheet, new_workbook, workbook_bytes


def xlsx(rows: Sequence[Sequence[Any]], *, title: str = "ข้อมูล") -> bytes:
    book = new_workbook()
    sheet = new_sheet(book, title)
    for row in rows:
        append_row(sheet, row)
    return workbook_bytes(book, audit_head=False)


OPERATIONS_GOOD: list[list[Any]] = [
    ["เดือน", "ด้าน/ภารกิจ", "โครงการ/กิจกรรม", "รายละเอียด", "ระยะเวลา", "ผู้รับผิดชอบ"],
    ["ต.ค. 66", "งานตรวจคนเข้าเมือง", "ตรวจสถานประกอบการ", "ตรวจ 12 แห่ง", "1-31 ต.ค. 66", "งานสืบสวน"],
    ["ต.ค. 66", "งานบริการ", "บริการรับแจ้ง 90 วัน", "ให้บริการ 210 ราย", "ทั้งเดือน", "งานบริการ"],
    ["2566-11", "งานบริการ", "บริการเคลื่อนที่", "ออกหน่วย 2 ครั้ง", "", "งานบริการ"],
]
STATISTICS_GOOD: list[list[Any]] = [
    ["เดือน", "รายการ", "หมวด", "หน่วยนับ", "จำนวน"],
    ["ต.ค. 66", "การจับกุม", "งานปราบปราม", "ราย", "12"],
    ["ต.ค. 66", "การอยู่เกินกำหนด", "งานปราบปราม", "ราย", "๗"],
    ["พ.ย. 66", "การจับกุม", "งานปราบปราม", "ราย", 9],
]
BUDGET_GOOD: list[list[Any]] = [
    ["รายการ", "หมวดงบ", "งบประมาณทั้งปี", "เดือน", "แผนการใช้จ่าย", "ผลการใช้จ่าย"],
    ["ค่าตอบแทน", "งบดำเนินงาน", "120,000.00", "ต.ค. 66", "10,000", "9,500.50"],
    ["ค่าตอบแทน", "งบดำเนินงาน", "", "พ.ย. 66", "10,000", "10,200"],
    ["ค่าสาธารณูปโภค", "งบดำเนินงาน", "60,000", "ต.ค. 66", "5,000", "4,800"],
]
FUND_GOOD: list[list[Any]] = [
    ["ไตรมาส", "ได้รับจัดสรร", "ใช้จ่าย", "จำนวนคดี", "รายละเอียด"],
    ["1", "50,000", "32,000", "4", "สืบสวนขบวนการลักลอบ"],
    ["ไตรมาสที่ 2", "50,000", "41,250.75", "6", ""],
]


def enter_statistics(
    unit: Any, month: str = "2566-10", values: dict[str, int] | None = None
) -> None:
    """Series of immigration statistics with one month's figures."""
    from decimal import Decimal

    from prongsai.records.models import StatSeries
    from prongsai.records.services import stat_series_save, stat_values_set

    values = values or {"การจับกุม": 12, "การอยู่เกินกำหนด": 7}
    ids = {}
    for name in values:
        series = StatSeries.objects.filter(unit=unit, year=2567, name=name).first()
        if series is None:
            series = stat_series_save(actor="tests", unit=unit, year=2567, name=name, measure="ราย")
        ids[str(series.pk)] = Decimal(values[name])
    stat_values_set(actor="tests", unit=unit, year=2567, month=month, values=ids)


def publish_records(people: Any, tree: Any, kind: str, period: str, reason: str = "") -> list[Any]:
    """Publish a period of one record kind as the editor; the render tasks run at the commit."""
    from django.test import TestCase

    from prongsai.organizations.access import access_for
    from prongsai.publications.services import publication_publish
    from prongsai.records.document_kinds import series_name

    with TestCase.captureOnCommitCallbacks(execute=True):
        return publication_publish(
            actor=people.editor,
            access=access_for(people.editor, tree.unit),
            series=series_name(kind),
            year=2567,
            period=period,
            params={"unit": str(tree.unit.pk)},
            reason=reason,
        )


def content(response: Any) -> bytes:
    """The body of a plain or a streaming (file) response."""
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return bytes(response.content)


# --- route values (tests/route_values.py) ------------------------------------------------------
def _route_entry(w: Any) -> Any:
    from prongsai.measures.photos import prepare_photo
    from prongsai.records.models import OperationEntry
    from prongsai.records.services import operation_entry_save

    from ..measures.helpers import png_upload

    entry = OperationEntry.objects.filter(unit=w.tree.unit, year=2567).first()
    if entry is None:
        entry = operation_entry_save(
            actor="tests",
            unit=w.tree.unit,
            year=2567,
            month="2566-10",
            fields={"work_area": "งานบริการ", "activity": "บริการรับแจ้ง 90 วัน"},
            photos=[prepare_photo(png_upload())],
        )
    return entry


def route_entry_id(w: Any) -> Any:
    return _route_entry(w).pk


def route_op_photo_id(w: Any) -> Any:
    return _route_entry(w).photos.first().pk


def route_series_id(w: Any) -> Any:
    from prongsai.records.models import StatSeries

    enter_statistics(w.tree.unit)
    return StatSeries.objects.filter(unit=w.tree.unit, year=2567).first().pk  # type: ignore[union-attr]


def route_line_id(w: Any) -> Any:
    from decimal import Decimal

    from prongsai.records.models import BudgetLine
    from prongsai.records.services import budget_line_save

    line = BudgetLine.objects.filter(unit=w.tree.unit, year=2567).first()
    if line is None:
        line = budget_line_save(
            actor="tests", unit=w.tree.unit, year=2567, name="ค่าตอบแทน", planned=Decimal(1000)
        )
    return line.pk
