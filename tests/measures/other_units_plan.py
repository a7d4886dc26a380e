"""A plan as another unit keeps it (the fixture of the header-matching tests).

Same nine columns as the seed, but four headers worded the unit's own way, one header with a
zero-width space and Thai numbering, a title row above the table, an extra budget column, and
OIT items given as ranges ("O1 ถึง O16").
"""

from __future__ import annotations

import io

from docx import Document

HEADERS = [
    "๑. ตัว\u200bชี้วัด",  # numbering and a zero-width space, as pasted from another document
    "ประเด็นที่ต้องพัฒนา/ปรับปรุง",  # the seed: ประเด็นที่ต้องเตรียมความพร้อม/ยกระดับ
    "มาตรการ/กิจกรรมที่ดำเนินการ",  # the seed: กิจกรรมที่จะดำเนินการ
    "ผลผลิต",
    "ช่องทางการเผยแพร่ประชาสัมพันธ์",  # the seed: วิธีการสร้างการรับรู้
    "ระยะเวลาดำเนินการ",
    "ผู้รับผิดชอบหลัก",  # the seed: ผู้รับผิดชอบ
    "ระยะเวลากำกับติดตาม",
    "ผลการดำเนินงาน",  # the seed: ผลการดำเนินการ
    "งบประมาณ (บาท)",  # not in the seed at all
]
ROWS = [
    [
        "๙. การเปิดเผยข้อมูล",
        "ปรับปรุงข้อมูลพื้นฐานบนเว็บไซต์",
        "ปรับปรุงข้อมูลบนเว็บไซต์ให้เป็นปัจจุบัน",
        "ข้อมูล OIT O๑ ถึง O๑๖ ครบถ้วน",
        "เว็บไซต์ และ Facebook",
        "๑ ม.ค. ๖๗ ถึง ๓๑ มี.ค. ๖๗",
        "ผบ.หมู่ งานอำนวยการ",
        "ทุกเดือน",
        "อยู่ระหว่างดำเนินการ",
        "๑๒,๕๐๐",
    ],
    [
        "",
        "",
        "จัดทำรายงานผลการจัดซื้อจัดจ้าง",
        "รายงานประจำเดือน (O12–O13)",
        "เว็บไซต์",
        "ภายใน ๓๐ ก.ย. ๖๗",
        "งานการเงิน",
        "ทุกเดือน",
        "",
        "-",
    ],
    [
        "๑๐. การป้องกันการทุจริต",
        "ส่งเสริมวัฒนธรรมองค์กร",
        "ประกาศเจตนารมณ์",
        "ประกาศ ๑ ฉบับ (O17-O18)",
        "Facebook",
        "๑ ต.ค. ๖๖",
        "หัวหน้าหน่วย",
        "ทุกไตรมาส",
        "ดำเนินการเสร็จสิ้น",
        "",
    ],
]


def other_units_plan_docx(headers: list[str] | None = None) -> bytes:
    document = Document()
    document.add_paragraph("แผนการขับเคลื่อนมาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปี ๒๕๖๗")
    head = headers or HEADERS
    table = document.add_table(rows=0, cols=len(head))
    for values in [head, *ROWS]:
        cells = table.add_row().cells
        for cell, text in zip(cells, values[: len(head)], strict=True):
            cell.text = text
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
