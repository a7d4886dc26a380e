"""Demo step: the Kalasin unit's open-data records for October 2566 – March 2567 — the monthly
operations report (O6), immigration statistics (O10: arrests, overstays, visa extensions,
90-day notifications), budget spending (O11) and the investigation fund (O12, first two
quarters) — each entered and published by the unit's editor on the 10th of the following month
(on time), so the public O6/O10/O11/O12 item pages list the months in PDF and a machine-readable
format. Idempotent: a unit that already has records is left as it is."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from prongsai.organizations.access import access_for
from prongsai.publications.services import publication_publish
from prongsai.records import services
from prongsai.records.document_kinds import series_name
from prongsai.records.models import StatSeries
from prongsai.records.periods import month_first_day

from .clock import demo_day

if TYPE_CHECKING:
    from prongsai.demo.context import DemoContext

YEAR = 2567
MONTHS = ["2566-10", "2566-11", "2566-12", "2567-01", "2567-02", "2567-03"]

OPERATIONS = [  # (work area, activity, details, period, section) — one list per month
    [
        ("งานตรวจคนเข้าเมือง", "ตรวจสถานประกอบการที่พักอาศัยคนต่างด้าว", "ตรวจสถานประกอบการ 14 แห่ง พบคนต่างด้าวไม่แจ้งที่พัก 3 ราย ดำเนินการตามกฎหมาย", "2–27 ต.ค. 66", "งานสืบสวนและปราบปราม"),
        ("งานบริการ", "บริการรับแจ้งที่พักอาศัยเกิน 90 วัน", "ให้บริการรับแจ้ง 212 ราย ผ่านระบบออนไลน์ 131 ราย", "ตลอดเดือน", "งานบริการคนต่างด้าว"),
        ("งานส่งเสริมคุณธรรม", "ประชุมชี้แจงมาตรการป้องกันการรับสินบน", "ชี้แจงข้าราชการตำรวจทุกนาย 12 นาย", "16 ต.ค. 66", "ฝ่ายอำนวยการ"),
    ],
    [
        ("งานตรวจคนเข้าเมือง", "ตรวจสอบแรงงานต่างด้าวร่วมกับจัดหางานจังหวัด", "ตรวจ 6 สถานประกอบการ จับกุม 2 ราย", "8–23 พ.ย. 66", "งานสืบสวนและปราบปราม"),
        ("งานบริการ", "หน่วยบริการเคลื่อนที่ อ.กุฉินารายณ์", "ให้บริการต่ออายุและแจ้งที่พัก 38 ราย", "18 พ.ย. 66", "งานบริการคนต่างด้าว"),
    ],
    [
        ("งานบริการ", "บริการรับแจ้งที่พักอาศัยเกิน 90 วัน", "ให้บริการรับแจ้ง 198 ราย", "ตลอดเดือน", "งานบริการคนต่างด้าว"),
        ("งานส่งเสริมคุณธรรม", "กิจกรรม No Gift Policy ช่วงปีใหม่", "ประกาศเจตนารมณ์ และประชาสัมพันธ์ผ่านเพจของหน่วยงาน", "15–31 ธ.ค. 66", "ฝ่ายอำนวยการ"),
    ],
    [
        ("งานตรวจคนเข้าเมือง", "ตรวจสถานประกอบการที่พักอาศัยคนต่างด้าว", "ตรวจ 11 แห่ง ไม่พบการกระทำผิด", "5–26 ม.ค. 67", "งานสืบสวนและปราบปราม"),
        ("งานบริการ", "สำรวจความพึงพอใจผู้รับบริการ", "ผู้ตอบแบบสำรวจ 146 ราย พึงพอใจมากขึ้นไปร้อยละ 91.8", "ตลอดเดือน", "งานบริการคนต่างด้าว"),
    ],
    [
        ("งานตรวจคนเข้าเมือง", "ปฏิบัติการตรวจค้นร่วมกับตำรวจภูธรจังหวัด", "จับกุมคนต่างด้าวอยู่เกินกำหนด 4 ราย", "12–14 ก.พ. 67", "งานสืบสวนและปราบปราม"),
        ("งานบริการ", "บริการรับแจ้งที่พักอาศัยเกิน 90 วัน", "ให้บริการรับแจ้ง 205 ราย", "ตลอดเดือน", "งานบริการคนต่างด้าว"),
    ],
    [
        ("งานบริการ", "หน่วยบริการเคลื่อนที่ อ.สมเด็จ", "ให้บริการ 41 ราย", "14 มี.ค. 67", "งานบริการคนต่างด้าว"),
        ("งานส่งเสริมคุณธรรม", "ทบทวนการประเมินความเสี่ยงการทุจริต รอบ 6 เดือน", "ประชุมคณะทำงาน ITA ทบทวนมาตรการ", "27 มี.ค. 67", "ฝ่ายอำนวยการ"),
    ],
]  # fmt: skip

STATISTICS = [  # (series, category, unit of measure, Oct … Mar)
    ("การจับกุมคนต่างด้าวกระทำผิด", "งานสืบสวนและปราบปราม", "ราย", [5, 4, 3, 6, 8, 4]),
    ("คนต่างด้าวอยู่เกินกำหนด (overstay)", "งานสืบสวนและปราบปราม", "ราย", [7, 5, 9, 6, 11, 6]),
    ("การอนุญาตให้อยู่ต่อ (ขยายระยะเวลาพำนัก)", "งานบริการคนต่างด้าว", "ราย", [64, 58, 71, 69, 62, 75]),
    ("การรับแจ้งที่พักอาศัยเกิน 90 วัน", "งานบริการคนต่างด้าว", "ราย", [212, 187, 198, 221, 205, 230]),
    ("การรับแจ้งที่พัก (ตม.30)", "งานบริการคนต่างด้าว", "ฉบับ", [1180, 1320, 1675, 1590, 1410, 1385]),
]  # fmt: skip

BUDGET = [  # (line, category, planned for the year, monthly plan, spent Oct … Mar)
    ("ค่าตอบแทนการปฏิบัติงานนอกเวลาราชการ", "งบดำเนินงาน", Decimal("180000"), Decimal("15000"),
     ["14200", "15000", "13850", "15000", "14600", "15000"]),
    ("ค่าใช้สอย (ค่าเบี้ยเลี้ยง ที่พัก พาหนะ)", "งบดำเนินงาน", Decimal("96000"), Decimal("8000"),
     ["6540", "7810", "8000", "5920", "7480", "8120"]),
    ("ค่าวัสดุ (สำนักงาน เชื้อเพลิง)", "งบดำเนินงาน", Decimal("120000"), Decimal("10000"),
     ["11240.50", "9350", "8760.25", "10420", "9980", "10110.75"]),
    ("ค่าสาธารณูปโภค", "งบดำเนินงาน", Decimal("84000"), Decimal("7000"),
     ["6812.34", "6590.12", "7120.80", "6945.60", "6880.00", "7310.45"]),
]  # fmt: skip

FUND = [  # (quarter, allocated, spent, cases, details)
    ("q1", Decimal("60000"), Decimal("38500"), 3, "สืบสวนขบวนการนำพาคนต่างด้าวเข้าเมืองผิดกฎหมาย 2 คดี ปลอมแปลงเอกสาร 1 คดี"),
    ("q2", Decimal("60000"), Decimal("51250"), 5, "สืบสวนคดีคนต่างด้าวอยู่เกินกำหนดและลักลอบทำงาน 5 คดี"),
]  # fmt: skip


def _published_on(month: str) -> dt.date:
    first = month_first_day(month)
    following = dt.date(first.year + (first.month == 12), first.month % 12 + 1, 10)
    return following


def load_demo(ctx: DemoContext) -> None:
    unit = ctx.unit
    if StatSeries.objects.filter(unit=unit, year=YEAR).exists():
        return
    editor = ctx.users["kalasin-editor"]
    access = access_for(editor, unit)
    with demo_day(dt.date(2023, 10, 2)):
        series = [
            services.stat_series_save(
                actor=editor, unit=unit, year=YEAR, name=n, category=c, measure=m
            )
            for n, c, m, _values in STATISTICS
        ]
        lines = [
            services.budget_line_save(
                actor=editor, unit=unit, year=YEAR, name=n, category=c, planned=p
            )
            for n, c, p, _plan, _spent in BUDGET
        ]
    for index, month in enumerate(MONTHS):
        with demo_day(_published_on(month)):
            for area, activity, details, period, section in OPERATIONS[index]:
                services.operation_entry_save(
                    actor=editor, unit=unit, year=YEAR, month=month,
                    fields={"work_area": area, "activity": activity, "details": details,
                            "period": period, "section": section},
                )  # fmt: skip
            services.stat_values_set(
                actor=editor, unit=unit, year=YEAR, month=month,
                values={str(s.pk): Decimal(row[3][index]) for s, row in zip(series, STATISTICS, strict=True)},
            )  # fmt: skip
            services.budget_month_set(
                actor=editor, unit=unit, year=YEAR, month=month,
                values={str(line.pk): (row[3], Decimal(row[4][index])) for line, row in zip(lines, BUDGET, strict=True)},
            )  # fmt: skip
            for kind in ("operations", "statistics", "budget"):
                publication_publish(
                    actor=editor, access=access, series=series_name(kind), year=YEAR,
                    period=month, params={"unit": str(unit.pk)},
                )  # fmt: skip
    for quarter, allocated, spent, cases, details in FUND:
        published = dt.date(2024, 1, 10) if quarter == "q1" else dt.date(2024, 4, 10)
        with demo_day(published):
            services.fund_quarter_set(
                actor=editor, unit=unit, year=YEAR, quarter=quarter, allocated=allocated,
                spent=spent, cases=cases, details=details,
            )  # fmt: skip
            publication_publish(
                actor=editor, access=access, series=series_name("fund"), year=YEAR,
                period=quarter, params={"unit": str(unit.pk)},
            )  # fmt: skip
