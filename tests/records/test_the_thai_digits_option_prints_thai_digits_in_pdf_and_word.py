"""The unit's admin ticks "Thai digits" in the records' publication settings: from then on the
human-readable documents of every record kind — O6, O10, O11, O12 and procurement's O13, O14 —
print ๐–๙ in the PDF (read back with pdftotext) and the Word file, while the machine-readable
files (CSV, XLSX, JSON, OCDS) keep Arabic digits and numeric cells. Web addresses printed in a
document and the audit head (a code compared with the audit log) keep their digits."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import subprocess
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client, TestCase
from django.urls import reverse

from prongsai.records import services

from ..procurement.helpers import record
from .helpers import content, enter_statistics, publish_records

ARABIC = re.compile(r"[0-9]")


def _pdf_text(data: bytes, tmp_path: Any) -> str:
    path = tmp_path / "document.pdf"
    path.write_bytes(data)
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def _reader_text(text: str) -> str:
    """What a reader sees, without the addresses and the audit head's line."""
    lines = [line for line in text.splitlines() if "#" not in line]
    return re.sub(r"https?://\S+", "", "\n".join(lines))


def _fetch(public: Client, series: str, period: str, fmt: str) -> bytes:
    response = public.get(f"/p/kalasin-immigration/2567/data/{series}/{period}.{fmt}")
    assert response.status_code == 200, (series, period, fmt)
    return content(response)


def _enter_everything(tree: Any) -> None:
    unit = tree.unit
    enter_statistics(unit, values={"การจับกุม": 12, "การอยู่เกินกำหนด": 7})
    services.operation_entry_save(
        actor="tests",
        unit=unit,
        year=2567,
        month="2566-10",
        fields={"work_area": "งานบริการ", "activity": "บริการรับแจ้ง 90 วัน", "details": "210 ราย"},
    )
    line = services.budget_line_save(
        actor="tests", unit=unit, year=2567, name="ค่าตอบแทน", planned=Decimal("120000")
    )
    services.budget_month_set(
        actor="tests",
        unit=unit,
        year=2567,
        month="2566-10",
        values={str(line.pk): (Decimal("10000"), Decimal("9500.50"))},
    )
    services.fund_quarter_set(
        actor="tests",
        unit=unit,
        year=2567,
        quarter="q1",
        allocated=Decimal("50000"),
        spent=Decimal("32000"),
        cases=4,
    )
    record(unit, month=dt.date(2023, 10, 1), contract_date=dt.date(2023, 10, 16))


def _publish_all(client: Any, people: Any, tree: Any) -> None:
    for kind, period in (
        ("operations", "2566-10"),
        ("statistics", "2566-10"),
        ("budget", "2566-10"),
        ("fund", "q1"),
    ):
        publish_records(people, tree, kind, period)
    for period in ("2566-10", "q1"):
        with TestCase.captureOnCommitCallbacks(execute=True):
            response = client.post(
                reverse("procurement:publish", kwargs={"slug": tree.unit.slug, "year": 2567}),
                {"period": period, "reason": ""},
            )
        assert response.status_code == 302


PDFS = (
    ("operations-report", "2566-10"),
    ("statistics", "2566-10"),
    ("budget-report", "2566-10"),
    ("investigation-fund", "q1"),
    ("procurement-summary", "2566-10"),
    ("procurement-16-fields", "2566-10"),
    ("procurement-plan", "q1"),
)


