"""Building OIT data for tests through the same services the application uses."""

from __future__ import annotations

import io
import zipfile
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from prongsai.disclosures import services
from prongsai.disclosures.models import Evidence, ItemWork
from prongsai.frameworks.models import Item

PRIVATE_NOTE = "บันทึกลับของผู้ประเมิน-7f3a9c: ตรวจกับเว็บไซต์จริงแล้วไม่พบไฟล์"


def png_bytes(size: tuple[int, int] = (8, 8)) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, (29, 78, 137)).save(buffer, format="PNG")
    return buffer.getvalue()


def pdf_bytes(text: str = "OIT evidence") -> bytes:
    """A minimal valid one-page PDF."""
    content = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def docx_bytes() -> bytes:
    from docx import Document

    buffer = io.BytesIO()
    document = Document()
    document.add_paragraph("รายงานผลการปฏิบัติราชการประจำเดือน")
    document.save(buffer)
    return buffer.getvalue()


def xlsx_bytes() -> bytes:
    from openpyxl import Workbook

    buffer = io.BytesIO()
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["เดือน", "จำนวนคดี"])
    sheet.append(["ต.ค. 2566", 4])
    workbook.save(buffer)
    return buffer.getvalue()


def plain_zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "not an office document")
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type: str = "application/octet-stream") -> Any:
    return SimpleUploadedFile(name, content, content_type=content_type)


def item(assessment: Any, code: str) -> Item:
    return Item.objects.get(framework=assessment.framework, code=code)


def add_link(assessment: Any, code: str, actor: Any = "tests", **kwargs: Any) -> Evidence:
    kwargs.setdefault("title", f"เอกสาร {code}")
    kwargs.setdefault("url", f"https://www.kalasinimmigration.example.go.th/oit/{code.lower()}")
    return services.evidence_add_link(
        actor=actor, assessment=assessment, item=item(assessment, code), **kwargs
    )


def add_page(assessment: Any, code: str, actor: Any = "tests", **kwargs: Any) -> Evidence:
    kwargs.setdefault("title", f"หน้าข้อมูล {code}")
    kwargs.setdefault("body_html", f"<h2>ข้อมูล {code}</h2><p>เนื้อหาที่เผยแพร่</p>")
    return services.evidence_add_page(
        actor=actor, assessment=assessment, item=item(assessment, code), **kwargs
    )


def add_png(assessment: Any, code: str, actor: Any = "tests", **kwargs: Any) -> Evidence:
    return services.evidence_add_file(
        actor=actor,
        assessment=assessment,
        item=item(assessment, code),
        upload=upload("chart.png", png_bytes(), "image/png"),
        **kwargs,
    )


def work(assessment: Any, code: str) -> ItemWork:
    return ItemWork.objects.get(assessment=assessment, item__code=code)


def review_all(
    work_: ItemWork,
    result: str,
    *,
    action: str,
    comment: str = "",
    private_note: str = "",
    actor: Any = "tests",
    confirm_fail: bool = True,
) -> ItemWork:
    """The evaluator gives every criterion of the item the same result (and, completing a fail,
    ticks the confirmation box unless ``confirm_fail=False``)."""
    return services.review_save(
        actor=actor,
        work=work_,
        criteria={
            c.code: services.CriterionReviewInput(
                result=result, comment=comment, private_note=private_note
            )
            for c in work_.item.criteria.all()
        },
        comment=comment,
        private_note=private_note,
        action=action,
        confirm_fail=confirm_fail,
    )


# Builders for tests/route_values.py -------------------------------------------------------
def route_evidence_id(world: Any) -> Any:
    """A published page on O1 (the ``code`` builder's item)."""
    return add_page(world.assessment, "O1").pk


def route_stored_file_id(world: Any) -> Any:
    return add_png(world.assessment, "O1").file_id
