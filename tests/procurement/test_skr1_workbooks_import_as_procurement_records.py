"""The สขร.1 workbooks units keep (one sheet per month, merged headers, Thai digits, Thai dates,
an empty month) become procurement records; every month in the file is replaced."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from prongsai.procurement.importing import parse_procurement_file, procurement_import
from prongsai.procurement.models import Procurement

from .helpers import SK1_ROWS_JAN, record, sk1_workbook


@pytest.mark.django_db
def test_one_sheet_per_month_with_an_empty_month(tree: Any) -> None:
    old = record(tree.unit, month=dt.date(2024, 2, 1), title="เก่า")
    kept = record(tree.unit, month=dt.date(2023, 12, 1), title="ธันวาคม")
    data = sk1_workbook(
        ("ม.ค. 67", "มกราคม พ.ศ. ๒๕๖๗", SK1_ROWS_JAN),
        ("ก.พ. 67", "กุมภาพันธ์ พ.ศ. ๒๕๖๗", None),
    )
    result = parse_procurement_file(tree.unit, 2567, data, name="skr1-2567.xlsx")
    assert result.ok, [str(p) for p in result.problems]
    assert result.months == {dt.date(2024, 1, 1), dt.date(2024, 2, 1)}
    assert result.empty_months == {dt.date(2024, 2, 1)}
    procurement_import(actor="tests", unit=tree.unit, year=2567, result=result, source_bytes=data)

    assert not Procurement.objects.filter(pk=old.pk).exists()  # February is now empty
    assert Procurement.objects.filter(pk=kept.pk).exists()  # December was not in the file
    first, second = Procurement.objects.filter(month=dt.date(2024, 1, 1)).order_by("position")
    assert first.title == "จัดซื้อวัสดุสำนักงาน"
    assert first.budget == Decimal("25000.00") and first.reference_price == Decimal("24500.00")
    assert first.method == "specific"
    assert [(b.bidder, b.amount) for b in first.bids.all()] == [
        ("ร้านกาฬสินธุ์พาณิชย์", Decimal("24000.00")),
        ("หจก.อีสานซัพพลาย", Decimal("24800.00")),
    ]
    assert (first.supplier, first.agreed_price) == ("ร้านกาฬสินธุ์พาณิชย์", Decimal("24000.00"))
    assert (first.contract_number, first.contract_date) == ("12/2567", dt.date(2024, 1, 15))
    assert second.reference_price is None
    assert [(b.bidder, b.amount) for b in second.bids.all()] == [
        ("ร้านเย็นฉ่ำแอร์", Decimal("8000.00"))
    ]
    assert (second.contract_number, second.contract_date) == ("PO 13/2567", dt.date(2024, 1, 22))


@pytest.mark.django_db
def test_one_workbook_per_month_named_by_its_title(tree: Any) -> None:
    data = sk1_workbook(("Sheet1", "ตุลาคม ๒๕๖๖", SK1_ROWS_JAN[:1]))
    result = parse_procurement_file(tree.unit, 2567, data, name="report.xlsx")
    assert result.ok, [str(p) for p in result.problems]
    assert result.months == {dt.date(2023, 10, 1)}
    # The contract's date is January, but the sheet is October's summary.
    assert result.drafts[0].fields["month"] == dt.date(2023, 10, 1)


@pytest.mark.django_db
def test_a_single_contract_column_is_read_as_number_and_date(tree: Any) -> None:
    from openpyxl import Workbook

    from prongsai.procurement.layouts import SK1_HEADINGS

    from .helpers import workbook_bytes

    book = Workbook()
    sheet = book.active
    sheet.title = "มี.ค.67"
    sheet.append(list(SK1_HEADINGS))
    sheet.append([*SK1_ROWS_JAN[0][:8], "เลขที่ ๓๐/๒๕๖๗ ลงวันที่ ๕ มี.ค. ๒๕๖๗"])
    result = parse_procurement_file(tree.unit, 2567, workbook_bytes(book))
    assert result.ok, [str(p) for p in result.problems]
    fields = result.drafts[0].fields
    assert (fields["contract_number"], fields["contract_date"]) == ("30/2567", dt.date(2024, 3, 5))
