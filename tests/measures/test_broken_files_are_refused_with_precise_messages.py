"""A file with any problem imports nothing, and each problem names its table, row and column."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook, load_workbook

from prongsai.core.audit import AuditEntry
from prongsai.measures.exporting import WordTable, plan_xlsx, word_tables_docx
from prongsai.measures.importing import parse_plan_file, plan_import
from prongsai.measures.models import PlanRow

from .helpers import make_row

pytestmark = pytest.mark.usefixtures("english")

GOOD = ["๑. การปฏิบัติหน้าที่", "การให้บริการประชาชน", "จัดผู้ประชาสัมพันธ์", "แนวทาง", "Website", "๑ ม.ค.๖๗ ถึง ๓๑ มี.ค.๖๗", "ผบ.หมู่ งานอำนวยการ", "ทุกเดือน", "ดำเนินการเสร็จสิ้น"]  # fmt: skip


def _docx(*rows: list[str], header: bool = True) -> bytes:
    return word_tables_docx([WordTable(rows=[list(GOOD), *rows], header=header)])


def _messages(assessment: Any, data: bytes) -> list[str]:
    result = parse_plan_file(assessment, data)
    assert not result.ok
    entries = AuditEntry.objects.count()
    with pytest.raises(ValidationError):
        plan_import(actor="tests", assessment=assessment, result=result)
    assert not PlanRow.objects.exists()
    assert AuditEntry.objects.count() == entries
    return [str(p) for p in result.problems]


def test_a_table_without_its_header_row(assessment: Any) -> None:
    (message,) = _messages(assessment, _docx(header=False))
    assert message.startswith("Table 1, row 1: no header row (expected: ตัวชี้วัด | ")
    assert "ผลการดำเนินการ" in message


def test_a_header_missing_a_column(assessment: Any) -> None:
    document = word_tables_docx([WordTable(rows=[GOOD])])
    from docx import Document

    doc = Document(io.BytesIO(document))
    doc.tables[0].cell(0, 3).text = "หมายเหตุ"  # ผลผลิต replaced by something else
    out = io.BytesIO()
    doc.save(out)
    messages = _messages(assessment, out.getvalue())
    assert messages == [
        "Table 1, row 1, column “ผลผลิต”: this column is missing from the header row "
        "(expected: ตัวชี้วัด | ประเด็นที่ต้องเตรียมความพร้อม/ยกระดับ | กิจกรรมที่จะดำเนินการ | "
        "ผลผลิต | วิธีการสร้างการรับรู้ | ระยะเวลาแล้วเสร็จ | ผู้รับผิดชอบ | ระยะเวลากำกับติดตาม | "
        "ผลการดำเนินการ)"
    ]


def test_an_unknown_indicator(assessment: Any) -> None:
    bad = list(GOOD)
    bad[0] = "๑๒. การบริหารงาน"
    (message,) = _messages(assessment, _docx(bad))
    assert message.startswith("Table 1, row 3, column “ตัวชี้วัด”: unknown indicator 12")


def test_a_bad_date(assessment: Any) -> None:
    bad = list(GOOD)
    bad[5] = "๒ ก.พ.๒๕๖๗ ถึง ๓๐ ม.ย.๒๕๖๗"
    (message,) = _messages(assessment, _docx(bad))
    assert message == (
        "Table 1, row 3, column “ระยะเวลาแล้วเสร็จ”: cannot read “๓๐ ม.ย.๒๕๖๗” as a date "
        "(expected e.g. “1 ต.ค. 66” or “1 ตุลาคม 2566”)"
    )


def test_every_problem_is_listed_not_only_the_first(assessment: Any) -> None:
    bad_date, bad_indicator, no_activity = list(GOOD), list(GOOD), list(GOOD)
    bad_date[5] = "๓๑ ก.พ. ๖๗"
    bad_indicator[0] = "๔๔. อื่น ๆ"
    no_activity[2] = ""
    messages = _messages(assessment, _docx(bad_date, bad_indicator, no_activity))
    assert [m.split(":")[0] for m in messages] == [
        "Table 1, row 3, column “ระยะเวลาแล้วเสร็จ”",
        "Table 1, row 4, column “ตัวชี้วัด”",
        "Table 1, row 5, column “กิจกรรมที่จะดำเนินการ”",
    ]


def test_our_xlsx_with_an_unknown_status_user_and_item(assessment: Any) -> None:
    make_row(assessment)
    workbook = load_workbook(io.BytesIO(plan_xlsx(assessment)))
    sheet = workbook.worksheets[0]
    header = [c.value for c in sheet[1]]
    sheet.cell(2, header.index("ผลการดำเนินการ") + 1).value = "เกือบเสร็จ"
    sheet.cell(2, header.index("ผู้รับผิดชอบ (บัญชีผู้ใช้)") + 1).value = "nobody"
    sheet.cell(2, header.index("รายการ OIT") + 1).value = "O23, O99"
    out = io.BytesIO()
    workbook.save(out)
    PlanRow.objects.all().delete()
    messages = _messages(assessment, out.getvalue())
    sheet_name = f"Sheet “แผน {assessment.year}”"
    assert messages == [
        f"{sheet_name}, row 2, column “ผู้รับผิดชอบ (บัญชีผู้ใช้)”: “nobody” is not a member of this unit",
        f"{sheet_name}, row 2, column “ผลการดำเนินการ”: unknown status “เกือบเสร็จ” (expected one of: ยังไม่ดำเนินการ, อยู่ระหว่างดำเนินการ, ดำเนินการเสร็จสิ้น)",
        f"{sheet_name}, row 2, column “รายการ OIT”: unknown OIT item “O99” (this framework has O1–O24)",
    ]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"%PDF-1.7 not a plan", "not an Excel file (.xlsx) or a Word file (.docx)"),
        (b"PK\x03\x04broken zip", "not an Excel file (.xlsx) or a Word file (.docx)"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 old .doc", "old Office version"),
        (b"", "The file is empty."),
    ],
)
def test_files_that_are_not_word_or_excel(assessment: Any, data: bytes, expected: str) -> None:
    (message,) = _messages(assessment, data)
    assert expected in message


def test_an_excel_file_without_a_plan(assessment: Any) -> None:
    workbook = Workbook()
    workbook.active.append(["ชื่อ", "นามสกุล"])
    out = io.BytesIO()
    workbook.save(out)
    (message,) = _messages(assessment, out.getvalue())
    assert message.startswith("No table with the header row ตัวชี้วัด")


def test_messages_are_in_thai_for_thai_users(assessment: Any) -> None:
    from django.utils import translation

    bad = list(GOOD)
    bad[5] = "๒ ก.พ.๒๕๖๗ ถึง ๓๐ ม.ย.๒๕๖๗"
    with translation.override("th"):
        (message,) = _messages(assessment, _docx(bad))
    assert message == (
        "ตารางที่ 1 แถวที่ 3 คอลัมน์ “ระยะเวลาแล้วเสร็จ”: อ่าน “๓๐ ม.ย.๒๕๖๗” เป็นวันที่ไม่ได้ "
        "(ตัวอย่างที่ถูกต้อง: “1 ต.ค. 66” หรือ “1 ตุลาคม 2566”)"
    )


def test_an_issue_does_not_continue_into_another_indicator(assessment: Any) -> None:
    other = list(GOOD)
    other[0], other[1] = "๙. การเปิดเผยข้อมูล", ""
    (message,) = _messages(assessment, _docx(other))
    assert message.startswith(
        "Table 1, row 3, column “ประเด็นที่ต้องเตรียมความพร้อม/ยกระดับ”: the issue is empty"
    )
