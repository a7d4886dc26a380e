"""The procurement documents, one renderer per format over the data models of ``summaries``:
WeasyPrint PDF (A4 landscape, the shipped Thai font, the audit head in the footer), XLSX (the
สขร.1 sheet imports back as it is), CSV with a byte-order mark, and JSON with stable field names
(README, "Procurement records").
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

from prongsai.core.audit_anchor import audit_head_line
from prongsai.core.pdf import FONT_FAMILY, html_to_pdf
from prongsai.core.thai_dates import thai_date, thai_digits_in_html
from prongsai.spreadsheets.writer import (
    append_row,
    csv_bytes,
    new_sheet,
    new_workbook,
    workbook_bytes,
)

from .layouts import (
    ANNOUNCEMENT_HEADINGS,
    ANNOUNCEMENT_TITLE,
    EMPTY_MONTH,
    PLAN_HEADINGS,
    PLAN_TITLE,
    POLICE_HEADINGS,
    SK1_CONTRACT_SUBHEADINGS,
    SK1_HEADINGS,
    SK1_TITLE,
    baht,
)
from .months import month_label, month_period
from .summaries import MonthlySummary, QuarterPlan, Row, UnitHeader


def _pdf(template: str, context: dict[str, Any], *, digits: bool = False) -> bytes:
    html: str = render_to_string(template, {**context, "made": timezone.localdate()})
    if digits:  # the unit's option: ๐–๙ in the text (markup and addresses keep theirs)
        html = thai_digits_in_html(html)
    css = render_to_string("procurement/pdf/document.css", {"family": FONT_FAMILY})
    return html_to_pdf(html, css, footer=audit_head_line())


AMOUNT_FORMAT = "#,##0.00"  # baht: every amount cell of the workbooks is a number in this format


def _number(amount: Decimal | None) -> float | None:
    return None if amount is None else float(amount)


def _day(value: Any) -> str | None:
    return value.isoformat() if value else None


# --- สขร.1 ------------------------------------------------------------------------------------
def sk1_title(summary: MonthlySummary) -> str:
    return f"{SK1_TITLE} {month_label(summary.month)}"


def sk1_values(row: Row) -> list[Any]:
    r = row.record
    return [
        row.number,
        r.title,
        r.budget,
        r.reference_price,
        row.method_th,
        row.bids_text,
        row.selected_text,
        r.reason,
        r.contract_number,
        row.contract_date_th,
    ]


def sk1_pdf(summary: MonthlySummary) -> bytes:
    return _pdf(
        "procurement/pdf/summary.html",
        {
            "s": summary,
            "title": sk1_title(summary),
            "headings": SK1_HEADINGS,
            "sub": SK1_CONTRACT_SUBHEADINGS,
            "rows": [
                {
                    "row": row,
                    "budget": baht(row.record.budget),
                    "ref": baht(row.record.reference_price),
                }
                for row in summary.rows
            ],
            "empty": EMPTY_MONTH,
            "as_of": thai_date(summary.last_day),
        },
        digits=summary.thai_digits,
    )


def sk1_xlsx(summary: MonthlySummary) -> bytes:
    from openpyxl.styles import Alignment, Font

    book = new_workbook()
    sheet = new_sheet(book, month_label(summary.month, short=True))
    append_row(sheet, [sk1_title(summary)])
    append_row(sheet, [summary.unit.name])
    append_row(sheet, [*SK1_HEADINGS, None])
    append_row(sheet, [None] * 8 + list(SK1_CONTRACT_SUBHEADINGS))
    sheet.merge_cells("A1:J1")
    sheet.merge_cells("A2:J2")
    for column in "ABCDEFGH":
        sheet.merge_cells(f"{column}3:{column}4")
    sheet.merge_cells("I3:J3")
    for row in sheet.iter_rows(min_row=1, max_row=4):
        for cell in row:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    if summary.empty:
        append_row(sheet, [EMPTY_MONTH])
        sheet.merge_cells("A5:J5")
    for row in summary.rows:
        number = append_row(sheet, sk1_values(row))
        for cell in sheet[number]:
            cell.alignment = Alignment(vertical="top", wrap_text=True)
        for column in "CD":
            sheet[f"{column}{number}"].number_format = AMOUNT_FORMAT
    for column, width in zip("ABCDEFGHIJ", (7, 34, 14, 14, 16, 34, 30, 28, 14, 14), strict=True):
        sheet.column_dimensions[column].width = width
    return workbook_bytes(book)


def sk1_csv(summary: MonthlySummary) -> bytes:
    header = [*SK1_HEADINGS[:8], "เลขที่สัญญาหรือข้อตกลง", "วันที่สัญญาหรือข้อตกลง"]
    rows: list[Sequence[Any]] = [header]
    if summary.empty:
        rows.append(["", EMPTY_MONTH, "", "", "", "", "", "", "", ""])
    for row in summary.rows:
        values = sk1_values(row)
        values[9] = row.record.contract_date
        rows.append(values)
    return csv_bytes(rows)


def record_json(row: Row) -> dict[str, Any]:
    """One procurement with the stable field names of every JSON export (README)."""
    r = row.record
    return {
        "number": row.number,
        "title": r.title,
        "egp_number": r.egp_number,
        "category": r.category,
        "budget_source": r.budget_source,
        "budget": _number(r.budget),
        "reference_price": _number(r.reference_price),
        "method": r.method,
        "method_th": row.method_th,
        "bids": [{"bidder": name, "amount": _number(amount)} for name, amount in row.bids],
        "supplier": r.supplier,
        "agreed_price": _number(r.agreed_price),
        "reason": r.reason,
        "contract_number": r.contract_number,
        "contract_date": _day(r.contract_date),
        "stage": r.stage,
        "stage_th": row.stage_th,
        "plan_announced": _day(r.plan_announced),
        "invitation_announced": _day(r.invitation_announced),
        "result_announced": _day(r.result_announced),
    }


def _unit_json(unit: UnitHeader) -> dict[str, str]:
    return {
        "name": unit.name,
        "parent": unit.parent,
        "district": unit.district,
        "province": unit.province,
        "ministry": unit.ministry,
        "agency_type": unit.agency_type,
    }


def _json(data: dict[str, Any]) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")


def summary_json(summary: MonthlySummary, *, layout: str) -> bytes:
    return _json(
        {
            "layout": layout,
            "unit": _unit_json(summary.unit),
            "fiscal_year": summary.year,
            "period": month_period(summary.month),
            "month_th": month_label(summary.month),
            "no_procurement": summary.empty,
            "statement": EMPTY_MONTH if summary.empty else "",
            "records": [record_json(row) for row in summary.rows],
        }
    )


# --- the police 16-field layout ---------------------------------------------------------------
def police_values(summary: MonthlySummary, row: Row) -> list[Any]:
    r, u = row.record, summary.unit
    return [
        row.number,
        summary.year,
        u.name,
        u.district,
        u.province,
        u.ministry,
        u.agency_type,
        r.title,
        r.budget,
        r.budget_source,
        row.stage_th,
        row.method_th,
        r.reference_price,
        r.agreed_price,
        r.supplier,
        r.egp_number,
    ]


def police_title(summary: MonthlySummary) -> str:
    return f"ข้อมูลการจัดซื้อจัดจ้าง ประจำเดือน {month_label(summary.month)}"


def police_pdf(summary: MonthlySummary) -> bytes:
    rows = []
    for row in summary.rows:
        values = police_values(summary, row)
        for i in (8, 12, 13):
            values[i] = baht(values[i])
        rows.append(values)
    return _pdf(
        "procurement/pdf/police.html",
        {
            "s": summary,
            "title": police_title(summary),
            "headings": POLICE_HEADINGS,
            "rows": rows,
            "empty": EMPTY_MONTH,
            "as_of": thai_date(summary.last_day),
        },
        digits=summary.thai_digits,
    )


def police_xlsx(summary: MonthlySummary) -> bytes:
    from openpyxl.styles import Alignment, Font

    book = new_workbook()
    sheet = new_sheet(book, month_label(summary.month, short=True), POLICE_HEADINGS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    if summary.empty:
        append_row(sheet, ["", summary.year, summary.unit.name, "", "", "", "", EMPTY_MONTH])
    for row in summary.rows:
        number = append_row(sheet, police_values(summary, row))
        for column in "IMN":
            sheet[f"{column}{number}"].number_format = AMOUNT_FORMAT
    return workbook_bytes(book)


def police_csv(summary: MonthlySummary) -> bytes:
    rows: list[Sequence[Any]] = [POLICE_HEADINGS]
    if summary.empty:
        rows.append(["", summary.year, summary.unit.name, "", "", "", "", EMPTY_MONTH, *[""] * 8])
    rows.extend(police_values(summary, row) for row in summary.rows)
    return csv_bytes(rows)


# --- O13: plan and announcements of a quarter -----------------------------------------------
def plan_values(row: Row) -> list[Any]:
    r = row.record
    return [
        row.number,
        r.title,
        r.budget,
        r.budget_source,
        row.method_th,
        month_label(r.month),
        thai_date(r.plan_announced, short=True) if r.plan_announced else "",
        r.egp_number,
    ]


def plan_title(plan: QuarterPlan) -> str:
    return f"{PLAN_TITLE} ประจำปีงบประมาณ พ.ศ. {plan.year} ไตรมาสที่ {plan.quarter}"


def plan_pdf(plan: QuarterPlan) -> bytes:
    planned = []
    for row in plan.planned:
        values = plan_values(row)
        values[2] = baht(values[2])
        planned.append(values)
    announcements = [
        [
            a.number,
            a.record.title,
            a.kind,
            thai_date(a.day, short=True),
            a.record.supplier if a.kind.startswith("ประกาศผู้ชนะ") else "",
            baht(a.record.agreed_price) if a.kind.startswith("ประกาศผู้ชนะ") else "",
        ]
        for a in plan.announcements
    ]
    return _pdf(
        "procurement/pdf/plan.html",
        {
            "p": plan,
            "title": plan_title(plan),
            "plan_headings": PLAN_HEADINGS,
            "planned": planned,
            "announcement_title": ANNOUNCEMENT_TITLE,
            "announcement_headings": ANNOUNCEMENT_HEADINGS,
            "announcements": announcements,
            "empty": EMPTY_MONTH,
            "first": thai_date(plan.first_day),
            "last": thai_date(plan.last_day),
        },
        digits=plan.thai_digits,
    )


def _announcement_values(plan: QuarterPlan) -> list[list[Any]]:
    return [
        [
            a.number,
            a.record.title,
            a.kind,
            a.day,
            a.record.supplier if a.kind.startswith("ประกาศผู้ชนะ") else "",
            a.record.agreed_price if a.kind.startswith("ประกาศผู้ชนะ") else None,
        ]
        for a in plan.announcements
    ]


def plan_xlsx(plan: QuarterPlan) -> bytes:
    book = new_workbook()
    sheet = new_sheet(book, f"แผน ไตรมาส {plan.quarter}")
    append_row(sheet, [plan_title(plan)])
    append_row(sheet, [plan.unit.name])
    append_row(sheet, PLAN_HEADINGS)
    if not plan.planned:
        append_row(sheet, ["", EMPTY_MONTH])
    for row in plan.planned:
        number = append_row(sheet, plan_values(row))
        sheet[f"C{number}"].number_format = AMOUNT_FORMAT
    sheet = new_sheet(book, f"ประกาศ ไตรมาส {plan.quarter}")
    append_row(sheet, [ANNOUNCEMENT_TITLE])
    append_row(sheet, ANNOUNCEMENT_HEADINGS)
    for values in _announcement_values(plan):
        number = append_row(sheet, values)
        sheet[f"F{number}"].number_format = AMOUNT_FORMAT
    return workbook_bytes(book)


def plan_csv(plan: QuarterPlan) -> bytes:
    rows: list[Sequence[Any]] = [PLAN_HEADINGS]
    if not plan.planned:
        rows.append(["", EMPTY_MONTH, "", "", "", "", "", ""])
    rows.extend(plan_values(row) for row in plan.planned)
    return csv_bytes(rows)


def plan_json(plan: QuarterPlan) -> bytes:
    return _json(
        {
            "layout": "procurement-plan",
            "unit": _unit_json(plan.unit),
            "fiscal_year": plan.year,
            "period": f"q{plan.quarter}",
            "months": [month_period(m) for m in plan.months],
            "no_procurement": not plan.planned,
            "planned": [record_json(row) for row in plan.planned],
            "announcements": [
                {
                    "number": a.number,
                    "title": a.record.title,
                    "egp_number": a.record.egp_number,
                    "kind": a.kind,
                    "date": a.day.isoformat(),
                }
                for a in plan.announcements
            ],
        }
    )
