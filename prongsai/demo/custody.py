"""Demo step: the Kalasin unit's custody (O22) in FY2567 — a property register of every class
with loans (one laptop still out past its due date), two counts (the first had a missing item,
resolved with its reason), seized evidence received, transferred to the investigator and back,
examined, one returned to its owner and one disposed of with their orders, a correction, and
one reconciliation of the evidence room. The procedures are the starting texts.

Everything goes through the services on its story day (``clock.demo_day``), so the register's
hash chain and the audit log are written as usual. Idempotent: a unit that already has property
is left as it is.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import TYPE_CHECKING

from django.contrib.auth.models import User
from PIL import Image, ImageDraw

from prongsai.custody.document_kinds import PRACTICE_SERIES, SYSTEM_SERIES
from prongsai.custody.models import EvidenceItem, PropertyItem
from prongsai.custody.procedures import DEFAULTS
from prongsai.custody.services import evidence, property, reconciliation
from prongsai.measures.photos import PreparedPhoto
from prongsai.organizations.access import access_for
from prongsai.publications.services import publication_publish

from .clock import demo_day

if TYPE_CHECKING:  # the demo app calls us; we only need its type
    from prongsai.demo.context import DemoContext

KEEPER = "ด.ต.สุรชัย คำดี"
HEAD = "พ.ต.ท.อนุชา วงศ์ไทย"
EVIDENCE_KEEPER = "ร.ต.อ.สมชาย รักษ์ดี"
INVESTIGATOR = "ร.ต.ท.วีระ กล้าหาญ (พนักงานสอบสวน)"

# (class, identifier, name, serial, location, condition)
ITEMS = [
    ("government", "7440-001-0001/66", "เครื่องคอมพิวเตอร์โน้ตบุ๊ก", "NB-5CD1234", "งานธุรการ", "good"),
    ("government", "7440-001-0002/66", "เครื่องคอมพิวเตอร์โน้ตบุ๊ก", "NB-5CD1235", "งานตรวจลงตรา", "good"),
    ("government", "7430-002-0001/64", "เครื่องพิมพ์เลเซอร์", "PR-88812", "งานธุรการ", "worn"),
    ("weapons", "1005-001-0011", "ปืนพกสั้น ขนาด 9 มม.", "GLK-22311", "ตู้นิรภัยอาวุธ", "good"),
    ("weapons", "1005-001-0012", "ปืนพกสั้น ขนาด 9 มม.", "GLK-22312", "ตู้นิรภัยอาวุธ", "good"),
    ("weapons", "1305-003-0001", "เครื่องกระสุน 9 มม. (กล่องละ 50 นัด) 10 กล่อง", "", "ตู้นิรภัยอาวุธ", "good"),
    ("donations", "DN-2566-001", "รถเข็นผู้ป่วย (บริจาคโดยชมรมผู้ประกอบการท่องเที่ยว)", "", "ห้องบริการ", "good"),
    ("donations", "DN-2567-001", "ตู้น้ำดื่ม (บริจาคโดยบริษัท อีสานทัวร์)", "", "ห้องบริการ", "good"),
    ("vehicles", "2310-001-0004", "รถยนต์กระบะ 4 ประตู กข 1234 กาฬสินธุ์", "MR0HA3CD", "โรงจอดรถ", "good"),
    ("vehicles", "2320-001-0007", "รถจักรยานยนต์ 1กค 567 กาฬสินธุ์", "MLHJC71", "โรงจอดรถ", "repair"),
    ("other", "OT-2567-001", "เครื่องอ่านหนังสือเดินทาง", "PRD-7781", "ช่องบริการ", "good"),
]  # fmt: skip

# (identifier, borrower, purpose, issued, due, returned)
LOANS = [
    ("2310-001-0004", "ร.ต.ท.สมศักดิ์ ใจตรง", "ออกตรวจสถานประกอบการที่พักคนต่างด้าว", dt.date(2023, 11, 14), dt.date(2023, 11, 16), dt.date(2023, 11, 16)),
    ("1005-001-0011", "ส.ต.อ.ปิยะ ศรีสุข", "ปฏิบัติหน้าที่จับกุมตามหมายจับ", dt.date(2024, 2, 6), dt.date(2024, 2, 7), dt.date(2024, 2, 7)),
    ("7440-001-0002/66", "ด.ต.หญิง อรทัย บุญมา", "ให้บริการรับแจ้งที่พักนอกสถานที่", dt.date(2024, 5, 20), dt.date(2024, 5, 24), dt.date(2024, 5, 23)),
    ("7440-001-0001/66", "ส.ต.ท.กิตติ แสงทอง", "อบรมระบบงานคนต่างด้าวที่ บก.ตม.4", dt.date(2024, 8, 19), dt.date(2024, 8, 23), None),
]  # fmt: skip

# (case, description, quantity, seal, place, received from, day)
EVIDENCE = [
    ("คดีอาญาที่ 12/2567", "หนังสือเดินทางปลอม สัญชาติเวียดนาม", "2 เล่ม", "กส-ตม-0001", "ตู้ 1 ชั้น 1", "งานสืบสวน ตม.จว.กาฬสินธุ์", dt.date(2023, 11, 3)),
    ("คดีอาญาที่ 18/2567", "ธนบัตรที่ใช้ล่อซื้อ (เรียกรับเงินเพื่อต่อวีซ่า)", "ธนบัตร 1,000 บาท 5 ฉบับ", "กส-ตม-0002", "ตู้นิรภัย", "ผู้แจ้ง (ล่อซื้อร่วมกับ ป.ป.ท.)", dt.date(2024, 1, 9)),
    ("คดีอาญาที่ 25/2567", "โทรศัพท์มือถือของผู้ต้องหาลักลอบพาคนต่างด้าวเข้าเมือง", "3 เครื่อง", "กส-ตม-0003", "ตู้ 1 ชั้น 2", "ชุดปฏิบัติการด่านพรมแดน", dt.date(2024, 3, 12)),
    ("คดีอาญาที่ 31/2567", "ตราประทับปลอม (ตราประทับการตรวจลงตรา)", "4 อัน", "กส-ตม-0004", "ตู้ 2 ชั้น 1", "งานสืบสวน ตม.จว.กาฬสินธุ์", dt.date(2024, 5, 2)),
]  # fmt: skip


def _photo(label: str, colour: str) -> PreparedPhoto:
    image = Image.new("RGB", (640, 420), colour)
    draw = ImageDraw.Draw(image)
    draw.rectangle((20, 20, 620, 400), outline="white", width=6)
    draw.text((40, 40), label, fill="white")
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return PreparedPhoto(
        content=out.getvalue(), content_type="image/jpeg", width=640, height=420, original_name=""
    )


def _property(ctx: DemoContext, keeper: User) -> None:
    unit = ctx.unit
    with demo_day(dt.date(2023, 10, 2)):
        property.settings_save(actor=keeper, unit=unit, values=dict(DEFAULTS))
        for item_class, identifier, name, serial, location, condition in ITEMS:
            property.property_item_add(
                actor=keeper,
                unit=unit,
                item_class=item_class,
                identifier=identifier,
                name=name,
                serial_number=serial,
                location=location,
                custodian=KEEPER,
                condition=condition,
            )
    items = {item.identifier: item for item in PropertyItem.objects.filter(unit=unit)}
    for identifier, borrower, purpose, issued, due, returned in LOANS:
        with demo_day(issued, hour=8, minute=30):
            loan = property.loan_issue(
                actor=keeper,
                item=items[identifier],
                borrower=borrower,
                purpose=purpose,
                approver=HEAD,
                issued_on=issued,
                due_on=due,
            )
        if returned:
            with demo_day(returned, hour=16):
                property.loan_return(
                    actor=keeper, loan=loan, returned_on=returned, condition="good"
                )
    # The first half's count: the printer was away for repair (resolved with the repair slip).
    with demo_day(dt.date(2024, 3, 27)):
        count = property.count_start(
            actor=keeper,
            unit=unit,
            title="ตรวจนับทรัพย์สินประจำครึ่งปีแรก 2567",
            started_on=dt.date(2024, 3, 27),
            counted_by="คณะกรรมการตรวจนับ (ร.ต.อ.หญิง ปวีณา ศรีสุข, ด.ต.สุรชัย คำดี)",
        )
        for line in count.lines.all():
            finding = "missing" if line.expected_identifier == "7430-002-0001/64" else "found"
            property.count_record(actor=keeper, line=line, finding=finding)
        property.count_add_unexpected(
            actor=keeper,
            session=count,
            description="พัดลมตั้งพื้น (ไม่มีหมายเลขครุภัณฑ์)",
            found_location="ห้องบริการ",
        )
    with demo_day(dt.date(2024, 3, 28)):
        for line in count.lines.exclude(finding="found"):
            resolution = (
                "ส่งซ่อมที่ร้านตามใบส่งซ่อมเลขที่ 0412 ลงวันที่ 20 มี.ค. 2567 รับคืนแล้ว 4 เม.ย. 2567"
                if line.item_id
                else "ของบริจาคที่ยังไม่ได้ลงทะเบียน ลงทะเบียนเป็น DN-2567-002 แล้ว"
            )
            property.count_resolve(actor=keeper, line=line, resolution=resolution)
        property.count_close(actor=keeper, session=count)
    with demo_day(dt.date(2024, 9, 25)):
        second = property.count_start(
            actor=keeper,
            unit=unit,
            title="ตรวจนับอาวุธและเครื่องกระสุน ก.ย. 2567",
            started_on=dt.date(2024, 9, 25),
            counted_by="คณะกรรมการตรวจนับ",
            item_class="weapons",
        )
        for line in second.lines.all():
            property.count_record(actor=keeper, line=line, finding="found")
        property.count_close(actor=keeper, session=second)


def _evidence(ctx: DemoContext, keeper: User) -> None:
    unit = ctx.unit
    colours = ["#7a4b2a", "#2a5a7a", "#3d6b3a", "#6b3a5e"]
    items: list[EvidenceItem] = []
    for index, (case, description, quantity, seal, place, source, day) in enumerate(EVIDENCE):
        with demo_day(day, hour=10):
            entry = evidence.evidence_intake(
                actor=keeper,
                unit=unit,
                case_number=case,
                description=description,
                quantity=quantity,
                seal_number=seal,
                storage_place=place,
                received_by=EVIDENCE_KEEPER,
                received_from=source,
                occurred_on=day,
                photos=[_photo(seal, colours[index])],
            )
            items.append(entry.item)
    passports, cash, phones, stamps = items
    # The passports go to the investigator and to the document examiners, and come back.
    with demo_day(dt.date(2023, 11, 6), hour=9):
        evidence.evidence_transfer(
            actor=keeper,
            item=passports,
            from_holder=EVIDENCE_KEEPER,
            to_holder=INVESTIGATOR,
            reason="ส่งตรวจพิสูจน์เอกสาร กองพิสูจน์หลักฐาน",
            seal_intact=True,
            occurred_on=dt.date(2023, 11, 6),
        )
    with demo_day(dt.date(2023, 11, 20), hour=14):
        evidence.evidence_examine(
            actor=keeper,
            item=passports,
            examiner="กองพิสูจน์หลักฐานตำรวจ",
            result="เป็นหนังสือเดินทางปลอม ทั้ง 2 เล่ม",
            order_reference="หนังสือ ตม.จว.กาฬสินธุ์ ที่ 0029.4/112",
            seal_number="พฐ-66-7781",
            occurred_on=dt.date(2023, 11, 20),
        )
        evidence.evidence_transfer(
            actor=keeper,
            item=passports,
            from_holder=INVESTIGATOR,
            to_holder=EVIDENCE_KEEPER,
            reason="ตรวจพิสูจน์เสร็จ นำกลับเข้าห้องเก็บ",
            seal_intact=True,
            storage_place="ตู้ 1 ชั้น 1",
            occurred_on=dt.date(2023, 11, 20),
        )
    # The phones: the intake's quantity was wrong (a correction, the original stays).
    with demo_day(dt.date(2024, 3, 13), hour=9):
        intake = phones.entries.get(item_seq=1)
        evidence.evidence_correct(
            actor=keeper,
            entry=intake,
            field="quantity",
            value="4 เครื่อง",
            reason="นับซ้ำต่อหน้าพนักงานสอบสวน พบ 4 เครื่อง ตามบันทึกการตรวจยึด",
        )
    with demo_day(dt.date(2024, 4, 2), hour=10):
        evidence.evidence_transfer(
            actor=keeper,
            item=phones,
            from_holder=EVIDENCE_KEEPER,
            to_holder=INVESTIGATOR,
            reason="นำไปสอบปากคำผู้ต้องหาและส่งสำนวนให้พนักงานอัยการ",
            seal_intact=True,
            occurred_on=dt.date(2024, 4, 2),
        )
    # The stamps are destroyed on the court's order; the cash goes back to the informant.
    with demo_day(dt.date(2024, 8, 15), hour=10):
        evidence.evidence_release(
            actor=keeper,
            item=stamps,
            kind="disposal",
            order_reference="คำพิพากษาศาลจังหวัดกาฬสินธุ์ คดีหมายเลขแดงที่ อ.1420/2567 (ให้ริบและทำลาย)",
            order_date=dt.date(2024, 7, 30),
            recipient="",
            method="ทุบทำลายต่อหน้าคณะกรรมการ 3 นาย",
            occurred_on=dt.date(2024, 8, 15),
        )
    with demo_day(dt.date(2024, 6, 4), hour=10):
        room = reconciliation.reconciliation_start(
            actor=keeper,
            unit=unit,
            held_on=dt.date(2024, 6, 4),
            counted_by="คณะกรรมการตรวจสอบห้องเก็บของกลาง (พ.ต.ท.อนุชา วงศ์ไทย ประธาน)",
        )
        for line in room.lines.all():
            reconciliation.reconciliation_check(
                actor=keeper, line=line, present=True, seal_seen=line.expected_seal
            )
        reconciliation.reconciliation_add_unexpected(
            actor=keeper,
            reconciliation=room,
            description="ถุงพลาสติกใส่เอกสาร ไม่มีป้ายเลขคดี (ส่งคืนงานสืบสวนตรวจสอบ)",
        )
        reconciliation.reconciliation_close(actor=keeper, reconciliation=room)
    with demo_day(dt.date(2024, 9, 10), hour=11):
        evidence.evidence_release(
            actor=keeper,
            item=cash,
            kind="return",
            order_reference="คำสั่งพนักงานอัยการจังหวัดกาฬสินธุ์ ที่ 88/2567 (คืนของกลาง)",
            order_date=dt.date(2024, 9, 2),
            recipient="ผู้แจ้ง (เจ้าของธนบัตร)",
            method="",
            occurred_on=dt.date(2024, 9, 10),
        )


def _publish(ctx: DemoContext) -> None:
    """The editor publishes the O22 documents: the system description at the start of the
    year, the practice report after each half (rendered from the register by the worker)."""
    editor = User.objects.get(pk=ctx.users["kalasin-editor"].pk)
    access = access_for(editor, ctx.unit)
    params = {"unit": str(ctx.unit.pk)}
    for day, series, period in (
        (dt.date(2023, 10, 16), SYSTEM_SERIES, "year"),
        (dt.date(2024, 4, 10), PRACTICE_SERIES, "h1"),
        (dt.date(2024, 9, 30), PRACTICE_SERIES, "h2"),
    ):
        with demo_day(day, hour=15):
            publication_publish(
                actor=editor, access=access, series=series, year=2567, period=period, params=params
            )


def load_demo(ctx: DemoContext) -> None:
    if PropertyItem.objects.filter(unit=ctx.unit).exists():
        return
    property_keeper = User.objects.get(pk=ctx.users["kalasin-property"].pk)
    evidence_keeper = User.objects.get(pk=ctx.users["kalasin-evidence"].pk)
    _property(ctx, property_keeper)
    _evidence(ctx, evidence_keeper)
    _publish(ctx)
