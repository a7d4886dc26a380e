"""A clarification or an evaluator's comment stored with control characters (before the forms
refused them, or written straight into the database) does not break the appeal pack."""

from __future__ import annotations

import io
from typing import Any

from docx import Document

from prongsai.disclosures import services
from prongsai.disclosures.exports import appeal_pack_docx
from prongsai.disclosures.models import ItemWork

from .helpers import add_link, review_all, work


def test_the_appeal_pack_leaves_control_characters_out(assessment: Any) -> None:
    add_link(assessment, "O14", url="https://www.kalasin.example.go.th/skr1")
    failed = review_all(
        services.work_submit(actor="tests", work=work(assessment, "O14")),
        "fail",
        action="return",
        comment="ยังไม่ครบ",
    )
    ItemWork.objects.filter(pk=failed.pk).update(
        clarification_text="เว็บไซต์\x1bขัดข้อง\x0e", review_comment="ความเห็น\x08ผู้ประเมิน"
    )
    text = "\n".join(p.text for p in Document(io.BytesIO(appeal_pack_docx(assessment))).paragraphs)
    assert "เว็บไซต์ขัดข้อง" in text and "ความเห็นผู้ประเมิน" in text
