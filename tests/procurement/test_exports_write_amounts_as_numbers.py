"""Procurement amounts — budget, reference price, the bidders' offers, the agreed price — are
numbers in every CSV and XLSX file: numeric cells with a number format in the workbooks (a sum
in Excel adds them up), plain decimals ("25000.00") in the CSV files, both in the published
documents (สขร.1, 16 fields, the quarter's plan) and in ``records_export --kind procurement``."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from openpyxl import load_workbook

from .helpers import content, public_file, publish_period, record


def _number_cell(cell: Any, expected: float) -> None:
    assert cell.data_type == "n" and cell.value == expected, (cell.coordinate, cell.value)
    assert cell.number_format == "#,##0.00", (cell.coordinate, cell.number_format)


def _csv(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


@pytest.mark.django_db
def test_published_files_write_amounts_as_numbers(client: Any, people: Any, tree: Any) -> None:
    record(tree.unit, month=dt.date(2023, 11, 1), plan_announced=dt.date(2023, 11, 2),
           result_announced=dt.date(2023, 11, 20), contract_date=dt.date(2023, 11, 21))  # fmt: skip
    client.force_login(people.editor)
    assert publish_period(client, tree.unit, "2566-11").status_code == 302
    assert publish_period(client, tree.unit, "q1").status_code == 302
    public = Client()

    def fetch(series: str, period: str, fmt: str) -> bytes:
        response = public_file(public, tree.unit, series, period, fmt)
        assert response.status_code == 200, (series, fmt)
        return content(response)

    sk1 = load_workbook(io.BytesIO(fetch("procurement-summary", "2566-11", "xlsx"))).worksheets[0]
    _number_cell(sk1["C5"], 25000)
    _number_cell(sk1["D5"], 24500)
    police = load_workbook(
        io.BytesIO(fetch("procurement-16-fields", "2566-11", "xlsx"))
    ).worksheets[0]
    for coordinate, amount in (("I2", 25000), ("M2", 24500), ("N2", 24000)):
        _number_cell(police[coordinate], amount)
    plan = load_workbook(io.BytesIO(fetch("procurement-plan", "q1", "xlsx")))
    _number_cell(plan.worksheets[0]["C4"], 25000)
    announcements = plan.worksheets[1]
    winners = [row for row in announcements.iter_rows(min_row=3) if row[5].value is not None]
    assert winners
    for row in winners:
        _number_cell(row[5], 24000)

    assert _csv(fetch("procurement-summary", "2566-11", "csv"))[1][2:4] == ["25000.00", "24500.00"]
    police_row = _csv(fetch("procurement-16-fields", "2566-11", "csv"))[1]
    assert [police_row[i] for i in (8, 12, 13)] == ["25000.00", "24500.00", "24000.00"]
    assert _csv(fetch("procurement-plan", "q1", "csv"))[1][2] == "25000.00"


@pytest.mark.django_db
def test_records_export_writes_amounts_and_offers_as_numbers(tree: Any, tmp_path: Any) -> None:
    record(tree.unit, month=dt.date(2023, 11, 1), reference_price=Decimal("24500.50"))
    out = StringIO()
    call_command("records_export", "--unit", tree.unit.slug, "--year", "2567", "--kind",
                 "procurement", "--format", "csv", stdout=out)  # fmt: skip
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert len(rows) == 1
    row = rows[0]
    assert row["budget"] == "25000.00" and row["reference_price"] == "24500.50"
    assert row["agreed_price"] == "24000.00"
    assert (row["bid_1_bidder"], row["bid_1_amount"]) == ("ร้านกาฬสินธุ์พาณิชย์", "24000.00")
    assert (row["bid_2_bidder"], row["bid_2_amount"]) == ("หจก.อีสานซัพพลาย", "24800.00")

    path = tmp_path / "procurement.xlsx"
    call_command("records_export", "--unit", tree.unit.slug, "--year", "2567", "--kind",
                 "procurement", "--format", "xlsx", "--output", str(path))  # fmt: skip
    sheet = load_workbook(path).worksheets[0]
    header = [c.value for c in sheet[1]]
    for name, amount in (("budget", 25000), ("reference_price", 24500.5), ("agreed_price", 24000),
                         ("bid_1_amount", 24000), ("bid_2_amount", 24800)):  # fmt: skip
        _number_cell(sheet.cell(row=2, column=header.index(name) + 1), amount)

    out = StringIO()
    call_command("records_export", "--unit", tree.unit.slug, "--year", "2567", "--kind",
                 "procurement", "--format", "json", stdout=out)  # fmt: skip
    import json

    item = json.loads(out.getvalue())[0]
    assert item["budget"] == 25000.0
    assert item["bids"][1] == {"bidder": "หจก.อีสานซัพพลาย", "amount": 24800.0}
