"""Demo step: the Kalasin unit's public website — the head's message, the structure chart (O1),
authority and area (O2), laws (O3), contact and channels (O4), four news posts (one about the
head's anti-corruption activities, O18 evidence), the No Gift policy in Thai and English and the
ethics guideline with Do & Don't per role.

Written through the services on the story's days (``clock.demo_day``); idempotent: a unit whose
site already has a published page is left as it is. Items the disclosures step already submitted
keep their evidence (the site's pages are then only linked where the item is still a draft).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from prongsai.website import services
from prongsai.website.models import ProfileVersion

from .clock import demo_day

if TYPE_CHECKING:
    from prongsai.demo.context import DemoContext

EXECUTIVES = [
    ("พ.ต.ท. อนุชา วงศ์ไทย", "สว.ตม.จว.กาฬสินธุ์", 1),
    ("ร.ต.อ.หญิง ปวีณา ศรีสุข", "รอง สว.ตม.จว.กาฬสินธุ์", 2),
    ("ร.ต.ท. สมศักดิ์ ใจตรง", "รอง สว.ตม.จว.กาฬสินธุ์", 2),
    ("ด.ต. ธนพล มีชัย", "ผบ.หมู่ งานตรวจลงตรา", 3),
]
LAWS = [
    ("พระราชบัญญัติคนเข้าเมือง พ.ศ. 2522", "https://www.krisdika.go.th/"),
    ("พระราชบัญญัติตำรวจแห่งชาติ พ.ศ. 2565", "https://www.krisdika.go.th/"),
    ("พระราชบัญญัติข้อมูลข่าวสารของราชการ พ.ศ. 2540", "https://www.oic.go.th/"),
]
NEWS = [
    (dt.date(2023, 12, 5), "anti-corruption", "ผู้กำกับประกาศเจตนารมณ์ต่อต้านการทุจริต",
     "หัวหน้าหน่วยงานนำข้าราชการประกาศเจตนารมณ์การต่อต้านการทุจริตคอร์รัปชันทุกรูปแบบ",
     "เนื่องในวันต่อต้านคอร์รัปชันสากล หัวหน้าหน่วยงานนำข้าราชการตำรวจและเจ้าหน้าที่ประกาศเจตนารมณ์"
     "การต่อต้านการทุจริตคอร์รัปชัน และย้ำนโยบายไม่รับของขวัญและของกำนัลทุกชนิด"),
    (dt.date(2024, 1, 20), "performance", "ผลการให้บริการตรวจลงตราเดือนธันวาคม 2566",
     "ให้บริการขยายระยะเวลาการอยู่ในราชอาณาจักร 412 ราย",
     "ตรวจคนเข้าเมืองจังหวัดกาฬสินธุ์ให้บริการขยายระยะเวลาการอยู่ในราชอาณาจักร 412 ราย"
     "และรับแจ้งที่พักอาศัยของคนต่างด้าว 1,250 ราย ภายในเวลามาตรฐาน"),
    (dt.date(2024, 2, 1), "ita", "เชิญชวนประเมิน ITA ประจำปีงบประมาณ 2567",
     "ร่วมตอบแบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก (EIT)",
     "ขอเชิญผู้มารับบริการร่วมตอบแบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก"
     "ผ่านคิวอาร์โค้ดที่จุดบริการ หรือทางหน้าแรกของเว็บไซต์นี้"),
    (dt.date(2024, 3, 10), "performance", "อบรมการให้บริการด้วยความโปร่งใส",
     "เจ้าหน้าที่ทุกนายเข้ารับการอบรม",
     "จัดอบรมเจ้าหน้าที่เรื่องการให้บริการด้วยความโปร่งใสและการป้องกันผลประโยชน์ทับซ้อน"),
]  # fmt: skip
NO_GIFT_TH = (
    "ตรวจคนเข้าเมืองจังหวัดกาฬสินธุ์ประกาศนโยบายไม่รับของขวัญและของกำนัลทุกชนิดจากการปฏิบัติหน้าที่ "
    "(No Gift Policy) ข้าราชการตำรวจและเจ้าหน้าที่ทุกนายจะไม่รับ ไม่ให้ และไม่เรียกรับ"
    "ของขวัญ ของกำนัล หรือประโยชน์อื่นใด"
)
NO_GIFT_EN = (
    "Kalasin Provincial Immigration declares a No Gift Policy: no officer shall accept, give or "
    "ask for any gift, hospitality or other benefit in the course of their duties."
)
ETHICS_RULES = [
    {"role": "ผู้บริหาร", "do": ["เป็นแบบอย่างในการปฏิบัติตามประมวลจริยธรรม", "รับฟังข้อร้องเรียน"],
     "dont": ["ใช้ตำแหน่งแสวงหาประโยชน์", "รับของขวัญจากผู้มาติดต่อ"]},
    {"role": "เจ้าหน้าที่ให้บริการ", "do": ["ให้บริการตามลำดับคิว", "แจ้งค่าธรรมเนียมตามกฎหมาย"],
     "dont": ["เรียกรับเงินเพิ่ม", "เลือกปฏิบัติ"]},
]  # fmt: skip


def load_demo(ctx: DemoContext) -> None:
    unit = ctx.unit
    if ProfileVersion.objects.filter(unit=unit).exists():
        return
    editor = ctx.users["kalasin-editor"]
    with demo_day(dt.date(2023, 11, 1)):
        services.profile_update(
            actor=editor, unit=unit, part="home",
            values={"head_name": "พ.ต.ท. อนุชา วงศ์ไทย", "head_position": "สว.ตม.จว.กาฬสินธุ์",
                    "head_message": "ยินดีต้อนรับสู่เว็บไซต์ตรวจคนเข้าเมืองจังหวัดกาฬสินธุ์ "
                    "เรามุ่งให้บริการอย่างโปร่งใส รวดเร็ว และเป็นธรรม"},
        )  # fmt: skip
        for name, position, level in EXECUTIVES:
            services.executive_add(
                actor=editor, unit=unit, name=name, position=position, level=level
            )
        services.profile_update(
            actor=editor, unit=unit, part="authority",
            values={"authority": "ตรวจคนเข้าเมืองตามพระราชบัญญัติคนเข้าเมือง พ.ศ. 2522",
                    "duties": "ตรวจลงตรา ขยายระยะเวลาการอยู่ในราชอาณาจักร รับแจ้งที่พักของคนต่างด้าว",
                    "area": "พื้นที่จังหวัดกาฬสินธุ์ทั้ง 18 อำเภอ"},
        )  # fmt: skip
        for title, url in LAWS:
            services.law_add(actor=editor, unit=unit, title=title, url=url)
        services.profile_update(
            actor=editor, unit=unit, part="contact",
            values={"address": "ถนนกาฬสินธุ์ ตำบลกาฬสินธุ์ อำเภอเมือง จังหวัดกาฬสินธุ์ 46000",
                    "phone": "043 811 400", "email": "kalasin@immigration.go.th",
                    "line_oa": "@kalasin-imm", "facebook": "https://www.facebook.com/",
                    "hours": "จันทร์–ศุกร์ 08:30–16:30 น."},
        )  # fmt: skip
        services.policy_save(
            actor=editor, unit=unit, kind="no-gift",
            values={"title_th": "ประกาศนโยบายไม่รับของขวัญและของกำนัล (No Gift Policy)",
                    "title_en": "No Gift Policy", "text_th": NO_GIFT_TH, "text_en": NO_GIFT_EN,
                    "signed_by": "พ.ต.ท. อนุชา วงศ์ไทย", "signer_position": "สว.ตม.จว.กาฬสินธุ์",
                    "signed_on": dt.date(2023, 11, 1)},
        )  # fmt: skip
        services.policy_save(
            actor=editor, unit=unit, kind="ethics",
            values={"title_th": "แนวทางการปฏิบัติตามมาตรฐานทางจริยธรรม", "title_en": "Ethics guideline",
                    "text_th": "แนวทางนี้ใช้กับข้าราชการตำรวจและเจ้าหน้าที่ทุกนาย",
                    "rules": ETHICS_RULES, "signed_by": "พ.ต.ท. อนุชา วงศ์ไทย",
                    "signer_position": "สว.ตม.จว.กาฬสินธุ์", "signed_on": dt.date(2023, 11, 1)},
        )  # fmt: skip
    for day, category, title, summary, body in NEWS:
        with demo_day(day):
            services.news_save(
                actor=editor, unit=unit, title=title, summary=summary, body=body,
                category=category, published_on=day,
            )  # fmt: skip
