"""A plan row stored with control characters (legacy data, or written straight into the
database) does not break the seed-shaped Word export."""

from __future__ import annotations

import io
from typing import Any

from docx import Document

from prongsai.measures.exporting import plan_docx
from prongsai.measures.models import PlanRow

from .helpers import make_row


def test_the_word_export_leaves_control_characters_out(assessment: Any) -> None:
    row = make_row(assessment)
    PlanRow.objects.filter(pk=row.pk).update(activity="ปรับปรุง\x1bเว็บไซต์", output="ข้อมูล\x02")
    document = Document(io.BytesIO(plan_docx(assessment)))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert "ปรับปรุงเว็บไซต์" in cells and "ข้อมูล" in cells