@pytest.mark.django_db
def test_the_thai_digits_option(client: Any, people: Any, tree: Any, tmp_path: Any) -> None:
    client.force_login(people.admin)
    index = reverse("records:index", kwargs={"slug": tree.unit.slug, "year": 2567})
    page = client.get(index).content.decode()
    assert 'name="thai_digits"' in page
    response = client.post(
        reverse("records:settings", kwargs={"slug": tree.unit.slug, "year": 2567}),
        {"due_day": "15", "thai_digits": "on"},
    )
    assert response.status_code == 302
    assert re.search(r'name="thai_digits"[^>]*checked', client.get(index).content.decode())

    _enter_everything(tree)
    _publish_all(client, people, tree)
    public = Client()

    texts = {}
    for series, period in PDFS:
        text = _pdf_text(_fetch(public, series, period, "pdf"), tmp_path)
        seen = _reader_text(text)
        assert not ARABIC.findall(seen), (series, sorted(set(ARABIC.findall(seen))), seen[:600])
        texts[series] = "".join(text.split())
    assert "ตุลาคม๒๕๖๖" in texts["statistics"] and "๑๒" in texts["statistics"]
    assert "ต.ค.๖๖" in texts["statistics"]  # the chart's and the table's month
    assert "๙,๕๐๐.๕๐" in texts["budget-report"] and "๑๒๐,๐๐๐.๐๐" in texts["budget-report"]
    assert "๕๐,๐๐๐.๐๐" in texts["investigation-fund"]
    assert "๒๕,๐๐๐.๐๐" in texts["procurement-summary"]
    assert "ตุลาคมพ.ศ.๒๕๖๖" in texts["procurement-summary"]
    assert "๖๗๐๓๙๑๒๓๔๕๖" in texts["procurement-16-fields"]
    assert "๒๕,๐๐๐.๐๐" in texts["procurement-plan"]

    from docx import Document

    word = Document(io.BytesIO(_fetch(public, "operations-report", "2566-10", "docx")))
    paragraphs = [p.text for p in word.paragraphs]
    cells = [c.text for table in word.tables for row in table.rows for c in row.cells]
    body = "\n".join([*paragraphs, *cells])
    assert "บริการรับแจ้ง ๙๐ วัน" in body and "๒๑๐ ราย" in body and "๒๕๖๗" in body
    assert not ARABIC.findall(_reader_text(body)), body

    # The machine-readable files keep Arabic digits and numbers.
    stats = json.loads(_fetch(public, "statistics", "2566-10", "json"))
    assert stats["records"][0]["value"] == "12.00" and stats["fiscal_year"] == 2567
    rows = list(
        csv.reader(
            io.StringIO(_fetch(public, "budget-report", "2566-10", "csv").decode("utf-8-sig"))
        )
    )
    assert "9500.50" in rows[1]
    summary = json.loads(_fetch(public, "procurement-summary", "2566-10", "json"))
    assert summary["records"][0]["budget"] == 25000.0
    ocds = json.loads(_fetch(public, "procurement-ocds", "2566-10", "json"))
    assert "๐" not in json.dumps(ocds, ensure_ascii=False)
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(_fetch(public, "procurement-16-fields", "2566-10", "xlsx")))
    sheet = book.worksheets[0]
    assert sheet["I2"].value == 25000 and sheet["I2"].data_type == "n"
    stats_book = load_workbook(io.BytesIO(_fetch(public, "statistics", "2566-10", "xlsx")))
    assert "๑" not in repr([c.value for row in stats_book.worksheets[0].iter_rows() for c in row])


@pytest.mark.django_db
def test_without_the_option_the_documents_keep_arabic_digits(
    client: Any, people: Any, tree: Any, tmp_path: Any
) -> None:
    client.force_login(people.admin)
    _enter_everything(tree)
    _publish_all(client, people, tree)
    public = Client()
    for series, period in PDFS:
        text = _pdf_text(_fetch(public, series, period, "pdf"), tmp_path)
        text = text.replace("แบบ สขร. ๑", "")  # the official form's name is written so
        assert not re.findall("[๐-๙]", text), series
    assert "ตุลาคม 2566" in _pdf_text(_fetch(public, "statistics", "2566-10", "pdf"), tmp_path)


@pytest.mark.django_db
def test_only_the_units_admin_changes_the_option(client: Any, people: Any, tree: Any) -> None:
    client.force_login(people.editor)
    response = client.post(
        reverse("records:settings", kwargs={"slug": tree.unit.slug, "year": 2567}),
        {"due_day": "15", "thai_digits": "on"},
    )
    assert response.status_code in (403, 404)
    from prongsai.records.selectors import thai_digits

    assert thai_digits(tree.unit) is False
