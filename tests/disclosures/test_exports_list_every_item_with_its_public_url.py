"""The OIT table as XLSX and CSV (one row per item with its public URLs), the print view and the
appeal pack for items the evaluator failed."""

from __future__ import annotations

import csv
import io
from typing import Any

from openpyxl import load_workbook

from prongsai.disclosures import services
from prongsai.disclosures.exports import appeal_pack_docx

from ..conftest import Personas
from ..documents.helpers import fetch_document
from .conftest import unit_url
from .helpers import PRIVATE_NOTE, add_link, add_png, review_all, work

# The address the test client comes in on (SITE_URL is not set: links follow the request).
BASE = "http://testserver/p/kalasin-immigration/2567/oit/"


def test_the_xlsx_has_one_row_per_item_with_the_public_urls(
    client: Any, people: Personas, assessment: Any
) -> None:
    link = add_link(assessment, "O4", url="https://line.me/R/ti/p/@kalasin")
    picture = add_png(assessment, "O4")
    client.force_login(people.viewer)
    fetched = fetch_document(client, unit_url("export_xlsx"))
    assert fetched.response["Content-Disposition"].startswith("attachment;")
    sheet = load_workbook(io.BytesIO(fetched.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 1 + 24
    codes = [row[0] for row in rows[1:]]
    assert codes == [f"O{n}" for n in range(1, 25)]
    by_code = {row[0]: row for row in rows[1:]}
    for code in codes:
        assert by_code[code][2] == f"{BASE}{code}/"
    assert by_code["O1"][1] == "โครงสร้าง อัตรากำลัง และข้อมูลผู้บริหาร"
    urls = by_code["O4"][3].split("\n")
    assert urls[0] == link.url
    assert urls[1] == f"http://testserver/p/files/{picture.file_id}/"


def test_the_csv_is_utf8_with_a_bom_for_excel(
    client: Any, people: Personas, assessment: Any
) -> None:
    client.force_login(people.editor)
    content = fetch_document(client, unit_url("export_csv")).content
    assert content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert len(rows) == 25
    assert rows[1][:3] == ["O1", "โครงสร้าง อัตรากำลัง และข้อมูลผู้บริหาร", f"{BASE}O1/"]


def test_the_print_view_lists_every_item(client: Any, people: Personas, assessment: Any) -> None:
    client.force_login(people.editor)
    html = client.get(unit_url("print")).content.decode()
    for n in range(1, 25):
        assert f"{BASE}O{n}/" in html


def test_the_appeal_pack_covers_failed_items(assessment: Any) -> None:
    from docx import Document

    link = add_link(assessment, "O14", url="https://www.kalasin.example.go.th/skr1")
    failed = review_all(
        services.work_submit(actor="tests", work=work(assessment, "O14")),
        "fail",
        action="return",
        comment="สขร.1 เดือนกุมภาพันธ์เผยแพร่หลังวันที่ 15",
        private_note=PRIVATE_NOTE,
    )
    services.work_save_clarification(actor="tests", work=failed, text="เว็บไซต์ขัดข้อง 11–18 มี.ค.")
    add_link(assessment, "O1")
    review_all(
        services.work_submit(actor="tests", work=work(assessment, "O1")), "pass", action="complete"
    )

    document = Document(io.BytesIO(appeal_pack_docx(assessment)))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "O14" in text and "O1 " not in text  # only the failed item
    assert "O14.1" in cells and "สขร.1 เดือนกุมภาพันธ์เผยแพร่หลังวันที่ 15" in cells
    assert link.url in text
    assert "เว็บไซต์ขัดข้อง 11–18 มี.ค." in text
    assert PRIVATE_NOTE not in text + cells


def test_the_links_page_has_copy_buttons(client: Any, people: Personas, assessment: Any) -> None:
    client.force_login(people.admin)
    html = client.get(unit_url("links")).content.decode()
    assert html.count('data-copy="http://testserver/p/kalasin-immigration/2567/oit/O') == 24
    assert f"O24\t{BASE}O24/" in html
