"""The plan as files: XLSX (imports back unchanged) and seed-shaped Word tables.

The XLSX has the seed's nine columns plus the ones that make it exact (order, user accounts,
cadence, result details, OIT items). The Word file has the seed's nine columns only, one table per
indicator, with blank continuation cells: the shape units already keep their plan in.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db.models import QuerySet

from prongsai.assessments.models import Assessment
from prongsai.core.audit_anchor import audit_head_line
from prongsai.documents.official_docx import FONT as DOC_FONT  # TH Sarabun New, for XLSX too
from prongsai.spreadsheets.writer import append_row, new_sheet, new_workbook, workbook_bytes

from .importing.plan_table import EXPORT_ORDER, REQUIRED, header_text
from .models import PlanRow
from .parsing import (
    CADENCE_TH,
    STATUS_TH,
    cadence_display,
    format_channels,
    format_period,
    indicator_label,
    period_for_export,
)
from .selectors import indicator_titles


def _row_values(row: PlanRow, titles: dict[str, str]) -> dict[str, object]:
    usernames = sorted(u.get_username() for u in row.responsible_users.all())
    return {
        "position": row.position,
        "indicator": indicator_label(row.indicator, titles),
        "issue": row.issue,
        "activity": row.activity,
        "output": row.output,
        "channels": format_channels(row.channels, row.channels_other, tag_other=True),
        "period": period_for_export(row.period_start, row.period_end, row.period_text),
        "responsible": "\n".join(row.responsible_positions),
        "users": "\n".join(usernames),
        "monitoring": cadence_display(row.cadence, row.cadence_text),
        "cadence": CADENCE_TH.get(row.cadence, ""),
        "result": STATUS_TH.get(row.status, ""),
        "result_note": row.result_note,
        "oit": ", ".join(row.oit_items),
        "notes": row.notes,
    }


WIDTHS = {
    "position": 7,
    "indicator": 22,
    "issue": 30,
    "activity": 45,
    "output": 24,
    "channels": 18,
    "period": 26,
    "responsible": 26,
    "users": 16,
    "monitoring": 20,
    "cadence": 14,
    "result": 20,
    "result_note": 30,
    "oit": 12,
    "notes": 30,
}


def plan_xlsx(assessment: Assessment, rows: Iterable[PlanRow] | None = None) -> bytes:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    titles = indicator_titles(assessment)
    if rows is None:
        rows = PlanRow.objects.filter(assessment=assessment).prefetch_related("responsible_users")
    workbook = new_workbook()
    sheet = new_sheet(workbook, f"แผน {assessment.year}", [header_text(k) for k in EXPORT_ORDER])
    header_font = Font(name=DOC_FONT, size=14, bold=True)
    body_font = Font(name=DOC_FONT, size=14)
    fill = PatternFill("solid", fgColor="DCE6F2")
    wrap = Alignment(wrap_text=True, vertical="top")
    for cell in sheet[1]:
        cell.font, cell.fill, cell.alignment = header_font, fill, wrap
    for row in rows:
        values = _row_values(row, titles)
        append_row(sheet, [values[key] for key in EXPORT_ORDER])
    for line in sheet.iter_rows(min_row=2):
        for cell in line:
            cell.font, cell.alignment = body_font, wrap
    for index, key in enumerate(EXPORT_ORDER, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = WIDTHS[key]
    last = max(sheet.max_row, 2)
    for key, choices in (("result", STATUS_TH.values()), ("cadence", CADENCE_TH.values())):
        letter = get_column_letter(EXPORT_ORDER.index(key) + 1)
        validation = DataValidation(
            type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True
        )
        validation.add(f"{letter}2:{letter}{last + 500}")
        sheet.add_data_validation(validation)
    sheet.freeze_panes = "B2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(EXPORT_ORDER))}{last}"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    return workbook_bytes(workbook)


# --- seed-shaped Word tables ----------------------------------------------------------------
@dataclass
class WordTable:
    rows: list[list[str]]  # nine cells per row, in REQUIRED order
    header: bool = True


def plan_word_tables(rows: Sequence[PlanRow], titles: dict[str, str]) -> list[WordTable]:
    """One table per indicator, indicator and repeated issues left blank (they continue)."""
    tables: list[WordTable] = []
    current_indicator, current_issue = None, None
    for row in rows:
        if row.indicator != current_indicator:
            tables.append(WordTable(rows=[]))
            current_indicator, current_issue = row.indicator, None
        tables[-1].rows.append(
            [
                indicator_label(row.indicator, titles, digits=True) if not tables[-1].rows else "",
                row.issue if row.issue != current_issue else "",
                row.activity,
                row.output,
                format_channels(row.channels, row.channels_other),
                format_period(row.period_start, row.period_end, row.period_text, digits=True),
                "\n".join(
                    [
                        *row.responsible_positions,
                        *(
                            u.get_full_name() or u.get_username()
                            for u in row.responsible_users.all()
                        ),
                    ]
                ),
                cadence_display(row.cadence, row.cadence_text),
                "\n".join(filter(None, [STATUS_TH.get(row.status, ""), row.result_note])),
            ]
        )
        current_issue = row.issue
    return tables


WORD_WIDTHS_CM = (2.6, 3.4, 5.6, 3.0, 2.4, 2.6, 3.2, 2.4, 1.5)  # A4 landscape, 26.7 cm


def word_tables_docx(tables: Sequence[WordTable], *, title: str = "", footer: str = "") -> bytes:
    """A landscape document of seed-shaped measures tables (header row repeated per page), in
    the official layout (``prongsai.documents.official_docx``); ``footer``: the audit head."""
    from prongsai.documents.official_docx import OfficialDocument

    doc = OfficialDocument(orientation="landscape")
    doc.footer_line(footer)
    if title:
        doc.paragraph(title, bold=True)
    headers = [header_text(key) for key in REQUIRED]
    for table_data in tables:
        if table_data.header:
            table = doc.table(headers, WORD_WIDTHS_CM)
        else:
            table = doc.document.add_table(rows=0, cols=len(REQUIRED))
            table.style = "Table Grid"
        for values in table_data.rows:
            doc.row(table, values)
        doc.fix_widths(table, WORD_WIDTHS_CM)
        doc.paragraph()
    return doc.to_bytes(title=title)


def plan_docx(assessment: Assessment, rows: QuerySet[PlanRow] | None = None) -> bytes:
    titles = indicator_titles(assessment)
    if rows is None:
        rows = PlanRow.objects.filter(assessment=assessment).prefetch_related("responsible_users")
    from prongsai.core.thai_dates import thai_digits

    title = thai_digits(
        f"มาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. {assessment.year} "
        f"ของ{assessment.unit.name_th}"
    )
    return word_tables_docx(
        plan_word_tables(list(rows), titles), title=title, footer=audit_head_line()
    )
