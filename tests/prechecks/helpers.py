"""Evidence files made by the tests: HTML pages, the product's own Thai PDF, DOCX and XLSX."""

from __future__ import annotations

import io
from typing import Any

from prongsai.disclosures import services
from prongsai.frameworks.models import Item

from .server import Reply

MONTHS_H1 = [
    "ตุลาคม 2566",
    "พฤศจิกายน 2566",
    "ธันวาคม 2566",
    "มกราคม 2567",
    "กุมภาพันธ์ 2567",
    "มีนาคม 2567",
]


def page(title: str, body: str, heading: str | None = None) -> Reply:
    html = (
        f"<!doctype html><html><head><title>{title}</title></head><body>"
        f"<nav>เมนู หน้าแรก</nav><main><h1>{heading or title}</h1>{body}</main></body></html>"
    )
    return Reply(html.encode())


def monthly_report(months: list[str]) -> Reply:
    rows = "".join(
        f"<tr><td>{m}</td><td>โครงการตรวจคนต่างด้าว</td><td>รายละเอียดกิจกรรม</td><td>ระยะเวลา 1 เดือน</td><td>ส่วนงานที่รับผิดชอบ งานอำนวยการ</td></tr>"
        for m in months
    )
    return page(
        "รายงานผลการปฏิบัติราชการประจำเดือน",
        f"<p>รายงานผลการปฏิบัติราชการประจำเดือน ปีงบประมาณ พ.ศ. 2567</p><table>{rows}</table>",
    )


def thai_pdf(heading: str, text: str) -> bytes:
    from prongsai.core.pdf import FONT_FAMILY, html_to_pdf

    return html_to_pdf(
        f"<html><body><h1>{heading}</h1><p>{text}</p></body></html>",
        f'body {{ font-family: "{FONT_FAMILY}"; }}',
    )


def docx(paragraphs: list[str], heading: str = "") -> bytes:
    from docx import Document

    document = Document()
    if heading:
        document.add_heading(heading, level=1)
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx(rows: list[list[Any]]) -> bytes:
    from prongsai.spreadsheets.writer import append_row, new_sheet, new_workbook, workbook_bytes

    book = new_workbook()
    sheet = new_sheet(book, "ข้อมูล")
    for row in rows:
        append_row(sheet, row)
    return workbook_bytes(book)


PDF_TYPE = "application/pdf"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def add_link(assessment: Any, code: str, url: str, title: str = "หลักฐาน") -> Any:
    item = Item.objects.get(framework=assessment.framework, code=code)
    return services.evidence_add_link(
        actor="tests", assessment=assessment, item=item, title=title, url=url
    )
