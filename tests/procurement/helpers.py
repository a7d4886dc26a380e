from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

from prongsai.procurement import services
from prongsai.procurement.models import Method, Procurement, Stage
from prongsai.procurement.services import BidLine


def record(
    unit: Any, *, year: int = 2567, month: dt.date = dt.date(2024, 3, 1), **over: Any
) -> Procurement:
    fields: dict[str, Any] = {
        "month": month,
        "title": "จัดซื้อวัสดุสำนักงาน",
        "egp_number": "67039123456",
        "budget_source": "เงินงบประมาณ",
        "budget": Decimal("25000"),
        "reference_price": Decimal("24500"),
        "method": Method.SPECIFIC,
        "supplier": "ร้านกาฬสินธุ์พาณิชย์",
        "agreed_price": Decimal("24000"),
        "reason": "เป็นผู้มีอาชีพขายโดยตรงและเสนอราคาไม่เกินวงเงิน",
        "contract_number": "12/2567",
        "contract_date": dt.date(2024, 3, 15),
        "stage": Stage.IN_CONTRACT,
        "result_announced": dt.date(2024, 3, 14),
        **over,
    }
    bids = over.pop("bids", None) or [
        BidLine("ร้านกาฬสินธุ์พาณิชย์", Decimal("24000")),
        BidLine("หจก.อีสานซัพพลาย", Decimal("24800")),
    ]
    fields.pop("bids", None)
    return services.procurement_create(
        actor="tests", unit=unit, year=year, fields=fields, bids=bids
    )


def route_procurement_id(world: Any) -> Any:
    return record(world.tree.unit).pk


def workbook_bytes(book: Any) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


SK1_ROWS_JAN = [
    [
        "๑",
        "จัดซื้อวัสดุสำนักงาน",
        "๒๕,๐๐๐.๐๐",
        "24,500.00",
        "เฉพาะเจาะจง",
        "ร้านกาฬสินธุ์พาณิชย์ ราคาที่เสนอ ๒๔,๐๐๐.๐๐ บาท\nหจก.อีสานซัพพลาย ราคาที่เสนอ 24,800 บาท",
        "ร้านกาฬสินธุ์พาณิชย์ ราคาที่ตกลง ๒๔,๐๐๐.๐๐ บาท",
        "เสนอราคาต่ำสุดและคุณสมบัติครบ",
        "๑๒/๒๕๖๗",
        "๑๕ ม.ค. ๖๗",
    ],
    [
        "2",
        "จ้างซ่อมเครื่องปรับอากาศ",
        "8,500",
        "-",
        "วิธีเฉพาะเจาะจง",
        "ร้านเย็นฉ่ำแอร์\nราคาที่เสนอ 8,000.00 บาท",
        "ร้านเย็นฉ่ำแอร์ 8,000.00",
        "เป็นผู้มีอาชีพรับจ้างโดยตรง",
        "PO 13/2567",
        "22/01/2567",
    ],
]


def sk1_sheet(book: Any, title: str, month_text: str, rows: list[list[str]] | None) -> Any:
    """A สขร.1 sheet as units keep it: title rows, the nine headings (the last merged over
    เลขที่ / วันที่, the others merged over two rows), then the rows or "ไม่มีการจัดซื้อจัดจ้าง"."""
    from prongsai.procurement.layouts import SK1_HEADINGS

    sheet = book.create_sheet(title)
    sheet.append([f"สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือน {month_text}"])
    sheet.merge_cells("A1:J1")
    sheet.append(["ตรวจคนเข้าเมืองจังหวัดกาฬสินธุ์"])
    sheet.merge_cells("A2:J2")
    sheet.append([*SK1_HEADINGS, None])
    sheet.append([None] * 8 + ["เลขที่", "วันที่"])
    for column in "ABCDEFGH":
        sheet.merge_cells(f"{column}3:{column}4")
    sheet.merge_cells("I3:J3")
    if rows is None:
        sheet.append(["ไม่มีการจัดซื้อจัดจ้าง"])
        sheet.merge_cells("A5:J5")
    for row in rows or []:
        sheet.append(row)
    return sheet


def sk1_workbook(*sheets: tuple[str, str, list[list[str]] | None]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for title, month_text, rows in sheets:
        sk1_sheet(book, title, month_text, rows)
    return workbook_bytes(book)


def police_workbook(
    rows: list[list[Any]], *, title: str = "มี.ค. 67", headers: list[str] | None = None
) -> bytes:
    from openpyxl import Workbook

    from prongsai.procurement.layouts import POLICE_HEADINGS

    book = Workbook()
    sheet = book.active
    sheet.title = title
    sheet.append(list(headers or POLICE_HEADINGS))
    for row in rows:
        sheet.append(row)
    return workbook_bytes(book)


POLICE_ROW = [
    "1",
    "2567",
    "ตรวจคนเข้าเมืองจังหวัดกาฬสินธุ์",
    "เมืองกาฬสินธุ์",
    "กาฬสินธุ์",
    "สำนักนายกรัฐมนตรี",
    "ส่วนราชการ",
    "จัดซื้อหมึกพิมพ์",
    "๑๒,๐๐๐",
    "เงินงบประมาณ",
    "สิ้นสุดระยะสัญญา",
    "เฉพาะเจาะจง",
    "12,000.00",
    "11,500.00",
    "ร้านคอมพ์กาฬสินธุ์",
    "67039000111",
]


def publish_period(
    client: Any, unit: Any, period: str, *, reason: str = "", year: int = 2567
) -> Any:
    """Press "Publish" on the procurement page; the render tasks run at the commit."""
    from django.test import TestCase
    from django.urls import reverse

    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(
            reverse("procurement:publish", kwargs={"slug": unit.slug, "year": year}),
            {"period": period, "reason": reason},
        )


def public_file(
    client: Any, unit: Any, series: str, period: str, fmt: str, *, year: int = 2567
) -> Any:
    from django.urls import reverse

    return client.get(
        reverse(
            "publications:file",
            kwargs={
                "slug": unit.slug,
                "year": year,
                "series": series,
                "period": period,
                "fmt": fmt,
            },
        )
    )


def pdf_text(data: bytes, tmp_path: Any) -> str:
    import subprocess

    path = tmp_path / "document.pdf"
    path.write_bytes(data)
    return subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def content(response: Any) -> bytes:
    """The body of a file response (streamed)."""
    return b"".join(response.streaming_content)
