"""Text extraction: HTML (title, headings, main text), the product's own Thai PDF, DOCX, XLSX
(through the product's spreadsheet reader) and CSV, with Thai intact."""

from __future__ import annotations

import pytest

from prongsai.prechecks.extract import extract

from .helpers import docx, thai_pdf, xlsx


def test_a_thai_pdf_made_by_the_product_gives_back_its_headings() -> None:
    pdf = thai_pdf("รายงานผลการดำเนินการตามมาตรการ", "ประจำเดือนมีนาคม ๒๕๖๗ ผู้รับผิดชอบ งานอำนวยการ")
    extracted = extract(pdf, "application/pdf")
    assert extracted.kind == "pdf"
    assert "รายงานผลการดำเนินการตามมาตรการ" in extracted.headings
    assert "ประจำเดือนมีนาคม ๒๕๖๗" in extracted.text


def test_html_gives_title_headings_and_main_text_without_menus_or_scripts() -> None:
    html = (
        "<html><head><title>ข้อมูลผู้บริหาร</title><script>var x='ลับ';</script></head>"
        "<body><nav>เมนูหลัก</nav><main><h1>ผู้บริหาร</h1><p>พ.ต.อ. ทดสอบ</p></main></body></html>"
    ).encode()
    extracted = extract(html, "text/html; charset=utf-8")
    assert extracted.title == "ข้อมูลผู้บริหาร"
    assert extracted.headings == ["ผู้บริหาร"]
    assert "พ.ต.อ. ทดสอบ" in extracted.text
    assert "เมนูหลัก" not in extracted.text and "ลับ" not in extracted.text


@pytest.mark.django_db  # the shared writer stamps the audit head into the workbook
def test_word_excel_and_csv_give_their_thai_text() -> None:
    word = extract(docx(["ประจำเดือนตุลาคม 2566"], heading="คู่มือการปฏิบัติงาน"), "")
    assert word.kind == "docx" and word.headings == ["คู่มือการปฏิบัติงาน"]
    assert "ประจำเดือนตุลาคม 2566" in word.text
    sheet = extract(xlsx([["เดือน", "คดี"], ["ตุลาคม 2566", 12]]), "")
    assert sheet.kind == "xlsx" and "ตุลาคม 2566 12" in sheet.text
    csv = extract("เดือน,คดี\nพฤศจิกายน 2566,3\n".encode(), "text/csv")
    assert csv.kind == "csv" and "พฤศจิกายน 2566 3" in csv.text


def test_a_broken_file_is_reported_not_raised() -> None:
    assert extract(b"%PDF-1.4 broken", "application/pdf").problem
    assert extract(b"PK\x03\x04garbage", "").kind == "other"
