"""The official layouts, as data: the สขร.1 monthly summary's nine headings (the last over two
columns), the police ITA criteria's 16 fields, and the Thai wording of methods and stages.

This wording is the official forms' and does not follow the interface language.
"""

from __future__ import annotations

from decimal import Decimal

from .models import Category, Method, Stage

EMPTY_MONTH = "ไม่มีการจัดซื้อจัดจ้าง"

METHOD_TH: dict[str, str] = {
    Method.E_BIDDING.value: "ประกวดราคาอิเล็กทรอนิกส์ (e-bidding)",
    Method.E_MARKET.value: "ตลาดอิเล็กทรอนิกส์ (e-market)",
    Method.SELECTION.value: "คัดเลือก",
    Method.SPECIFIC.value: "เฉพาะเจาะจง",
}
STAGE_TH: dict[str, str] = {
    Stage.PLANNED.value: "อยู่ในแผนการจัดซื้อจัดจ้าง",
    Stage.IN_PROGRESS.value: "อยู่ระหว่างการจัดซื้อจัดจ้าง",
    Stage.NOT_SIGNED.value: "ยังไม่ได้ลงนามในสัญญา",
    Stage.IN_CONTRACT.value: "อยู่ระหว่างระยะสัญญา",
    Stage.COMPLETED.value: "สิ้นสุดระยะสัญญา",
    Stage.CANCELLED.value: "ยกเลิกการดำเนินการ",
}
CATEGORY_TH: dict[str, str] = {
    Category.GOODS.value: "ซื้อ",
    Category.WORKS.value: "จ้างก่อสร้าง",
    Category.SERVICES.value: "จ้าง",
}

# สขร.1: แบบสรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือน. The ninth heading spans two columns.
SK1_TITLE = "สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือน"
SK1_HEADINGS: tuple[str, ...] = (
    "ลำดับที่",
    "งานที่จัดซื้อหรือจัดจ้าง",
    "วงเงินที่จะซื้อหรือจ้าง",
    "ราคากลาง",
    "วิธีซื้อหรือจ้าง",
    "รายชื่อผู้เสนอราคาและราคาที่เสนอ",
    "ผู้ได้รับการคัดเลือกและราคาที่ตกลงซื้อหรือจ้าง",
    "เหตุผลที่คัดเลือกโดยสรุป",
    "เลขที่และวันที่ของสัญญาหรือข้อตกลง",
)
SK1_CONTRACT_SUBHEADINGS: tuple[str, str] = ("เลขที่", "วันที่")

# The police ITA criteria's sixteen fields, in their order.
POLICE_HEADINGS: tuple[str, ...] = (
    "ที่",
    "ปีงบประมาณ",
    "ชื่อหน่วยงาน",
    "อำเภอ",
    "จังหวัด",
    "กระทรวง",
    "ประเภทหน่วยงาน",
    "ชื่อรายการ",
    "วงเงินงบประมาณที่ได้รับจัดสรร",
    "แหล่งที่มาของงบประมาณ",
    "สถานะ",
    "วิธีการ",
    "ราคากลาง",
    "ราคาที่ตกลง",
    "ผู้ได้รับการคัดเลือก",
    "เลขที่โครงการ e-GP",
)

# O13: the procurement plan and the announcements of a quarter.
PLAN_TITLE = "แผนการจัดซื้อจัดจ้าง"
PLAN_HEADINGS: tuple[str, ...] = (
    "ลำดับที่",
    "รายการ",
    "วงเงินงบประมาณ (บาท)",
    "แหล่งที่มาของงบประมาณ",
    "วิธีการจัดหา",
    "คาดว่าจะจัดหาในเดือน",
    "วันที่ประกาศแผน",
    "เลขที่โครงการ e-GP",
)
ANNOUNCEMENT_TITLE = "ประกาศเชิญชวนและประกาศผลการจัดซื้อจัดจ้าง"
ANNOUNCEMENT_HEADINGS: tuple[str, ...] = (
    "ลำดับที่",
    "รายการ",
    "ประกาศ",
    "วันที่ประกาศ",
    "ผู้ได้รับการคัดเลือก",
    "ราคาที่ตกลง (บาท)",
)


def baht(amount: Decimal | None) -> str:
    """``Decimal("1234.5")`` → ``"1,234.50"`` ("" for none)."""
    return "" if amount is None else f"{amount:,.2f}"
