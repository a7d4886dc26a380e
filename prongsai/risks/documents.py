"""The O19 and O20 documents of a register, built from its records (PDF and DOCX, Thai).

* O19 — การประเมินความเสี่ยงต่อการรับสินบนและแผนบริหารจัดการความเสี่ยง: the criteria (the register's
  scheme), the processes where authority is used, their risk events with level, the heat map,
  and the treatment plan.
* O20 — การรายงานผลการดำเนินการเพื่อจัดการความเสี่ยงต่อการรับสินบน (6- or 12-month round): per
  process and event, what was done, the result, the residual level, photos and links, and the
  heat map before and after treatment.

Both carry the heat-map picture (the same PNG) and the audit head in their footer. The wording
is official Thai and stays here and in the PDF templates.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Any

from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils import translation

from prongsai.core.audit_anchor import audit_head_line
from prongsai.core.pdf import FONT_FAMILY, html_to_pdf
from prongsai.core.thai_dates import thai_date
from prongsai.documents.official_docx import OfficialDocument

from .heatmap import heat_map_png
from .models import FollowUpPhoto, Register
from .selectors import RegisterView, register_view

O19_TITLE = "การประเมินความเสี่ยงต่อการรับสินบนและแผนบริหารจัดการความเสี่ยงต่อการรับสินบน"
O20_TITLE = "รายงานผลการดำเนินการเพื่อจัดการความเสี่ยงต่อการรับสินบน"
ROUND_TH = {6: "รอบ ๖ เดือน", 12: "รอบ ๑๒ เดือน"}
PHOTOS_PER_FOLLOWUP = 4


@dataclass(frozen=True)
class Built:
    register: Register
    view: RegisterView
    heat_map: bytes
    round: int | None


def _build(register: Register, *, round_: int | None = None) -> Built:
    view = register_view(register, max_round=round_)
    return Built(
        register=register,
        view=view,
        heat_map=heat_map_png(view.scheme, view.events),
        round=round_,
    )


def _photo_bytes(photo: FollowUpPhoto) -> bytes | None:
    try:
        with default_storage.open(str(photo.file.name), "rb") as handle:
            data: bytes = handle.read()
            return data
    except OSError:
        return None


def _data_uri(content: bytes, content_type: str) -> str:
    return f"data:{content_type};base64,{base64.b64encode(content).decode()}"


def _context(built: Built) -> dict[str, Any]:
    register = built.register
    for treatment in built.view.treatments:
        for followup in treatment.followups:
            uris = []
            for photo in list(followup.photos.all())[:PHOTOS_PER_FOLLOWUP]:
                content = _photo_bytes(photo)
                if content:
                    uris.append(_data_uri(content, photo.content_type))
            followup.doc_photos = uris  # type: ignore[attr-defined]
    return {
        "register": register,
        "unit": register.assessment.unit,
        "year": register.assessment.year,
        "view": built.view,
        "scheme": built.view.scheme,
        "heat_map": _data_uri(built.heat_map, "image/png"),
        "round": built.round,
        "round_label": ROUND_TH.get(built.round or 0, ""),
        "o19_title": O19_TITLE,
        "o20_title": O20_TITLE,
    }


def _pdf(template: str, built: Built) -> bytes:
    with translation.override("th"):
        context = _context(built)
        html = render_to_string(template, context)
        css = render_to_string("risks/pdf/risks.css", {"family": FONT_FAMILY})
        return html_to_pdf(html, css, footer=audit_head_line())


def assessment_pdf(register: Register) -> bytes:
    return _pdf("risks/pdf/assessment.html", _build(register))


def results_pdf(register: Register, round_: int) -> bytes:
    return _pdf("risks/pdf/results.html", _build(register, round_=round_))


# --- DOCX --------------------------------------------------------------------------------------
def _heading_lines(doc: OfficialDocument, title: str, register: Register, extra: str = "") -> None:
    lines = [title]
    if extra:
        lines.append(extra)
    lines.append(f"ประจำปีงบประมาณ พ.ศ. {register.assessment.year}")
    lines.append(register.assessment.unit.name)
    doc.title(lines)


def _criteria(doc: OfficialDocument, view: RegisterView) -> None:
    scheme = view.scheme
    doc.heading("๑. เกณฑ์การประเมินความเสี่ยงต่อการรับสินบน")
    for title, levels in (
        ("โอกาสที่จะเกิด (Likelihood)", scheme.likelihood),
        ("ผลกระทบ (Impact)", scheme.impact),
    ):
        doc.paragraph(title, bold=True)
        table = doc.table(["ระดับ", "ความหมาย", "คำอธิบาย"], [2.0, 3.5, 11.0])
        for level in levels:
            doc.row(table, [str(level.value), level.th, level.description_th])
        doc.fix_widths(table, [2.0, 3.5, 11.0])
    doc.paragraph("ระดับความเสี่ยง (คะแนน = โอกาส × ผลกระทบ)", bold=True)
    table = doc.table(["คะแนน", "ระดับความเสี่ยง"], [4.0, 12.5])
    for band in scheme.bands:
        doc.row(table, [f"{band.min}–{band.max}", band.th])
    doc.fix_widths(table, [4.0, 12.5])


def assessment_docx(register: Register) -> bytes:
    with translation.override("th"):
        built = _build(register)
        view = built.view
        doc = OfficialDocument(orientation="landscape")
        _heading_lines(doc, O19_TITLE, register)
        if register.introduction:
            doc.paragraph(register.introduction)
        _criteria(doc, view)
        doc.heading("๒. กระบวนการที่ใช้อำนาจและตำแหน่งหน้าที่ และเหตุการณ์ความเสี่ยง")
        widths = [1.2, 6.5, 4.0, 2.8, 4.5, 1.3, 1.3, 1.3, 2.2]
        for process in view.processes:
            p = process.process
            doc.paragraph(f"กระบวนการที่ {process.number}: {p.name}", bold=True)
            if p.section:
                doc.labelled("ฝ่าย/งาน: ", p.section)
            if p.legal_basis:
                doc.labelled("กฎหมายที่เกี่ยวข้อง: ", p.legal_basis)
            if p.authority_step:
                doc.labelled("ขั้นตอนที่ใช้อำนาจ: ", p.authority_step)
            table = doc.table(
                [
                    "ที่",
                    "เหตุการณ์/พฤติกรรมความเสี่ยง",
                    "สาเหตุ",
                    "ประเภท",
                    "การควบคุมที่มีอยู่",
                    "โอกาส",
                    "ผลกระทบ",
                    "คะแนน",
                    "ระดับ",
                ],
                widths,
            )
            for e in process.events:
                doc.row(
                    table,
                    [
                        e.number,
                        e.event.description,
                        e.event.cause,
                        e.event.get_risk_type_display(),
                        e.event.controls,
                        str(e.event.likelihood),
                        str(e.event.impact),
                        str(e.level.score),
                        e.level.band.th,
                    ],
                )
            doc.fix_widths(table, widths)
        doc.heading("๓. แผนภูมิความเสี่ยง (Heat map)")
        doc.picture(
            built.heat_map,
            width_cm=22,
            caption="แผนภูมิความเสี่ยง: ก่อนและหลังการจัดการความเสี่ยง (แถว = โอกาส, คอลัมน์ = ผลกระทบ)",
        )
        doc.heading("๔. แผนบริหารจัดการความเสี่ยงต่อการรับสินบน")
        widths = [1.2, 5.5, 8.5, 4.5, 2.5, 4.3]
        table = doc.table(
            ["ที่", "เหตุการณ์ความเสี่ยง", "มาตรการ", "ผู้รับผิดชอบ", "กำหนดเสร็จ", "ตัวชี้วัด"], widths
        )
        for e in view.events:
            for t in e.treatments:
                tr = t.treatment
                doc.row(
                    table,
                    [
                        e.number,
                        e.event.description,
                        tr.measure,
                        tr.owner_label,
                        thai_date(tr.due_date) if tr.due_date else "–",
                        tr.kpi,
                    ],
                )
        doc.fix_widths(table, widths)
        doc.footer_line(audit_head_line())
        return doc.to_bytes(title=O19_TITLE)


def results_docx(register: Register, round_: int) -> bytes:
    with translation.override("th"):
        built = _build(register, round_=round_)
        view = built.view
        doc = OfficialDocument(orientation="landscape")
        _heading_lines(doc, O20_TITLE, register, ROUND_TH.get(round_, ""))
        done = sum(1 for t in view.treatments if t.status == "done")
        doc.paragraph(f"มาตรการทั้งหมด {len(view.treatments)} มาตรการ ดำเนินการแล้วเสร็จ {done} มาตรการ")
        doc.heading("แผนภูมิความเสี่ยง (Heat map) ก่อนและหลังการจัดการความเสี่ยง")
        doc.picture(
            built.heat_map,
            width_cm=22,
            caption="แถว = โอกาส, คอลัมน์ = ผลกระทบ; หลังการจัดการใช้ระดับความเสี่ยงคงเหลือจากการติดตามล่าสุด",
        )
        for process in view.processes:
            doc.heading(f"กระบวนการที่ {process.number}: {process.process.name}")
            for e in process.events:
                residual = e.residual_level.band.th if e.residual_level else "–"
                doc.paragraph(
                    f"{e.number} {e.event.description} (ระดับความเสี่ยง {e.level.band.th}; "
                    f"คงเหลือ {residual})",
                    bold=True,
                )
                for t in e.treatments:
                    doc.bullet(
                        f"มาตรการ: {t.treatment.measure} — {t.treatment.get_status_display()}"
                    )
                    for f in t.followups:
                        rating = ""
                        if f.residual_likelihood and f.residual_impact:
                            rating = f" ความเสี่ยงคงเหลือ โอกาส {f.residual_likelihood} × ผลกระทบ {f.residual_impact}"
                        doc.paragraph(
                            f"{ROUND_TH.get(f.round, '')} ({thai_date(f.date)}): {f.done}"
                            + (f" ผลการดำเนินการ: {f.result}" if f.result else "")
                            + rating
                        )
                        for link in f.links:
                            doc.link_paragraph(link)
                        for photo in list(f.photos.all())[:PHOTOS_PER_FOLLOWUP]:
                            content = _photo_bytes(photo)
                            if content:
                                doc.picture(content, width_cm=8)
        doc.footer_line(audit_head_line())
        return doc.to_bytes(title=O20_TITLE)
