"""Rows written before the forms refused control characters (or straight into the database) do
not break the report: the DOCX and the PDF render, with the characters left out."""

from __future__ import annotations

import io
from typing import Any

from docx import Document

from prongsai.measures.models import PlanRow, ProgressUpdate
from prongsai.reports.builder import build_report
from prongsai.reports.rendering import render_report

from ..measures.helpers import add_update, make_row

ESC = "\x1b"


def _legacy_row(assessment: Any) -> PlanRow:
    row = make_row(assessment)
    update = add_update(row)
    # Written directly to the database, as a legacy row or an import of old data would be (the
    # forms and services refuse these characters now).
    ProgressUpdate.objects.filter(pk=update.pk).update(text="อัปเดต" + ESC + "ข้อมูล\x0e")
    PlanRow.objects.filter(pk=row.pk).update(
        activity="ปรับปรุง" + ESC + "[31mเว็บไซต์\x07", result_note="หมายเหตุ\x0b\x0c"
    )
    return row


def test_the_docx_report_renders_a_row_with_control_characters(assessment: Any) -> None:
    _legacy_row(assessment)
    content = render_report(build_report(assessment, round_=6), "docx")
    text = "\n".join(
        cell.text
        for table in Document(io.BytesIO(content)).tables
        for row in table.rows
        for cell in row.cells
    )
    assert "ปรับปรุง[31mเว็บไซต์" in text
    assert "อัปเดตข้อมูล" in text
    assert ESC not in text


def test_the_pdf_report_renders_a_row_with_control_characters(assessment: Any) -> None:
    _legacy_row(assessment)
    content = render_report(build_report(assessment, round_=6), "pdf")
    assert content.startswith(b"%PDF")
