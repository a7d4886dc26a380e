"""The two O22 documents, built once as plain content (title, sections of paragraphs, bullets
and tables) and written out as PDF (``core.pdf``, the shipped font) and DOCX
(``documents.official_docx``). Official papers are Thai: the wording is here, as data.

* the **system description**: the classes of property, the rules, the borrowing and issue
  procedure and the custody procedure for seized evidence, from the unit's custody settings;
* the **practice report** of a period: the counts done and their discrepancies with how each was
  resolved, loans, the seized evidence received, transferred, examined, returned or disposed of,
  corrections, and the evidence room's reconciliations.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.template.loader import render_to_string

from prongsai.core.audit_anchor import audit_head_line
from prongsai.core.pdf import FONT_FAMILY, html_to_pdf
from prongsai.core.thai_dates import thai_date
from prongsai.organizations.models import Unit

from . import selectors
from .models import Finding, PropertyClass
from .services.property import settings_of

CLASS_TH = {
    PropertyClass.GOVERNMENT: "ทรัพย์สินของทางราชการ",
    PropertyClass.WEAPONS: "อาวุธและเครื่องกระสุน",
    PropertyClass.DONATIONS: "ของบริจาค",
    PropertyClass.VEHICLES: "ยานพาหนะ",
    PropertyClass.OTHER: "อื่น ๆ",
}
FINDING_TH = {
    Finding.FOUND: "พบตามทะเบียน",
    Finding.MISSING: "ไม่พบ",
    Finding.ELSEWHERE: "พบในที่อื่น",
    Finding.CONDITION: "สภาพไม่ตรงทะเบียน",
    Finding.UNEXPECTED: "พบแต่ไม่มีในทะเบียน",
}


@dataclass
class Table:
    headers: list[str]
    rows: list[list[str]]
    widths_cm: list[float]


@dataclass
class Section:
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    bullets: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)


@dataclass
class Content:
    title_lines: list[str]
    sections: list[Section]
    footer: str
    file_stem: str


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def system_description(unit: Unit, year: int) -> Content:
    settings = settings_of(unit)
    counts = {value: n for value, _label, n in selectors.class_counts(unit)}
    classes = Table(
        headers=["ประเภท", "จำนวนรายการในทะเบียน"],
        rows=[[CLASS_TH[PropertyClass(v)], str(counts.get(v, 0))] for v in PropertyClass.values],
        widths_cm=[10.0, 6.0],
    )
    return Content(
        title_lines=[
            "ระบบการจัดการทรัพย์สินของทางราชการและของกลาง",
            f"{unit.name_th or unit.name} ประจำปีงบประมาณ พ.ศ. {year}",
        ],
        sections=[
            Section(
                heading="1. การจำแนกประเภททรัพย์สิน",
                paragraphs=[
                    "ทรัพย์สินทุกรายการลงทะเบียนในระบบ แยกตามประเภท พร้อมหมายเลขครุภัณฑ์ "
                    "สถานที่เก็บ ผู้รับผิดชอบ และสภาพ"
                ],
                tables=[classes],
            ),
            Section(heading="2. ระเบียบการดูแลทรัพย์สิน", bullets=_lines(settings.property_rules)),
            Section(
                heading="3. การตรวจนับ",
                paragraphs=[
                    f"ตรวจนับทรัพย์สินเทียบกับทะเบียนทุก {settings.count_interval_months} เดือน "
                    "ผลการตรวจนับบันทึกรายการที่พบ ไม่พบ หรือไม่ตรงทะเบียน "
                    "ทุกรายการที่ไม่ตรงต้องมีเหตุผลและการแก้ไขก่อนปิดการตรวจนับ"
                ],
            ),
            Section(
                heading="4. การยืมและการเบิกจ่าย",
                paragraphs=[
                    f"ผู้อนุมัติ: {settings.loan_approver} ระยะเวลายืมไม่เกิน "
                    f"{settings.loan_days} วัน ระบบแสดงรายการที่เกินกำหนดคืน"
                ],
                bullets=_lines(settings.loan_procedure),
            ),
            Section(
                heading="5. การเก็บรักษาของกลาง",
                paragraphs=[
                    f"สถานที่เก็บ: {settings.evidence_room}",
                    "ทุกรายการของทะเบียนของกลางเชื่อมโยงกันด้วยค่าแฮช (แต่ละรายการเก็บค่าแฮชของ"
                    "รายการก่อนหน้าของของกลางชิ้นเดียวกันและของทะเบียน) การแก้ไขหรือลบรายการย้อนหลัง"
                    "จึงตรวจพบได้ การอ่านทะเบียนโดยผู้ที่ไม่ใช่ผู้ดูแลของกลางถูกบันทึกในบันทึกการตรวจสอบ",
                ],
                bullets=_lines(settings.evidence_procedure),
            ),
        ],
        footer=audit_head_line(),
        file_stem=f"o22-system-{unit.slug}-{year}",
    )


def _day(value: dt.date | dt.datetime | None) -> str:
    return thai_date(value, short=True) if value else "–"


def practice_report(
    unit: Unit, year: int, first_day: dt.date, last_day: dt.date, period_label: str
) -> Content:
    figures = selectors.practice_figures(unit, first_day, last_day)
    counts = Table(
        headers=["การตรวจนับ", "วันที่", "ผู้ตรวจนับ", "ปิดเมื่อ"],
        rows=[
            [s.title, _day(s.started_on), s.counted_by, _day(s.closed_at)] for s in figures.counts
        ]
        or [["ไม่มีการตรวจนับที่ปิดแล้วในช่วงนี้", "", "", ""]],
        widths_cm=[6.0, 3.0, 4.5, 3.0],
    )
    discrepancies = Table(
        headers=["รายการ", "ผลการตรวจนับ", "การแก้ไข (เหตุผล)"],
        rows=[
            [str(line), FINDING_TH.get(Finding(line.finding), line.finding), line.resolution]
            for line in figures.discrepancies
        ]
        or [["ไม่พบรายการที่ไม่ตรงทะเบียน", "", ""]],
        widths_cm=[5.5, 3.5, 7.5],
    )
    transfers = Table(
        headers=["ของกลาง", "วันที่", "จาก", "ถึง", "เหตุผล", "ซีล"],
        rows=[
            [
                f"#{e.item.number}",
                _day(e.occurred_on),
                str(e.data.get("from_holder", "")),
                str(e.data.get("to_holder", "")),
                str(e.data.get("reason", "")),
                "สมบูรณ์" if e.data.get("seal_intact", True) else "ไม่สมบูรณ์",
            ]
            for e in figures.transfers
        ]
        or [["ไม่มีการส่งมอบในช่วงนี้", "", "", "", "", ""]],
        widths_cm=[1.8, 2.4, 3.2, 3.2, 4.0, 1.9],
    )
    rooms = Table(
        headers=["วันที่ตรวจ", "ผู้ตรวจ", "ตามทะเบียน", "ครบ", "ไม่พบ", "ซีลชำรุด", "เกินทะเบียน"],
        rows=[
            [
                _day(r.held_on),
                r.counted_by,
                *(
                    str(r.summary.get(k, 0))
                    for k in ("expected", "present", "missing", "seal_broken", "unexpected")
                ),
            ]
            for r in figures.reconciliations
        ]
        or [["ไม่มีการตรวจห้องเก็บของกลางในช่วงนี้", "", "", "", "", "", ""]],
        widths_cm=[2.6, 4.0, 2.0, 1.8, 1.8, 2.0, 2.3],
    )
    return Content(
        title_lines=[
            "รายงานผลการดำเนินการตามระบบการจัดการทรัพย์สินของทางราชการและของกลาง",
            f"{unit.name_th or unit.name} {period_label}",
        ],
        sections=[
            Section(
                heading="1. สรุปผล",
                paragraphs=[f"ช่วงเวลา {thai_date(first_day)} ถึง {thai_date(last_day)}"],
                bullets=[
                    f"ตรวจนับทรัพย์สิน {len(figures.counts)} ครั้ง ตรวจ {figures.counted_lines} รายการ",
                    f"พบรายการไม่ตรงทะเบียน {len(figures.discrepancies)} รายการ "
                    f"แก้ไขแล้ว {figures.discrepancies_resolved} รายการ",
                    f"การยืม {figures.loans_issued} ครั้ง คืนแล้ว {figures.loans_returned} ครั้ง "
                    f"ค้างเกินกำหนด {len(figures.overdue)} รายการ",
                    f"รับของกลาง {figures.intakes} รายการ ส่งมอบ {len(figures.transfers)} ครั้ง "
                    f"(ซีลไม่สมบูรณ์ {figures.seals_broken_on_transfer} ครั้ง) "
                    f"ตรวจพิสูจน์ {figures.examinations} ครั้ง",
                    f"คืนเจ้าของ {figures.returned} รายการ ทำลาย {figures.disposed} รายการ "
                    f"(ตามคำสั่งที่อนุญาต) บันทึกแก้ไข {figures.corrections} รายการ",
                    f"ตรวจห้องเก็บของกลาง {len(figures.reconciliations)} ครั้ง ไม่พบ "
                    f"{figures.room_missing} รายการ เกินทะเบียน {figures.room_unexpected} รายการ "
                    f"ซีลชำรุด {figures.room_seal_broken} รายการ",
                ],
            ),
            Section(heading="2. การตรวจนับทรัพย์สิน", tables=[counts]),
            Section(heading="3. รายการที่ไม่ตรงทะเบียนและการแก้ไข", tables=[discrepancies]),
            Section(heading="4. การส่งมอบของกลาง", tables=[transfers]),
            Section(heading="5. การตรวจห้องเก็บของกลางเทียบกับทะเบียน", tables=[rooms]),
        ],
        footer=audit_head_line(),
        file_stem=f"o22-practice-{unit.slug}-{year}",
    )


def to_pdf(content: Content) -> bytes:
    html = render_to_string("custody/pdf/document.html", {"content": content})
    css = render_to_string("custody/pdf/document.css", {"family": FONT_FAMILY})
    return html_to_pdf(html, css, footer=content.footer)


def to_docx(content: Content) -> bytes:
    from prongsai.documents.official_docx import OfficialDocument

    doc = OfficialDocument()
    doc.footer_line(content.footer)
    doc.page_numbers()
    doc.title(content.title_lines, size=18, next_size=16)
    for section in content.sections:
        doc.heading(section.heading)
        for text in section.paragraphs:
            doc.paragraph(text, indent=True)
        for text in section.bullets:
            doc.bullet(text)
        for data in section.tables:
            table = doc.table(data.headers, data.widths_cm)
            for values in data.rows:
                doc.row(table, values)
            doc.fix_widths(table, data.widths_cm)
            doc.paragraph()
    return doc.to_bytes(title=content.title_lines[0])
