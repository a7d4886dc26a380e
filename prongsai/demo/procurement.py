"""Demo step: the Kalasin unit's procurement in FY2567, October 2566 – March 2567 — small
purchases and hires by the specific method, one selection, one e-market; December 2566 had none
(its สขร.1 says "ไม่มีการจัดซื้อจัดจ้าง"). Each month is published on the 5th of the next month
(O14: the สขร.1 summary, the 16-field data, the OCDS package), each quarter's plan and
announcements on the 10th after it (O13).

Written through the services on the story's days (``clock.demo_day``). Idempotent: a unit that
already has procurement records is left as it is.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from django.contrib.auth.models import User

from prongsai.documents.services import document_render
from prongsai.organizations.access import access_for
from prongsai.procurement import services
from prongsai.procurement.models import Category, Method, Procurement, Stage
from prongsai.procurement.months import month_period
from prongsai.procurement.publishing import procurement_publish
from prongsai.procurement.services import BidLine

from .clock import demo_day

if TYPE_CHECKING:  # the demo app calls us; we only need its type
    from prongsai.demo.context import DemoContext

S, SEL, EM = Method.SPECIFIC, Method.SELECTION, Method.E_MARKET
G, W, SV = Category.GOODS, Category.WORKS, Category.SERVICES

# (month, title, category, method, budget, reference price, bidders and offers, contract day)
PURCHASES: list[tuple[dt.date, str, str, str, str, str, list[tuple[str, str]], int]] = [
    (dt.date(2023, 10, 1), "จัดซื้อวัสดุสำนักงาน ประจำเดือนตุลาคม 2566", G, S, "18500", "18500",
     [("ร้านกาฬสินธุ์พาณิชย์", "18200")], 12),
    (dt.date(2023, 10, 1), "จัดจ้างซ่อมแซมรถยนต์ราชการ หมายเลขทะเบียน โล่ 43210", SV, S, "12000", "11800",
     [("อู่ช่างเอกการช่าง", "11500")], 18),
    (dt.date(2023, 10, 1), "จัดซื้อน้ำมันเชื้อเพลิงสำหรับรถยนต์ราชการ", G, S, "25000", "25000",
     [("หจก.กาฬสินธุ์ปิโตรเลียม", "24650")], 3),
    (dt.date(2023, 11, 1), "จัดซื้อหมึกพิมพ์และวัสดุคอมพิวเตอร์", G, S, "14800", "14800",
     [("ร้านคอมพ์ซิตี้กาฬสินธุ์", "14500"), ("ร้านไอทีพลัส", "14790")], 9),
    (dt.date(2023, 11, 1), "จัดจ้างทำความสะอาดอาคารสำนักงาน เดือนพฤศจิกายน 2566 – มีนาคม 2567", SV, SEL,
     "96000", "95000", [("บริษัท อีสานคลีนนิ่ง จำกัด", "93500"), ("หจก.สะอาดดีเซอร์วิส", "94800"),
     ("บริษัท ไบรท์คลีน จำกัด", "95000")], 20),
    (dt.date(2024, 1, 1), "จัดซื้อเครื่องคอมพิวเตอร์โน้ตบุ๊กสำหรับงานตรวจลงตรา", G, EM, "48000", "47800",
     [("บริษัท ดิจิทัลโซลูชั่น จำกัด", "46900"), ("บริษัท ไอทีเวิลด์ จำกัด", "47500")], 25),
    (dt.date(2024, 1, 1), "จัดจ้างซ่อมเครื่องปรับอากาศห้องบริการคนต่างด้าว", SV, S, "8500", "8500",
     [("ร้านเย็นฉ่ำแอร์", "8000")], 15),
    (dt.date(2024, 2, 1), "จัดซื้อวัสดุงานบ้านงานครัว", G, S, "6400", "6400",
     [("ร้านกาฬสินธุ์พาณิชย์", "6380")], 7),
    (dt.date(2024, 2, 1), "จัดจ้างปรับปรุงป้ายประชาสัมพันธ์หน้าอาคาร", W, S, "35000", "34800",
     [("ร้านป้ายสวยดีไซน์", "34500")], 21),
    (dt.date(2024, 3, 1), "จัดซื้อวัสดุสำนักงาน ประจำเดือนมีนาคม 2567", G, S, "17600", "17600",
     [("ร้านกาฬสินธุ์พาณิชย์", "17450")], 11),
    (dt.date(2024, 3, 1), "จัดจ้างถ่ายเอกสารและเข้าเล่มเอกสารประกอบการประเมิน ITA", SV, S, "4500", "4500",
     [("ร้านก๊อปปี้เซ็นเตอร์", "4200")], 19),
    (dt.date(2024, 3, 1), "จัดซื้อเก้าอี้สำหรับผู้มารับบริการ จำนวน 20 ตัว", G, S, "30000", "29800",
     [("ร้านเฟอร์นิเจอร์อีสาน", "29000"), ("ร้านโฮมเฟอร์นิช", "29600")], 26),
]  # fmt: skip
REASON = "เป็นผู้มีอาชีพขายหรือรับจ้างโดยตรง เสนอราคาต่ำสุดและไม่เกินวงเงินงบประมาณ"
MONTHS = [dt.date(2023, 10, 1), dt.date(2023, 11, 1), dt.date(2023, 12, 1),
          dt.date(2024, 1, 1), dt.date(2024, 2, 1), dt.date(2024, 3, 1)]  # fmt: skip
QUARTERS = [("q1", dt.date(2024, 1, 10)), ("q2", dt.date(2024, 4, 10))]


def _publish_day(month: dt.date) -> dt.date:
    return dt.date(month.year + month.month // 12, month.month % 12 + 1, 5)


def load_demo(ctx: DemoContext) -> None:
    unit = ctx.unit
    if Procurement.objects.filter(unit=unit).exists():
        return
    editor = User.objects.get(pk=ctx.users["kalasin-editor"].pk)
    with demo_day(dt.date(2023, 10, 2)):
        services.profile_save(
            actor=editor,
            unit=unit,
            fields={
                "district": "เมืองกาฬสินธุ์",
                "province": "กาฬสินธุ์",
                "ministry": "สำนักนายกรัฐมนตรี",
                "agency_type": "ส่วนราชการ",
            },
        )
    for number, (month, title, category, method, budget, ref, bids, day) in enumerate(
        PURCHASES, start=1
    ):
        signed = month.replace(day=day)
        winner, price = min(bids, key=lambda b: Decimal(b[1]))
        with demo_day(signed):
            services.procurement_create(
                actor=editor,
                unit=unit,
                year=2567,
                fields={
                    "month": month,
                    "title": title,
                    "category": category,
                    "egp_number": f"6{signed.year - 2023 + 6}{signed.month:02d}7{number:06d}",
                    "budget_source": "เงินงบประมาณ",
                    "budget": Decimal(budget),
                    "reference_price": Decimal(ref),
                    "method": method,
                    "supplier": winner,
                    "agreed_price": Decimal(price),
                    "reason": REASON,
                    "contract_number": f"{number}/2567" if method != S else f"PO {number}/2567",
                    "contract_date": signed,
                    "stage": Stage.COMPLETED if month < dt.date(2024, 3, 1) else Stage.IN_CONTRACT,
                    "plan_announced": dt.date(2023, 10, 1),
                    "invitation_announced": (signed - dt.timedelta(days=7))
                    if method != S
                    else None,
                    "result_announced": signed - dt.timedelta(days=1),
                },
                bids=[BidLine(name, Decimal(offer)) for name, offer in bids],
            )
    access = access_for(editor, unit)
    schedule = [(month_period(m), _publish_day(m), 14) for m in MONTHS]
    schedule += [(code, on, 15) for code, on in QUARTERS]
    for period, published_on, hour in schedule:
        # Publishing adds each file's absolute address as the item's link evidence: on the
        # address the demo is loaded for (`make demo` sets it to the served one).
        with demo_day(published_on, hour=hour):
            published = procurement_publish(actor=editor, access=access, year=2567, period=period)
            # Rendered on the story's day (the queued task then finds them done), so the
            # documents say when they were made as the unit lived it.
            for row in published:
                document_render(row.document_id)
