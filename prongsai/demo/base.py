"""Demo step 1: the Immigration Bureau tree, one user per role, frameworks, assessments.

Names are fictional; position titles follow the seed report. Every step is idempotent: running
``demo_load`` again changes nothing.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model

from prongsai.assessments.models import Assessment
from prongsai.assessments.services import assessment_open
from prongsai.frameworks.loader import FrameworkInvalid, framework_load, read_definition
from prongsai.frameworks.models import Framework
from prongsai.frameworks.shipped import definitions_dir
from prongsai.organizations.models import Role, Unit
from prongsai.organizations.services import membership_grant, unit_create

from .clock import demo_day
from .context import DEMO_PASSWORD, DEMO_YEAR, DemoContext

ACTOR = "demo_load"

# slug, parent slug, kind, Thai name, English name, short Thai name
UNITS = [
    ("immigration-bureau", None, "bureau", "สำนักงานตรวจคนเข้าเมือง", "Immigration Bureau", "สตม."),
    ("immigration-division-4", "immigration-bureau", "division", "กองบังคับการตรวจคนเข้าเมือง 4", "Immigration Division 4", "บก.ตม.4"),
    ("kalasin-immigration", "immigration-division-4", "office", "ตรวจคนเข้าเมืองจังหวัดกาฬสินธุ์", "Kalasin Provincial Immigration", "ตม.จว.กาฬสินธุ์"),
    ("khonkaen-immigration", "immigration-division-4", "office", "ตรวจคนเข้าเมืองจังหวัดขอนแก่น", "Khon Kaen Provincial Immigration", "ตม.จว.ขอนแก่น"),
    ("mahasarakham-immigration", "immigration-division-4", "office", "ตรวจคนเข้าเมืองจังหวัดมหาสารคาม", "Maha Sarakham Provincial Immigration", "ตม.จว.มหาสารคาม"),
    ("roiet-immigration", "immigration-division-4", "office", "ตรวจคนเข้าเมืองจังหวัดร้อยเอ็ด", "Roi Et Provincial Immigration", "ตม.จว.ร้อยเอ็ด"),
    ("immigration-division-1", "immigration-bureau", "division", "กองบังคับการตรวจคนเข้าเมือง 1", "Immigration Division 1", "บก.ตม.1"),
    ("donmueang-immigration", "immigration-division-1", "checkpoint", "ด่านตรวจคนเข้าเมืองท่าอากาศยานดอนเมือง", "Don Mueang Airport Immigration Checkpoint", "ตม.ทสภ.ดม."),
]  # fmt: skip

# username, unit slug, role, rank, first name, last name, position (fictional people)
USERS = [
    ("kalasin-admin", "kalasin-immigration", Role.ADMIN, "ร.ต.อ.หญิง", "ปวีณา", "ศรีสุข", "รอง สว.ตม.จว.กาฬสินธุ์ (คณะทำงาน ITA)"),
    ("kalasin-editor", "kalasin-immigration", Role.EDITOR, "ด.ต.", "ธนพล", "มีชัย", "ผบ.หมู่ ตม.จว.กาฬสินธุ์ (ผู้ดูแลเว็บไซต์)"),
    ("kalasin-head", "kalasin-immigration", Role.HEAD, "พ.ต.ท.", "อนุชา", "วงศ์ไทย", "สว.ตม.จว.กาฬสินธุ์"),
    ("division4-evaluator", "immigration-division-4", Role.EVALUATOR, "พ.ต.ต.", "กิตติพงษ์", "แสงทอง", "สว.ฝอ.บก.ตม.4 (ผู้ประเมิน)"),
    ("bureau-viewer", "immigration-bureau", Role.VIEWER, "พ.ต.อ.", "วรวุฒิ", "ทองดี", "ผกก.ฝ่ายแผนงาน สตม."),
    ("bureau-admin", "immigration-bureau", Role.ADMIN, "พ.ต.ท.หญิง", "สุภาพร", "รัตนพันธ์", "รอง ผกก. ฝ่ายแผนงาน สตม. (ผู้ดูแลแบบประเมิน)"),
    ("khonkaen-admin", "khonkaen-immigration", Role.ADMIN, "ร.ต.อ.", "ชัยวัฒน์", "บุญมา", "รอง สว.ตม.จว.ขอนแก่น"),
    ("kalasin-complaints", "kalasin-immigration", "complaint_handler", "ร.ต.ท.", "สมศักดิ์", "ใจตรง", "รอง สว.ตม.จว.กาฬสินธุ์ (ศูนย์รับเรื่องร้องเรียน)"),
    ("kalasin-custodian", "kalasin-immigration", "identity_custodian", "ร.ต.อ.หญิง", "มาลี", "ศรีเมือง", "รอง สว.ตม.จว.กาฬสินธุ์ (ผู้ดูแลข้อมูลผู้ร้องเรียน)"),
    ("kalasin-property", "kalasin-immigration", "property_custodian", "ด.ต.", "สุรชัย", "คำดี", "ผบ.หมู่ ตม.จว.กาฬสินธุ์ (ผู้ดูแลทรัพย์สิน)"),
    ("kalasin-evidence", "kalasin-immigration", "evidence_custodian", "ร.ต.อ.", "สมชาย", "รักษ์ดี", "รอง สว.ตม.จว.กาฬสินธุ์ (ผู้ดูแลของกลาง)"),
    ("outsider", None, None, "", "บุคคล", "ภายนอก", ""),
]  # fmt: skip

HEADCOUNTS = {  # unit slug → (internal staff, external service users)
    "kalasin-immigration": (12, 2000),
    "khonkaen-immigration": (45, 5200),
    "mahasarakham-immigration": (14, 1500),
    "roiet-immigration": (16, 1800),
    "donmueang-immigration": (320, 40000),
}

FRAMEWORK_FILES = [
    "ita-2567-police.yaml",
    "ita-2566-general.yaml",
    "ita-2568-police.yaml",
    "ita-2569-general.yaml",  # provisional; carries forward from 2566 general (loaded first)
]


def load_frameworks() -> dict[str, Framework]:
    out = {}
    folder = definitions_dir()
    for name in FRAMEWORK_FILES:
        path = folder / name
        if not path.exists():
            continue
        data, problems = read_definition(path)
        if problems:
            raise FrameworkInvalid(problems)
        result = framework_load(actor=ACTOR, data=data, source_name=name)
        out[result.framework.code] = result.framework
    return out


# The unit set up its FY2567 assessment on the day of its working-group order (๕/๒๕๖๗).
SET_UP_ON = dt.date(2024, 1, 2)


def load_base() -> DemoContext:
    with demo_day(SET_UP_ON, hour=8, minute=30):
        return _load_base()


def _load_base() -> DemoContext:
    ctx = DemoContext()
    for slug, parent_slug, kind, name_th, name_en, short in UNITS:
        unit = Unit.objects.filter(slug=slug).first()
        if unit is None:
            unit = unit_create(
                actor=ACTOR,
                parent=ctx.units[parent_slug] if parent_slug else None,
                slug=slug,
                name_th=name_th,
                name_en=name_en,
                short_name_th=short,
                kind=kind,
                website=f"https://www.{slug.replace('-', '')}.example.go.th/",
                phone="0 4381 1234" if slug == "kalasin-immigration" else "",
                address=(
                    "ถนนถีนานนท์ ตำบลกาฬสินธุ์ อำเภอเมืองกาฬสินธุ์ จังหวัดกาฬสินธุ์ 46000"
                    if slug == "kalasin-immigration"
                    else ""
                ),
            )
        ctx.units[slug] = unit

    User = get_user_model()
    for username, unit_slug, role, rank, first, last, position in USERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User.objects.create_user(
                username=username,
                password=DEMO_PASSWORD,
                first_name=first,
                last_name=last,
                email=f"{username}@example.go.th",
            )
        ctx.users[username] = user
        if unit_slug and role:
            membership_grant(
                actor=ACTOR,
                unit=ctx.units[unit_slug],
                user=user,
                role=role,
                rank=rank,
                position=position,
            )
    if not User.objects.filter(username="platform-admin").exists():
        User.objects.create_superuser(
            "platform-admin", "platform-admin@example.go.th", DEMO_PASSWORD
        )

    frameworks = load_frameworks()
    framework = frameworks.get("ita-2567-police")
    if framework is None:
        return ctx
    for slug, (internal, external) in HEADCOUNTS.items():
        unit = ctx.units[slug]
        assessment = Assessment.objects.filter(unit=unit, year=DEMO_YEAR).first()
        if assessment is None:
            assessment = assessment_open(
                actor=ACTOR,
                unit=unit,
                framework=framework,
                headcount_internal=internal,
                headcount_external=external,
            )
        ctx.assessments[slug] = assessment
    return ctx
