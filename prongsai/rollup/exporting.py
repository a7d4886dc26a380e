"""The roll-up as files: an XLSX workbook (overview, OIT heat map, indicator heat map, reporting
rates) through the spreadsheets writer, and a PDF summary for a meeting (core/pdf.py).

Both are rendered by the task worker as generated documents (document_kinds.py), always in Thai
(papers for a meeting), for the document's unit: a division's file holds that division only.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone, translation

from prongsai.assessments.integrity_signals import registered_signals
from prongsai.assessments.models import Assessment
from prongsai.core.audit_anchor import audit_head_line
from prongsai.core.pdf import FONT_FAMILY, html_to_pdf
from prongsai.organizations.models import Unit
from prongsai.spreadsheets.writer import append_row, new_sheet, new_workbook, workbook_bytes

from .heatmap import (
    indicator_columns,
    indicator_heatmap,
    item_columns,
    oit_heatmap,
    reporting_rates,
    state_label,
)
from .selectors import Overview, UnitRow, behind_choices, filter_rows, sort_rows, subtree_overview

# Heat-map sheets are written in chunks of this many units (bounded memory and queries per chunk).
CHUNK = 500


def _kind_label(kind: str) -> str:
    return str(dict(Unit.Kind.choices).get(kind, kind))


def _status_label(row: UnitRow) -> str:
    if row.assessment is None:
        return "ยังไม่มีการประเมินของปีนี้"
    return str(dict(Assessment.Status.choices).get(row.assessment.status, row.assessment.status))


def overview_rows(
    unit: Unit, year: int, filters: Mapping[str, Any]
) -> tuple[Overview, list[UnitRow]]:
    data = subtree_overview(unit, year)
    level = filters.get("level")
    rows = filter_rows(
        data.rows,
        text=str(filters.get("text") or ""),
        level=level if isinstance(level, int) else None,
        kind=str(filters.get("kind") or ""),
        status=str(filters.get("status") or ""),
        behind=str(filters.get("behind") or ""),
    )
    return data, sort_rows(rows, str(filters.get("sort") or "name"))


def overview_header() -> list[str]:
    signals = [str(s.label) for s in registered_signals()]
    return [
        "อันดับ",
        "รหัสหน่วยงาน",
        "หน่วยงาน",
        "ประเภท",
        "ระดับ",
        "สถานะการประเมิน",
        "คะแนน",
        "เกรด",
        "เปลี่ยนแปลงจากปีก่อน",
        "IIT จำนวน",
        "IIT เป้าหมาย",
        "EIT จำนวน",
        "EIT เป้าหมาย",
        "OIT มีหลักฐานเผยแพร่",
        "OIT ส่งตรวจแล้ว",
        "OIT ผ่าน",
        "OIT ทั้งหมด",
        "แผน เสร็จ",
        "แผน ทั้งหมด",
        "แผน เลยกำหนด",
        *[f"{label} (ทำแล้ว / ที่ต้องทำ)" for label in signals],
        "ล่าช้าเรื่อง",
    ]


def overview_values(row: UnitRow) -> list[object]:
    behind = dict(behind_choices())
    iit, eit = row.iit, row.eit
    has = row.assessment is not None
    return [
        (f"{row.rank}=" if row.tied else row.rank) if row.rank else "",
        row.unit.slug,
        row.unit.name_th,
        _kind_label(row.unit.kind),
        row.level,
        _status_label(row),
        round(row.total, 2) if row.total is not None else "",
        row.score.grade if row.score else "",
        row.change if row.change is not None else "",
        iit.count if iit else "",
        iit.target if iit and iit.target is not None else "",
        eit.count if eit else "",
        eit.target if eit and eit.target is not None else "",
        row.oit.with_evidence if has else "",
        row.oit.sent if has else "",
        row.oit.accepted if has else "",
        row.items if has else "",
        row.plan.done if has else "",
        row.plan.rows if has else "",
        row.plan.overdue if has else "",
        *[
            f"{figure.done} / {figure.expected}" if figure else ""
            for _signal, figure in row.signal_list
        ],
        ", ".join(str(behind.get(key, key)) for key in sorted(row.behind)),
    ]


def rollup_xlsx(unit: Unit, year: int, filters: Mapping[str, Any]) -> bytes:
    with translation.override("th"):
        data, rows = overview_rows(unit, year, filters)
        book = new_workbook()
        sheet = new_sheet(book, "ภาพรวม", overview_header())
        for row in rows:
            append_row(sheet, overview_values(row))
        totals = data.totals
        append_row(
            sheet,
            [
                "",
                "",
                f"รวม {totals.units} หน่วยงาน",
                "",
                "",
                f"มีการประเมิน {totals.assessed}",
                totals.average if totals.average is not None else "",
                "",
                "",
                *totals.survey("IIT"),
                *totals.survey("EIT"),
                totals.with_evidence,
                totals.sent,
                totals.accepted,
                totals.items,
                totals.plan_done,
                totals.plan_rows,
                totals.plan_overdue,
                *[
                    "{} / {}".format(*totals.signals.get(s.key, [0, 0, 0])[:2])
                    for s in registered_signals()
                ],
                "",
            ],
        )
        sheet.freeze_panes = "D2"
        assessed = [row for row in rows if row.assessment is not None]
        _heat_sheets(book, assessed)
        _rates_sheet(book, unit, year, data.rows)
        return workbook_bytes(book)


def _heat_sheets(book: Any, assessed: list[UnitRow]) -> None:
    items = item_columns(assessed)
    oit = new_sheet(book, "OIT รายข้อ", ["รหัสหน่วยงาน", "หน่วยงาน", *[c.code for c in items]])
    indicators = indicator_columns(assessed)
    scores = new_sheet(
        book, "คะแนนรายตัวชี้วัด", ["รหัสหน่วยงาน", "หน่วยงาน", *[c.code for c in indicators]]
    )
    for start in range(0, len(assessed), CHUNK):
        chunk = assessed[start : start + CHUNK]
        for heat in oit_heatmap(chunk, items):
            append_row(
                oit,
                [
                    heat.unit.slug,
                    heat.unit.name_th,
                    *[str(state_label(cell.state)) if cell else "" for cell in heat.cells],
                ],
            )
        for heat in indicator_heatmap(chunk, indicators):
            append_row(
                scores,
                [
                    heat.unit.slug,
                    heat.unit.name_th,
                    *[
                        (cell.value if cell.value is not None else "") if cell else ""
                        for cell in heat.cells
                    ],
                ],
            )
    oit.freeze_panes = "C2"
    scores.freeze_panes = "C2"


def _rates_sheet(book: Any, unit: Unit, year: int, rows: list[UnitRow]) -> None:
    rates = reporting_rates(unit, year, rows)
    sheet = new_sheet(
        book,
        "อัตราการรายงาน",
        [
            "เรื่อง",
            "ระดับ",
            "หน่วยงาน",
            "ที่ต้องรายงาน",
            "รายงานแล้ว",
            "ตรงเวลา",
            "อัตรา (%)",
            "ตรงเวลา (%)",
        ],
    )
    for rate in rates.oit_by_level:
        append_row(
            sheet,
            ["OIT", str(rate.label), rate.units, rate.expected, rate.published, rate.on_time,
             rate.rate if rate.rate is not None else "",
             rate.on_time_rate if rate.on_time_rate is not None else ""],
        )  # fmt: skip
    for rate in rates.surveys_by_level:
        append_row(
            sheet,
            ["แบบสำรวจ (ได้ตามเป้าหมาย)", str(rate.label), rate.units, rate.expected,
             rate.published, "", rate.rate if rate.rate is not None else "", ""],
        )  # fmt: skip
    for column, rate in rates.oit_by_item:
        append_row(
            sheet,
            [f"OIT {column.code}", "", rate.units, rate.expected, rate.published, rate.on_time,
             rate.rate if rate.rate is not None else "",
             rate.on_time_rate if rate.on_time_rate is not None else ""],
        )  # fmt: skip


# ---- the PDF summary for a meeting ---------------------------------------------------------
TOP = 10


def rollup_pdf(unit: Unit, year: int) -> bytes:
    with translation.override("th"):
        data = subtree_overview(unit, year)
        ranked = sorted((r for r in data.rows if r.rank), key=lambda r: (r.rank or 0, r.unit.path))
        behind = [
            (label, sum(1 for row in data.rows if key in row.behind))
            for key, label in behind_choices()
        ]
        context = {
            "unit": unit,
            "year": year,
            "overview": data,
            "top": ranked[:TOP],
            "bottom": ranked[-TOP:][::-1] if len(ranked) > TOP else [],
            "behind": behind,
            "rates": reporting_rates(unit, year, data.rows),
            "made": timezone.localtime(),
        }
        html = render_to_string("rollup/pdf/summary.html", context)
        css = render_to_string("rollup/pdf/summary.css", {"family": FONT_FAMILY})
    return html_to_pdf(html, css, footer=audit_head_line())
