"""A Word file shaped like the seed report's measures tables imports: several tables, tables that
continue over a page without a header, blank or merged indicator/issue cells that continue the
row above, Thai digits and Thai dates, OIT items named in the text."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from docx import Document

from prongsai.demo.measures import seed_docx
from prongsai.demo.seed_rows import SEED_TABLES, seed_rows
from prongsai.measures.exporting import WordTable, word_tables_docx
from prongsai.measures.importing import parse_plan_file, plan_import
from prongsai.measures.importing.plan_table import REQUIRED, header_text
from prongsai.measures.models import PlanRow

pytestmark = pytest.mark.usefixtures("english")

HEADER = [header_text(k) for k in REQUIRED]


def test_the_seed_tables_import_row_for_row(assessment: Any) -> None:
    result = parse_plan_file(assessment, seed_docx())
    assert result.ok, [str(p) for p in result.problems]
    assert result.kind == "docx"
    assert result.tables_used == len(SEED_TABLES)
    assert [d.activity for d in result.drafts] == [r.activity for r in seed_rows()]
    rows = plan_import(actor="tests", assessment=assessment, result=result)
    assert len(rows) == len(seed_rows()) == PlanRow.objects.filter(assessment=assessment).count()


def test_blank_cells_continue_the_row_above_even_across_tables(assessment: Any) -> None:
    drafts = parse_plan_file(assessment, seed_docx()).drafts
    by_activity = {d.activity: d for d in drafts}
    # "จัดให้มีคำสั่งแต่งตั้งผู้ตรวจสอบภายใน": blank indicator and issue in the seed.
    internal_audit = by_activity["จัดให้มีคำสั่งแต่งตั้งผู้ตรวจสอบภายใน"]
    assert internal_audit.indicator == "2"
    assert internal_audit.issue == "นำมาตรการควบคุมภายในมาใช้ปฏิบัติงาน"
    # The O5 row opens a table without a header and without an indicator: it continues 9.
    o5 = next(d for d in drafts if d.issue.startswith("จัดเตรียมข้อมูล ๕."))
    assert o5.indicator == "9"
    assert o5.oit_items == ["O6"]  # the seed's own output column says "ข้อมูล OIT O๖"


def test_thai_dates_cadences_results_and_oit_items_are_read(assessment: Any) -> None:
    drafts = parse_plan_file(assessment, seed_docx()).drafts
    first = drafts[0]
    assert (first.period_start, first.period_end, first.period_text) == (None, None, "ทุกวัน")
    assert first.channels == ["website", "facebook"]
    assert first.cadence == "weekly"
    assert first.status == "done"
    second = drafts[1]
    assert (second.period_start, second.period_end) == (dt.date(2023, 10, 1), dt.date(2024, 3, 31))
    assert second.cadence == "event"
    assert second.cadence_text.startswith("ทุกครั้งที่สำนักงานตำรวจแห่งชาติ")
    assert second.responsible_positions == [
        "งานอำนวยความสะดวก",
        "งานสืบสวนปราบปราม",
        "งานบริการคนต่างด้าว",
    ]
    o18 = next(d for d in drafts if "๑๘." in d.issue)
    assert o18.oit_items == ["O18"]  # "ข้อมูล OIT ๐๑๘": a Thai zero for the letter O
    assert any(
        w.message.startswith("indicator 9 links OIT items of another indicator")
        for w in parse_plan_file(assessment, seed_docx()).warnings
    )


def _merged_docx() -> bytes:
    """Indicator and issue cells merged vertically over two rows, as Word users do."""
    document = Document()
    table = document.add_table(rows=3, cols=len(HEADER))
    for cell, text in zip(table.rows[0].cells, HEADER, strict=True):
        cell.text = text
    values = [
        [
            "๙. การเปิดเผยข้อมูล",
            "จัดเตรียมข้อมูล O๑",
            "ปรับปรุงข้อมูลผู้บริหาร",
            "ข้อมูล OIT O๑",
            "Website",
            "๑ ม.ค. ๖๗ ถึง ๓๑ มี.ค. ๖๗",
            "ผบ.หมู่ งานอำนวยการ",
            "ทุกเดือน",
            "ดำเนินการเสร็จสิ้น",
        ],
        [
            "",
            "",
            "ปรับปรุงแผนผังโครงสร้าง",
            "ข้อมูล OIT O๑",
            "Website",
            "๑ ม.ค. ๖๗ ถึง ๓๑ มี.ค. ๖๗",
            "ผบ.หมู่ งานอำนวยการ",
            "ทุกเดือน",
            "",
        ],
    ]
    for row, texts in zip(table.rows[1:], values, strict=True):
        for cell, text in zip(row.cells, texts, strict=True):
            cell.text = text
    table.cell(1, 0).merge(table.cell(2, 0))
    table.cell(1, 1).merge(table.cell(2, 1))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_vertically_merged_cells_continue(assessment: Any) -> None:
    result = parse_plan_file(assessment, _merged_docx())
    assert result.ok, [str(p) for p in result.problems]
    assert [(d.indicator, d.issue) for d in result.drafts] == [("9", "จัดเตรียมข้อมูล O๑")] * 2
    assert [d.status for d in result.drafts] == ["done", "not_started"]


def test_a_section_row_sets_the_indicator_and_other_tables_are_skipped(assessment: Any) -> None:
    data = word_tables_docx(
        [
            WordTable(
                rows=[
                    ["ตัวชี้วัดที่ ๗ ประสิทธิภาพการสื่อสาร", "", "", "", "", "", "", "", ""],
                    [
                        "",
                        "เพิ่มช่องทางสื่อ",
                        "เพิ่ม LINE OA",
                        "๑ บัญชี",
                        "LINE",
                        "ภายใน ๓๑ มี.ค. ๖๗",
                        "ผบ.หมู่ งานอำนวยการ",
                        "ทุกเดือน",
                        "",
                    ],
                ]
            ),
        ]
    )
    document = Document(io.BytesIO(data))
    signature = document.add_table(rows=1, cols=2)
    signature.cell(0, 0).text = "ลงชื่อ"
    out = io.BytesIO()
    document.save(out)
    result = parse_plan_file(assessment, out.getvalue())
    assert result.ok, [str(p) for p in result.problems]
    (draft,) = result.drafts
    assert draft.indicator == "7"
    assert draft.channels == ["line"]
    assert draft.period_end == dt.date(2024, 3, 31)
    assert any("not a measures table" in w.message for w in result.warnings)
